"""Shared building blocks: the strict base model, severities, identifiers and sources."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from hria.i18n import N_, translator
from hria.lang import ENGLISH

QUESTION_ID = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"
SLUG = r"^[a-z][a-z0-9_]*$"
RULE_CODE = r"^[A-Z]{2,4}-[0-9]{3}$"

QuestionId = Annotated[str, Field(pattern=QUESTION_ID, description="section.name")]
Slug = Annotated[str, Field(pattern=SLUG)]
BankId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=1)]


REFUSAL = "hria_refusal"


def refusal(template: str, **values: object) -> PydanticCustomError:
    """A validation error in words the interface can translate: its English template (marked
    with N_ where it is written) travels in the error's context beside the values."""
    return PydanticCustomError(REFUSAL, template, {**values, "template": template})


class Strict(BaseModel):
    """Frozen, and unknown keys are errors: a typo in a hand-written file must not pass."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Severity(StrEnum):
    RED_LINE = "red_line"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious: red_line 4 ... info 0."""
        return _RANKS[self]

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    def lowered(self) -> Severity:
        """One level less serious (info stays info): the default for an 'unknown' answer."""
        return _BY_RANK[max(self.rank - 1, 0)]


_RANKS = {
    Severity.RED_LINE: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}
_BY_RANK = {rank: sev for sev, rank in _RANKS.items()}
#: Each severity's word for people (Severity.label is its English form), translated where shown.
SEVERITY_NAMES = {
    Severity.RED_LINE: N_("red line"),
    Severity.HIGH: N_("high"),
    Severity.MEDIUM: N_("medium"),
    Severity.LOW: N_("low"),
    Severity.INFO: N_("info"),
}
#: The text mark of each severity in reports and `hria diff` / `hria summary`, so that
#: severity never rests on colour alone.
SYMBOLS = {
    Severity.RED_LINE: "⛔",
    Severity.HIGH: "▲",
    Severity.MEDIUM: "◆",
    Severity.LOW: "●",
    Severity.INFO: "ℹ",
}

LOCATORS = ("article", "principle", "paragraph", "section", "recital", "annex", "point", "box")


class Source(Strict):
    """A precise citation: an instrument from the bank's catalogue plus where in it."""

    instrument: Slug = Field(description="Key into the bank's instrument catalogue")
    article: str | None = None
    principle: str | None = None
    paragraph: str | None = None
    section: str | None = None
    recital: str | None = None
    annex: str | None = None
    point: str | None = None
    box: str | None = None

    @model_validator(mode="after")
    def _pinpointed(self) -> Source:
        if not any(getattr(self, name) for name in LOCATORS):
            raise ValueError(f"a source needs at least one of: {', '.join(LOCATORS)}")
        return self

    def locator(self, lang: str = ENGLISH) -> str:
        """The pinpoint in conventional short form, e.g. 'art. 17(1)' or 'para. 82', with
        the abbreviations of `lang`."""
        _ = translator(lang)
        parts = [_pinpoint(_(_PREFIXES[name]), getattr(self, name)) for name in LOCATORS]
        return ", ".join(p for p in parts if p)


_PREFIXES = {
    "article": N_("art. "),
    "principle": N_("principle "),
    "paragraph": N_("para. "),
    "section": "§",
    "recital": N_("recital "),
    "annex": N_("annex "),
    "point": N_("point "),
    "box": N_("box "),
}


def _pinpoint(prefix: str, value: str | None) -> str:
    """'art. 17' or 'point b'; a value that is a phrase ('step 1', 'target 16.10') as written."""
    if not value:
        return ""
    return value if " " in value else f"{prefix}{value}"
