"""The authentication backend: Django's, loading a session's user with its government and
department (and the department's government) in the one query every request makes: the page
header names them, and a reporter's own department page needs no query of its own."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        user = User.objects.select_related("government", "department__government").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
