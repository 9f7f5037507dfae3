"""The intrusion profile: levels from explicit factors, scaled severities, and where it shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.bank.crosscheck import cross_check
from hria.cli import app
from hria.domain.engine import assess, scope
from hria.domain.profile import derive
from hria.models.bank import Bank, Rule
from hria.models.base import Severity
from hria.models.profile import Scale
from tests.helpers import make_assessment

MINIMAL = {
    "context.purpose_kind": ["service_delivery"],
    "context.compulsion": "optional_equal",
    "context.error_consequence": "no_effect",
    "context.data_types": ["identity"],
    "context.people_per_year": 5000,
}


def level(bank: Bank, answers: dict[str, Any]) -> int:
    assessment = make_assessment(bank, answers)
    assert bank.profile is not None
    return derive(bank.profile, assessment.answers).level


def test_an_optional_information_service_is_minimal(bank: Bank) -> None:
    assert level(bank, MINIMAL) == 1
    assert bank.profile is not None
    assert not derive(bank.profile, make_assessment(bank, MINIMAL).answers).provisional


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"context.data_types": ["health"]}, 2),
        ({"context.compulsion": "practically_unavoidable"}, 2),
        ({"context.purpose_kind": ["rights_decisions"]}, 3),
        ({"context.error_consequence": "denial"}, 2),
        ({"context.error_consequence": "denial", "context.compulsion": "mandatory"}, 3),
        ({"context.compulsion": "mandatory", "context.data_types": ["location"]}, 3),
        ({"context.purpose_kind": ["enforcement"]}, 3),
        ({"context.error_consequence": "liberty_status"}, 4),
        (
            {
                "context.purpose_kind": ["enforcement"],
                "context.compulsion": "mandatory",
                "context.data_types": ["biometric"],
            },
            4,
        ),
    ],
)
def test_each_factor_raises_the_level(bank: Bank, change: dict[str, Any], expected: int) -> None:
    assert level(bank, MINIMAL | change) == expected


def test_unknown_counts_as_holding_and_is_named(bank: Bank) -> None:
    assessment = make_assessment(bank, MINIMAL | {"context.error_consequence": "unknown"})
    assert bank.profile is not None
    profile = derive(bank.profile, assessment.answers)
    assert profile.level == 4
    assert profile.uncertain == ["context.error_consequence"]
    assert not profile.provisional


def test_missing_answers_make_it_provisional_at_the_gravest_level(bank: Bank) -> None:
    assessment = make_assessment(bank, {})
    assert bank.profile is not None
    profile = derive(bank.profile, assessment.answers)
    assert profile.level == 4 and profile.provisional


def test_the_level_reaches_the_evaluation(bank: Bank) -> None:
    evaluation = assess(bank, make_assessment(bank, MINIMAL))
    assert evaluation.profile is not None and evaluation.profile.level == 1
    assert scope(bank, make_assessment(bank, MINIMAL).answers).profile == evaluation.profile


def test_a_scale_caps_and_switches_off() -> None:
    scale = Scale(
        id="s",
        title="t",
        reason="r",
        sources=[{"instrument": "gdpr", "article": "24"}],
        caps={1: None, 2: Severity.LOW},
    )
    assert scale.cap(Severity.HIGH, 1) is None
    assert scale.cap(Severity.HIGH, 2) is Severity.LOW
    assert scale.cap(Severity.INFO, 2) is Severity.INFO
    assert scale.cap(Severity.HIGH, 3) is Severity.HIGH


def test_a_scale_may_not_reach_a_red_line() -> None:
    with pytest.raises(ValueError, match="red lines never scale"):
        Scale(
            id="s",
            title="t",
            reason="r",
            sources=[{"instrument": "gdpr", "article": "24"}],
            caps={1: Severity.RED_LINE},
        )


def test_a_red_line_rule_may_not_name_a_scale(bank: Bank) -> None:
    red = next(r for r in bank.rules if r.severity is Severity.RED_LINE)
    data = red.model_dump(by_alias=True, exclude_none=True) | {"scale": "safeguards"}
    with pytest.raises(ValueError, match="never scales down"):
        Rule.model_validate(data)


def test_cross_check_names_an_undefined_scale(bank: Bank) -> None:
    rule = next(r for r in bank.rules if r.severity is not Severity.RED_LINE)
    broken = bank.model_copy(update={"rules": [rule.model_copy(update={"scale": "nope"})]})
    problems = cross_check(broken, {})
    assert any("scale 'nope' is not defined" in p.message for p in problems)


def test_a_scaled_rule_is_milder_at_a_low_level(bank: Bank) -> None:
    scaled = next(r for r in bank.rules if r.scale == "safeguards" and r.severity is Severity.HIGH)
    assert bank.profile is not None
    spec = bank.profile.scale("safeguards")
    assert spec is not None
    assert spec.cap(scaled.severity, 1) is Severity.LOW
    assert spec.cap(scaled.severity, 2) is Severity.LOW
    assert spec.cap(scaled.severity, 4) is Severity.HIGH


runner = CliRunner()


def _write(tmp_path: Path, bank: Bank, answers: dict[str, Any]) -> Path:
    assessment = make_assessment(bank, answers)
    path = tmp_path / "a.hria.json"
    path.write_text(assessment.model_dump_json(by_alias=True, exclude_none=True))
    return path


def test_check_shows_the_level_and_why(tmp_path: Path, bank: Bank) -> None:
    path = _write(tmp_path, bank, MINIMAL | {"context.purpose_kind": ["rights_decisions"]})
    result = runner.invoke(app, ["check", str(path)])
    assert "intrusion level 3 of 4, substantial: it informs decisions about rights" in result.stdout


def test_check_json_carries_the_profile(tmp_path: Path, bank: Bank) -> None:
    path = _write(tmp_path, bank, MINIMAL)
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    profile = json.loads(result.stdout)["files"][0]["profile"]
    assert profile["level"] == 1 and profile["name"] == "minimal" and profile["reasons"] == []


def test_explain_profile_lists_levels_factors_and_scales() -> None:
    result = runner.invoke(app, ["explain", "profile"])
    assert result.exit_code == 0
    for text in ("1 minimal", "4 grave", "liberty_status_or_return", "Scale 'safeguards'"):
        assert text in result.stdout


def test_explain_a_rule_shows_its_severity_by_level(bank: Bank) -> None:
    scaled = next(r for r in bank.rules if r.scale == "safeguards" and r.severity is Severity.HIGH)
    result = runner.invoke(app, ["explain", scaled.code])
    assert "By level:   1: low; 2: low; 3: high; 4: high" in result.stdout
    red = runner.invoke(app, ["explain", "RL-001"])
    assert "the same at every intrusion level" in red.stdout


def burden(bank: Bank, answers: dict[str, Any]) -> bool:
    assert bank.profile is not None
    return derive(bank.profile, make_assessment(bank, answers).answers).burden


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"context.purpose_kind": ["enforcement"], "context.compulsion": "mandatory"}, True),
        ({"context.purpose_kind": ["rights_decisions"], "context.compulsion": "unknown"}, True),
        ({"context.error_consequence": "liberty_status"}, True),
        # substantial but chosen: not knowing is a lesser flag
        ({"context.purpose_kind": ["rights_decisions"]}, False),
        # imposed but moderate: not knowing is a gap
        ({"context.compulsion": "mandatory"}, False),
    ],
)
def test_the_burden_of_proof_follows_imposition_and_gravity(
    bank: Bank, change: dict[str, Any], expected: bool
) -> None:
    assert burden(bank, MINIMAL | change) is expected


def test_unanswered_context_puts_no_burden(bank: Bank) -> None:
    assert burden(bank, {}) is False


def test_an_optional_channel_that_only_sends_people_to_a_desk_adds_no_control(bank: Bank) -> None:
    gate = MINIMAL | {
        "context.purpose_kind": ["enforcement", "rights_decisions"],
        "context.error_consequence": "inconvenience",
        "context.data_types": ["biometric"],
    }
    assert level(bank, gate) == 2
    assert level(bank, gate | {"context.compulsion": "mandatory"}) == 4


def _unknown_flag(bank: Bank, answers: dict[str, Any], code: str) -> Severity | None:
    evaluation = assess(bank, make_assessment(bank, answers))
    return next((f.severity for f in evaluation.flags if f.code == code), None)


def test_unknown_follows_the_burden(bank: Bank) -> None:
    asks = {"safeguards.impact_assessment": "unknown"}
    enforcement = {"context.purpose_kind": ["enforcement"]}
    imposed = MINIMAL | asks | enforcement | {"context.compulsion": "mandatory"}
    assert _unknown_flag(bank, imposed, "SAF-008") is Severity.HIGH
    assert _unknown_flag(bank, MINIMAL | asks | enforcement, "SAF-008") is Severity.MEDIUM
    assert _unknown_flag(bank, MINIMAL | asks, "SAF-008") is None


def test_a_red_line_unknown_is_medium_for_an_optional_service(bank: Bank) -> None:
    refugees = {"context.affected_groups": ["refugees"], "red_lines.origin_state_access": "unknown"}
    assert _unknown_flag(bank, MINIMAL | refugees, "RL-006") is Severity.MEDIUM
    imposed = (
        MINIMAL
        | refugees
        | {"context.compulsion": "mandatory", "context.purpose_kind": ["rights_decisions"]}
    )
    assert _unknown_flag(bank, imposed, "RL-006") is Severity.HIGH


def test_the_burden_must_name_known_factors(bank: Bank) -> None:
    assert bank.profile is not None
    data = bank.profile.model_dump(mode="json", exclude_none=True, by_alias=True)
    data["burden"]["factors"] = ["no_such_factor"]
    with pytest.raises(ValueError, match="no_such_factor"):
        type(bank.profile).model_validate(data)


def test_check_says_when_unknown_safeguards_count_as_missing(tmp_path: Path, bank: Bank) -> None:
    answers = MINIMAL | {"context.purpose_kind": ["enforcement"], "context.compulsion": "mandatory"}
    result = runner.invoke(app, ["check", str(_write(tmp_path, bank, answers))])
    assert "unknown safeguards count as missing" in result.stdout
    result = runner.invoke(app, ["explain", "profile"])
    assert "The deployer must show the safeguards" in result.stdout


def test_a_gap_names_the_rules_an_unknown_leaves_undecided(bank: Bank, tmp_path: Path) -> None:
    answers = MINIMAL | {"context.data_types": ["health"], "proportionality.retention": "unknown"}
    evaluation = assess(bank, make_assessment(bank, answers))
    assert evaluation.profile is not None and evaluation.profile.level == 2
    assert not any(f.code == "PRO-004" for f in evaluation.flags)
    gap = next(g for g in evaluation.gaps if g.question == "proportionality.retention")
    assert gap.kind == "unknown" and "PRO-004" in gap.held
    result = runner.invoke(app, ["check", "-v", str(_write(tmp_path, bank, answers))])
    assert "proportionality.retention: PRO-004" in result.stdout
    assert "rule(s) wait on unknown answers" in result.stdout


def test_a_flagged_unknown_holds_nothing_back(bank: Bank) -> None:
    answers = MINIMAL | {
        "context.purpose_kind": ["enforcement"],
        "context.compulsion": "mandatory",
        "proportionality.retention": "unknown",
    }
    evaluation = assess(bank, make_assessment(bank, answers))
    assert any(f.code == "PRO-004" and f.basis == "unknown" for f in evaluation.flags)
    gap = next(g for g in evaluation.gaps if g.question == "proportionality.retention")
    assert "PRO-004" not in gap.held
