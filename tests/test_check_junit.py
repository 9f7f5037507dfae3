"""`hria check --format junit`, read back through junitparser as CI servers read it."""

from __future__ import annotations

import pytest
from junitparser import Error, Failure, JUnitXml, TestSuite

from hria.bank.load import load_bank
from tests.format_cases import (
    NO_LAW,
    Write,
    check,
    check_examples,
    explode_on,
    mixed,
)


def _parsed(result: object) -> JUnitXml:
    text = result.stdout  # type: ignore[attr-defined]
    xml = JUnitXml.fromstring(text)
    assert isinstance(xml, JUnitXml)
    return xml


def _suites(xml: JUnitXml) -> list[TestSuite]:
    return list(xml)


def test_a_suite_per_file_and_a_case_per_gate() -> None:
    xml = _parsed(check_examples("--format", "junit", "--fail-on", "high"))
    gates = [g.title for g in load_bank().gates]
    suites = _suites(xml)
    assert len(suites) == 6
    for suite in suites:
        assert suite.name.endswith((".hria.yaml", ".hria.json"))
        assert [case.name for case in suite] == gates
        assert suite.tests == len(gates)
    assert xml.tests == 6 * len(gates)
    assert xml.failures == sum(s.failures for s in suites) > 0
    assert xml.errors == 0


def test_failures_carry_the_flags_at_or_above_fail_on(write: Write) -> None:
    path = write("a.hria.yaml", NO_LAW)
    (suite,) = _suites(_parsed(check("--format", "junit", path)))
    cases = {case.name: case for case in suite}
    (failure,) = cases["Legality"].result
    assert isinstance(failure, Failure)
    assert failure.message == "1 flag at or above high"
    assert failure.type == "high"
    assert failure.text == f"HIGH LEG-001 No law [Legality] ({path}:12:3)"
    necessity = cases["Necessity"]
    assert necessity.result == []  # the info flag does not fail it
    assert "INFO NEC-002" in (necessity.system_out or "")
    low = _suites(_parsed(check("--format", "junit", "--fail-on", "low", path)))[0]
    assert low.failures == 1  # info is below low too
    none = _suites(_parsed(check("--format", "junit", "--fail-on", "none", path)))[0]
    assert none.failures == 0


def test_invalid_files_are_errors(write: Write) -> None:
    result = check("--format", "junit", *mixed(write))
    assert result.exit_code == 2
    xml = _parsed(result)
    invalid = [s for s in _suites(xml) if s.errors]
    assert [s.name.rsplit("/", 1)[1] for s in invalid] == ["broken.hria.yaml", "wrong.hria.yaml"]
    (case,) = list(invalid[0])
    (error,) = case.result
    assert isinstance(error, Error) and error.type == "invalid-file"
    assert "broken.hria.yaml:2" in (error.text or "")
    assert xml.errors == 2


def test_strict_adds_a_failing_case_for_an_incomplete_assessment(write: Write) -> None:
    path = write("d.hria.yaml", NO_LAW.replace("status: complete", "status: draft"))
    suite = _suites(_parsed(check("--format", "junit", "--strict", "--fail-on", "none", path)))[0]
    cases = {case.name: case for case in suite}
    (failure,) = cases["complete assessment"].result
    assert failure.type == "incomplete"
    assert suite.failures == 1


def test_a_crash_is_an_error(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    explode_on(monkeypatch, "Pilot")
    result = check("--format", "junit", write("a.hria.yaml", NO_LAW))
    assert result.exit_code == 3
    (suite,) = _suites(_parsed(result))
    (error,) = next(iter(suite)).result
    assert error.type == "internal-error" and "this is a bug in hria" in (error.text or "")
    assert "secret answer text" not in result.stdout


def test_hostile_names_stay_well_formed_xml(write: Write) -> None:
    path = write('a"<&>\x1b]0;x\x07.hria.yaml', NO_LAW)
    result = check("--format", "junit", path)
    (suite,) = _suites(_parsed(result))
    assert suite.name == str(path).replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    assert "\x1b" not in result.stdout
