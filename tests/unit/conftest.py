"""Fixtures of the schedule tests (``test_schedule*.py``): a journal whose one clock the test
moves (``j``) and that clock (``clock``)."""

from tests.unit.schedule_support import clock, j  # noqa: F401
