"""luoshi (落实): read a government work report, extract its plan and targets, track them.

The engine's API is re-exported here: ``luoshi.extract(text, year=…)`` and
``luoshi.extract_file(path, year=…)`` return a ``Plan``; ``Plan.to_json()`` is exactly
what ``luoshi extract FILE --format json`` prints.
"""

from .extract import (
    LuoshiError,
    Meta,
    Node,
    NoPlanFound,
    Plan,
    Quantity,
    Target,
    UnreadableInput,
    extract,
    extract_file,
)

__version__ = "0.1.0"

__all__ = [
    "extract", "extract_file", "LuoshiError", "NoPlanFound", "UnreadableInput",
    "Meta", "Node", "Plan", "Quantity", "Target", "__version__",
]
