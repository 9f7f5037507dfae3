"""The intrusion profile: how deeply a deployment interferes with rights, as a level of 1 to 4.

The level comes from explicit factors (conditions on answers, each with a reason and its
sources), never from a weighted score: the highest level whose factor holds. Rules may name a
scale that caps their severity at the lower levels, because the graver the interference, the
stricter the safeguards it must meet. Red lines never scale.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated

from pydantic import Field, model_validator

from hria.models.base import Severity, Slug, Source, Strict, Text
from hria.models.conditions import Condition

#: The derived answer that `when` conditions and rules can test like a number question.
LEVEL = "profile.level"
LEVELS = (1, 2, 3, 4)
LevelNumber = Annotated[int, Field(ge=1, le=4)]


class Level(Strict):
    level: LevelNumber
    name: Slug = Field(description="e.g. minimal, moderate, substantial, grave")
    title: Text
    summary: Text = Field(description="What deployments at this level look like")


class Factor(Strict):
    """A fact about the deployment that puts it at least at `level`."""

    id: Slug
    level: LevelNumber
    title: Text = Field(description="The fact in a few words, as a reason for the level")
    reason: Text = Field(description="Why this fact makes the interference this grave")
    condition: Condition
    sources: list[Source] = Field(min_length=1)


class Scale(Strict):
    """How a rule's severity follows the level: at most `caps[level]` there, or not at all."""

    id: Slug
    title: Text
    reason: Text = Field(description="Why the lower levels ask less, in a lawyer's terms")
    sources: list[Source] = Field(min_length=1)
    caps: dict[LevelNumber, Severity | None] = Field(
        description="level -> the highest severity the rule may have there (null: it does not "
        "apply there); levels not listed keep the rule's own severity"
    )

    @model_validator(mode="after")
    def _no_red_line_caps(self) -> Scale:
        if any(cap is Severity.RED_LINE for cap in self.caps.values()):
            raise ValueError("a scale caps severities below a red line; red lines never scale")
        return self

    def cap(self, severity: Severity, level: int) -> Severity | None:
        """The severity a rule of `severity` has at `level` under this scale."""
        if level not in self.caps:
            return severity
        cap = self.caps[level]
        if cap is None:
            return None
        return cap if cap.rank < severity.rank else severity


class Burden(Strict):
    """When an 'unknown' answer counts as a missing safeguard rather than a lesser flag."""

    title: Text
    reason: Text = Field(description="Why the deployer must show the safeguard here")
    factors: list[Slug] = Field(min_length=1, description="Any of these factors puts it on")
    sources: list[Source] = Field(min_length=1)


class ProfileSpec(Strict):
    """data/profile.yaml."""

    principle: Text = Field(description="Why severity follows the intrusion")
    sources: list[Source] = Field(min_length=1)
    levels: list[Level] = Field(min_length=4, max_length=4)
    factors: list[Factor] = Field(min_length=1)
    scales: list[Scale] = Field(default_factory=list)
    burden: Burden | None = None

    @model_validator(mode="after")
    def _levels_in_order(self) -> ProfileSpec:
        if [lv.level for lv in self.levels] != list(LEVELS):
            raise ValueError("levels must be 1, 2, 3 and 4, in that order")
        known = {f.id for f in self.factors}
        missing = sorted(set(self.burden.factors) - known) if self.burden else []
        if missing:
            raise ValueError(f"burden names unknown factors: {', '.join(missing)}")
        return self

    def scale(self, scale_id: str) -> Scale | None:
        return self.scales_by_id.get(scale_id)

    @cached_property
    def scales_by_id(self) -> dict[str, Scale]:
        """Built once: the engine looks a rule's scale up on every evaluation."""
        return {s.id: s for s in self.scales}
