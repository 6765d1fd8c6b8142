"""Running the tracker for real: ``luoshi serve`` (gunicorn), ``luoshi backup`` and ``luoshi restore``."""

from __future__ import annotations

import os
from typing import Any

import click

from . import django_setup, handle_errors, main, migrate


def _default_workers() -> int:
    return min((os.cpu_count() or 1) + 1, 8)  # bench/web.py: 3 on 2 cores beat 2 and 4


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (a proxy in front).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=_default_workers, show_default="cores + 1, at most 8", type=click.IntRange(1, 64),
              help="Server processes.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per process (a slow upload then holds one thread, not a process).")
@click.option("--timeout", default=120, show_default=True, type=click.IntRange(10, 3600),
              help="Seconds before a request that does not finish has its process restarted.")
@handle_errors
def serve(host: str, port: int, workers: int, threads: int, timeout: int) -> None:
    """Migrate the database and serve the tracker with gunicorn (the production server).

    Put a TLS proxy (nginx, caddy) in front and set LUOSHI_HTTPS=1; see docs/operator.md."""
    django_setup()
    migrate()
    from django.db import connections

    connections.close_all()  # the processes forked below open their own
    from gunicorn.app.base import BaseApplication

    options: dict[str, Any] = {
        "bind": f"{host}:{port}", "workers": workers, "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync", "timeout": timeout, "graceful_timeout": 30,
        "keepalive": 5, "backlog": 256,
        # a worker is replaced after this many requests: what a big upload's extraction took
        # from the allocator goes back to the system
        "max_requests": 2000, "max_requests_jitter": 200,
        "preload_app": True, "accesslog": "-", "errorlog": "-", "loglevel": "info",
        "limit_request_line": 8190,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from ..wsgi import application

            return application

    click.echo(f"luoshi serve: http://{host}:{port}/ ({workers} processes × {threads} threads)", err=True)
    Server().run()


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} KB"


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=str))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@handle_errors
def backup(file: str, force: bool) -> None:
    """Write the database and the uploaded files to one archive (FILE, .tar.gz).

    SQLite is copied with its online backup API while the server runs; PostgreSQL with
    pg_dump (its client programs must be installed)."""
    from ..extract.errors import LuoshiError

    if os.path.exists(file) and not force:
        raise LuoshiError(file, "exists; pass --force to replace it")
    django_setup()
    from ..core.services import ServiceError
    from ..core.services.backup import backup as write_backup

    try:
        s = write_backup(file)  # type: ignore[arg-type]
    except ServiceError as exc:
        raise LuoshiError("", str(exc)) from exc
    click.echo(f"backed up {s.vendor}: {s.rows:,} rows in {s.tables} tables, {s.files} files → {s.path} "
               f"({_size(s.bytes)})")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--force", is_flag=True, help="Replace the current data without asking.")
@handle_errors
def restore(file: str, force: bool) -> None:
    """Replace the database and the uploaded files by those of a backup made by `luoshi backup`.

    Stop the server first. A database holding data is replaced only with --force or when you
    confirm at the prompt."""
    django_setup()
    from ..core.services import ServiceError
    from ..core.services.backup import is_empty, read_manifest
    from ..core.services.backup import restore as read_backup
    from ..extract.errors import LuoshiError

    try:
        manifest = read_manifest(file)  # type: ignore[arg-type]
        if not force and not is_empty():
            prompt = (f"The database holds data; replace it and the uploaded files by the backup of "
                      f"{manifest['created']}?")
            if not (click.get_text_stream("stdin").isatty() and click.confirm(prompt, err=True)):
                raise LuoshiError(file, "the database holds data: nothing restored (pass --force to replace it)")
        s = read_backup(file)  # type: ignore[arg-type]
    except ServiceError as exc:
        raise LuoshiError("", str(exc)) from exc
    migrate()  # a backup made by an older luoshi gets this one's schema
    click.echo(f"restored the backup of {manifest['created']}: {s.rows:,} rows in {s.tables} tables, "
               f"{s.files} files")
