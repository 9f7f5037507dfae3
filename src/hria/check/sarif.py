"""`hria check --format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers.

One rule per rule code of the bank (and three for what is wrong with files), one result
per flag at the answer that triggered it, with the further triggers as related locations.
Invalid files and warnings are results too; a crash while checking a file is a tool
execution notification. Results are written as files are checked: nothing before them
depends on the run, and the exit code comes after them.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from hria import __version__
from hria.check import formats
from hria.check.documents import Document, Settings
from hria.check.locate import FlagLocator, Spot, fingerprint, project_path
from hria.check.run import FileResult, Tally
from hria.errors import Problem
from hria.escapes import json_safe
from hria.i18n import N_, _
from hria.models.bank import Bank, Rule
from hria.models.base import Severity
from hria.models.findings import Flag

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/hria/"
LEVELS = {
    Severity.RED_LINE: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
INVALID, WARNING, INTERNAL = "invalid-file", "file-warning", "internal-error"
_FILE_RULES = {
    INVALID: (N_("The file is not a valid assessment"), "error"),
    WARNING: (N_("The file is valid but needs attention"), "warning"),
    INTERNAL: (N_("hria failed while checking the file (a bug in hria)"), "error"),
}


def level(severity: Severity) -> str:
    return LEVELS[severity]


def uri(path: str) -> str:
    """A URI reference for a path: relative to the folder hria runs in (which code scanning
    takes as the repository's root) when the file is inside it, else a file: URI."""
    pure = PurePath(project_path(path))
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def _dump(data: Any, indent: str) -> str:
    """One line per result: json's C encoder writes it, which `indent=` would turn off."""
    return indent + json_safe(json.dumps(data, ensure_ascii=False))


class SarifDocument(Document):
    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.rules = [*bank.rules]
        self.index = {r.code: i for i, r in enumerate(self.rules)}
        self.index |= {code: len(self.rules) + i for i, code in enumerate(_FILE_RULES)}
        self.first = True
        self.notifications: list[dict[str, Any]] = []

    def head(self, tally: Tally) -> str:
        del tally
        driver = {
            "name": "hria",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [self._rule(r) for r in self.rules] + _file_rules(),
        }
        run = {
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "properties": {"bank": {"id": self.bank.id, "version": self.bank.version}},
            "results": [],
        }
        document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        text = json_safe(json.dumps(document, indent=2, ensure_ascii=False))
        return text.rsplit("[]", 1)[0] + "["

    def _rule(self, rule: Rule) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": " ".join(rule.rationale.split())},
            "help": {"text": " ".join(rule.recommendation.split())},
            "defaultConfiguration": {"level": level(rule.severity)},
            "properties": {"severity": rule.severity.value, "tags": [rule.gate]},
        }
        url = next(
            (
                i.url
                for s in rule.sources
                if (i := self.bank.instruments.get(s.instrument)) and i.url
            ),
            None,
        )
        if url:
            entry["helpUri"] = url
        if rule.aliases:
            entry["deprecatedIds"] = list(rule.aliases)
        return entry

    def _help_uri(self, rule: Rule) -> str | None:
        """The web address of the first source that has one."""
        for source in rule.sources:
            instrument = self.bank.instruments.get(source.instrument)
            if instrument is not None and instrument.url:
                return instrument.url
        return None

    def entry(self, result: FileResult) -> str:
        found = [self._problem(p, INVALID) for p in result.problems]
        found += [self._problem(p, WARNING) for p in result.warnings]
        if result.internal is not None:
            self.notifications.append(_internal(result))
        if result.valid:
            assert result.evaluation is not None
            locator = FlagLocator(result)
            address = uri(result.path)
            flags = result.evaluation.flags
            found += [self._flag(result, f, locator, address) for f in flags]
        if not found:
            return ""
        text = ",\n".join(_dump(r, "        ") for r in found)
        separator = "\n" if self.first else ",\n"
        self.first = False
        return separator + text

    def _problem(self, problem: Problem, rule: str) -> dict[str, Any]:
        spot = Spot(problem.line, problem.column, "")
        message = f"{problem.where}: {problem.message}" if problem.where else problem.message
        return {
            "ruleId": rule,
            "ruleIndex": self.index[rule],
            "level": _FILE_RULES[rule][1],
            "message": {"text": message},
            "locations": [_location(uri(problem.path), spot)],
        }

    def _flag(
        self, result: FileResult, flag: Flag, locator: FlagLocator, address: str
    ) -> dict[str, Any]:
        spots = locator.spots(flag)
        found: dict[str, Any] = {
            "ruleId": flag.code,
            "level": level(flag.severity),
            "message": {"text": f"{flag.title} [{formats.gate_title(self.bank, flag)}]"},
            "locations": [_location(address, spots[0])],
            "fingerprints": {"hria/v1": fingerprint(result, flag)},
            "properties": {
                "severity": flag.severity.value,
                "gate": flag.gate,
                "basis": flag.basis.value,
                "status": flag.status,
                "triggers": [t.ref for t in flag.triggers],
            },
        }
        if flag.code in self.index:
            found["ruleIndex"] = self.index[flag.code]
        if flag.accepted and flag.waived is not None:  # an accepted risk: shown, not failing
            reason = " ".join(flag.waived.reason.split())
            found["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": reason}
            ]
        if len(spots) > 1:
            found["relatedLocations"] = [
                {
                    "id": i,
                    **_location(address, s),
                    "message": {"text": _("also triggered by %(where)s") % {"where": s.where}},
                }
                for i, s in enumerate(spots[1:], start=1)
            ]
        return found

    def tail(self, tally: Tally) -> str:
        code = int(tally.exit_code())
        invocation = {
            "executionSuccessful": not tally.internal,
            "exitCode": code,
            "toolExecutionNotifications": self.notifications,
        }
        invocations = json_safe(json.dumps([invocation], indent=2, ensure_ascii=False))
        invocations = textwrap.indent(invocations, "      ").lstrip()
        close = "]" if self.first else "\n      ]"
        return f'{close},\n      "invocations": {invocations}\n    }}\n  ]\n}}\n'


def _location(address: str, spot: Spot) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": address}}
    if spot.line is not None:
        region: dict[str, int] = {"startLine": spot.line}
        if spot.column is not None:
            region["startColumn"] = spot.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _internal(result: FileResult) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": formats.internal_message(result)},
        "locations": [_location(uri(result.path), Spot(None, None, ""))],
        "descriptor": {"id": INTERNAL},
    }


def _file_rules() -> list[dict[str, Any]]:
    return [
        {
            "id": code,
            "name": code.replace("-", "_"),
            "shortDescription": {"text": _(text)},
            "defaultConfiguration": {"level": default},
        }
        for code, (text, default) in _FILE_RULES.items()
    ]
