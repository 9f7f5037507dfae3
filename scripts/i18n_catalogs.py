"""Keep the interface's message catalogs (src/hria/locale/LANG/LC_MESSAGES/hria.po) in step
with the texts marked in the code and the templates, with Babel.

    python scripts/i18n_catalogs.py                 # extract, update every .po, compile
    python scripts/i18n_catalogs.py --fill tr.json  # ... and put translations in
    python scripts/i18n_catalogs.py --check         # change nothing; exit 1 if out of step

Marked texts are `_()`, `N_()`, `N_plural()`, `ngettext()` and `plural()` in src/hria and `_()`,
`ngettext()` and `{% trans %}` in templates/. Updating keeps every translation whose English
is still marked and drops the rest; a new text starts untranslated. A fill file is a JSON list
of {"id": English, "plural": English plural (optional), "es": text or [one, many],
"pt-BR": ...}; an id that is not marked stops it, changing nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    (ROOT / "src" / "hria", [("**.py", "python")]),
    (ROOT / "templates", [("**.j2", "jinja2.ext:babel_extract")]),
)
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,  # what Jinja's {% trans %} blocks become
    "N_": None,
    "N_plural": (1, 2),
    "ngettext": (1, 2),
    "plural": (2, 3),
}
OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}}
LOCALE = ROOT / "src" / "hria" / "locale"
LANGS = {"es": "es", "pt-BR": "pt_BR"}


def _help(found: Catalog) -> None:
    """The command line's help: typer keeps it as plain strings, so it is read off the
    commands themselves (cli/helptext.py puts it into the language when hria runs)."""
    from hria.cli.helptext import every_help_text

    for text in every_help_text():
        found.add(text, None, [("src/hria/cli", 0)])


def marked() -> Catalog:
    """Every marked text, as a catalog template."""
    found = Catalog(project="hria")
    _help(found)
    for folder, method_map in SOURCES:
        for name, line, message, comments, context in extract_from_dir(
            str(folder), method_map=method_map, options_map=OPTIONS, keywords=KEYWORDS
        ):
            found.add(message, None, [(name, line)], auto_comments=comments, context=context)
    return found


def _po(lang: str) -> Path:
    return LOCALE / LANGS[lang] / "LC_MESSAGES" / "hria.po"


def _read(lang: str) -> Catalog:
    with _po(lang).open("rb") as handle:
        return read_po(handle, locale=LANGS[lang])


def _text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, include_lineno=False, sort_output=True)
    return out.getvalue()


def _fill(catalog: Catalog, lang: str, entries: Iterable[dict[str, Any]]) -> list[str]:
    unknown = []
    for entry in entries:
        key = (entry["id"], entry["plural"]) if entry.get("plural") else entry["id"]
        message = catalog.get(entry["id"])
        if message is None or message.id != key:
            unknown.append(entry["id"])
            continue
        value = entry.get(lang)
        if value:
            message.string = tuple(value) if isinstance(value, list) else value
            message.flags.discard("fuzzy")
    return unknown


def update(lang: str, template: Catalog, fills: list[dict[str, Any]]) -> tuple[bytes, list[str]]:
    catalog = _read(lang)
    created = catalog.creation_date  # kept, so that an unchanged catalog is byte-identical
    catalog.update(template, no_fuzzy_matching=True)
    catalog.creation_date = created
    catalog.obsolete.clear()
    unknown = _fill(catalog, lang, fills)
    for message in catalog:
        message.locations = []
    return _text(catalog), unknown


def missing(catalog: Catalog) -> list[str]:
    out: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            out.append(str(message.id[0] if isinstance(message.id, tuple) else message.id))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, action="append", default=[])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    fills: list[dict[str, Any]] = []
    for path in args.fill:
        fills += json.loads(path.read_text(encoding="utf-8"))
    template = marked()
    status = 0
    for lang in LANGS:
        text, unknown = update(lang, template, fills)
        if unknown:
            print(f"{lang}: not marked in the code: {unknown[:5]}", file=sys.stderr)
            return 2
        catalog = read_po(io.BytesIO(text), locale=LANGS[lang])
        gaps = missing(catalog)
        if args.check:
            if text != _po(lang).read_bytes() or gaps:
                print(f"{lang}: {len(gaps)} untranslated; run scripts/i18n_catalogs.py")
                status = 1
            continue
        _po(lang).write_bytes(text)
        with _po(lang).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        print(f"{lang}: {len(catalog)} texts, {len(gaps)} untranslated")
    return status


if __name__ == "__main__":
    sys.exit(main())
