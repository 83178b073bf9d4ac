"""Hypothesis fuzzing of every text field, dates and times, repeat rules and the import format."""
