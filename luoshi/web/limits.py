"""A bounded budget for reading uploaded reports: at most ``MAX_EXTRACTIONS`` at once across
all the server's processes, each of a text of at most ``MAX_REPORT_CHARS`` characters.

The engine needs about 12 times a text's UTF-8 size at its peak (bench/memory.py), a PDF's
reader more; a few big uploads at once could take a small server's memory. Each extraction
holds one of ``MAX_EXTRACTIONS`` slots, a lock file under ``EXTRACTION_LOCK_DIR`` locked with
``flock`` (shared by the processes of gunicorn, released by the system when a process dies);
an upload that finds every slot taken is answered 503 with ``Retry-After`` straight away, not
queued behind the others in a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.conf import settings

try:
    import fcntl
except ImportError:  # not on Windows: the slots are then per process
    fcntl = None  # type: ignore[assignment]

RETRY_AFTER = 10  # seconds: a report of the largest size allowed takes about this long
_local = threading.Lock()
_local_busy: set[int] = set()


def _acquire() -> tuple[int, IO[bytes] | None] | None:
    """A free slot (its number and its locked file), or None."""
    folder = Path(settings.EXTRACTION_LOCK_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(max(1, int(settings.MAX_EXTRACTIONS))):
        with _local:  # this process's threads (and the only bound where there is no flock)
            if i in _local_busy:
                continue
            _local_busy.add(i)
        if fcntl is None:
            return i, None
        f = open(folder / f"extraction-{i}.lock", "a+b")  # noqa: SIM115 (closed by the caller)
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another process holds it
            f.close()
            with _local:
                _local_busy.discard(i)
            continue
        return i, f
    return None


@contextmanager
def extraction_slot() -> Iterator[bool]:
    """``with extraction_slot() as got:`` — ``got`` is False when every slot is taken."""
    held = _acquire()
    if held is None:
        yield False
        return
    i, f = held
    try:
        yield True
    finally:
        if f is not None:
            f.close()  # releases the lock
        with _local:
            _local_busy.discard(i)
