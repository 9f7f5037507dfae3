"""The text of a skeleton: an assessment file to complete in an editor.

Every question that applies under the answers so far is a commented block in the bank's
order: its number and prompt, what it takes, whether `unknown` is allowed, the evidence it
expects, and the lines to uncomment. Questions that only apply on certain answers are listed
at the end with the answers that open them. The file is a valid draft as it stands."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hria.bank.numbering import Numbering
from hria.bank.schema import schema_id
from hria.domain.engine import scope
from hria.errors import HriaError
from hria.files.fsutil import atomic_write
from hria.files.store import dump, dump_draft
from hria.i18n import N_, _
from hria.interview.carry import Carried, Given, carry, fresh
from hria.interview.lock import InterviewLock
from hria.interview.skeleton_values import listed, takes
from hria.models.assessment import Assessment
from hria.models.bank import (
    Bank,
    Question,
    Section,
)

WIDTH = 96
SCHEMA_NAME = "hria-assessment.schema.json"
_HOW = N_(
    "An hria assessment to complete in an editor (question bank {bank}).\n"
    "Replace every TO FILL IN in the metadata. Below `answers:` each question that applies so "
    "far is a commented block, in the order of the bank. To answer one, remove the '# ' in "
    "front of its id and of its `value:` line (and `evidence:` if you cite any), then give the "
    "value. Leave a block commented out to answer it later; questions that open on later "
    "answers are listed at the end. `hria check {file}` says what is still missing; `hria "
    "resume {file}` asks the rest in the terminal."
)


def render(bank: Bank, assessment: Assessment, path: Path, schema: str, notes: list[str]) -> str:
    """The whole skeleton: header comments, metadata, answers with the open questions."""
    numbering = Numbering(bank)
    current = scope(bank, assessment.answers)
    head = [f"# yaml-language-server: $schema={schema}"]
    head += _comment(_(_HOW).format(bank=f"{bank.id} {bank.version}", file=path.name), "")
    head += [line for note in notes for line in _comment(note, "")]
    bare = assessment.model_copy(
        update={"answers": {}, "impacts": [], "actions": [], "needs_review": []}
    )
    top = _annotate_metadata(dump(bare, path)).removesuffix("answers: {}\n")
    body = list(_answers(bank, numbering, assessment, set(current.visible)))
    rest = assessment.model_copy(update={"answers": {}}).model_dump(
        by_alias=True, exclude_none=True, include={"impacts", "actions", "needs_review"}
    )
    tail = dump_draft(rest, path) if any(rest.values()) else ""
    return "\n".join([*head, top.rstrip("\n"), "answers:", *body, ""]) + tail


def _annotate_metadata(text: str) -> str:
    """Say what the role may be, and where the optional fields go."""
    lines = []
    for line in text.splitlines():
        if line.startswith("  role: "):
            line += "  # deployer | vendor | auditor"
        if line.startswith("  status: ") and "  review_by: " not in text:
            when = _("(optional: when it must be redone)")
            lines.append(f"  # review_by: YYYY-MM-DD  {when}")
        lines.append(line)
        if line.startswith("  bank: ") and "  description: " not in text:
            what = _("(optional) what the system is and does")
            lines.append(f"  # description: {what}")
    return "\n".join(lines) + "\n"


def _answers(
    bank: Bank, numbering: Numbering, assessment: Assessment, visible: set[str]
) -> Iterator[str]:
    later: list[str] = []
    for number, section in enumerate(bank.sections, 1):
        rows = [q for q in section.questions if q.id in visible or q.id in assessment.answers]
        if rows:
            yield from [""] if number > 1 else []
            head = _("Section %(number)s of %(count)s: %(title)s") % {
                "number": number,
                "count": len(bank.sections),
                "title": section.title,
            }
            yield f"  # ---- {head} ----"
        for question in rows:
            yield from _entry(numbering, assessment, question, visible)
        later += _later(numbering, number, section, visible, bool(rows))
    if later:
        yield ""
        yield from _comment(
            _(
                "Later: questions that apply only on certain answers. Answer the questions above "
                "first; `hria resume` then asks these in the terminal, or write them here (your "
                "editor's schema completes every question id and its values)."
            ),
            "  ",
        )
        yield from later


def _entry(
    numbering: Numbering, assessment: Assessment, question: Question, visible: set[str]
) -> Iterator[str]:
    number = numbering.numbers[question.id]
    answer = assessment.answers.get(question.id)
    if answer is None:
        yield from _block(numbering, number, question)
        return
    state = "" if question.id in visible else " " + _("(does not apply now: kept, not evaluated)")
    yield "  #"
    yield from _comment(f"[{number}] {question.prompt}{state}", "  ")
    data = {question.id: answer.model_dump(exclude_none=True)}
    yield from ("  " + line for line in dump_draft(data, Path("a.yaml")).splitlines())


def _block(numbering: Numbering, number: str, question: Question) -> Iterator[str]:
    optional = "" if question.required else " " + _("(optional)")
    lines = _wrap(f"[{number}] {question.prompt}{optional}")
    condition = numbering.words(question.when)
    if condition:
        lines += _wrap(condition.replace("Asked only if", _("Asked because"), 1))
    lines += takes(question)
    if question.allow_unknown:
        lines.append(_("Or: unknown (a real answer: say so when you do not know)"))
    if question.expects_evidence:
        hint = question.evidence_hint or _("the documents behind a yes")
        lines += _wrap(_("Evidence expected: %(hint)s") % {"hint": hint})
    lines += [f"{question.id}:", "  value: []" if listed(question) else "  value:"]
    if question.expects_evidence:
        lines.append("  evidence: []")
    yield "  #"
    yield from (f"  # {line}" for line in lines)


def _later(
    numbering: Numbering, number: int, section: Section, visible: set[str], open_now: bool
) -> list[str]:
    """One line for a section that is closed; one per question that waits in an open one."""
    if not open_now and section.when is not None:
        opens = numbering.words(section.when) or ""
        text = _("Section %(number)s, %(title)s (%(count)s questions): %(opens)s") % {
            "number": number,
            "title": section.title,
            "count": len(section.questions),
            "opens": opens,
        }
        return _comment(text.replace(": Asked only if", ": asked only if"), "  ")
    lines = []
    for question in section.questions:
        if question.id in visible:
            continue
        words = numbering.words(question.when) or _(
            "Asked once the questions before it are answered."
        )
        shown = numbering.numbers[question.id]
        lines += _comment(f"{shown} {question.id}: {question.prompt}", "  ")
        lines += [f"  #     {line}" for line in textwrap.wrap(words, WIDTH - 8)]
    return lines


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH - 6, subsequent_indent="  ") or [""]


def _comment(text: str, indent: str) -> list[str]:
    """Comment lines, wrapped; paragraphs of `text` keep their line breaks."""
    lines = []
    for paragraph in text.splitlines():
        wrapped = textwrap.wrap(paragraph, WIDTH - len(indent) - 2) or [""]
        lines += [f"{indent}# {line}".rstrip() for line in wrapped]
    return lines


@dataclass(frozen=True)
class Written:
    """What `hria new --skeleton` wrote, for the message that follows."""

    path: Path
    now: int  # questions that apply and are unanswered: the commented blocks
    later: int  # questions that apply only on other answers
    carried: Carried | None


def write(
    bank: Bank,
    path: Path,
    today: dt.date,
    given: Given,
    force: bool,
    source: Path | None = None,
    schema: str | None = None,
) -> Written:
    """Write a skeleton atomically, owner-only; from `source`, a re-assessment of it."""
    from hria.interview.start import check_target

    if not path.name.endswith((".yaml", ".yml")):
        raise HriaError(
            _("a skeleton is a YAML file (its questions are comments): %(path)s") % {"path": path},
            hint=_("name it *.hria.yaml"),
        )
    if source is not None:
        from hria.interview.reassess import check_from

        check_from(source, path, force)
    check_target(path)
    if path.exists() and not force:
        raise HriaError(
            _("%(path)s exists already") % {"path": path},
            hint=_("name another file, or use --force"),
        )
    carried = carry(bank, source, today, given) if source is not None else None
    assessment = carried.assessment if carried else fresh(bank, today, given)
    notes = _carried_notes(carried) if carried else []
    text = render(bank, assessment, path, schema or schema_ref(bank, path.parent), notes)
    lock = InterviewLock(path)
    lock.acquire()
    try:
        atomic_write(path, text)
    finally:
        lock.release()
    current = scope(bank, assessment.answers)
    now = sum(1 for q in current.visible if q not in assessment.answers)
    return Written(path, now, len(bank.questions) - len(current.visible), carried)


def _carried_notes(carried: Carried) -> list[str]:
    previous = carried.assessment.metadata.previous
    assert previous is not None
    notes = [
        _(
            "A re-assessment of “%(title)s” (%(date)s, %(file)s). Its answers are marked "
            "`carried_over: true`: delete that line once an answer still holds, or change the "
            "answer; `hria resume` asks you to confirm them section by section."
        )
        % {"title": previous.title, "date": previous.date.isoformat(), "file": previous.file}
    ]
    dropped = _("Not carried over: %(id)s (%(why)s).")
    notes += [dropped % {"id": qid, "why": why} for qid, why in carried.dropped]
    if carried.hidden:
        hidden = _("Carried over but not applicable now: %(names)s.")
        notes.append(hidden % {"names": ", ".join(carried.hidden)})
    return notes


def schema_ref(bank: Bank, folder: Path) -> str:
    """The JSON Schema for the modeline: this bank's committed schema if a folder above has
    one (schema/hria-assessment.schema.json, as in a repository of assessments), else the name
    that `hria schema > hria-assessment.schema.json` writes beside the file."""
    wanted = schema_id(bank)
    start = folder.resolve()
    for parent in [start, *list(start.parents)[:4]]:
        candidate = parent / "schema" / SCHEMA_NAME
        try:
            found = candidate.is_file() and wanted in candidate.read_text(encoding="utf-8")[:400]
        except (OSError, UnicodeDecodeError):
            found = False
        if found:
            return Path(os.path.relpath(candidate, start)).as_posix()
    return SCHEMA_NAME
