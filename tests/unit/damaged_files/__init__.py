"""Damaged, foreign, read-only and full journals: refused with one clear sentence, never changed."""
