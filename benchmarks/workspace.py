"""The benchmark's work folder: the journals (built once, real key derivation) and an encrypted jrnl
journal of the same text in its own virtual environment.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import generate as gen
from benchmarks.measuring import clean_env

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "mentorjournal-bench"


DEFAULT_JRNL_VENV = Path(tempfile.gettempdir()) / "jrnl-venv"


OTHER_PASSPHRASE = "second benchmark lantern meadow gravel"


@dataclass
class Work:
    root: Path
    jrnl_venv: Path

    @property
    def realistic(self) -> Path:
        return self.root / "realistic.db"

    @property
    def heavy(self) -> Path:
        return self.root / "heavy.db"

    @property
    def heavy_text(self) -> Path:
        return self.root / "heavy-jrnl.txt"

    @property
    def jrnl_home(self) -> Path:
        return self.root / "jrnl"

    @property
    def jrnl_journal(self) -> Path:
        return self.jrnl_home / "heavy.jrnl"

    @property
    def jrnl(self) -> Path:
        return self.jrnl_venv / "bin" / "jrnl"

    def jrnl_env(self) -> dict[str, str]:
        home = self.jrnl_home
        return clean_env(
            HOME=str(home / "home"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            # No keyring here: jrnl asks for the password at its prompt, like a person's.
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )


def prepare(work: Work, *, need_jrnl: bool, seed: int = gen.SEED) -> None:
    work.root.mkdir(parents=True, exist_ok=True)
    meta_path = work.root / "meta.json"
    meta = {"generator": gen.GENERATOR_VERSION, "seed": seed, "entries": gen.HEAVY_ENTRIES}
    if meta_path.exists() and json.loads(meta_path.read_text()) != meta:
        print("  the generator changed: building the journals again", flush=True)
        for p in (work.realistic, work.heavy, work.heavy_text, work.jrnl_journal):
            p.unlink(missing_ok=True)
    meta_path.write_text(json.dumps(meta))
    for kind, path in (("realistic", work.realistic), ("heavy", work.heavy)):
        if not path.exists():
            print(f"  building the {kind} journal (default KDF) …", flush=True)
            part = path.with_name(path.name + ".part")
            part.unlink(missing_ok=True)
            began = time.perf_counter()
            gen.generate(kind, part, seed=seed)
            part.rename(path)
            print(f"    {path} in {time.perf_counter() - began:.1f} s", flush=True)
    if not work.heavy_text.exists():
        gen.write_jrnl_text(work.heavy_text, seed)
    if need_jrnl:
        prepare_jrnl(work)


def to_yaml(data: dict[str, Any], indent: int = 0) -> str:
    """A small YAML writer for jrnl's config (mappings, strings, booleans, numbers)."""
    out = []
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:\n{to_yaml(value, indent + 2)}")
        elif isinstance(value, bool):
            out.append(f"{pad}{key}: {'true' if value else 'false'}\n")
        elif isinstance(value, int):
            out.append(f"{pad}{key}: {value}\n")
        else:
            quoted = str(value).replace("'", "''")
            out.append(f"{pad}{key}: '{quoted}'\n")
    return "".join(out)


def prepare_jrnl(work: Work) -> None:
    if not work.jrnl.exists():
        print(f"  installing jrnl from PyPI into {work.jrnl_venv} …", flush=True)
        base = shutil.which("python3") or sys.executable
        subprocess.run([base, "-m", "venv", str(work.jrnl_venv)], check=True)
        subprocess.run([str(work.jrnl_venv / "bin" / "pip"), "install", "-q", "jrnl"], check=True)
    jpy = str(work.jrnl_venv / "bin" / "python")
    version = subprocess.run(
        [jpy, "-c", "from jrnl import __version__; print(__version__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    config_dir = work.jrnl_home / "config" / "jrnl"
    config_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("home", "data"):
        (work.jrnl_home / sub).mkdir(exist_ok=True)
    config = {
        "version": version,
        "journals": {"default": {"journal": str(work.jrnl_journal), "encrypt": True}},
        "editor": "",
        "encrypt": True,
        "template": False,
        "default_hour": 9,
        "default_minute": 0,
        "timeformat": "%F %r",
        "tagsymbols": "#@",
        "highlight": True,
        "linewrap": 79,
        "indent_character": "|",
        "colors": {"body": "none", "date": "none", "tags": "none", "title": "none"},
    }
    # YAML, not JSON: jrnl takes a JSON config for jrnl 1.x's and offers to upgrade it.
    (config_dir / "jrnl.yaml").write_text(to_yaml(config))
    if not work.jrnl_journal.exists():
        print("  encrypting the heavy text as a jrnl journal (jrnl's own v3 encryption) …")
        script = (
            "import os, sys\n"
            "from jrnl.encryption import determine_encryption_method_for_writing\n"
            "cls = determine_encryption_method_for_writing(True)\n"
            "enc = cls('default', {})\n"
            "enc.password = os.environ['BENCH_PASSWORD']\n"
            "text = open(sys.argv[1], encoding='utf-8').read()\n"
            "open(sys.argv[2], 'wb').write(enc.encrypt(text))\n"
        )
        part = work.jrnl_journal.with_name(work.jrnl_journal.name + ".part")
        subprocess.run(
            [jpy, "-c", script, str(work.heavy_text), str(part)],
            check=True,
            env={**work.jrnl_env(), "BENCH_PASSWORD": gen.PASSPHRASE},
        )
        part.rename(work.jrnl_journal)
