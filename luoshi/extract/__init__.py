"""The extraction engine: a pure library (no web, no database, no I/O beyond reading input)."""
