"""SHA-256 digests of an assessment and of one answer's note and evidence: what a report's
footer prints, and how a review tells that the assessment changed since it was made."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hria.models.assessment import Answer, Assessment


def canonical_digest(assessment: Assessment) -> str:
    """SHA-256 of the assessment as canonical JSON (sorted keys, no whitespace). A file
    without waivers has the digest it had before waivers existed, so no review goes stale."""
    data = assessment.model_dump(mode="json", by_alias=True, exclude_none=True)
    if not data.get("waivers"):
        data.pop("waivers", None)
    return _digest(data)


def remarks_digest(answer: Answer) -> str:
    """SHA-256 of an answer's note and evidence, canonical as above."""
    return _digest({"note": answer.note, "evidence": list(answer.evidence)})


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
