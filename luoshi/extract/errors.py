"""The few named failures of the engine.

Nothing found is not an error (an empty list); these are real failures, each with a
one-line message that the CLI and the web layer show as they are.
"""

from __future__ import annotations


class LuoshiError(Exception):
    """Base of every failure the engine reports to a user."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)


class UnreadableInput(LuoshiError):
    """The input cannot be read as a document: missing, a directory, empty, binary,
    too large, a broken .docx, a PDF without a text layer, an undecodable text."""


class NoPlanFound(LuoshiError):
    """The text was read, but it is not a work report: no plan and no figures in it."""


class NotConsecutive(LuoshiError):
    """A year-end review of two reports that are not one government's consecutive years."""
