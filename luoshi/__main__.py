"""``python -m luoshi`` is the ``luoshi`` command."""

from .cli import main

main()
