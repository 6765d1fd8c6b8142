"""The extraction engine: a pure library (no web, no database, no I/O beyond reading input).

    >>> from luoshi.extract import extract
    >>> plan = extract("2023年工作安排\\n实施重点技改项目160个以上。", year=2023)
    >>> t = plan.targets[0]
    >>> (t.metric, t.low, t.unit, t.comparator)
    ('重点技改项目', 160.0, '个', '>=')
"""

from .api import extract, extract_file, is_empty
from .errors import LuoshiError, NoPlanFound, UnreadableInput
from .model import Meta, Node, Plan, Quantity, Target

__all__ = [
    "extract", "extract_file", "is_empty", "LuoshiError", "NoPlanFound", "UnreadableInput",
    "Meta", "Node", "Plan", "Quantity", "Target",
]
