"""`hria diff` output: text for a terminal, Markdown for a pull-request comment, JSON for tools.
Builds strings; the CLI writes them. Every string from a file is escaped for its medium."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hria import __version__
from hria.audit.changes import MARK_WORDS, Section, Words, sections
from hria.audit.sources import Side
from hria.domain.diff import AnswerChange, ChangeSet, EntryChange, FlagChange, compare, plain
from hria.domain.flow import shown_value
from hria.domain.verdict import verdict_json
from hria.errors import ExitCode
from hria.escapes import json_safe, md_escape, printable, visible
from hria.i18n import N_, _, ngettext
from hria.models.assessment import Answer
from hria.models.bank import Bank
from hria.models.findings import Flag

TEXT_MARKS = {
    "added": "+",
    "raised": "+",
    "applies": "+",
    "removed": "-",
    "cleared": "-",
    "no longer applies": "-",
    "worse": "!",
    "better": "~",
    "changed": "~",
}
NO_CHANGE = N_("no difference in meaning")


def changes_of(bank: Bank, old: Side, new: Side) -> ChangeSet:
    return compare(bank, old.assessment, old.evaluation, new.assessment, new.evaluation)


def exit_code(changes: ChangeSet, fail_if_worse: bool) -> ExitCode:
    """As `diff`: 1 when there are differences (with --fail-if-worse: when the verdict or a
    gate got worse), else 0. Bad input never gets here: it is 2."""
    failing = changes.worse if fail_if_worse else not changes.empty
    return ExitCode.FINDINGS if failing else ExitCode.OK


def _summary(changes: ChangeSet) -> str:
    """One line: how much changed, and whether the verdict or a gate got worse."""
    if changes.empty:
        return _(NO_CHANGE)
    counts = [
        (len(changes.answers), "answer"),
        (len(changes.applies), "applying"),
        (len(changes.flags), "flag"),
        (len(changes.gates), "gate"),
        (len(changes.impacts), "impact"),
        (len(changes.actions), "action"),
        (len(changes.metadata), "metadata"),
    ]
    parts = ", ".join(_COUNTS[noun](n) % {"n": n} for n, noun in counts if n)
    if changes.worse:
        text = _("changed: %(parts)s; the verdict is worse")
    elif changes.verdict or changes.gates:
        text = _("changed: %(parts)s; the verdict is not worse")
    else:
        text = _("changed: %(parts)s; the verdict is unchanged")
    return text % {"parts": parts or _("the verdict")}


_COUNTS: dict[str, Callable[[int], str]] = {
    "answer": lambda n: ngettext("%(n)s answer", "%(n)s answers", n),
    "applying": lambda n: ngettext("%(n)s question applying", "%(n)s questions applying", n),
    "flag": lambda n: ngettext("%(n)s flag", "%(n)s flags", n),
    "gate": lambda n: ngettext("%(n)s gate", "%(n)s gates", n),
    "impact": lambda n: ngettext("%(n)s impact", "%(n)s impacts", n),
    "action": lambda n: ngettext("%(n)s action", "%(n)s actions", n),
    "metadata": lambda n: ngettext("%(n)s metadata field", "%(n)s metadata fields", n),
}


def render_text(old: Side, new: Side, changes: ChangeSet, bank: Bank) -> str:
    lines = [f"--- {visible(old.name)}", f"+++ {visible(new.name)}"]
    for section in sections(changes, bank):
        lines.append(f"{section.title}:")
        for item in section.items:
            lines.append(f"  {TEXT_MARKS.get(item.mark, '~')} {visible(item.head)}")
            lines.extend(f"      {visible(d)}" for d in item.details)
    if not changes.empty and changes.verdict is None:
        verdict = visible(new.evaluation.verdict.text)
        lines.append(_("Verdict unchanged: %(verdict)s") % {"verdict": verdict})
    lines.append(_summary(changes))
    return "\n".join(lines) + "\n"


def render_markdown(old: Side, new: Side, changes: ChangeSet, bank: Bank) -> str:
    lines = [
        _("## hria diff: %(title)s") % {"title": md_escape(new.assessment.metadata.title)},
        "",
        f"`{_tick(old.name)}` → `{_tick(new.name)}`",
        "",
    ]
    if changes.empty:
        values = {"none": _(NO_CHANGE).capitalize(), "verdict": md_escape(_verdict(new))}
        lines.append(_("**%(none)s.** Verdict: %(verdict)s") % values)
        return printable("\n".join(lines) + "\n")
    if changes.verdict is None:
        verdict = md_escape(_verdict(new))
        lines += [_("**Verdict unchanged:** %(verdict)s") % {"verdict": verdict}, ""]
    for section in sections(changes, bank):
        lines += _md_section(section)
    lines.append(f"_{md_escape(_summary(changes))}_")
    return printable("\n".join(lines) + "\n")  # no control reaches a terminal or a comment


def _md_section(section: Section) -> list[str]:
    lines = [f"### {md_escape(section.title)}", ""]
    for item in section.items:
        mark = _(MARK_WORDS.get(item.mark, item.mark))
        lines.append(f"- **{md_escape(mark)}** {md_escape(item.head)}")
        lines.extend(f"  - {md_escape(d)}" for d in item.details)
    return [*lines, ""]


def _tick(name: str) -> str:
    """A file name inside a code span: backticks and line breaks cannot close it."""
    return " ".join(name.replace("`", "'").split())


def _verdict(side: Side) -> str:
    return side.evaluation.verdict.text


def render_json(old: Side, new: Side, changes: ChangeSet, bank: Bank) -> str:
    words = Words(bank)
    document = {
        "hria_version": __version__,
        "bank": {"id": bank.id, "version": bank.version},
        "old": _side(old),
        "new": _side(new),
        "different": not changes.empty,
        "worse": changes.worse,
        **_top_json(changes),
        "flags": [_flag_json(f) for f in changes.flags],
        "answers": [_answer_json(words, bank, a) for a in changes.answers],
        "applies": [
            {"question": c.question, "prompt": _prompt(bank, c.question), "applies": c.applies}
            for c in changes.applies
        ],
        "impacts": [_entry_json(e) for e in changes.impacts],
        "actions": [_entry_json(e) for e in changes.actions],
        "metadata": [{"field": c.name, "old": c.old, "new": c.new} for c in changes.metadata],
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False, default=str)) + "\n"


def _top_json(changes: ChangeSet) -> dict[str, Any]:
    """The verdict, the intrusion level and the gates: null or empty when unchanged."""
    verdict, level = changes.verdict, changes.level
    return {
        "verdict": None
        if verdict is None
        else {"old": verdict_json(verdict.old), "new": verdict_json(verdict.new)},
        "level": None
        if level is None
        else {
            "old": level.old.level if level.old else None,
            "new": level.new.level if level.new else None,
        },
        "gates": [
            {
                "gate": g.gate,
                "old": {"outcome": g.old.outcome.value, "text": g.old.text},
                "new": {"outcome": g.new.outcome.value, "text": g.new.text},
                "worse": g.worse,
            }
            for g in changes.gates
        ],
    }


def _side(side: Side) -> dict[str, Any]:
    return {"name": side.name, "verdict": verdict_json(side.evaluation.verdict)}


def _flag_json(change: FlagChange) -> dict[str, Any]:
    flag = change.new or change.old
    assert flag is not None
    return {
        "code": change.code,
        "gate": change.gate,
        "change": change.kind.value,
        "title": flag.title,
        "old": None if change.old is None else _flag_state(change.old),
        "new": None if change.new is None else _flag_state(change.new),
        "worse": change.worse,
    }


def _flag_state(flag: Flag) -> dict[str, Any]:
    return {"severity": flag.severity.value, "status": flag.status, "basis": flag.basis.value}


def _prompt(bank: Bank, qid: str) -> str | None:
    question = bank.questions.get(qid)
    return question.prompt if question is not None else None


def _answer_json(words: Words, bank: Bank, change: AnswerChange) -> dict[str, Any]:
    qid = change.question
    return {
        "question": qid,
        "number": words.numbering.numbers.get(qid),
        "prompt": _prompt(bank, qid),
        "change": change.change.value,
        "fields": list(change.fields),
        "old": _answer_state(bank, qid, change.old),
        "new": _answer_state(bank, qid, change.new),
    }


def _answer_state(bank: Bank, qid: str, answer: Answer | None) -> dict[str, Any] | None:
    if answer is None:
        return None
    question = bank.questions.get(qid)
    data: dict[str, Any] = plain(answer)
    data["label"] = shown_value(question, answer) if question is not None else None
    return data


def _entry_json(change: EntryChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "change": change.change.value,
        "fields": list(change.fields),
        "old": None if change.old is None else plain(change.old),
        "new": None if change.new is None else plain(change.new),
    }
