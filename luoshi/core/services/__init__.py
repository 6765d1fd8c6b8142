"""Business operations of the tracker. Views, commands and the API call these; each checks
its preconditions, runs in one transaction, locks what it changes and saves with history.

Failures raise ``ServiceError`` subclasses with a message for the user; nothing is half-written.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refused operation; ``str(exc)`` is the message shown to the user."""


class Conflict(ServiceError):
    """Someone else changed the row since the user loaded it."""


class Forbidden(ServiceError):
    """The user may not do this."""
