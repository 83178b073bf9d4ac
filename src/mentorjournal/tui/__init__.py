"""The terminal interface (Textual). Talks to ``Journal`` only, never to the store."""
