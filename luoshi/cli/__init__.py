"""The ``luoshi`` command. It only parses options, calls the library and prints.

Library failures (``LuoshiError``) become one line on stderr and exit status 2, here and
nowhere else. The group and its error handling live here; each topic's commands live in a
module of this package (``engine``: extract, quantities; ``tracker``: import, demo, run,
manage), imported at the bottom so that they register on ``main``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..extract.errors import LuoshiError

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn the engine's named failures into one clear line and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LuoshiError as exc:
            click.echo(f"luoshi: error: {exc}", err=True)
            sys.exit(2)
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(1)
        except Exception as exc:  # a bug: still no traceback for the user
            if os.environ.get("LUOSHI_DEBUG"):
                raise
            click.echo(f"luoshi: internal error: {type(exc).__name__}: {exc} (set LUOSHI_DEBUG=1 for details)",
                       err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="luoshi")
def main() -> None:
    """luoshi (落实): read a government work report and track its targets."""


def django_setup() -> None:
    """Set up the tracker (Django) for a command that needs the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


from . import engine, ops, panel, review, supervision, tracker  # noqa: E402,F401  (each registers its commands on main)
