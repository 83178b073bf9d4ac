"""What the mentoring cycle means, as pure logic: cadences, dates and times, the meeting timeline,
the agenda, preparation, insight and the prompt library. No I/O beyond reading the packaged assets,
no Textual, no store: only ``domain``, ``errors``, the standard library and dateutil."""
