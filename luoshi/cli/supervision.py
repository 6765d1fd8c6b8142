"""The 督办 commands: ``luoshi remind`` (daily, from cron or a systemd timer)."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click

from . import django_setup, handle_errors, main, migrate

KINDS = {"reminder": "提醒", "chase": "催办", "escalation": "提级督办"}


@main.command()
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day to remind as of, YYYY-MM-DD (default: today).")
@click.option("--dry-run", is_flag=True, help="List the notices due without sending or recording any.")
@click.option("--plan", "plan_id", type=int, default=None, help="Only this plan (id); default: every plan with a cycle.")
@handle_errors
def remind(as_of: datetime | None, dry_run: bool, plan_id: int | None) -> None:
    """Send the reminders, 催办 and escalations due (idempotent: nothing is sent twice)."""
    django_setup()
    migrate()
    from django.utils import timezone

    from ..core.models import Plan
    from ..extract.errors import LuoshiError
    from ..supervision.remind import remind as run

    day: date = as_of.date() if as_of else timezone.localdate()
    plans = None
    if plan_id is not None:
        plans = list(Plan.objects.filter(pk=plan_id).select_related("government"))
        if not plans:
            raise LuoshiError(f"plan {plan_id}", "no such plan")
    result = run(day, dry_run=dry_run, plans=plans, stream=sys.stderr)  # emails printed by the console backend
    for b in result.batches:
        to = ", ".join(b.recipients) if b.recipients else "no email address (inbox only)"
        if b.error:
            to += f" — email failed: {b.error}"
        click.echo(f"{KINDS[b.kind]} {b.period.label} (due {b.period.due}): {b.department.name}, "
                   f"{len(b.targets)} target{'s' if len(b.targets) != 1 else ''}; {to}")
    departments = len({b.department.pk for b in result.batches})
    verb = "would send" if dry_run else "sent"
    click.echo(f"{day}: {verb} {result.count} notice{'s' if result.count != 1 else ''} to {departments} "
               f"department{'s' if departments != 1 else ''}; {result.already} sent before"
               + (" (dry run: nothing sent or recorded)" if dry_run else ""))
