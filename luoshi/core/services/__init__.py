"""Business operations of the tracker. Views, commands and the API call these; each checks
its preconditions, runs in one transaction, locks what it changes and saves with history.

Failures raise ``ServiceError`` subclasses with a message for the user; nothing is half-written.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused operation; ``str(exc)`` is the message shown to the user."""


class Conflict(ServiceError):
    """Someone else changed the row since the user loaded it."""


class Forbidden(ServiceError):
    """The user may not do this."""


def save_as(obj: Any, user: Any, reason: str | None = None) -> None:
    """Save ``obj`` so that its history row names ``user`` (django-simple-history reads
    ``_history_user``; without it only a web request's user would be recorded)."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()


def delete_as(obj: Any, user: Any, reason: str | None = None) -> None:
    """Delete ``obj`` one row at a time so that its history row names ``user``."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.delete()
