"""Run a command and write its peak resident memory (and exit code) to a file, as JSON.

``python benchmarks/rss.py OUT.json COMMAND [ARGS…]`` — used inside tmux, where the benchmark
cannot wait for the process itself. The command keeps this terminal; only its own process is
measured (``wait4``'s rusage of that one child), not this wrapper. The child's pid is written to
``OUT.json.pid`` at once, so its memory can also be read from /proc while it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    out, cmd = argv[0], argv[1:]
    began = time.perf_counter()
    proc = subprocess.Popen(cmd)
    with open(out + ".pid", "w") as fh:
        fh.write(str(proc.pid))
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    tmp = out + ".part"
    with open(tmp, "w") as fh:
        json.dump(
            {
                "maxrss_kib": usage.ru_maxrss,
                "returncode": proc.returncode,
                "wall_s": time.perf_counter() - began,
            },
            fh,
        )
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
