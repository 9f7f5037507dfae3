"""Score the calibration corpus: real deployments, answered blind, against their expected verdicts.

Each case is a folder with `facts.md` (all the blind answerer saw, with the question bank),
`case.yaml` (sources, expected verdict class, must-flag themes, changes) and
`answers.hria.yaml` (the blind answers). Scores are data; `bench/calibrate.py` prints them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from hria.domain.engine import assess
from hria.files.store import load_assessment
from hria.models.assessment import UNKNOWN, Answer, Assessment
from hria.models.bank import Bank, ChoiceQuestion, MultipleChoiceQuestion, YesNoQuestion
from hria.models.base import Severity
from hria.models.findings import Evaluation, Flag, Outcome

CORPUS = Path(__file__).parent
TODAY = dt.date(2026, 12, 1)
BENIGN = ("benign", "conditional")


@dataclass(frozen=True)
class MustFlag:
    theme: str
    codes: tuple[str, ...]  # any of these rule codes counts as a hit
    min_severity: Severity


@dataclass(frozen=True)
class Case:
    id: str
    folder: Path
    klass: str  # harmful | conditional | benign
    expected: Outcome
    must_flag: tuple[MustFlag, ...]

    @property
    def answers(self) -> Path:
        return self.folder / "answers.hria.yaml"


@dataclass(frozen=True)
class Flip:
    question: str
    value: Any
    outcome: Outcome


@dataclass
class CaseScore:
    case: Case
    outcome: Outcome
    flags: list[Flag]
    missed: list[MustFlag] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    flips: list[Flip] | None = None  # computed only when asked for (`--flips`)

    @property
    def verdict_ok(self) -> bool:
        return self.outcome == self.case.expected

    @property
    def worst(self) -> Severity | None:
        return max((f.severity for f in self.flags), key=lambda s: s.rank, default=None)

    @property
    def benign_violation(self) -> bool:
        """A benign or conditional case with a red line, a fail or a high flag."""
        worst = self.worst
        return self.case.klass in BENIGN and worst is not None and worst.rank >= 3

    @property
    def unknown_red_line_flips(self) -> list[Flip]:
        flips = self.flips or []
        return [f for f in flips if f.value == UNKNOWN and f.outcome == Outcome.DO_NOT_DEPLOY]


def load_cases(root: Path = CORPUS) -> list[Case]:
    yaml = YAML(typ="safe")
    cases = []
    for sidecar in sorted(root.glob("*/case.yaml")):
        data = yaml.load(sidecar.read_text(encoding="utf-8"))
        must = tuple(
            MustFlag(
                theme=m["theme"],
                codes=tuple(m.get("codes", [])),
                min_severity=Severity(m.get("min_severity", "medium")),
            )
            for m in data.get("must_flag_themes") or []
        )
        cases.append(
            Case(
                id=data["id"],
                folder=sidecar.parent,
                klass=data["class"],
                expected=Outcome(data["expected_verdict"]),
                must_flag=must,
            )
        )
    return cases


def score_case(bank: Bank, case: Case, flips: bool = False) -> CaseScore:
    assessment = load_assessment(case.answers, bank).assessment
    evaluation = assess(bank, assessment, TODAY)
    score = CaseScore(case=case, outcome=evaluation.verdict.outcome, flags=evaluation.flags)
    score.missed = [m for m in case.must_flag if not _hit(m, evaluation)]
    score.duplicates = duplicates(evaluation)
    if flips:
        score.flips = list(single_flips(bank, assessment, evaluation))
    return score


def _hit(must: MustFlag, evaluation: Evaluation) -> bool:
    """A flag at the theme's minimum severity or above. A theme whose minimum is 'low' (a
    point to address) is also raised by a gap that names one of its rules: below the
    substantial level an unknown answer is reported as a gap to close, not as a flag."""
    flagged = any(
        f.code in must.codes and f.severity.rank >= must.min_severity.rank for f in evaluation.flags
    )
    if flagged or must.min_severity is not Severity.LOW:
        return flagged
    return any(code in must.codes for gap in evaluation.gaps for code in gap.held)


def duplicates(evaluation: Evaluation) -> list[tuple[str, str]]:
    """Pairs of flags that say the same thing: the same recommendation, or the same title."""
    pairs = []
    seen: dict[str, str] = {}
    for flag in evaluation.flags:
        for key in (flag.recommendation.strip().lower(), flag.title.strip().lower()):
            other = seen.get(key)
            if other is not None and other != flag.code:
                pairs.append((other, flag.code))
            seen.setdefault(key, flag.code)
    return sorted(set(pairs))


def alternatives(bank: Bank, qid: str, answer: Answer) -> Iterator[Any]:
    """Every other single answer a person could have given instead, `unknown` included."""
    question = bank.questions[qid]
    if not answer.is_unknown:
        yield UNKNOWN
    if isinstance(question, YesNoQuestion):
        yield from (v for v in ("yes", "no") if v != answer.value)
    elif isinstance(question, MultipleChoiceQuestion):
        current = answer.value if isinstance(answer.value, list) else []
        exclusive = {c.value for c in question.choices if c.exclusive}
        for choice in question.choices:
            toggled = [v for v in current if v != choice.value]
            if choice.value not in current:
                kept = [v for v in toggled if v not in exclusive]
                toggled = [choice.value] if choice.exclusive else [*kept, choice.value]
            if toggled:
                yield toggled
    elif isinstance(question, ChoiceQuestion):
        yield from (c.value for c in question.choices if c.value != answer.value)


def single_flips(bank: Bank, assessment: Assessment, base: Evaluation) -> Iterator[Flip]:
    """The single answers whose change would change the verdict class."""
    for qid, answer in assessment.answers.items():
        if qid not in bank.questions:
            continue
        for value in alternatives(bank, qid, answer):
            changed = dict(assessment.answers)
            changed[qid] = answer.model_copy(update={"value": value})
            outcome = assess(bank, assessment.model_copy(update={"answers": changed}), TODAY)
            if outcome.verdict.outcome != base.verdict.outcome:
                yield Flip(qid, value, outcome.verdict.outcome)


@dataclass(frozen=True)
class Summary:
    cases: int
    verdicts_matched: int
    must_hit: int
    must_total: int
    benign_violations: int
    benign_median_flags: float
    duplicate_pairs: int

    @property
    def must_rate(self) -> float:
        return self.must_hit / self.must_total if self.must_total else 1.0


def summarise(scores: list[CaseScore]) -> Summary:
    benign = [s for s in scores if s.case.klass in BENIGN]
    must_total = sum(len(s.case.must_flag) for s in scores)
    return Summary(
        cases=len(scores),
        verdicts_matched=sum(s.verdict_ok for s in scores),
        must_hit=must_total - sum(len(s.missed) for s in scores),
        must_total=must_total,
        benign_violations=sum(s.benign_violation for s in benign),
        benign_median_flags=statistics.median(len(s.flags) for s in benign) if benign else 0.0,
        duplicate_pairs=sum(len(s.duplicates) for s in scores),
    )


def table(scores: list[CaseScore]) -> str:
    """The score table in Markdown, one row per case, then the totals."""
    rows = [
        "| case | class | expected | got | flags | worst | must-flag | flips |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        hit = len(s.case.must_flag) - len(s.missed)
        worst = s.worst.label if s.worst else "none"
        mark = "" if s.verdict_ok else " ✗"
        rows.append(
            f"| {s.case.id} | {s.case.klass} | {s.case.expected.value} | {s.outcome.value}{mark} "
            f"| {len(s.flags)} | {worst} | {hit}/{len(s.case.must_flag)} "
            f"| {'–' if s.flips is None else len(s.flips)} |"
        )
    total = summarise(scores)
    rows += [
        "",
        f"Verdict classes matched: {total.verdicts_matched}/{total.cases}. "
        f"Must-flag themes hit: {total.must_hit}/{total.must_total} ({total.must_rate:.0%}). "
        f"Benign or conditional cases with a red line, fail or high flag: "
        f"{total.benign_violations}; their median flag count: {total.benign_median_flags:g}. "
        f"Duplicate flag pairs: {total.duplicate_pairs}.",
    ]
    return "\n".join(rows) + "\n"
