"""Files that come back from the offices: the edited task table, filled progress forms.

Every row is validated first and errors are reported by row number; nothing is applied until
all rows are valid, and then all in one transaction (pretix's ``modelimport`` in small).
"""
