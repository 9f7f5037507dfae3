"""The cache is trusted only when this user wrote it: its folder is 0700, and a folder or an
entry that someone else wrote (or could have) is not used, with one warning."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

import hria.bank.cache as cache
from hria.bank.cache import CacheWarning
from hria.bank.load import load_bank
from hria.domain.engine import assess
from hria.domain.verdict import DO_NOT_DEPLOY
from hria.files.store import load_assessment
from hria.report.build import build_report
from hria.report.render import ReportFormat
from tests.conftest import MINI, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX ownership and modes")
RED_LINE_CASE = ROOT / "assessments" / "live-frt-public-square.hria.yaml"
TODAY = dt.date(2026, 11, 22)
Untrust = Callable[[Path], None]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test, in a process that has not warned or refused anything."""
    monkeypatch.setenv("HRIA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_warned", False)
    monkeypatch.setattr(cache, "_refused", set())
    return tmp_path / "cache"


def group_writable(path: Path) -> None:
    path.chmod(0o666 if path.is_file() else 0o777)


def someone_elses(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(path, 65534, 65534)


UNTRUSTED = pytest.mark.parametrize("untrust", [group_writable, someone_elses])


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import hria.files.yamlio as yamlio

    real = yamlio.parse

    calls: list[str] = []

    def counting(text: str, name: str, kind: str) -> object:
        calls.append(name)
        return real(text, name, kind)

    monkeypatch.setattr(yamlio, "parse", counting)
    return calls


@contextlib.contextmanager
def warned() -> Iterator[list[str]]:
    """Every CacheWarning raised inside, even repeated ones (no filter de-duplicates them)."""
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield messages
    for warning in caught:
        assert issubclass(warning.category, CacheWarning), warning
        messages.append(str(warning.message))


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_umask_000_still_gives_an_owner_only_folder(folder: Path) -> None:
    old = os.umask(0)
    try:
        load_bank.__wrapped__(MINI)
    finally:
        os.umask(old)
    assert mode(folder) == 0o700
    entries = list(folder.iterdir())
    assert entries and all(mode(e) == 0o600 for e in entries)


def test_a_folder_only_readable_by_others_is_tightened_and_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    load_bank.__wrapped__(MINI)
    calls = parses(monkeypatch)
    load_bank.__wrapped__(MINI)
    assert mode(folder) == 0o700
    assert calls == [], "served from the cache, without a warning"


@UNTRUSTED
def test_an_untrusted_folder_is_not_used_and_warned_about_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch, untrust: Untrust
) -> None:
    load_bank.__wrapped__(MINI)
    untrust(folder)
    calls = parses(monkeypatch)
    with warned() as caught:
        load_bank.__wrapped__(MINI)
        load_bank.__wrapped__(MINI)
        assert len(calls) == 10, "every file is parsed afresh, each time"
        build_report(load_bank.__wrapped__(None), RED_LINE_CASE, ReportFormat.MD, TODAY)
    assert len(caught) == 1, caught
    assert str(folder) in caught[0]
    assert not list(folder.glob("jinja-*")), "no template is cached there either"


def _drop_objects(folder: Path) -> None:
    """Remove the cached whole banks, so that the next load reads the parsed files."""
    for entry in folder.glob("bank-*.pickle"):
        entry.unlink()


@UNTRUSTED
def test_a_tampered_entry_cannot_change_a_verdict(folder: Path, untrust: Untrust) -> None:
    def verdict() -> str:
        bank = load_bank.__wrapped__(None)
        return assess(bank, load_assessment(RED_LINE_CASE, bank).assessment, TODAY).verdict.text

    assert verdict() == DO_NOT_DEPLOY
    tampered = []
    for entry in folder.glob("bank-*.json"):
        text = entry.read_text(encoding="utf-8")
        if '"red_line"' in text:
            entry.write_text(text.replace('"red_line"', '"medium"'), encoding="utf-8")
            tampered.append(entry)
    assert tampered
    _drop_objects(folder)
    assert verdict() != DO_NOT_DEPLOY, "the tampering works when the entry is the user's own"
    for entry in tampered:
        untrust(entry)
    _drop_objects(folder)
    with warned() as caught:
        assert verdict() == DO_NOT_DEPLOY
    assert len(caught) == 1 and "written by someone else" in caught[0]


@UNTRUSTED
def test_a_planted_bank_object_is_not_loaded(
    folder: Path, tmp_path: Path, untrust: Untrust
) -> None:
    load_bank.__wrapped__(MINI)
    (entry,) = folder.glob("bank-*.pickle")
    marker = tmp_path / "ran"
    entry.write_bytes(pickle.dumps(_Planted(marker), 2))
    load_bank.__wrapped__(MINI)
    assert marker.is_dir(), "the planted entry runs when it is the user's own"
    marker.rmdir()
    entry.write_bytes(pickle.dumps(_Planted(marker), 2))
    untrust(entry)
    with warned() as caught:
        bank = load_bank.__wrapped__(MINI)
    assert not marker.exists(), "the planted code did not run"
    assert len(caught) == 1 and bank.questions


def test_the_whole_bank_is_served_from_the_cache_until_a_file_changes(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    bank_dir = tmp_path / "bank"
    shutil.copytree(MINI, bank_dir)
    first = load_bank.__wrapped__(bank_dir)
    calls = parses(monkeypatch)
    again = load_bank.__wrapped__(bank_dir)
    assert calls == [] and again == first, "no file parsed, the same bank"
    manifest = bank_dir / "bank.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    load_bank.__wrapped__(bank_dir)
    assert calls == [str(manifest)], "only the changed file is parsed again"
    assert len(list(folder.glob("bank-*.pickle"))) == 1, "the old bank's entry is replaced"


def test_a_damaged_bank_object_is_rebuilt(folder: Path) -> None:
    first = load_bank.__wrapped__(MINI)
    (entry,) = folder.glob("bank-*.pickle")
    entry.write_bytes(b"\x80\x05 not a pickle")
    assert load_bank.__wrapped__(MINI) == first
    assert isinstance(pickle.loads(entry.read_bytes()), type(first)), "written anew"


class _Planted:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def _payload(marker: Path) -> bytes:
    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str, int, bool]]:
            return (os.makedirs, (str(marker), 0o777, True))  # once per template entry

    return bc_magic + pickle.dumps(Planted(), 2)


@UNTRUSTED
def test_a_planted_bytecode_entry_is_not_loaded(
    folder: Path, tmp_path: Path, untrust: Untrust
) -> None:
    bank = load_bank.__wrapped__(None)
    report = build_report(bank, RED_LINE_CASE, ReportFormat.MD, TODAY)
    entries = list(folder.glob("jinja-*.cache"))
    assert entries, "templates were compiled into the cache"
    marker = tmp_path / "ran"
    for entry in entries:
        entry.write_bytes(_payload(marker))
    assert build_report(bank, RED_LINE_CASE, ReportFormat.MD, TODAY) == report
    assert marker.is_dir(), "the planted entry runs when it is the user's own"
    marker.rmdir()
    for entry in entries:
        entry.write_bytes(_payload(marker))
        untrust(entry)
    with warned() as caught:
        assert build_report(bank, RED_LINE_CASE, ReportFormat.MD, TODAY) == report
    assert not marker.exists(), "the planted code did not run"
    assert len(caught) == 1


def test_the_cli_prints_the_warning_once_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    env = {**os.environ, "HRIA_CACHE_DIR": str(folder)}
    result = subprocess.run(
        [sys.executable, "-m", "hria", "report", str(RED_LINE_CASE), "--today", "2026-11-22"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert lines == [
        f"warning: the cache folder {folder} was writable by others (now 0700 and emptied); "
        "running without it"
    ]
    assert "Do not deploy" in result.stdout or "do not deploy" in result.stdout
