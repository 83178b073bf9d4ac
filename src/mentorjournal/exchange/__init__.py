"""Files in and out of a journal: the JSON interchange format, the Markdown export and the
printable HTML made from it, the plan shared with a partner, calendar files (.ics), prompt
packs, other journal apps' exports brought in (``importers``), safe reading and atomic writing
of files, and escaping what is shown in a terminal or written as Markdown. Talks to the journal;
never to ``tui`` or ``cli``."""
