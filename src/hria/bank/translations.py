"""Coverage of the bank's translations, for `hria i18n status`."""

from __future__ import annotations

import json
from pathlib import Path

from hria.bank.load import default_bank_dir, load_bank
from hria.bank.overlay import Coverage, read_overlay
from hria.bank.texts import rule_files
from hria.i18n import _
from hria.lang import ENGLISH, LANGS, NAMES


def coverages(directory: Path | None) -> list[Coverage]:
    folder = directory or default_bank_dir()
    english = load_bank(directory, ENGLISH)
    files = rule_files(folder)
    return [read_overlay(folder, lang, english, files).coverage for lang in LANGS[1:]]


def interface_coverage(lang: str) -> tuple[int, int]:
    """(translated, total) texts of the interface's catalog for `lang`, read from its .po."""
    from babel.messages.pofile import read_po

    from hria.i18n import DOMAIN, GETTEXT_NAMES, LOCALE_DIR

    po = LOCALE_DIR / GETTEXT_NAMES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return 0, 0
    with po.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    done = [m for m in messages if not m.fuzzy and all(_strings(m.string))]
    return len(done), len(messages)


def _strings(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def coverage_report(directory: Path | None, output_format: str) -> tuple[str, bool]:
    """The report as text or JSON, and whether every language is complete and current."""
    found = coverages(directory)
    interface = {c.lang: interface_coverage(c.lang) for c in found}
    complete = all(not c.missing and not c.stale for c in found) and all(
        done == total for done, total in interface.values()
    )
    if output_format == "json":
        rows = [
            {
                "lang": c.lang,
                "name": NAMES[c.lang],
                "bank_texts": c.total,
                "translated": c.translated,
                "missing": c.missing,
                "stale": c.stale,
                "interface_texts": interface[c.lang][1],
                "interface_translated": interface[c.lang][0],
            }
            for c in found
        ]
        return json.dumps({"languages": rows, "complete": complete}, indent=2) + "\n", complete
    heads = (_("language"), _("bank texts translated"), _("missing"), _("stale"))
    wide = max(21, len(heads[1]) + 2) if len(heads[1]) > 21 else 21
    gaps = (max(13, len(heads[2]) + 2), max(7, len(heads[3]) + 2))
    lines = [f"{heads[0]:<28}{heads[1]:<{wide}}{heads[2]:>{gaps[0]}}{heads[3]:>{gaps[1]}}"]
    for c in found:
        share = 100 * c.translated // c.total if c.total else 100
        name = f"{c.lang} ({NAMES[c.lang]})"
        values = {"n": f"{c.translated:>5}", "total": f"{c.total:<5}", "share": f"{share:>3}"}
        counts = _("%(n)s of %(total)s (%(share)s%%)") % values
        missing, stale = f"{len(c.missing):>{gaps[0] - 5}}", f"{len(c.stale):>{gaps[1] - 1}}"
        lines.append(f"{name:<27} {counts:<{wide}} {missing} {stale}")
    for c in found:
        done, total = interface[c.lang]
        said = {"lang": c.lang, "n": str(done), "total": str(total)}
        lines.append(_("%(lang)s: %(n)s of %(total)s interface texts translated") % said)
    return "\n".join(lines) + "\n", complete
