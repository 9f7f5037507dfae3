"""`hria check --format junit`: JUnit XML, as GitLab, Jenkins and most CI servers read it.

A test suite per file and a test case per gate of the bank. A gate fails when it holds a
flag at or above `--fail-on`; the failure lists those flags with the line of the answer
that raised each, and the flags below the threshold go to the case's standard output. An
invalid file is a suite with one case in error; under `--strict` an incomplete assessment
fails one more case. The totals come first, so the suites wait in a temporary file.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hria.bank.words import severity_word
from hria.check import formats
from hria.check.documents import Document, Settings, fail_on_words
from hria.check.locate import FlagLocator
from hria.check.run import FileResult, Tally, is_complete
from hria.escapes import visible
from hria.i18n import _, ngettext
from hria.models.bank import Bank
from hria.models.findings import OUTCOME_NAMES, Flag, GateVerdict


def _attr(text: str) -> str:
    return quoteattr(visible(text))


def _text(text: str) -> str:
    return escape(text)


class JunitDocument(Document):
    spooled = True

    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.tests = self.failures = self.errors = 0

    def head(self, tally: Tally) -> str:
        del tally
        totals = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hria check" {totals}>\n'

    def tail(self, tally: Tally) -> str:
        del tally
        return "</testsuites>\n"

    def entry(self, result: FileResult) -> str:
        if not result.valid:
            return self._invalid(result)
        assert result.evaluation is not None
        locator = FlagLocator(result)
        cases = [self._gate(result, g, locator) for g in result.evaluation.verdict.gates]
        if self.settings.strict:
            cases.append(self._complete(result))
        failures = sum(1 for c in cases if "<failure " in c)
        self.tests += len(cases)
        self.failures += failures
        head = self._suite(result.path, len(cases), failures, 0)
        return head + "".join(cases) + "  </testsuite>\n"

    def _suite(self, path: str, tests: int, failures: int, errors: int) -> str:
        counts = f'tests="{tests}" failures="{failures}" errors="{errors}" skipped="0"'
        return f"  <testsuite name={_attr(path)} {counts} file={_attr(path)}>\n"

    def _gate(self, result: FileResult, gate: GateVerdict, locator: FlagLocator) -> str:
        assert result.evaluation is not None
        flags = [f for f in result.evaluation.flags if f.gate == gate.gate]
        fail_on = self.settings.fail_on
        failing = [
            f
            for f in flags
            if fail_on is not None and f.severity.rank >= fail_on.rank and not f.accepted
        ]
        others = [f for f in flags if f not in failing]
        name = _attr(gate.title)
        lines = [
            f"    <testcase name={name} classname={_attr(result.path)} file={_attr(result.path)}>"
        ]
        if failing:
            text = ngettext(
                "%(n)s flag at or above %(threshold)s",
                "%(n)s flags at or above %(threshold)s",
                len(failing),
            )
            threshold = fail_on_words(self.settings)
            message = _attr(text % {"n": len(failing), "threshold": threshold})
            body = "\n".join(self._flag(result, f, locator) for f in failing)
            kind = _attr(failing[0].severity.value)
            lines.append(f"      <failure message={message} type={kind}>{_text(body)}</failure>")
        out = [_(OUTCOME_NAMES[gate.outcome])]
        out += [self._flag(result, f, locator) for f in others]
        lines.append(f"      <system-out>{_text(chr(10).join(out))}</system-out>")
        lines.append("    </testcase>")
        return "".join(f"{line}\n" for line in lines)

    def _flag(self, result: FileResult, flag: Flag, locator: FlagLocator) -> str:
        spot = locator.primary(flag)
        where = visible(result.path) + (f":{spot.line}" if spot.line is not None else "")
        if spot.line is not None and spot.column is not None:
            where += f":{spot.column}"
        gate = formats.gate_title(self.bank, flag)
        text = f"{severity_word(flag.severity).upper()} {flag.code} {flag.title} [{gate}]"
        return visible(text + formats.waived(flag)) + f" ({where})"

    def _complete(self, result: FileResult) -> str:
        path = _attr(result.path)
        case = f'    <testcase name="complete assessment" classname={path} file={path}>\n'
        if not is_complete(result):
            message = _attr(_("incomplete: --strict fails incomplete assessments"))
            case += f'      <failure message={message} type="incomplete"/>\n'
        return case + "    </testcase>\n"

    def _invalid(self, result: FileResult) -> str:
        self.tests += 1
        self.errors += 1
        problems = [str(p) for p in result.problems]
        kind = "invalid-file"
        if result.internal is not None:
            problems.append(formats.internal_message(result))
            kind = "internal-error"
        text = ngettext(
            "not a valid assessment file: %(n)s problem",
            "not a valid assessment file: %(n)s problems",
            len(problems),
        )
        message = _attr(text % {"n": len(problems)})
        path = _attr(result.path)
        body = _text("\n".join(problems))
        return (
            self._suite(result.path, 1, 0, 1)
            + f'    <testcase name="valid assessment file" classname={path} file={path}>\n'
            + f'      <error message={message} type="{kind}">{body}</error>\n'
            + "    </testcase>\n  </testsuite>\n"
        )
