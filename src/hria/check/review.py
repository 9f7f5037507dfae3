"""`hria check FILE --review REVIEW`: the assessment as answered and with the reviewer's
challenges applied, the flags the challenges raise or clear, and whether the assessment
changed since the review. Builds strings and data; the CLI writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hria.bank.words import severity_word
from hria.check import formats, jsonout
from hria.check.run import Tally, check_file
from hria.check.stream import Options, Write
from hria.domain.verdict import verdict_json
from hria.domain.whatif import Contest, contest
from hria.errors import ExitCode
from hria.escapes import visible
from hria.files.reviews import open_review
from hria.i18n import N_, _, ngettext
from hria.models.bank import Bank
from hria.models.findings import Flag, Verdict
from hria.models.review import Review


def check_with_review(
    path: Path, review_path: Path, bank: Bank, today: dt.date, options: Options, out: Write,
    err: Write,
) -> ExitCode:  # fmt: skip
    """Check one file with a review; the exit code is that of the assessment as answered."""
    result = check_file(path, bank, today, isolate=False)
    tally = Tally(options.fail_on, options.strict)
    tally.add(result)
    err(formats.diagnostics(result))
    found = None
    if result.valid:
        assert result.assessment is not None
        review = open_review(review_path, bank, path, result.assessment).review
        found = contest(bank, result.assessment, review, today)
    if options.output_format == "json":
        extra = {"review": review_json(found, review_path)} if found else {}
        entries = [jsonout.json_entry(result, extra)]
        out(jsonout.json_document(bank, options.fail_on_name, int(tally.exit_code()), entries))
        return tally.exit_code()
    paint = formats.Paint(options.color)
    block = formats.text_block(result, bank, paint, options.verbose)
    if block:
        out(f"{block}\n")
    if found:
        out(review_text(found, review_path, bank, paint) + "\n")
    out(f"{formats.summary(tally)}\n")
    return tally.exit_code()


def review_text(found: Contest, path: Path, bank: Bank, paint: formats.Paint) -> str:
    review, result = found.review, found.what_if
    lines = [_("review: %(name)s: %(who)s") % {"name": visible(path.name), "who": _who(review)}]
    lines += [f"  {line}" for line in stale_lines(found)]
    contested = ", ".join(visible(q) for q in result.contested) or _("none")
    values = {"n": len(result.contested), "list": contested}
    lines.append("  " + _("contested answers: %(n)s (%(list)s)") % values)
    lines += _verdict_lines(found)
    groups = ((RAISE, result.raised), (CLEAR, result.cleared))
    for text, flags in groups:
        if flags:
            lines.append("  " + _(text) % {"n": len(flags)})
            lines += [f"    {_flag(f, bank, paint)}" for f in flags]
    if result.moved:
        lines.append("  " + _(MOVED) % {"n": len(result.moved)})
        lines += [
            f"    {severity_word(m.before.severity)} -> {_flag(m.after, bank, paint)}"
            for m in result.moved
        ]
    if not (result.raised or result.cleared or result.moved):
        lines.append("  " + _("the challenges raise, clear and change no flag"))
    lines += [f"  {line}" for line in _findings(review)]
    return "\n".join(lines)


RAISE = N_("flags the challenges raise: %(n)s")
CLEAR = N_("flags the challenges clear: %(n)s")
MOVED = N_("flags whose severity the challenges change: %(n)s")


def _verdict_lines(found: Contest) -> list[str]:
    """The two verdicts, their texts lined up."""
    result = found.what_if
    heads = [_("verdict as answered:"), _("verdict with the challenges:")]
    width = max(len(h) for h in heads) + 1
    verdicts = (result.as_answered.verdict, result.challenged.verdict)
    return [f"  {head:<{width}}{_verdict(v)}" for head, v in zip(heads, verdicts, strict=True)]


def stale_lines(found: Contest) -> list[str]:
    """What the review says about the assessment having changed since it was made."""
    if not found.stale:
        return []
    lines = [_("the assessment has changed since this review was made (its SHA-256 differs)")]
    if found.changes:
        lines.append(_("answers changed since the review: %(n)s") % {"n": len(found.changes)})
        lines += [f"  {visible(c.question)}: {c.text}" for c in found.changes]
    elif any(r.seen for r in found.review.answers.values()):
        lines.append(_("no answer the review saw has changed (other parts of the file have)"))
    else:
        lines.append(_("the review records no answers as seen, so what changed cannot be listed"))
    return lines


def _who(review: Review) -> str:
    who = review.reviewer
    signed = review.signed
    if signed:
        state = _("signed by %(name)s on %(date)s") % {
            "name": signed.name,
            "date": signed.date.isoformat(),
        }
    else:
        state = _("not signed")
    role = _(who.role.label)
    return visible(f"{who.name} ({who.organisation}, {role}), {state}")


def _verdict(verdict: Verdict) -> str:
    return visible(verdict.text)


def _flag(flag: Flag, bank: Bank, paint: formats.Paint) -> str:
    label = formats.severity_mark(flag.severity, paint)
    gate = bank.gates_by_id[flag.gate].title if flag.gate in bank.gates_by_id else flag.gate
    return f"{label} {visible(f'{flag.code:<8} {flag.title} [{gate}]')}"


_OPINIONS: dict[str, Callable[[int], str]] = {
    "agree": lambda n: ngettext("%(n)s agree", "%(n)s agree", n),
    "disagree": lambda n: ngettext("%(n)s disagree", "%(n)s disagree", n),
    "severity": lambda n: ngettext(
        "%(n)s severity should differ", "%(n)s severity should differ", n
    ),
}


def _findings(review: Review) -> list[str]:
    lines = []
    if review.flags:
        kinds = [o.opinion.value for o in review.flags.values()]
        parts = [
            count(kinds.count(k)) % {"n": kinds.count(k)}
            for k, count in _OPINIONS.items()
            if k in kinds
        ]
        lines.append(_("opinions on flags: %(parts)s") % {"parts": ", ".join(parts)})
    if review.missed:
        lines.append(_("findings the assessment missed: %(n)s") % {"n": len(review.missed)})
        for m in review.missed:
            word = severity_word(m.severity).upper()
            lines.append(f"  {word:<8} {visible(m.title)} [{visible(m.gate)}]")
    if review.opinion is not None:
        decision = _(review.opinion.recommended.label)
        if review.opinion.agrees_with_verdict:
            text = _("the reviewer agrees with the verdict and recommends: %(decision)s")
        else:
            text = _("the reviewer does not agree with the verdict and recommends: %(decision)s")
        lines.append(text % {"decision": decision})
    return lines


def review_json(found: Contest, path: Path) -> dict[str, Any]:
    review, result = found.review, found.what_if
    return {
        "path": str(path),
        "reviewer": review.reviewer.model_dump(mode="json"),
        "signed": review.signed.model_dump(mode="json") if review.signed else None,
        "stale": found.stale,
        "changed_since": [{"question": c.question, "change": c.kind} for c in found.changes],
        "contested": result.contested,
        "verdict_as_answered": verdict_json(result.as_answered.verdict),
        "verdict_with_challenges": verdict_json(result.challenged.verdict),
        "raised": [_flag_json(f) for f in result.raised],
        "cleared": [_flag_json(f) for f in result.cleared],
        "severity_changed": [
            {**_flag_json(m.after), "from": m.before.severity.value} for m in result.moved
        ],
        "flag_opinions": {c: o.model_dump(mode="json") for c, o in review.flags.items()},
        "missed": [m.model_dump(mode="json") for m in review.missed],
        "opinion": review.opinion.model_dump(mode="json") if review.opinion else None,
    }


def _flag_json(flag: Flag) -> dict[str, Any]:
    return {"code": flag.code, "title": flag.title, "severity": flag.severity.value}
