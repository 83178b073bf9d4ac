"""What a person sees if the app meets an error it did not expect.

Textual's own crash report prints local variables, which may hold decrypted text; ours says
only this, and nothing else is written anywhere.
"""

CRASH_MESSAGE = (
    "MentorJournal met an unexpected problem and closed. Everything saved up to the last "
    "few seconds is safe in your encrypted journal; no part of it was printed or written "
    "anywhere else. Please open it again."
)
