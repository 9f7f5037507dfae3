"""Atomic writes: what a killed writer leaves behind is cleaned up, and only that."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hria.files import fsutil
from hria.files.fsutil import atomic_write, remove_stale_temps

DEAD = 999_999_999  # above any pid_max: no such process
KILLED_MID_SAVE = """
import os, signal, sys
from pathlib import Path
from hria.files import fsutil

def die(fd):
    os.kill(os.getpid(), signal.SIGKILL)

fsutil.os.fsync = die  # the temp file is written; the process dies before the rename
fsutil.atomic_write(Path(sys.argv[1]), "half-saved\\n")
"""


def temps(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_kill_9_during_a_save_is_cleaned_up_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text("saved\n", encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_MID_SAVE, str(path)])
    assert writer.wait(timeout=30) == -9
    assert path.read_text(encoding="utf-8") == "saved\n", "the old file is intact"
    left = temps(tmp_path, path.name)
    assert len(left) == 1, left
    assert re.fullmatch(rf"\.a\.hria\.yaml\.{writer.pid}\.[0-9a-f]{{8}}\.tmp", left[0])
    atomic_write(path, "saved again\n")
    assert temps(tmp_path, path.name) == []
    assert path.read_text(encoding="utf-8") == "saved again\n"


def plant(folder: Path, name: str, age: float = 0.0) -> Path:
    path = folder / name
    path.write_text("partial", encoding="utf-8")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def test_only_our_abandoned_temps_of_that_file_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    alive = os.getppid()
    gone = [
        plant(tmp_path, f".a.hria.yaml.{DEAD}.0123abcd.tmp"),  # its writer is dead
        plant(tmp_path, f".a.hria.yaml.{alive}.0123abcd.tmp", age=120),  # far too old
        plant(tmp_path, ".a.hria.yaml.k3j_x9qz.tmp", age=120),  # an old mkstemp name
    ]
    kept = [
        plant(tmp_path, f".a.hria.yaml.{alive}.89abcdef.tmp"),  # a live writer, just now
        plant(tmp_path, ".a.hria.yaml.k3j_x9qz.tmp".replace("k3j", "abc")),  # mkstemp, young
        plant(tmp_path, f".b.hria.yaml.{DEAD}.0123abcd.tmp"),  # another file's
        plant(tmp_path, f".a.hria.yaml.{DEAD}.not-hex!.tmp"),  # not our pattern
        plant(tmp_path, ".a.hria.yaml.notes.tmp", age=120),
        plant(tmp_path, f"a.hria.yaml.{DEAD}.0123abcd.tmp"),  # not hidden
        plant(tmp_path, f".a.hria.yaml.{DEAD}.0123abcd.tmp.bak"),
    ]
    link = tmp_path / f".a.hria.yaml.{DEAD}.fedcba98.tmp"
    link.symlink_to(kept[0])
    kept.append(link)
    assert sorted(remove_stale_temps(path)) == sorted(gone)
    assert all(not p.exists() for p in gone)
    assert all(p.is_symlink() or p.exists() for p in kept)


def test_temps_of_another_user_are_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.hria.yaml"
    theirs = plant(tmp_path, f".a.hria.yaml.{DEAD}.0123abcd.tmp", age=120)
    if os.geteuid() == 0:
        os.chown(theirs, 65534, 65534)
    else:
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)
    assert remove_stale_temps(path) == []
    assert theirs.exists()


def test_a_save_cleans_up_once_per_file_and_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.hria.yaml"
    first = plant(tmp_path, f".a.hria.yaml.{DEAD}.0123abcd.tmp")
    atomic_write(path, "one\n")
    assert not first.exists()
    scans: list[Path] = []
    monkeypatch.setattr(fsutil, "remove_stale_temps", scans.append)
    atomic_write(path, "two\n")
    assert scans == [], "later saves do not scan the folder again"
    assert (path.stat().st_mode & 0o777) == 0o600
