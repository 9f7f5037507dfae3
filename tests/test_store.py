from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from hria.errors import InvalidFileError
from hria.files.fsutil import atomic_write
from hria.files.store import dump, load_assessment, save
from hria.models.bank import Bank
from tests.conftest import MINI_HEADER

Write = Callable[..., Path]
GOOD = (
    MINI_HEADER
    + """\
answers:
  basics.tech:
    value: [gps]
  basics.law:
    value: "yes"
    note: Section 4 of the Act
    evidence: [Act 2025 s. 4]
  details.people: {value: 120}
"""
)


def problems(path: Path, bank: Bank) -> list[str]:
    with pytest.raises(InvalidFileError) as caught:
        load_assessment(path, bank)
    return [str(p) for p in caught.value.problems]


def test_valid_file_loads(write: Write, mini: Bank) -> None:
    loaded = load_assessment(write("a.hria.yaml", GOOD), mini)
    assert loaded.assessment.answers["basics.law"].evidence == ["Act 2025 s. 4"]
    assert loaded.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("value: [gps]", "value: [gps"), ["a.hria.yaml:13:", "malformed YAML"]),
        (
            GOOD + "  details.people: {value: 3}\n",
            ['a.hria.yaml:18:3: duplicate key "details.people"'],
        ),
        (
            GOOD.replace("value: [gps]", "value: &x [gps]"),
            ["a.hria.yaml:12:12: YAML anchors and aliases are not allowed"],
        ),
        (
            GOOD.replace("{value: 120}", "{value: 12.5}"),
            ["a.hria.yaml:17:27: answers.details.people.value: expected a whole number"],
        ),
        (
            GOOD.replace("{value: 120}", "{value: many}"),
            ["answers.details.people.value: expected a number (or unknown)"],
        ),
        (
            GOOD.replace("value: [gps]", "value: [gps, drones]"),
            [
                "a.hria.yaml:12:5: answers.basics.tech.value: 1 value(s) not offered; choose from: faces, gps, none"
            ],
        ),
        (GOOD.replace("value: [gps]", "value: [gps, none]"), ["'none' cannot be combined"]),
        (
            GOOD.replace('value: "yes"', "value: maybe"),
            ["a.hria.yaml:14:12: answers.basics.law.value: expected yes, no or unknown"],
        ),
        (GOOD.replace('value: "yes"', "value: true"), ["expected yes, no or unknown"]),
        (
            GOOD.replace("basics.law:", "basics.lw:"),
            [
                "a.hria.yaml:13:3: answers.basics.lw: unknown question id (not in bank mini 0.1.0); did you mean 'basics.law'?"
            ],
        ),
        (
            GOOD.replace("role: deployer", "role: bystander"),
            ["a.hria.yaml:5:9: metadata.role: Input should be 'deployer', 'vendor' or 'auditor'"],
        ),
        (
            GOOD.replace("  assessor: A. Person\n", ""),
            ["a.hria.yaml:2:1: metadata.assessor: required field is missing"],
        ),
        (
            GOOD.replace("  created: 2026-01-05", "  created: 2026-01-05\n  colour: blue"),
            ["a.hria.yaml:8:3: metadata.colour: unknown field"],
        ),
        (
            GOOD.replace("note: Section 4 of the Act", "notes: Section 4"),
            ["answers.basics.law.notes: unknown field"],
        ),
        (
            GOOD.replace("schema_version: 1", "schema_version: 7"),
            ["a.hria.yaml:1:17: schema_version: schema_version 7 comes from a newer hria"],
        ),
        (
            GOOD.replace("schema_version: 1", "schema_version: one"),
            ["schema_version must be a whole number"],
        ),
        (GOOD.replace("schema_version: 1\n", ""), ["schema_version is missing"]),
        (GOOD.replace("schema_version: 1", "schema_version: 0"), ["unknown schema_version"]),
        (
            GOOD.replace("{id: mini, version: 0.1.0}", "{id: other, version: 0.1.0}"),
            ["answers question bank 'other'"],
        ),
        ("- just\n- a list\n", ["expected a mapping at the top of the file"]),
    ],
)
def test_bad_input_is_located(write: Write, mini: Bank, text: str, expected: list[str]) -> None:
    found = problems(write("a.hria.yaml", text), mini)
    for fragment in expected:
        assert any(fragment in p for p in found), found


def test_every_problem_in_a_file_is_reported(write: Write, mini: Bank) -> None:
    text = (
        GOOD.replace("role: deployer", "role: bystander")
        .replace('value: "yes"', "value: maybe")
        .replace("basics.tech:", "basics.tec:")
    )
    found = problems(write("a.hria.yaml", text), mini)
    assert len(found) == 3, found
    assert [p.split(":")[1] for p in found] == sorted((p.split(":")[1] for p in found), key=int)


def test_messages_never_echo_answer_values(write: Write, mini: Bank) -> None:
    secret = "Zx9-secret-note"
    text = GOOD.replace('value: "yes"', f"value: {secret}").replace(
        "{value: 120}", f"{{value: {secret}}}"
    )
    text += f"  details.why: {{value: ok, note: {secret}, evidence: {secret}}}\n"
    found = problems(write("a.hria.yaml", text), mini)
    assert len(found) == 3
    assert not any(secret in p for p in found), found


def test_oversized_file_is_refused(write: Write, mini: Bank) -> None:
    text = GOOD + "  details.why:\n    value: >-\n      " + "x" * (2 * 1024 * 1024) + "\n"
    assert any("the limit is" in p for p in problems(write("a.hria.yaml", text), mini))


def test_alias_bomb_is_refused_before_expansion(write: Write, mini: Bank) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    found = problems(write("bomb.hria.yaml", MINI_HEADER + bomb), mini)
    assert found == [f"{tmp}" for tmp in found] and "anchors and aliases" in found[0]


def test_not_utf8_is_refused(tmp_path: Path, mini: Bank) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_bytes(GOOD.encode() + b"  details.why: {value: \xff}\n")
    assert any("not valid UTF-8" in p for p in problems(path, mini))


def test_json_files_are_checked_with_positions(write: Write, mini: Bank) -> None:
    good = {
        "$schema": "./hria.bank.schema.json",
        "schema_version": 1,
        "metadata": {
            "title": "Pilot",
            "organisation": "Org",
            "role": "auditor",
            "assessor": "Me",
            "created": "2026-01-05",
            "bank": {"id": "mini", "version": "0.1.0"},
        },
        "answers": {"basics.law": {"value": "no"}},
    }
    assert load_assessment(write("a.hria.json", json.dumps(good)), mini)
    bad = json.dumps(good, indent=2).replace('"value": "no"', '"value": "nah"')
    assert any(
        "b.hria.json:17:" in p and "expected yes, no" in p
        for p in problems(write("b.hria.json", bad), mini)
    )
    dup = '{"schema_version": 1, "schema_version": 1}'
    assert any(
        'duplicate key "schema_version"' in p for p in problems(write("c.hria.json", dup), mini)
    )
    broken = json.dumps(good)[:-5]
    assert any("malformed JSON" in p for p in problems(write("d.hria.json", broken), mini))


def test_older_bank_version_is_a_warning(write: Write, mini: Bank) -> None:
    loaded = load_assessment(
        write("a.hria.yaml", GOOD.replace("version: 0.1.0", "version: 0.0.9")), mini
    )
    assert "evaluated with 0.1.0" in str(loaded.warnings[0])


def test_save_is_atomic_owner_only_and_keeps_comments(write: Write, mini: Bank) -> None:
    commented = "# Pilot assessment: keep this comment\n" + GOOD.replace(
        "  basics.law:", "  # the law question\n  basics.law:"
    )
    path = write("a.hria.yaml", commented)
    loaded = load_assessment(path, mini)
    changed = loaded.assessment.model_copy(
        update={
            "answers": {
                **loaded.assessment.answers,
                "details.why": loaded.assessment.answers["basics.law"].model_copy(
                    update={"value": "Safety", "evidence": []}
                ),
            }
        }
    )
    text = save(changed, path, loaded.text)
    assert text.startswith("# Pilot assessment: keep this comment\n")
    assert "  # the law question\n  basics.law:" in text
    assert text.index("schema_version") < text.index("metadata") < text.index("answers")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_assessment(path, mini)
    assert again.assessment.answers["details.why"].value == "Safety"
    assert again.assessment == changed


def test_new_files_round_trip_in_yaml_and_json(tmp_path: Path, write: Write, mini: Bank) -> None:
    loaded = load_assessment(write("a.hria.yaml", GOOD), mini)
    text = dump(loaded.assessment, tmp_path / "new.hria.yaml")
    assert text.startswith("schema_version: 1\nmetadata:\n")
    assert "created: 2026-01-05\n" in text, "dates stay dates, unquoted"
    assert load_assessment(write("new.hria.yaml", text), mini).assessment == loaded.assessment
    json_text = dump(loaded.assessment, tmp_path / "new.hria.json")
    assert json.loads(json_text)["metadata"]["created"] == "2026-01-05"


def test_atomic_write_leaves_no_temp_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.hria.yaml"
    target.write_text("old\n", encoding="utf-8")

    def boom(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("hria.files.fsutil.os.fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.hria.yaml"]


PLAN = (
    GOOD
    + """\
impacts:
  - id: wrongful-stops
    right: Liberty (ICCPR art. 9)
    groups: [asylum seekers]
    description: False matches lead to detention
    status: potential
    involvement: cause
    scale: 4
    scope: 2
    irremediability: 3
    likelihood: 2
actions:
  - id: review
    description: Two-person review of every match
    addresses: [wrongful-stops, LEG-001]
    owner: Head of operations
    due: 2027-01-31
"""
)


def test_impacts_and_actions_load(write: Write, mini: Bank) -> None:
    loaded = load_assessment(write("p.hria.yaml", PLAN), mini)
    assert loaded.assessment.impacts[0].severe
    assert loaded.assessment.actions[0].status == "planned"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("[wrongful-stops, LEG-001]", "[wrongful-stop, LEG-001]"), "p.hria.yaml:32:"),
        (
            ("[wrongful-stops, LEG-001]", "[wrongful-stops, LEG-999]"),
            "'LEG-999' is neither a rule code nor an impact id",
        ),
        (("    likelihood: 2\n", ""), "a potential impact needs a likelihood"),
        (
            ("status: potential", "status: actual"),
            "an actual impact has happened: leave out likelihood",
        ),
        (("scale: 4", "scale: 5"), "impacts.0.scale: Input should be less than or equal to 4"),
        (
            ("involvement: cause", "involvement: caused"),
            "impacts.0.involvement: Input should be 'cause', 'contribute' or 'linked'",
        ),
        (
            (
                "  - id: review",
                "  - id: wrongful-stops\n    description: x\n    addresses: [LEG-001]\n    owner: o\n    due: 2027-01-01\n  - id: wrongful-stops",
            ),
            "id 'wrongful-stops' is used more than once",
        ),
    ],
)
def test_plan_problems_are_located(
    write: Write, mini: Bank, change: tuple[str, str], expected: str
) -> None:
    found = problems(write("p.hria.yaml", PLAN.replace(*change)), mini)
    assert any(expected in p for p in found), found


def test_action_on_a_red_line_is_a_warning(write: Write, mini: Bank) -> None:
    text = PLAN.replace("[wrongful-stops, LEG-001]", "[RL-001]")
    loaded = load_assessment(write("p.hria.yaml", text), mini)
    assert "RL-001 cannot be mitigated" in str(loaded.warnings[0])


def test_written_yaml_is_unambiguous_and_free_of_aliases(tmp_path: Path, mini: Bank) -> None:
    import datetime as dt

    from hria.models.assessment import Assessment

    same_day = dt.date(2026, 11, 22)
    assessment = Assessment.model_validate(
        {
            "schema_version": 1,
            "metadata": {
                "title": "T",
                "organisation": "O",
                "role": "deployer",
                "assessor": "A",
                "created": same_day,
                "updated": same_day,
                "bank": {"id": "mini", "version": "0.1.0"},
            },
            "answers": {"basics.law": {"value": "no"}, "details.why": {"value": "On"}},
        }
    )
    path = tmp_path / "a.hria.yaml"
    text = save(assessment, path)
    assert "&" not in text and "*" not in text
    assert 'value: "no"' in text and 'value: "On"' in text
    assert "evidence: []" not in text and "impacts" not in text
    assert load_assessment(path, mini).assessment == assessment


TRICKY = [
    "plain words",
    "no",
    "Yes",
    "ON",
    "null",
    "~",
    "12",
    "3.5",
    "2026-01-01",
    "-",
    "- dash",
    "a: b",
    "a #b",
    "#x",
    "@x",
    "`x`",
    "trailing ",
    " leading",
    "multi\nline\ntext",
    "tab\there",
    "quote ' and \" both",
    "ünïcödé ✓",
    "{x}",
    "[x]",
    "*x",
    "&x",
    "!x",
    "%x",
    "|",
    ">",
    "",
    "C:\\path",
    "it's",
    "x,y",
    "£100",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_writer_round_trips_any_string(text: str) -> None:
    from ruamel.yaml import YAML

    from hria.files.yamlwrite import emit

    data = {"k": text, "list": [text, 1, 2.5], "nested": {text or "e": [{"a": text}]}}
    assert YAML(typ="safe", pure=True).load(emit(data)) == data


def test_files_with_comments_take_the_preserving_path(write: Write, mini: Bank) -> None:
    path = write("c.hria.yaml", "# keep\n" + GOOD)
    loaded = load_assessment(path, mini)
    assert save(loaded.assessment, path, loaded.text).startswith("# keep\n")
    plain = write("p.hria.yaml", GOOD)
    again = load_assessment(plain, mini)
    assert save(again.assessment, plain, again.text) == dump(again.assessment, plain)


def _section(text: str, key: str, replacement: str) -> str:
    """`text` with its top-level `key:` section replaced by `replacement`."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line[:1].isalpha():
            skipping = line.startswith(f"{key}:")
        if not skipping:
            kept.append(line)
    return "".join(kept) + replacement


@pytest.mark.parametrize(
    ("key", "replacement", "expected"),
    [
        ("impacts", "impacts: {a: 1}\n", "impacts: Input should be a valid list"),
        ("impacts", "impacts: 5\n", "impacts: Input should be a valid list"),
        ("impacts", "impacts: [{id: [x]}]\n", "impacts.0.id: Input should be a valid string"),
        ("impacts", "impacts: [[x], 1]\n", "impacts.0: Input should be a valid dictionary"),
        ("actions", "actions: 7\n", "actions: Input should be a valid list"),
        ("actions", "actions: [{id: a, addresses: 5}]\n", "actions.0.addresses: Input should be"),
        (
            "actions",
            "actions: [{id: a, addresses: [[x]]}]\n",
            "actions.0.addresses.0: Input should be a valid string",
        ),
        ("actions", "actions: [{id: {a: 1}}, {id: {a: 1}}]\n", "actions.0.id: Input should be"),
        ("answers", "answers: {1: {value: 'yes'}}\n", "keys must be text"),
        ("answers", "answers: {[a, b]: {value: 'yes'}}\n", ": keys must be text"),
        ("answers", "answers: [1, 2]\n", "answers: Input should be a valid dictionary"),
        ("answers", "answers:\n  basics.law: [x]\n", "answers.basics.law: Input should be"),
    ],
)
def test_wrong_shapes_are_located_problems(
    write: Write, mini: Bank, key: str, replacement: str, expected: str
) -> None:
    """Wrong types in the register, the plan and the answers are the model's to report: the
    checks against the bank only ever see parts that validated."""
    found = problems(write("p.hria.yaml", _section(PLAN, key, replacement)), mini)
    assert any(expected in p for p in found), found
    assert all(p.startswith("p.hria.yaml:") or "/p.hria.yaml:" in p for p in found), found


def test_plan_references_still_checked_when_metadata_is_invalid(write: Write, mini: Bank) -> None:
    text = PLAN.replace("[wrongful-stops, LEG-001]", "[wrongful-stops, LEG-999]")
    found = problems(write("p.hria.yaml", text.replace("role: deployer", "role: boss")), mini)
    assert any("metadata.role" in p for p in found), found
    assert any("'LEG-999' is neither a rule code" in p for p in found), found


def test_an_invalid_impact_register_does_not_make_references_unknown(
    write: Write, mini: Bank
) -> None:
    found = problems(write("p.hria.yaml", PLAN.replace("scale: 4", "scale: 9")), mini)
    assert not any("neither a rule code" in p for p in found), found


def test_answers_are_checked_one_by_one(write: Write, mini: Bank) -> None:
    text = GOOD.replace("basics.law:", "basics.lw:").replace("{value: 120}", "{value: 12, x: 1}")
    found = problems(write("a.hria.yaml", text), mini)
    assert any("unknown question id" in p for p in found), found
    assert any("details.people.x: unknown field" in p for p in found), found


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-1" + "0" * 400, "number is too large"),
        ("-1e999", "expected a finite number"),
        (".nan", "expected a finite number"),
        (".inf", "expected a finite number"),
        ("12.5", "expected a whole number"),
    ],
)
def test_numbers_out_of_every_range(write: Write, mini: Bank, value: str, expected: str) -> None:
    text = GOOD.replace("{value: 120}", f"{{value: {value}}}")
    found = problems(write("a.hria.yaml", text), mini)
    assert any(expected in p for p in found), found
