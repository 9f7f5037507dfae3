"""Review files: the model, the committed JSON Schema, and a hand-written review read with
located errors (a "did you mean" for an id that does not exist)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from hria.cli import app
from hria.domain.digest import canonical_digest
from hria.errors import InvalidFileError
from hria.files.reviews import load_review, review_path_for
from hria.files.store import load_assessment
from hria.models.bank import Bank
from tests.conftest import MINI, ROOT

SCHEMA_FILE = ROOT / "schema" / "hria-review.schema.json"
EXAMPLES = ROOT / "assessments"


def review_text(bank: Bank, assessment: Path, body: str = "", path: str | None = None) -> str:
    """A hand-written review of `assessment` as it is now, with `body` appended."""
    digest = canonical_digest(load_assessment(assessment, bank).assessment)
    return f"""\
review_schema_version: 1
reviewer:
  name: R. Reviewer
  organisation: Example Rights Watch
  role: ngo
assessment:
  path: {path or assessment.name}
  bank: {{id: {bank.id}, version: {bank.version}}}
  sha256: {digest}
{body}"""


def copy_example(tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.hria.yaml"
    shutil.copy(EXAMPLES / f"{name}.hria.yaml", target)
    return target


CHALLENGE = """\
answers:
  red_lines.face_identification:
    verdict: challenged
    value: "yes"
    evidence: [Procurement notice 2026/114, lot 2]
    comment: The vendor's gallery search is switched on.
  context.compulsion: {verdict: accepted}
flags:
  VEN-014: {opinion: severity, severity: medium, why: The contract has no remedy clause.}
missed:
  - gate: safeguards
    title: No audit log of unlocks
    severity: medium
    evidence: [DPIA section 5]
opinion: {agrees_with_verdict: false, recommended: suspend}
signed: {name: R. Reviewer, date: 2026-12-01}
"""


def test_a_hand_written_review_reads(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    path = review_path_for(assessment)
    assert path.name == "on-device-verification.review.hria.yaml"
    path.write_text(review_text(bank, assessment, CHALLENGE), encoding="utf-8")
    review = load_review(path, bank).review
    assert list(review.challenged) == ["red_lines.face_identification"]
    assert review.flags["VEN-014"].severity == "medium"
    assert review.missed[0].gate == "safeguards" and review.signed is not None


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        (
            "answers:\n  red_lines.face_identifcation: {verdict: challenged, value: 'yes'}\n",
            ":11:3: answers.red_lines.face_identifcation:",
            "did you mean 'red_lines.face_identification'?",
        ),
        (
            "answers:\n  red_lines.face_identification: {verdict: challenged, value: maybe}\n",
            ":11:63: answers.red_lines.face_identification.value:",
            "expected yes, no or unknown",
        ),
        (
            "answers:\n  red_lines.face_identification: {verdict: challenged}\n",
            ":11:3: answers.red_lines.face_identification:",
            "needs the reviewer's own `value`",
        ),
        (
            "flags:\n  VEN-041: {opinion: agree}\n",
            ":11:3: flags.VEN-041:",
            "unknown rule code; did you mean",
        ),
        (
            "flags:\n  VEN-014: {opinion: disagree}\n",
            ":11:3: flags.VEN-014:",
            "'disagree' needs `why`",
        ),
        (
            "missed:\n  - {gate: safeguard, title: T, severity: low, evidence: [E]}\n",
            ":11:12: missed.0.gate:",
            "unknown gate; did you mean 'safeguards'?",
        ),
        ("verdicts: {}\n", ":10:1: verdicts:", "unknown field"),
    ],
)
def test_problems_are_located(
    tmp_path: Path, bank: Bank, body: str, where: str, message: str
) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    path = review_path_for(assessment)
    path.write_text(review_text(bank, assessment, body), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_review(path, bank)
    lines = [str(p) for p in caught.value.problems]
    assert any(where in line and message in line for line in lines), lines
    assert "maybe" not in " ".join(lines)  # a value given is never repeated


def test_an_assessment_is_not_a_review_and_a_review_not_an_assessment(
    tmp_path: Path, bank: Bank
) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    with pytest.raises(InvalidFileError) as caught:
        load_review(assessment, bank)
    assert "this is an assessment file, not a review" in str(caught.value.problems[0])
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(review)])
    assert result.exit_code == 2
    assert "this is a review file; check it with `hria check ASSESSMENT --review" in result.stderr


def test_check_of_a_folder_leaves_review_files_out(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review_path_for(assessment).write_text(review_text(bank, assessment), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.stdout


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def test_committed_review_schema_matches_the_bank() -> None:
    printed = CliRunner().invoke(app, ["schema", "--review"]).stdout
    assert json.loads(printed) == _schema(), "run: hria schema --review > schema/hria-review..."


def test_review_schema_is_valid_and_agrees_with_hria(tmp_path: Path, bank: Bank) -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())
    assessment = copy_example(tmp_path, "on-device-verification")
    text = review_text(bank, assessment, CHALLENGE)
    document = json.loads(json.dumps(YAML(typ="safe", pure=True).load(text), default=str))
    jsonschema.validate(document, _schema())
    wrong = json.loads(json.dumps(document))
    wrong["answers"]["red_lines.face_identification"]["value"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, _schema())
    del wrong["answers"]["red_lines.face_identification"]["value"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, _schema())
    wrong = json.loads(json.dumps(document))
    wrong["flags"]["XYZ-001"] = {"opinion": "agree"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, _schema())
    wrong = json.loads(json.dumps(document))
    wrong["reviewer"]["role"] = "journalist"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, _schema())


def test_review_schema_follows_the_bank(mini: Bank) -> None:
    printed = CliRunner().invoke(app, ["schema", "--review", "--bank", str(MINI)]).stdout
    schema = json.loads(printed)
    assert set(schema["properties"]["answers"]["properties"]) == set(mini.questions)
    assert set(schema["properties"]["flags"]["properties"]) == set(mini.rules_by_code)


def test_the_readme_review_reads(tmp_path: Path, bank: Bank) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\nreview_schema_version")[1].split("```")[0]
    path = tmp_path / "city-cameras.review.hria.yaml"
    path.write_text("review_schema_version" + block, encoding="utf-8")
    review = load_review(path, bank).review
    assert list(review.challenged) == ["red_lines.face_identification"]
    assert review.signed is not None and review.opinion is not None
