"""luoshi (落实): read a government work report, extract its plan and targets, track them."""

__version__ = "0.1.0"
