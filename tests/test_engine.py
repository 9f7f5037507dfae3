from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from hria.bank.load import load_bank
from hria.domain.engine import assess, scope
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Basis, Outcome
from tests.conftest import MINI
from tests.helpers import make_assessment

TODAY = dt.date(2026, 11, 22)


def run(bank: Bank, answers: dict[str, Any]) -> Any:
    return assess(bank, make_assessment(bank, answers), TODAY)


def codes(evaluation: Any) -> dict[str, str]:
    return {f.code: f.severity.value for f in evaluation.flags}


def test_when_hides_questions_and_their_answers(mini: Bank) -> None:
    answers = {"basics.tech": ["gps"], "basics.mode": "one_to_many", "basics.law": "yes"}
    evaluation = run(mini, answers)
    assert "RL-001" not in codes(evaluation), "a hidden answer must not be evaluated"
    assert evaluation.hidden_answers == ["basics.mode"]


def test_unknown_screening_answer_hides_dependent_questions(mini: Bank) -> None:
    """A `when` left undecided by 'unknown' skips the question (when_unknown defaults to skip)."""
    visible = scope(mini, make_assessment(mini, {"basics.tech": "unknown"}).answers).visible
    assert "basics.mode" not in visible
    assert "basics.law" in visible, "questions without a condition are still asked"


def test_unknown_screening_answer_keeps_when_unknown_ask_questions_visible(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bank"
    shutil.copytree(MINI, folder)
    basics = folder / "questions" / "basics.yaml"
    when = "    when: {question: basics.tech, includes: faces}\n"
    text = basics.read_text(encoding="utf-8")
    assert when in text
    basics.write_text(text.replace(when, when + "    when_unknown: ask\n"), encoding="utf-8")
    asking = load_bank(folder)
    visible = scope(asking, make_assessment(asking, {"basics.tech": "unknown"}).answers).visible
    assert "basics.mode" in visible
    decided = scope(asking, make_assessment(asking, {"basics.tech": ["gps"]}).answers).visible
    assert "basics.mode" not in decided, "a `when` that is decided still hides the question"


def test_missing_screening_answer_defers_dependent_questions(mini: Bank) -> None:
    assert "basics.mode" not in scope(mini, {}).visible


def test_red_line_makes_the_whole_verdict_do_not_deploy(mini: Bank) -> None:
    evaluation = run(mini, {"basics.tech": ["faces"], "basics.mode": "one_to_many"})
    assert evaluation.verdict.outcome is Outcome.DO_NOT_DEPLOY
    assert evaluation.verdict.text.startswith("Incompatible with human rights: do not deploy")
    red = next(g for g in evaluation.verdict.gates if g.gate == "red_lines")
    assert red.outcome is Outcome.DO_NOT_DEPLOY


def test_unknown_answer_flags_one_level_below(mini: Bank) -> None:
    evaluation = run(
        mini, {"basics.tech": ["faces"], "basics.mode": "unknown", "basics.law": "unknown"}
    )
    flags = {f.code: f for f in evaluation.flags}
    assert flags["RL-001"].severity is Severity.HIGH
    assert flags["RL-001"].basis is Basis.UNKNOWN
    assert flags["LEG-001"].severity is Severity.MEDIUM
    assert evaluation.verdict.outcome is Outcome.FAILS
    assert evaluation.verdict.failed_gates == ["red_lines"]


def test_on_unknown_ignore_suppresses_the_flag(mini: Bank) -> None:
    evaluation = run(mini, {"basics.tech": ["gps"], "details.people": "unknown"})
    assert "NEC-001" not in codes(evaluation)


def test_unanswered_questions_never_fire_rules(mini: Bank) -> None:
    evaluation = run(mini, {})
    assert evaluation.flags == []
    assert evaluation.verdict.provisional
    assert not evaluation.complete


def test_high_flag_fails_its_gate_and_names_it(mini: Bank) -> None:
    evaluation = run(mini, {"basics.tech": ["gps"], "basics.law": "no", "details.people": 10})
    assert evaluation.verdict.outcome is Outcome.FAILS
    assert evaluation.verdict.text == "Fails the legality test"
    assert evaluation.complete


def test_medium_only_is_conditional(mini: Bank) -> None:
    answers = {
        "basics.tech": ["gps"],
        "basics.law": {"value": "yes", "evidence": ["Act 3"]},
        "details.people": 5000,
        "details.why": "Safety",
    }
    evaluation = run(mini, answers)
    assert codes(evaluation) == {"NEC-001": "medium"}
    assert evaluation.verdict.text == "Conditional: mitigations required"


def test_nothing_serious_is_never_called_compliant(mini: Bank) -> None:
    answers = {
        "basics.tech": ["none"],
        "basics.law": {"value": "yes", "evidence": ["Act 3"]},
        "details.people": 5,
    }
    evaluation = run(mini, answers)
    assert evaluation.verdict.outcome is Outcome.NO_MAJOR_FLAGS
    assert evaluation.verdict.text == "No major flags found"
    assert "compliant" not in evaluation.verdict.text.lower()


def test_claim_without_evidence_is_flagged_per_question(mini: Bank) -> None:
    evaluation = run(mini, {"basics.tech": ["gps"], "basics.law": "yes", "details.people": 5})
    flag = next(f for f in evaluation.flags if f.code == "EVD-001")
    assert [t.ref for t in flag.triggers] == ["basics.law"]
    assert flag.gate == "legality"
    assert [(g.question, g.kind) for g in evaluation.gaps if g.kind == "no_evidence"] == [
        ("basics.law", "no_evidence")
    ]


def test_flags_carry_triggers_sources_and_recommendation(mini: Bank) -> None:
    evaluation = run(mini, {"basics.tech": ["gps"], "basics.law": "no"})
    flag = next(f for f in evaluation.flags if f.code == "LEG-001")
    assert [(t.ref, t.value) for t in flag.triggers] == [("basics.law", "no")]
    assert flag.sources and flag.recommendation == "Find a law."
    assert flag.mitigable


def test_flags_are_ordered_most_serious_first(mini: Bank) -> None:
    answers = {"basics.tech": ["faces"], "basics.mode": "one_to_many", "basics.law": "no"}
    severities = [f.severity.rank for f in run(mini, answers).flags]
    assert severities == sorted(severities, reverse=True)


@pytest.mark.parametrize("severity", list(Severity))
def test_lowered_is_one_step_down(severity: Severity) -> None:
    assert severity.lowered().rank == max(severity.rank - 1, 0)


def _with_plan(mini: Bank, status: str, addresses: list[str]) -> Any:
    answers = {"basics.tech": ["faces"], "basics.mode": "one_to_many", "basics.law": "no"}
    actions = [
        {
            "id": "a1",
            "description": "Fix it",
            "addresses": addresses,
            "owner": "Owner",
            "due": "2027-01-01",
            "status": status,
        }
    ]
    return assess(mini, make_assessment(mini, answers, actions=actions), TODAY)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("planned", "mitigation planned"),
        ("in_progress", "mitigation planned"),
        ("done", "mitigation done"),
        ("dropped", "open"),
    ],
)
def test_actions_mark_flags_but_never_hide_them(mini: Bank, status: str, expected: str) -> None:
    evaluation = _with_plan(mini, status, ["LEG-001", "RL-001"])
    flags = {f.code: f for f in evaluation.flags}
    assert flags["LEG-001"].status == expected
    assert flags["RL-001"].status == "open", "a red line can never be mitigated"
    assert evaluation.verdict.outcome is Outcome.DO_NOT_DEPLOY


def test_today_decides_what_is_overdue(bank: Bank) -> None:
    actions = [
        {
            "id": "a1",
            "description": "Publish",
            "addresses": ["SAF-009"],
            "owner": "DPO",
            "due": "2026-12-01",
        }
    ]
    assessment = make_assessment(bank, {}, actions=actions, review_by=dt.date(2027, 1, 1))
    before = {f.code for f in assess(bank, assessment, dt.date(2026, 11, 30)).flags}
    after = {f.code for f in assess(bank, assessment, dt.date(2027, 1, 2)).flags}
    assert "ACT-001" not in before and "REV-001" not in before
    assert {"ACT-001", "REV-001"} <= after


def test_impacts_order_by_severity_then_likelihood() -> None:
    from hria.domain.plan import describe_impact, ordered
    from hria.models.assessment import Impact

    def impact(ident: str, dims: tuple[int, int, int], likelihood: int | None) -> Impact:
        scale, scope, irremediability = dims
        return Impact.model_validate(
            {
                "id": ident,
                "right": "Privacy",
                "groups": ["g"],
                "description": "d",
                "status": "actual" if likelihood is None else "potential",
                "involvement": "cause",
                "scale": scale,
                "scope": scope,
                "irremediability": irremediability,
                "likelihood": likelihood,
            }
        )

    rare_but_grave = impact("grave", (4, 1, 1), 1)
    likely_but_mild = impact("mild", (2, 2, 2), 4)
    actual_moderate = impact("actual", (2, 2, 2), None)
    serious = impact("serious", (3, 3, 3), 2)
    assert [i.id for i in ordered([likely_but_mild, serious, actual_moderate, rare_but_grave])] == [
        "grave",
        "serious",
        "actual",
        "mild",
    ], "likelihood never lowers severity"
    assert rare_but_grave.severe and not serious.severe
    assert describe_impact(rare_but_grave) == "severe    grave: Privacy (potential, unlikely)"


def test_answered_false_can_fire_without_a_value_to_show(mini: Bank) -> None:
    evaluation = run(mini, {"basics.tech": ["gps"], "details.people": 3})
    flag = next(f for f in evaluation.flags if f.code == "NEC-002")
    assert [t.ref for t in flag.triggers] == ["details.people"]
