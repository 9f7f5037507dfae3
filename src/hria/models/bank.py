"""The question bank: gates, sections, questions, rules and the instruments they cite."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from hria.i18n import translator
from hria.lang import ENGLISH
from hria.models.base import RULE_CODE, BankId, QuestionId, Severity, Slug, Source, Strict, Text
from hria.models.conditions import Condition
from hria.models.migration import Move
from hria.models.profile import ProfileSpec

WhenUnknown = Literal["skip", "ask"]
RuleName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
Version = Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]

_WEB_ADDRESS = re.compile(r"(?i:https?)://[^\s/?#\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*")


def web_address(value: str) -> str:
    """An http or https address with a host and no whitespace: the only links a report makes."""
    if not _WEB_ADDRESS.fullmatch(value):
        raise ValueError("url must be an http:// or https:// address, with no spaces")
    return value


WebAddress = Annotated[str, AfterValidator(web_address)]


class Instrument(Strict):
    """A law, standard or document that questions and rules cite."""

    id: Slug
    short: Text = Field(description="Short name used in citations, e.g. 'ICCPR'")
    title: Text
    reference: str | None = Field(None, description="Official symbol or citation")
    url: WebAddress | None = Field(
        None, description="A stable official address of the text (http or https)"
    )


class Recommendation(Strict):
    """A recommendation from chapter 4 of the Amnesty primer, which rules trace to."""

    id: Slug
    audience: Literal["states", "deployers"]
    number: int = Field(ge=1)
    text: Text

    def citation(self, lang: str = ENGLISH) -> str:
        """Where the primer makes the recommendation, in `lang`."""
        _ = translator(lang)
        if self.audience == "states":
            text = _("Amnesty primer (2024) ch. 4, recommendation %(n)s to states")
        else:
            text = _("Amnesty primer (2024) ch. 4, recommendation %(n)s to deploying organisations")
        return text % {"n": self.number}


class Gate(Strict):
    """One step of the test; flags belong to gates and verdicts are given per gate."""

    id: Slug
    title: Text
    test_name: Text = Field(description="Used as 'Fails the <test_name> test'")
    summary: Text = Field(description="What passing this gate means, in one sentence")


class Choice(Strict):
    value: Slug
    label: Text
    help: str | None = None
    exclusive: bool = Field(False, description="Cannot be combined with other choices")


class _QuestionBase(Strict):
    id: QuestionId
    prompt: Text
    help: Text = Field(description="Why we ask")
    sources: list[Source] = Field(min_length=1)
    required: bool = True
    when: Condition | None = None
    when_unknown: WhenUnknown = Field(
        "skip",
        description="'ask': shown even when an 'unknown' answer leaves `when` undecided, "
        "for questions too serious to skip on a doubt (red lines)",
    )
    allow_unknown: bool = True
    expects_evidence: bool = Field(
        False, description="A 'yes' (or any answer, for other kinds) should cite evidence"
    )
    evidence_for: list[str] | None = Field(
        None,
        description="Answer values that are claims needing evidence (yes/no: default 'yes'; "
        "choices: required; text, number and date: any answer)",
    )
    evidence_hint: str | None = Field(None, description="What evidence would substantiate it")

    @property
    def section_id(self) -> str:
        return self.id.split(".", 1)[0]


class YesNoQuestion(_QuestionBase):
    kind: Literal["yes_no"]


class _ChoiceQuestion(_QuestionBase):
    choices: list[Choice] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_values(self) -> _ChoiceQuestion:
        values = [c.value for c in self.choices]
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            raise ValueError(f"duplicate choice values: {', '.join(dupes)}")
        if "unknown" in values:
            raise ValueError("'unknown' is reserved; use allow_unknown instead of a choice")
        return self

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


class SingleChoiceQuestion(_ChoiceQuestion):
    kind: Literal["single_choice"]


class MultipleChoiceQuestion(_ChoiceQuestion):
    kind: Literal["multiple_choice"]
    min_selected: int = Field(1, ge=0)


class TextQuestion(_QuestionBase):
    kind: Literal["text"]
    multiline: bool = False


class NumberQuestion(_QuestionBase):
    kind: Literal["number"]
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str | None = None


class DateQuestion(_QuestionBase):
    kind: Literal["date"]


Question = Annotated[
    YesNoQuestion
    | SingleChoiceQuestion
    | MultipleChoiceQuestion
    | TextQuestion
    | NumberQuestion
    | DateQuestion,
    Field(discriminator="kind"),
]
ChoiceQuestion = SingleChoiceQuestion | MultipleChoiceQuestion


class Section(Strict):
    """An ordered group of questions; one file under data/questions/."""

    id: Slug
    title: Text
    intro: Text
    gate: Slug | None = Field(None, description="The gate this section's questions feed")
    when: Condition | None = None
    when_unknown: WhenUnknown = Field(
        "skip", description="'ask': a `when` left undecided by 'unknown' still shows them"
    )
    questions: list[Question] = Field(min_length=1)
    moved: list[Move] = Field(
        default_factory=list,
        description="Questions of this section that asked again for what another asks: files "
        "that still answer them are read with the answer moved (like a rule's aliases)",
    )


class Rule(Strict):
    """A flag rule: when its condition holds, the assessment gets a flag."""

    code: Annotated[str, Field(pattern=RULE_CODE)]
    name: RuleName
    title: Text
    gate: Slug
    severity: Severity
    scope: Literal[
        "assessment",
        "each_claim_without_evidence",
        "each_severe_impact_without_action",
        "each_actual_impact_without_remedy",
        "each_overdue_action",
        "review_overdue",
        "no_review_date",
    ] = Field("assessment", description="What the rule looks at; 'assessment' uses `condition`")
    condition: Condition | None = None
    on_unknown: Severity | Literal["ignore"] | None = Field(
        None, description="Severity when the condition is undecided because of 'unknown' answers"
    )
    rationale: Text
    recommendation: Text
    mitigable: bool | None = None
    sources: list[Source] = Field(min_length=1)
    basis: list[Slug | Source] = Field(
        default_factory=list,
        description="What the recommendation rests on: ids from recommendations.yaml "
        "(chapter 4 of the primer) or instrument pinpoints",
    )
    aliases: list[str] = Field(default_factory=list)
    scale: Slug | None = Field(
        None,
        description="A scale from profile.yaml: how the severity follows the intrusion level",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.scope == "assessment" and self.condition is None:
            raise ValueError("a rule needs a condition (or scope: each_claim_without_evidence)")
        if self.scope != "assessment" and self.condition is not None:
            raise ValueError(f"a rule with scope {self.scope} takes no condition")
        if self.severity is Severity.RED_LINE and self.mitigable:
            raise ValueError("a red line can never be mitigated: drop 'mitigable: true'")
        if self.severity is Severity.RED_LINE and self.scale is not None:
            raise ValueError("a red line never scales down with the intrusion: drop 'scale'")
        return self

    @property
    def can_be_mitigated(self) -> bool:
        if self.mitigable is None:
            return self.severity is not Severity.RED_LINE
        return self.mitigable

    def unknown_severity(self) -> Severity | None:
        """Severity of the flag raised when 'unknown' answers leave the condition undecided."""
        if self.on_unknown == "ignore":
            return None
        return self.on_unknown or self.severity.lowered()


class BankManifest(Strict):
    """data/bank.yaml: identity of the bank and the order of its gates and sections."""

    id: BankId
    version: Version
    title: Text
    description: Text
    gates: list[Gate] = Field(min_length=1)
    sections: list[Slug] = Field(min_length=1, description="Section files, in order")
    screening: list[Slug] = Field(
        default_factory=list,
        description="The first sections, which form the screen: setting and red lines",
    )

    @model_validator(mode="after")
    def _screening_leads(self) -> BankManifest:
        if self.screening and self.sections[: len(self.screening)] != self.screening:
            raise ValueError("screening must name the first sections, in their order")
        return self


class Bank(Strict):
    """A loaded, cross-checked question bank."""

    id: str
    version: str
    title: str
    description: str
    gates: list[Gate]
    instruments: dict[str, Instrument]
    recommendations: dict[str, Recommendation] = Field(default_factory=dict)
    sections: list[Section]
    rules: list[Rule]
    profile: ProfileSpec | None = None
    screening: list[str] = Field(default_factory=list)  # section ids of the screen
    lang: str = "en"  # the language of its texts
    untranslated: int = 0  # texts shown in English for want of a current translation

    @cached_property
    def screening_questions(self) -> frozenset[str]:
        """The questions of the screen (empty if the bank defines none)."""
        screen = set(self.screening)
        return frozenset(q.id for s in self.sections if s.id in screen for q in s.questions)

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, in bank order."""
        return {q.id: q for s in self.sections for q in s.questions}

    @cached_property
    def moved(self) -> list[Move]:
        """Answers that belong to another question now, from every section."""
        return [m for s in self.sections for m in s.moved]

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {q.id: s for s in self.sections for q in s.questions}

    @cached_property
    def rules_by_code(self) -> dict[str, Rule]:
        found = {r.code: r for r in self.rules}
        for rule in self.rules:
            for alias in rule.aliases:
                found.setdefault(alias, rule)
        return found

    @cached_property
    def gates_by_id(self) -> dict[str, Gate]:
        return {g.id: g for g in self.gates}
