"""A bounded slice of the fuzz campaign (bench/fuzz.py runs the full one).

Mutants of the bundled examples must never make `hria check` crash (exit 3) or print a
traceback, and every error line must start with the file's name. Crashes are split by stage:
`test_fuzz_check_level` covers validation, evaluation and output, and must pass;
`test_fuzz_parse_level` covers the YAML and JSON readers in hria.files and is expected to
fail until they refuse what they cannot read (impossible dates, bad scalar tags, huge
integers...). HRIA_FUZZ_COUNT=10000 runs a bigger slice here too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from tests.fuzzing import write_mutants
from tests.fuzzrun import Outcome, Summary, run_one

SEED = 20261122
COUNT = int(os.environ.get("HRIA_FUZZ_COUNT", "200"))


@pytest.fixture(scope="module")
def mutants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mutants")
    write_mutants(folder, SEED, 0, COUNT)
    return folder


@pytest.fixture(scope="module")
def outcomes(mutants: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HRIA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        bank = load_bank()
        return [run_one(path, bank) for path in sorted(mutants.iterdir())]


def _report(outcomes: list[Outcome]) -> str:
    summary = Summary()
    for outcome in outcomes:
        summary.add(outcome)
    return summary.report()


def test_fuzz_check_level(outcomes: list[Outcome]) -> None:
    """Files the readers accept never crash validation, evaluation or output."""
    bad = [o for o in outcomes if o.stage == "check"]
    assert not bad, _report(outcomes)


def test_fuzz_parse_level(outcomes: list[Outcome]) -> None:
    """The readers refuse, with a located message, what they cannot read."""
    bad = [o for o in outcomes if o.stage == "parse"]
    assert not bad, _report(outcomes)


def test_fuzz_mutants_cover_every_exit_code(outcomes: list[Outcome]) -> None:
    """The slice reaches evaluation as well as the error paths."""
    assert {0, 1, 2} <= {o.code for o in outcomes}


def test_fuzz_batch_in_one_run(mutants: Path, outcomes: list[Outcome]) -> None:
    """The whole slice in one `hria check`: every file has its entry, crashes are confined
    to their file, and error lines start with the file name."""
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--format", "json", str(mutants)])
    crashed = {o.path for o in outcomes if o.code == 3}
    assert result.exit_code == (3 if crashed else 2), result.stderr[-2000:]
    assert "Traceback" not in result.output
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == sorted(str(p) for p in mutants.iterdir())
    assert {f["path"] for f in files if "internal_error" in f} == crashed
    paths = {o.path: o for o in outcomes}
    current: Outcome | None = None
    for line in result.stderr.splitlines():
        level, _, rest = line.partition(": ")
        if level in ("error", "warning"):
            rest = rest.removeprefix("internal error while checking ")
            current = paths[rest.split(":")[0].split(" (")[0]]
        else:  # a message on several lines: the readers' to fix
            assert current is not None and current.stage == "parse", line
