"""Every rule's pass and fail cases, as data under tests/rule_cases/ (one file per rule)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from hria.bank.load import load_bank
from hria.domain.engine import assess
from tests.helpers import make_assessment

CASES_DIR = Path(__file__).parent / "rule_cases"
TODAY = dt.date(2026, 11, 22)  # rule cases judge due and review dates as of this day


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return data


def _cases() -> list[Any]:
    return [
        pytest.param(data["rule"], outcome, case, id=f"{path.stem}-{outcome}-{case['name']}")
        for path in sorted(CASES_DIR.glob("*.yaml"))
        for data in [_load(path)]
        for outcome in ("pass", "fail")
        for case in data.get(outcome) or []
    ]


@pytest.mark.parametrize(("code", "outcome", "case"), _cases())
def test_rule_case(code: str, outcome: str, case: dict[str, Any]) -> None:
    bank = load_bank()
    assert code in bank.rules_by_code, f"case file names unknown rule {code}"
    assessment = make_assessment(
        bank,
        case.get("answers") or {},
        impacts=case.get("impacts"),
        actions=case.get("actions"),
        **(case.get("metadata") or {}),
    )
    evaluation = assess(bank, assessment, TODAY)
    raised = [f for f in evaluation.flags if f.code == code]
    if outcome == "pass":
        assert not raised, f"{code} fired but should not: {raised[0].triggers}"
        return
    assert raised, f"{code} did not fire"
    if "severity" in case:
        assert {f.severity.value for f in raised} == {case["severity"]}


def test_every_rule_has_pass_and_fail_cases() -> None:
    bank = load_bank()
    covered: dict[str, set[str]] = {}
    for path in CASES_DIR.glob("*.yaml"):
        data = _load(path)
        assert path.stem == data["rule"], f"{path.name} must be named after its rule"
        covered[data["rule"]] = {k for k in ("pass", "fail") if data.get(k)}
    missing = [r.code for r in bank.rules if covered.get(r.code) != {"pass", "fail"}]
    assert not missing, f"rules without both pass and fail cases: {missing}"
    stale = sorted(set(covered) - set(bank.rules_by_code))
    assert not stale, f"case files for rules that do not exist: {stale}"
