"""Vocabulary of the engine as data tables (numerals, units, targets, …), compiled by the
modules that use them."""
