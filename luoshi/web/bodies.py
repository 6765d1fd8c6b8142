"""Rendered page bodies kept in the ``pages`` cache: a plan's dashboard and tree, a
department's page. The key names the plan's revision (``Plan.cache_key``), which every change
raises, so a body is never served after what it shows has changed; the language, the as-of
date and whatever else the body depends on are in the key too.

A body is rendered without the request: a form in it carries ``CSRF_MARK``, replaced by the
request's CSRF token on the way out. The page around it (header, messages) is rendered
each time.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Callable, Iterable

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

CSRF_MARK = "luoshi-csrf-token-placeholder"
log = logging.getLogger(__name__)


def body(request: HttpRequest, parts: Iterable[object], render: Callable[[], str]) -> SafeString:
    """The cached body named by ``parts`` (plus the language), or ``render()`` kept for next time.
    A cache that cannot be read or written (a full disk, a directory made read-only) costs the
    rendering, never the page: each failure is logged and the body rendered."""
    name = "\x1f".join(map(str, (*parts, get_language())))
    key = "body:" + hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
    try:
        cache = caches["pages"]  # a file cache makes its directory here
        html = cache.get(key)
    except OSError as exc:
        log.warning("page cache unreadable: %s", exc)
        cache, html = None, None
    if html is None:
        html = str(render())
        try:
            if cache is not None:
                cache.set(key, html)
        except OSError as exc:
            log.warning("page cache unwritable: %s", exc)
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    return mark_safe(html)  # rendered by our templates and rows


class FileCache(FileBasedCache):
    """Django's file cache (of page bodies, of sessions), which lists its whole directory on
    every ``set`` to see whether it is full: here one ``set`` in ``CULL_EVERY`` does (the
    directory holds thousands of entries, and old revisions' bodies are only ever removed by
    culling)."""

    CULL_EVERY = 50

    def _cull(self) -> None:
        if random.randrange(self.CULL_EVERY) == 0:
            super()._cull()
