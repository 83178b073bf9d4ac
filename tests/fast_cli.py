"""The command line as the tests' subprocesses run it: ``python -m tests.fast_cli ARGS``.

The same as ``python -m mentorjournal ARGS`` but with the fast, test-only KDF asked for
explicitly (``cli.main(kdf=...)``), so these processes may open the journals the tests make with
it. ``PRELUDE`` does the same for a ``python -c`` script that opens such a journal itself.
"""

from __future__ import annotations

PRELUDE = (
    "from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf\n"
    "permit_test_kdf(FAST_KDF_FOR_TESTS)\n"
)

if __name__ == "__main__":
    from mentorjournal.cli import main
    from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

    raise SystemExit(main(kdf=FAST_KDF_FOR_TESTS))
