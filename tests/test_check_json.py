"""`hria check --format json`: format version, flag locations, and its published schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.conftest import ROOT
from tests.format_cases import (
    NO_LAW,
    Write,
    check,
    check_examples,
    explode_on,
    hria,
    mixed,
)

COMMITTED = ROOT / "schema" / "hria-check-output.schema.json"


def _schema() -> dict[str, object]:
    result = hria("schema", "--check-output")
    assert result.exit_code == 0
    schema: dict[str, object] = json.loads(result.stdout)
    return schema


def test_the_committed_schema_is_the_one_hria_prints() -> None:
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == _schema()


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_the_examples_validate_against_the_schema() -> None:
    result = check_examples("--format", "json")
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(_schema()).validate(document)
    assert document["format_version"] == 1
    flags = [f for entry in document["files"] for f in entry["flags"]]
    assert len(flags) > 100
    assert all(isinstance(f["line"], int) and isinstance(f["column"], int) for f in flags)


def test_invalid_and_crashed_files_validate_too(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = mixed(write)
    explode_on(monkeypatch, "Pilot")  # every valid file crashes
    crashed = json.loads(check("--format", "json", *paths).stdout)
    jsonschema.Draft202012Validator(_schema()).validate(crashed)
    monkeypatch.undo()
    document = json.loads(check("--format", "json", *paths).stdout)
    jsonschema.Draft202012Validator(_schema()).validate(document)
    assert [e["valid"] for e in document["files"]] == [True, True, True, False, False]


def test_a_document_missing_a_location_does_not_validate(write: Write) -> None:
    document = json.loads(check("--format", "json", write("a.hria.yaml", NO_LAW)).stdout)
    del document["files"][0]["flags"][0]["line"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(document)


def test_each_flag_names_the_file_line_and_column_of_its_answer(write: Write) -> None:
    path = write("a.hria.yaml", NO_LAW)
    document = json.loads(check("--format", "json", path).stdout)
    flags = {f["code"]: (f["file"], f["line"], f["column"]) for f in document["files"][0]["flags"]}
    assert flags == {"LEG-001": (str(path), 12, 3), "NEC-002": (str(path), 13, 3)}
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[11].startswith("  basics.law:") and lines[12].startswith("  details.people:")


def test_json_files_are_located_as_well(write: Write) -> None:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(NO_LAW)
    data["metadata"]["created"] = "2026-01-05"
    path = write("a.hria.json", json.dumps(data, indent=2))
    document = json.loads(check("--format", "json", path).stdout)
    flag = document["files"][0]["flags"][0]
    line = path.read_text(encoding="utf-8").splitlines()[flag["line"] - 1]
    assert line[flag["column"] - 1 :].startswith(f'"{flag["triggers"][0]["ref"]}"')


@pytest.mark.parametrize("how", ["recorded", "recorded_pure", "scanned"])
def test_flag_locations_match_the_round_trip_locator(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The positions the parse records (with the C parser or without it), and those the
    event scan finds for JSON files, are those the full round-trip parse gives."""
    from hria.files import yamlio
    from hria.files.construct import Positions as Index
    from hria.files.positions import Positions
    from hria.files.yamlio import Locator, parse

    if how == "recorded_pure":
        monkeypatch.setattr(yamlio, "C_PARSER", False)
    locs: list[list[str | int]] = [
        ["answers", "basics.purpose"],
        ["metadata", "title"],
        ["metadata"],
        ["impacts", 0],
        ["actions", 1],
        ["answers", "no.such"],
        [],
    ]
    for example in sorted((ROOT / "assessments").glob("*.hria.*")):
        text = example.read_text(encoding="utf-8")
        index: Index = {}
        parse(text, str(example), positions=index)
        assert index
        fast = Positions(text, True, index if how != "scanned" else None)
        slow = Locator(text)
        for loc in locs:
            assert fast.find(loc) == slow.find(loc)[:2], (example.name, loc)
