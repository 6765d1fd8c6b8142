"""A write that could not get the database in time is a 503 with ``Retry-After``, never a 500.

On SQLite every transaction takes the write lock when it begins and waits for it up to the
busy timeout (settings: ``transaction_mode`` IMMEDIATE, ``timeout``); a wait that runs out
raises ``OperationalError: database is locked``. On PostgreSQL the same holds for a deadlock
the server broke or a serialization failure. Nothing was written (the transaction was rolled
back), so the client may simply send the request again: the API answers JSON
``{"detail": …}``, the pages a short page saying so.

Three places turn such an error into that answer: ``DatabaseBusy`` (the pages' views), the
API's exception handler (``luoshi.api.api``) and ``server_error`` (the ``handler500`` of
``luoshi.urls``, for what fails outside a view, such as the session saved after it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

RETRY_AFTER = 2  # seconds; a lock is held for milliseconds, a queue of writers clears in seconds
MARKS = ("database is locked", "database table is locked", "deadlock detected",
         "could not serialize access")


def is_busy(exc: BaseException | None) -> bool:
    """The database refused for now (a lock not granted in time), not for good."""
    return isinstance(exc, OperationalError) and any(m in str(exc) for m in MARKS)


def busy_message() -> str:
    return _("The database is busy with other changes; nothing was saved. Please try again in a few seconds.")


def busy_response(request: HttpRequest) -> HttpResponse:
    message = busy_message()
    response: HttpResponse
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(f'<!doctype html><html><head><meta charset="utf-8"><title>503</title></head>'
                                f"<body><h1>503</h1><p>{escape(message)}</p></body></html>", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


class DatabaseBusy:
    """Middleware: a view that raised a lock error answers 503 with ``Retry-After``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return busy_response(request) if is_busy(exception) else None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: a lock error raised outside a view (a middleware) is still a 503."""
    if is_busy(sys.exc_info()[1]):
        return busy_response(request)
    return django_server_error(request, template_name)
