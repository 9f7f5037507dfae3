"""The calibration corpus: real deployments, answered blind, against their expected verdicts.

`bench/calibrate.py` prints the score table; these tests hold the corpus to its own rules and
the bank to the calibration targets."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from hria.bank.load import load_bank
from hria.files.store import load_assessment
from hria.models.base import Severity
from hria.models.findings import Outcome
from tests.calibration.scoring import BENIGN, CORPUS, Case, CaseScore, load_cases, score_case
from tests.conftest import ROOT

CASES = load_cases()


@pytest.fixture(scope="module")
def scores() -> list[CaseScore]:
    bank = load_bank()
    return [score_case(bank, case, flips=True) for case in CASES]


def _sidecar(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load((folder / "case.yaml").read_text("utf-8"))
    return data


def test_the_corpus_is_large_and_balanced() -> None:
    harmful = [c for c in CASES if c.klass == "harmful"]
    benign = [c for c in CASES if c.klass in BENIGN]
    assert len(CASES) >= 24 and len(harmful) >= 12 and len(benign) >= 12
    sidecars = [_sidecar(c.folder) for c in CASES]
    assert any(s["setting"] == "non-migration" for s in sidecars)
    assert {s["deployer_type"] for s in sidecars} - {"state_authority"}, "non-state deployers"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_case_has_facts_sources_and_a_valid_blind_answer_file(case: Case) -> None:
    sidecar = _sidecar(case.folder)
    assert (case.folder / "facts.md").read_text(encoding="utf-8").startswith("# ")
    assert sidecar["sources"] and all(s["url"].startswith("http") for s in sidecar["sources"])
    if case.klass == "harmful":
        assert sidecar["authority_verdict"]["body"]
    bank = load_bank()
    loaded = load_assessment(case.answers, bank)
    assert not loaded.assessment.needs_review, "every set-aside answer is answered again"
    for must in case.must_flag:
        assert all(code in bank.rules_by_code for code in must.codes), must.theme


def test_no_case_is_a_bundled_example() -> None:
    yaml = YAML(typ="safe")
    examples = {
        yaml.load(p.read_text(encoding="utf-8"))["metadata"]["title"]
        for p in (ROOT / "assessments").glob("*.hria.yaml")
    }
    bank = load_bank()
    titles = {load_assessment(c.answers, bank).assessment.metadata.title for c in CASES}
    assert not examples & titles
    assert CORPUS == ROOT / "tests" / "calibration"


# The calibration targets (every verdict class matches; 95% of must-flag themes hit; benign and
# conditional cases with no red line, no fail, no high flag and a median of at most 8 flags)
# are not all met yet: `bench/calibrate.py` prints where each case stands. These tests hold
# the ground gained, so that a change to the bank that loses it fails here.
VERDICTS_MATCHED = 20
MUST_FLAG_RATE = 0.95
BENIGN_VIOLATIONS = 4
BENIGN_MEDIAN_FLAGS = 14


def test_verdict_classes_matched_do_not_fall(scores: list[CaseScore]) -> None:
    assert sum(s.verdict_ok for s in scores) >= VERDICTS_MATCHED
    minimal = [s for s in scores if s.case.klass == "benign" and s.verdict_ok]
    assert {s.case.id for s in minimal} >= {"vienna-wienbot", "swisscovid-app"}


def test_must_flag_themes_hit_do_not_fall(scores: list[CaseScore]) -> None:
    total = sum(len(s.case.must_flag) for s in scores)
    hit = total - sum(len(s.missed) for s in scores)
    assert hit / total >= MUST_FLAG_RATE


def test_benign_and_conditional_cases_do_not_get_worse(scores: list[CaseScore]) -> None:
    benign = [s for s in scores if s.case.klass in BENIGN]
    assert sum(s.benign_violation for s in benign) <= BENIGN_VIOLATIONS
    assert statistics.median(len(s.flags) for s in benign) <= BENIGN_MEDIAN_FLAGS
    red = [s.case.id for s in benign if s.worst is Severity.RED_LINE]
    assert len(red) <= 2, red  # canada-ircc-trv-triage and tarjimly answer a red line "yes"


def test_every_harmful_case_fails_or_crosses_a_red_line(scores: list[CaseScore]) -> None:
    harmful = [s for s in scores if s.case.klass == "harmful"]
    assert all(s.outcome in (Outcome.FAILS, Outcome.DO_NOT_DEPLOY) for s in harmful)


def test_no_two_flags_say_the_same_thing(scores: list[CaseScore]) -> None:
    assert not [(s.case.id, pair) for s in scores for pair in s.duplicates]


def test_no_benign_case_flips_to_a_red_line_on_one_unknown(scores: list[CaseScore]) -> None:
    flips = [
        (s.case.id, f.question)
        for s in scores
        if s.case.klass in BENIGN
        for f in s.unknown_red_line_flips
    ]
    assert not flips
