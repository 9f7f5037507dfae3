"""File modes: a report is a document to circulate, so `hria report -o` writes it like any new
file of the user's (0666 less the umask); `--private` keeps it owner-only. Everything that
holds answers (assessments, skeletons, autosaves, conflict copies, backups, locks) stays 0600
whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from hria.cli import app
from hria.files.fsutil import SHARED, atomic_write_bytes
from hria.files.rewrite import rewrite
from hria.files.store import load_assessment, save
from hria.interview.lock import InterviewLock
from hria.interview.session import ConflictError, Session
from hria.models.bank import Bank
from tests.conftest import MINI, MINI_HEADER, ROOT
from tests.system_parts import need_pdf

runner = CliRunner()
EXAMPLE = ROOT / "assessments" / "on-device-verification.hria.yaml"
UMASKS = (0o022, 0o002, 0o027, 0o077, 0o000)
CLEAN = MINI_HEADER + (
    "answers:\n"
    "  basics.tech: {value: [gps]}\n"
    '  basics.law: {value: "yes", evidence: [Act 2025 s. 4]}\n'
    "  details.people: {value: 12}\n"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under the umask it is parametrised with, and restore the old one."""
    value: int = request.param
    old = os.umask(value)
    try:
        yield value
    finally:
        os.umask(old)


def hria(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def report(out: Path, *extra: str) -> None:
    result = hria("report", EXAMPLE, "--today", "2026-11-22", "-o", out, *extra)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 0


@pytest.mark.parametrize("umask", UMASKS, indirect=True)
@pytest.mark.parametrize("suffix", ["md", "html"])
def test_a_report_gets_the_mode_of_any_new_file(umask: int, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{suffix}"
    report(out)
    assert mode(out) == 0o666 & ~umask


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000], indirect=True)
@pytest.mark.parametrize("suffix", ["md", "html"])
def test_private_keeps_a_report_owner_only(suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{suffix}"
    report(out, "--private")
    assert mode(out) == 0o600


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("umask", [0o022], indirect=True)
def test_a_pdf_report_follows_the_same_modes(tmp_path: Path) -> None:
    need_pdf()
    shared, private = tmp_path / "shared.pdf", tmp_path / "private.pdf"
    report(shared)
    report(private, "--private")
    assert shared.read_bytes().startswith(b"%PDF")
    assert (mode(shared), mode(private)) == (0o644, 0o600)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("umask", [0o022], indirect=True)
def test_rewriting_a_report_sets_the_mode_afresh(tmp_path: Path) -> None:
    """The mode is the new file's, not the old one's: each write replaces the file whole."""
    out = tmp_path / "report.html"
    report(out, "--private")
    first = out.stat().st_ino
    report(out)
    assert mode(out) == 0o644
    assert out.stat().st_ino != first, "replaced by a rename, not rewritten in place"
    report(out, "--private")
    assert mode(out) == 0o600
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers


def test_private_without_a_file_is_refused() -> None:
    result = hria("report", EXAMPLE, "--private")
    assert result.exit_code == 2
    assert "--private applies to a file written with -o" in result.stderr
    assert result.stdout == ""


def test_report_help_documents_private() -> None:
    result = hria("report", "--help")
    assert "--private" in result.stdout
    assert "0600" in result.stdout


@pytest.mark.parametrize("loose", [0o002, 0o000])
def test_the_umask_of_a_real_process_decides(loose: int, tmp_path: Path) -> None:
    """The installed command, in its own process started under a loose umask."""
    shared, private = tmp_path / "shared.md", tmp_path / "private.md"
    assessment = tmp_path / "new.hria.yaml"
    env = {**os.environ, "HRIA_CACHE_DIR": str(tmp_path / "cache")}
    base = [sys.executable, "-m", "hria"]
    commands = [
        [*base, "report", str(EXAMPLE), "--today", "2026-11-22", "-o", str(shared)],
        [*base, "report", str(EXAMPLE), "--today", "2026-11-22", "-o", str(private), "--private"],
        [*base, "new", "--skeleton", str(assessment), "--bank", str(MINI)],
    ]
    for command in commands:
        done = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            preexec_fn=lambda: os.umask(loose),
        )
        assert done.returncode == 0, done.stderr
    assert mode(shared) == 0o666 & ~loose
    assert mode(private) == 0o600
    assert mode(assessment) == 0o600


# --- what holds answers stays owner-only -------------------------------------------------------


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("umask", [0o002, 0o000], indirect=True)
def test_assessments_stay_owner_only_under_a_loose_umask(tmp_path: Path, mini: Bank) -> None:
    skeleton = tmp_path / "skeleton.hria.yaml"
    assert hria("new", "--skeleton", skeleton, "--bank", MINI).exit_code == 0
    assert mode(skeleton) == 0o600

    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    loaded = load_assessment(path, mini)
    save(loaded.assessment, path, loaded.text)
    assert mode(path) == 0o600


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("umask", [0o002, 0o000], indirect=True)
def test_autosaves_conflict_copies_and_locks_stay_owner_only(tmp_path: Path, mini: Bank) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    loaded = load_assessment(path, mini)
    with Session(path, loaded.assessment, loaded.text) as session:
        lock = InterviewLock(path).path
        assert mode(lock) == 0o600
        session.save(loaded.assessment)
        assert mode(path) == 0o600
        path.write_text(CLEAN + "# changed by someone else\n", encoding="utf-8")
        with pytest.raises(ConflictError):
            session.save(loaded.assessment)
    mine = path.with_name(path.name + ".mine")
    assert mine.exists() and mode(mine) == 0o600


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("umask", [0o002], indirect=True)
def test_a_rewritten_file_and_its_backup_stay_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")

    def retitle(document: MutableMapping[str, Any]) -> None:
        metadata = document["metadata"]
        assert isinstance(metadata, dict)
        metadata["title"] = "Pilot, renamed"

    rewrite(path, retitle)
    backup = path.with_name(path.name + ".bak")
    assert backup.read_text(encoding="utf-8") == CLEAN
    assert (mode(path), mode(backup)) == (0o600, 0o600)


@pytest.mark.parametrize("umask", [0o002, 0o077], indirect=True)
def test_the_shared_mode_is_narrowed_by_the_umask_only(umask: int, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    atomic_write_bytes(path, b"text", mode=SHARED)
    assert mode(path) == 0o666 & ~umask
    atomic_write_bytes(path, b"text")
    assert mode(path) == 0o600
