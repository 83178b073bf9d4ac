"""``python -m mentorjournal``."""

from mentorjournal.cli import main

raise SystemExit(main())
