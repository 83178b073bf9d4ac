"""Benchmarks for MentorJournal: synthetic journals and one command that measures them.

``python -m benchmarks.generate`` builds a journal; ``python -m benchmarks.run`` measures.
See docs/benchmarks.md for the results and how they were made.
"""
