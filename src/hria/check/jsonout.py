"""JSON output for `hria check`: the document, its frame and one entry per file, written so
that output can follow file by file. Builds strings; the CLI writes them. Keys and values a
program reads stay as they are in every language; only messages for people are translated.
"""

from __future__ import annotations

import json
from typing import Any

from hria import __version__
from hria.check.formats import internal_message
from hria.check.run import FileResult, unconfirmed
from hria.escapes import json_safe
from hria.models.bank import Bank
from hria.models.findings import encoded

JSON_FORMAT_VERSION = 1  # raised when a field is removed or changes meaning; additions keep it


def render_json(results: list[FileResult], bank: Bank, fail_on: str, exit_code: int) -> str:
    return json_document(bank, fail_on, exit_code, [json_entry(r) for r in results])


def json_document(bank: Bank, fail_on: str, exit_code: int, entries: list[str]) -> str:
    """The whole JSON output, around file entries already rendered by `json_entry`."""
    head, tail = json_frame(bank, fail_on, exit_code)
    if not entries:
        return f"{head}[]{tail}"
    return f"{head}[\n" + ",\n".join(entries) + f"\n  ]{tail}"


def json_frame(bank: Bank, fail_on: str, exit_code: int) -> tuple[str, str]:
    """The document before and after the list of files: everything else it holds."""
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "hria_version": __version__,
        "bank": {"id": bank.id, "version": bank.version},
        "fail_on": fail_on,
        "exit_code": exit_code,
        "files": [],
    }
    text = json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
    head, tail = text.rsplit("[]", 1)
    return head, tail


def json_entry(result: FileResult, extra: dict[str, Any] | None = None) -> str:
    """One file's entry (with `extra` keys), indented to sit in the document's list of files."""
    entry = _file_json(result) | (extra or {})
    return json_safe(laid_out(entry, "    "))


def laid_out(entry: dict[str, Any], indent: str) -> str:
    """A mapping as JSON with a key per line and a list item per line, each value on one
    line: readable, and written by json's C encoder, which `indent=` would turn off (that
    made JSON output take as long as the check itself)."""
    lines = []
    for key, value in entry.items():
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            items = ",\n".join(f"{indent}    {_compact(v)}" for v in value)
            lines.append(f"{indent}  {name}: [\n{items}\n{indent}  ]")
        else:
            lines.append(f"{indent}  {name}: {_compact(value)}")
    return f"{indent}{{\n" + ",\n".join(lines) + f"\n{indent}}}"


def _compact(value: Any) -> str:
    return value if isinstance(value, _Encoded) else json.dumps(value, ensure_ascii=False)


def _file_json(result: FileResult) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": result.path,
        "valid": result.valid,
        "problems": [_problem_json(p) for p in result.problems],
        "warnings": [_problem_json(p) for p in result.warnings],
    }
    if result.internal is not None:
        entry["internal_error"] = result.internal
        entry["problems"].append(
            {"message": internal_message(result), "line": None, "column": None, "where": ""}
        )
    if result.evaluation is not None and result.valid:
        evaluation = result.evaluation
        parts = encoded(evaluation)
        entry |= {
            "complete": evaluation.complete,
            "flags": _located_flags(result, parts["flags"]),
            "verdict": _Encoded(parts["verdict"]),
            "gaps": [_Encoded(gap) for gap in parts["gaps"]],
            "hidden_answers": evaluation.hidden_answers,
            "profile": _Encoded(parts["profile"]),
        }
        review = result.assessment.needs_review if result.assessment is not None else []
        entry["needs_review"] = [r.question for r in review]
        entry["carried_over"] = unconfirmed(result)
    return entry


class _Encoded(str):
    """JSON text already written, which `laid_out` writes as it is."""


def _located_flags(result: FileResult, texts: list[str]) -> list[_Encoded]:
    """Each flag with its file, line and column: where the answer that triggered it is."""
    from hria.check.locate import FlagLocator  # only the formats that locate flags need it

    assert result.evaluation is not None
    locator = FlagLocator(result)
    path = json.dumps(result.path, ensure_ascii=False)
    located = []
    for flag, text in zip(result.evaluation.flags, texts, strict=True):
        spot = locator.primary(flag)
        line = "null" if spot.line is None else spot.line
        column = "null" if spot.column is None else spot.column
        located.append(_Encoded(f'{text[:-1]},"file":{path},"line":{line},"column":{column}}}'))
    return located


def _problem_json(problem: Any) -> dict[str, Any]:
    return {
        "message": problem.message,
        "line": problem.line,
        "column": problem.column,
        "where": problem.where,
    }
