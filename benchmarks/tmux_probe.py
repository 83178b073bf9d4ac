"""A real terminal for the benchmark: programs started in tmux panes, watched through one
control-mode client, with keys sent as a person would type them.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.measuring import POLL_S, clean_env

TERM_SIZE = ("100", "32")


class Tmux:
    """One tmux server and one pane, to start programs in and read the screen of.

    The screen is read (and keys sent) through one control-mode client (``tmux -C``) kept open
    for the whole run: polling by starting a ``tmux capture-pane`` process every few
    milliseconds would itself take a good part of a core from the program being measured.
    """

    def __init__(self, socket: Path, size: tuple[str, str] = TERM_SIZE) -> None:
        self.base = ["tmux", "-S", str(socket)]
        self.target = "bench:0.0"
        socket.unlink(missing_ok=True)
        env = clean_env()
        subprocess.run(
            [*self.base, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", size[0]]
            + ["-y", size[1], "sleep 1000000"],
            check=True,
            env=env,
        )
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("set-option", "-g", "status", "off")
        self.tmux("set-option", "-g", "window-size", "manual")
        self.control = subprocess.Popen(
            [*self.base, "-C", "attach-session", "-t", "bench", "-f", "no-output,ignore-size"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.command("display-message -p ready")  # the client is attached and answering

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], check=True, capture_output=True, text=True
        ).stdout

    def command(self, line: str) -> str:
        """One command through the control client; its output (between %begin and %end)."""
        assert self.control.stdin is not None and self.control.stdout is not None
        self.control.stdin.write(line + "\n")
        self.control.stdin.flush()
        out: list[str] = []
        inside = False
        for raw in self.control.stdout:
            text = raw.rstrip("\n")
            if not inside:
                # A reply to a command this client sent ends in flag 1 (the attach itself and
                # notifications do not).
                inside = text.startswith("%begin ") and text.endswith(" 1")
                continue
            if text.startswith(("%end ", "%error ")):
                if text.startswith("%error "):
                    raise RuntimeError(f"tmux refused {line!r}: {' '.join(out)}")
                return "\n".join(out) + "\n"
            out.append(text)
        raise RuntimeError("the tmux control client went away")

    def screen(self) -> str:
        return self.command(f"capture-pane -p -t {self.target}")

    def reset(self) -> None:
        """An empty pane running nothing of interest."""
        self.tmux("respawn-pane", "-k", "-t", self.target, "exec sleep 1000000")
        self.tmux("clear-history", "-t", self.target)
        deadline = time.monotonic() + 5
        while self.screen().strip() and time.monotonic() < deadline:
            time.sleep(0.02)

    def launch(self, cmd: Sequence[str | Path], **env: str) -> float:
        """Start ``cmd`` in the pane (killing what ran there); returns the time just before."""
        line = shlex.join(
            ["env", "TERM=xterm-256color", "COLORTERM=truecolor"]
            + [f"{k}={v}" for k, v in env.items()]
            + [str(c) for c in cmd]
        )
        began = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", self.target, line)
        return began

    def wait_for(
        self,
        pattern: str,
        *,
        timeout: float = 60.0,
        fail: Sequence[str] = (),
        gone: str | None = None,
    ) -> float:
        """Poll the screen every ~5 ms until ``pattern`` (a regex) shows (and ``gone``, a regex,
        no longer does); returns the time the capture that first showed it came back (so at
        most one poll late)."""
        rx = re.compile(pattern)
        away = re.compile(gone) if gone else None
        deadline = time.perf_counter() + timeout
        shown = ""
        while time.perf_counter() < deadline:
            shown = self.screen()
            seen = time.perf_counter()
            if rx.search(shown) and not (away and away.search(shown)):
                return seen
            for bad in fail:
                if bad in shown:
                    raise RuntimeError(f"{bad!r} showed instead of {pattern!r}:\n{shown}")
            time.sleep(POLL_S)
        raise TimeoutError(f"{pattern!r} never showed; the screen was:\n{shown}")

    def type(self, text: str) -> float:
        if "'" in text or "\n" in text:
            raise ValueError(f"cannot type {text!r} through tmux's command parser")
        began = time.perf_counter()
        self.command(f"send-keys -t {self.target} -l '{text}'")
        return began

    def key(self, *names: str) -> float:
        began = time.perf_counter()
        self.command(f"send-keys -t {self.target} {' '.join(names)}")
        return began

    def close(self) -> None:
        if self.control.poll() is None:
            assert self.control.stdin is not None
            self.control.stdin.close()
            self.control.wait(5)
        subprocess.run([*self.base, "kill-server"], capture_output=True)
