"""``--help`` says what running the command with no COMMAND does (issue 12, point 18)."""

from __future__ import annotations

import pytest

from mentorjournal.cli import main


def test_help_says_that_no_command_opens_the_journal(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    words = " ".join(capsys.readouterr().out.split())
    assert "With no COMMAND it opens the journal in the terminal app" in words
