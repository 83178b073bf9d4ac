"""Files in and out of a journal: the JSON interchange format, the Markdown export, the plan shared
with a partner, calendar files (.ics), prompt packs, safe reading and atomic writing of files, and
escaping what is shown in a terminal. Talks to the journal; never to ``tui`` or ``cli``."""
