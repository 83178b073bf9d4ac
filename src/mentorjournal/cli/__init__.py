"""The command line: ``mentorjournal [command]``.

``entry``: the parser and ``main``; ``commands``: one function per command; ``inputs``: the
journal's path and secrets from the environment or the terminal; ``demo``: the sample journal.
"""

from mentorjournal.cli.entry import main

__all__ = ["main"]
