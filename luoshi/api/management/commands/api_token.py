"""``luoshi manage api_token USERNAME [--name NAME]``: make an API token and print it (once)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for a user and print it (it is not shown again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        if not user.is_active:
            raise CommandError(f"user {user.username} is not active")
        _, raw = ApiToken.issue(user, options["name"])
        self.stdout.write(raw)
