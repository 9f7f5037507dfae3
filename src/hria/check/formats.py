"""Plain-text and JSON output for `hria check`. Builds strings; the CLI writes them.

Severity is always spelled out, so colour is an aid and never the only signal. Every string
that comes from a file (assessment or bank: names, keys, ids, titles, values) goes through
hria.escapes, so no output line can be split, forged or turned into a terminal command.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from hria import __version__
from hria.check.run import FileResult, Tally, unconfirmed
from hria.domain.plan import describe_impact, ordered
from hria.escapes import json_safe, visible
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation, Flag, Outcome, Profile, Trigger, encoded

JSON_FORMAT_VERSION = 1  # raised when a field is removed or changes meaning; additions keep it

_COLOURS = {
    Severity.RED_LINE: "1;31",
    Severity.HIGH: "31",
    Severity.MEDIUM: "33",
    Severity.LOW: "36",
    Severity.INFO: "2",
}
COLOURS = _COLOURS
_OUTCOME_COLOURS = {
    Outcome.DO_NOT_DEPLOY: "1;31",
    Outcome.FAILS: "31",
    Outcome.CONDITIONAL: "33",
    Outcome.NO_MAJOR_FLAGS: "32",
    Outcome.SCREENED: "36",
}


class Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


def render_text(results: list[FileResult], bank: Bank, color: bool, verbose: bool) -> str:
    paint = Paint(color)
    blocks = [text_block(r, bank, paint, verbose) for r in results]
    blocks.append(summary(tally_of(results)))
    return "\n".join(b for b in blocks if b) + "\n"


def text_block(result: FileResult, bank: Bank, paint: Paint, verbose: bool) -> str:
    """The verdict, flags and gaps of one valid file; nothing for an invalid one."""
    return _file_block(result, bank, paint, verbose) if result.valid else ""


def _file_block(result: FileResult, bank: Bank, paint: Paint, verbose: bool) -> str:
    evaluation = result.evaluation
    assert evaluation is not None
    verdict = evaluation.verdict
    lines = [f"{visible(result.path)}: {paint(verdict.text, _OUTCOME_COLOURS[verdict.outcome])}"]
    if evaluation.profile is not None:
        lines.append(f"  {profile_line(evaluation.profile)}")
    for flag in evaluation.flags:
        lines.append(_flag_line(flag, bank, paint))
        if verbose:
            lines.extend(_flag_details(flag))
    gaps = Counter(g.kind for g in evaluation.gaps if g.required or g.kind != "unanswered")
    if gaps:
        parts = [f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(gaps.items())]
        lines.append(f"  gaps: {', '.join(parts)}")
        lines.extend(_held_lines(evaluation, verbose))
    if result.assessment is not None and (result.assessment.impacts or result.assessment.actions):
        lines.append(f"  {_plan_summary(result)}")
        if verbose:
            impacts = ordered(result.assessment.impacts)
            lines.extend(f"    {visible(describe_impact(i))}" for i in impacts)
    if evaluation.hidden_answers:
        lines.append(f"  not applicable: {len(evaluation.hidden_answers)} answer(s) not evaluated")
    lines.extend(_review_lines(result))
    lines.extend(_carried_lines(result))
    return "\n".join(lines)


def _held_lines(evaluation: Evaluation, verbose: bool) -> list[str]:
    """Rules that unknown answers leave undecided, without a flag: what answering would settle."""
    held = [g for g in evaluation.gaps if g.held]
    if not held:
        return []
    codes = sorted({code for g in held for code in g.held})
    lines = [f"  undecided: {len(codes)} rule(s) wait on unknown answers"]
    if verbose:
        lines += [f"    {visible(g.question)}: {', '.join(g.held)}" for g in held]
    return lines


def _review_lines(result: FileResult) -> list[str]:
    """Answers `hria migrate` set aside: they count as unanswered until answered again."""
    review = result.assessment.needs_review if result.assessment is not None else []
    if not review:
        return []
    questions = ", ".join(visible(r.question) for r in review)
    return [f"  to answer again (set aside by hria migrate): {questions}; run hria resume"]


def _carried_lines(result: FileResult) -> list[str]:
    """Answers carried over by `hria new --from` that nobody has confirmed yet."""
    carried = unconfirmed(result)
    if not carried:
        return []
    previous = result.assessment.metadata.previous if result.assessment else None
    source = f" from {visible(previous.title)} ({previous.date.isoformat()})" if previous else ""
    names = ", ".join(visible(q) for q in carried)
    return [f"  carried over{source}, not yet confirmed: {names}; run hria resume"]


def profile_line(profile: Profile) -> str:
    """The intrusion level and its reasons in one line."""
    top = [r for r in profile.reasons if r.level == profile.level]
    why = "; ".join(r.title + (" (unknown or unanswered)" if r.uncertain else "") for r in top)
    head = f"intrusion level {profile.level} of 4, {profile.name}"
    tail = "; unknown safeguards count as missing" if profile.burden else ""
    return head + (f": {why}" if why else ": none of the factors that raise it holds") + tail


def _plan_summary(result: FileResult) -> str:
    assert result.assessment is not None
    impacts, actions = result.assessment.impacts, result.assessment.actions
    severe = sum(1 for i in impacts if i.severe)
    still_open = sum(1 for a in actions if a.status.open)
    return (
        f"impact register: {len(impacts)} ({severe} severe); "
        f"action plan: {len(actions)} ({still_open} open)"
    )


def _flag_line(flag: Flag, bank: Bank, paint: Paint) -> str:
    label = paint(f"{flag.severity.label.upper():<8}", _COLOURS[flag.severity])
    why = " (answer unknown)" if flag.basis == "unknown" else ""
    status = "" if flag.status == "open" else f" ({flag.status})"
    text = f"{flag.code:<8} {flag.title}{why} [{gate_title(bank, flag)}]{status}{waived(flag)}"
    return f"  {label} {visible(text)}"


def waived(flag: Flag) -> str:
    """' (waived until ...: reason)', or that the waiver expired; nothing if not waived."""
    note = flag.waived
    if note is None:
        return ""
    reason = " ".join(note.reason.split())
    if note.expired:
        return f" (waiver expired on {note.expires.isoformat()}: counts again)"
    return f" (waived until {note.expires.isoformat()} by {note.approved_by}: {reason})"


def gate_title(bank: Bank, flag: Flag) -> str:
    return bank.gates_by_id[flag.gate].title if flag.gate in bank.gates_by_id else flag.gate


def _flag_details(flag: Flag) -> list[str]:
    triggers = "; ".join(_trigger(t) for t in flag.triggers)
    return [
        f"{'':11}triggered by: {visible(triggers)}",
        f"{'':11}do: {visible(' '.join(flag.recommendation.split()))}",
    ]


def _trigger(trigger: Trigger) -> str:
    prefix = "" if trigger.kind == "answer" else f"{trigger.kind} "
    shown = "" if trigger.value is None else f" = {_show(trigger.value)}"
    return f"{prefix}{trigger.ref}{shown}"


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def tally_of(results: list[FileResult]) -> Tally:
    tally = Tally(None, strict=False)
    for result in results:
        tally.add(result)
    return tally


def summary(tally: Tally) -> str:
    parts = [f"{n} {o.value.replace('_', ' ')}" for o, n in tally.outcomes.items()]
    if tally.invalid:
        parts.append(f"{tally.invalid} invalid")
    if tally.internal:
        parts.append(f"{tally.internal} internal error{'' if tally.internal == 1 else 's'}")
    noun = "file" if tally.files == 1 else "files"
    return f"{tally.files} {noun} checked: {', '.join(parts)}" if parts else ""


def internal_message(result: FileResult) -> str:
    return (
        f"internal error while checking {result.path} ({result.internal}); "
        "this is a bug in hria. Set HRIA_DEBUG=1 to see the traceback."
    )


def render_diagnostics(results: list[FileResult]) -> str:
    """Errors and warnings, one per line, for standard error."""
    return "".join(diagnostics(r) for r in results)


def diagnostics(result: FileResult) -> str:
    """One file's errors, then its warnings."""
    lines = [f"error: {p}" for p in result.problems]
    if result.internal is not None:
        lines.append(f"error: {internal_message(result)}")
    lines += [f"warning: {p}" for p in result.warnings]
    return "".join(f"{line}\n" for line in lines)


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
