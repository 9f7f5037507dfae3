"""`hria check --format gitlab`: a GitLab Code Quality report (a JSON array of issues).

Each flag is an issue at the answer that raised it, with GitLab's severities and a
fingerprint that stays the same from one run to the next while lines move. Problems with
files are issues too. Issues are written as files are checked.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hria.bank.words import severity_word
from hria.check import formats
from hria.check.documents import Document, Settings
from hria.check.locate import FlagLocator, fingerprint, project_path
from hria.check.run import FileResult, Tally
from hria.errors import Problem
from hria.escapes import json_safe, visible
from hria.models.bank import Bank
from hria.models.base import Severity

SEVERITIES = {
    Severity.RED_LINE: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}


class GitlabDocument(Document):
    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.first = True

    def head(self, tally: Tally) -> str:
        del tally
        return "["

    def entry(self, result: FileResult) -> str:
        issues = [_problem(result, p, "invalid-file", "blocker") for p in result.problems]
        if result.internal is not None:
            message = formats.internal_message(result)
            issues.append(
                _problem(result, Problem(result.path, message), "internal-error", "blocker")
            )
        issues += [_problem(result, p, "file-warning", "minor") for p in result.warnings]
        if result.valid:
            assert result.evaluation is not None
            locator = FlagLocator(result)
            issues += [self._flag(result, f, locator) for f in result.evaluation.flags]
        if not issues:
            return ""
        # one issue per line: json's C encoder writes it, which `indent=` would turn off
        text = ",\n".join(f"  {json_safe(json.dumps(i, ensure_ascii=False))}" for i in issues)
        separator = "\n" if self.first else ",\n"
        self.first = False
        return separator + text

    def _flag(self, result: FileResult, flag: Any, locator: FlagLocator) -> dict[str, Any]:
        spot = locator.primary(flag)
        gate = formats.gate_title(self.bank, flag)
        severity = severity_word(flag.severity)
        return {
            "type": "issue",
            "engine_name": "hria",
            "check_name": flag.code,
            "description": f"{flag.code} {severity}: {flag.title} [{gate}]",
            "content": {"body": " ".join(flag.recommendation.split())},
            "severity": SEVERITIES[flag.severity],
            "fingerprint": fingerprint(result, flag),
            "location": {"path": project_path(result.path), "lines": {"begin": spot.line or 1}},
        }

    def tail(self, tally: Tally) -> str:
        del tally
        return "]\n" if self.first else "\n]\n"


def _problem(result: FileResult, problem: Problem, check: str, severity: str) -> dict[str, Any]:
    message = f"{problem.where}: {problem.message}" if problem.where else problem.message
    key = "\x00".join([project_path(result.path), check, problem.where, problem.message])
    return {
        "type": "issue",
        "engine_name": "hria",
        "check_name": check,
        "description": visible(message),
        "severity": severity,
        "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(),
        "location": {"path": project_path(result.path), "lines": {"begin": problem.line or 1}},
    }
