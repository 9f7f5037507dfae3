from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hria.bank.load import load_bank
from hria.errors import BankError
from hria.models.bank import Bank
from tests.conftest import MINI


def broken(tmp_path: Path, relative: str, old: str, new: str) -> list[str]:
    """Copy the mini bank, replace `old` by `new` in one file, and return the problems."""
    target = tmp_path / "bank"
    shutil.copytree(MINI, target)
    path = target / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(target)
    return [str(p) for p in caught.value.problems]


def test_bundled_bank_loads_and_is_complete(bank: Bank) -> None:
    assert bank.id == "hria-core"
    assert [g.id for g in bank.gates][:2] == ["red_lines", "legality"]
    assert len(bank.questions) >= 40
    assert all(rule.sources for rule in bank.rules)
    for gate in bank.gates:
        assert any(r.gate == gate.id for r in bank.rules), f"gate {gate.id} has no rules"


def test_bundled_red_lines_are_never_mitigable(bank: Bank) -> None:
    red = [r for r in bank.rules if r.severity == "red_line"]
    assert len(red) >= 6
    assert not any(r.can_be_mitigated for r in red)


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            "rules/all.yaml",
            '{question: basics.law, equals: "no"}',
            '{question: basics.lawful, equals: "no"}',
            "rules/all.yaml:17:5: LEG-001: condition names unknown question 'basics.lawful'",
        ),
        (
            "rules/all.yaml",
            "{question: basics.mode, equals: one_to_many}",
            "{question: basics.mode, equals: one_to_all}",
            "RL-001: 'one_to_all' is not a value offered by 'basics.mode'",
        ),
        (
            "rules/all.yaml",
            "code: LEG-001",
            "code: RL-001",
            "RL-001: rule code or name 'RL-001' used 2 times",
        ),
        (
            "questions/details.yaml",
            "id: details.started",
            "id: details.people",
            "details.people: id used 2 times",
        ),
        (
            "rules/all.yaml",
            '    sources: [{instrument: iccpr, article: "17"}]\n    basis: [{instrument: iccpr, article: "17"}]\n  - code: LEG-001',
            '    sources: []\n    basis: [{instrument: iccpr, article: "17"}]\n  - code: LEG-001',
            "rules/all.yaml:10:5: rules.0.sources: List should have at least 1 item",
        ),
        (
            "rules/all.yaml",
            "severity: red_line",
            "severity: red_line\n    mitigable: true",
            "a red line can never be mitigated",
        ),
        (
            "questions/basics.yaml",
            "when: {question: basics.tech, includes: faces}",
            "when: {question: details.people, gt: 3}",
            "basics.mode: 'when' may only depend on earlier questions",
        ),
        (
            "rules/all.yaml",
            "{question: details.people, gte: 1000}",
            "{question: basics.law, gte: 1000}",
            "NEC-001: operator 'gte' does not apply to yes_no question 'basics.law'",
        ),
        (
            "questions/basics.yaml",
            "kind: single_choice",
            "kind: single",
            "questions/basics.yaml:21:5: questions.2: 'kind' must be one of 'yes_no', 'single_choice'",
        ),
        (
            "questions/basics.yaml",
            'sources: [{instrument: iccpr, article: "17", paragraph: "1"}]',
            'sources: [{instrument: echr, article: "8"}]',
            "basics.law: source cites 'echr', which is not in instruments.yaml",
        ),
        (
            "rules/all.yaml",
            "gate: legality\n    severity: high",
            "gate: lawfulness\n    severity: high",
            "LEG-001: unknown gate 'lawfulness'",
        ),
        ("rules/all.yaml", "rules:", "rules: [\n", "malformed YAML"),
    ],
)
def test_broken_bank_names_file_and_id(
    tmp_path: Path, relative: str, old: str, new: str, expected: str
) -> None:
    problems = broken(tmp_path, relative, old, new)
    assert any(expected in p for p in problems), problems
    assert any(relative in p for p in problems), problems


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    target = tmp_path / "bank"
    shutil.copytree(MINI, target)
    rules = target / "rules" / "all.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace("basics.law, equals", "basics.nope, equals").replace(
        "equals: one_to_many", "equals: everyone"
    )
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(target)
    assert len(caught.value.problems) == 2


def _parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import hria.files.yamlio as yamlio

    real = yamlio.parse

    calls: list[str] = []

    def counting(text: str, name: str, kind: str) -> object:
        calls.append(name)
        return real(text, name, kind)

    monkeypatch.setattr(yamlio, "parse", counting)
    return calls


def test_parsed_bank_files_are_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRIA_CACHE_DIR", str(tmp_path / "cache"))
    calls = _parse_calls(monkeypatch)
    first = load_bank.__wrapped__(MINI)
    assert len(calls) == 5
    second = load_bank.__wrapped__(MINI)
    assert len(calls) == 5, "the second load parses nothing"
    assert first == second
    for entry in (tmp_path / "cache").iterdir():
        entry.write_text("{not json", encoding="utf-8")
    assert load_bank.__wrapped__(MINI) == first
    assert len(calls) == 10, "corrupt entries are parsed again"


def test_an_edited_bank_file_replaces_its_cache_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bank"
    shutil.copytree(MINI, target)
    monkeypatch.setenv("HRIA_CACHE_DIR", str(tmp_path / "cache"))
    load_bank.__wrapped__(target)
    entries = sorted((tmp_path / "cache").glob("bank-*.json"))
    assert len(entries) == 5
    manifest = target / "bank.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_bank.__wrapped__(target)
    after = sorted((tmp_path / "cache").glob("bank-*.json"))
    assert len(after) == 5, "the old entry of bank.yaml is gone"
    assert len(set(after) - set(entries)) == 1


def test_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("HRIA_CACHE_DIR", str(blocker / "cache"))
    assert load_bank.__wrapped__(MINI).id == "mini"
    monkeypatch.setenv("HRIA_NO_CACHE", "1")
    calls = _parse_calls(monkeypatch)
    load_bank.__wrapped__(MINI)
    load_bank.__wrapped__(MINI)
    assert len(calls) == 10


def test_assessments_are_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hria.files.store import load_assessment
    from tests.conftest import MINI_HEADER

    monkeypatch.setenv("HRIA_CACHE_DIR", str(tmp_path / "cache"))
    bank = load_bank.__wrapped__(MINI)
    before = set((tmp_path / "cache").iterdir())
    path = tmp_path / "a.hria.yaml"
    path.write_text(MINI_HEADER + "answers:\n  details.why: {value: a secret}\n", encoding="utf-8")
    load_assessment(path, bank)
    assert set((tmp_path / "cache").iterdir()) == before


def test_a_rule_without_basis_is_refused(tmp_path: Path) -> None:
    problems = broken(
        tmp_path,
        "rules/all.yaml",
        '    basis: [{instrument: iccpr, article: "17"}]\n  - code: LEG-001',
        "  - code: LEG-001",
    )
    assert any("RL-001: a rule needs a basis" in p for p in problems), problems


def test_every_bundled_rule_traces_its_recommendation(bank: Bank) -> None:
    assert all(rule.basis for rule in bank.rules)
    primer = {b for r in bank.rules for b in r.basis if isinstance(b, str)}
    assert primer <= set(bank.recommendations)
    assert len(primer) >= 15, "most chapter 4 recommendations are used"


def test_every_catalogued_instrument_is_cited(bank: Bank) -> None:
    cited = {s.instrument for q in bank.questions.values() for s in q.sources}
    cited |= {s.instrument for r in bank.rules for s in r.sources}
    if bank.profile is not None:
        spec = bank.profile
        cited |= {s.instrument for s in spec.sources}
        cited |= {s.instrument for f in spec.factors for s in f.sources}
        cited |= {s.instrument for sc in spec.scales for s in sc.sources}
    uncited = sorted(set(bank.instruments) - cited)
    assert not uncited, f"instruments.yaml lists instruments that nothing cites: {uncited}"
