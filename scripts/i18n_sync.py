"""Create or update the translation overlays of the bundled bank for a language.

    python scripts/i18n_sync.py es pt-BR

For each bank file, data/i18n/LANG/FILE holds one entry per text: `source`, the English it
translates, and `text`, the translation ("" until translated). New texts are added with an
empty translation and texts that are gone are removed; an existing entry is never changed, so
when the English changes, its `source` no longer matches and the entry reads as stale until a
translator updates both. `--check` changes nothing and exits 1 if any text is missing, empty
or stale.

    python scripts/i18n_sync.py es --fill questions/context.yaml translations.yaml

fills translations in: the YAML file maps keys to translated texts, and each is written into
the overlay of that bank file (its `source` set to the current English). An unknown key stops
it, changing nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hria.bank.build import build_bank
from hria.bank.load import default_bank_dir
from hria.bank.texts import bank_texts, overlay_path, rule_files
from hria.files.yamlio import parse

HEADER = (
    "# {lang} texts of {name}. `source` is the English translated; when the English\n"
    "# changes, the translation is stale until `source` and `text` are both updated.\n"
)


def _existing(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    data = parse(path.read_text(encoding="utf-8"), str(path), "translation")
    return data if isinstance(data, dict) else {}


def _dump(lang: str, name: str, entries: dict[str, dict[str, str]]) -> str:
    lines = [HEADER.format(lang=lang, name=name)]
    for key, entry in entries.items():
        lines.append(f"{key}:")
        lines += [
            f"  {field}: {json.dumps(entry.get(field, ''), ensure_ascii=False)}"
            for field in ("source", "text")
        ]
    return "\n".join(lines) + "\n"


def sync(lang: str, check: bool) -> list[str]:
    folder = default_bank_dir()
    texts = bank_texts(build_bank(folder), rule_files(folder))
    problems: list[str] = []
    for name, english in texts.items():
        path = overlay_path(folder, lang, name)
        old = _existing(path)
        entries = {}
        for key, source in english.items():
            entry = old.get(key) or {"source": source, "text": ""}
            entries[key] = entry
            if not entry.get("text"):
                problems.append(f"{path.name}: {key}: not translated")
            elif entry.get("source") != source:
                problems.append(f"{path.name}: {key}: stale (the English changed)")
        problems += [f"{path.name}: {key}: no such text" for key in old if key not in english]
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dump(lang, name, entries), encoding="utf-8")
    return problems


def fill(lang: str, name: str, mapping: Path) -> int:
    """Write the translations of `mapping` into the `lang` overlay of bank file `name`."""
    folder = default_bank_dir()
    english = bank_texts(build_bank(folder), rule_files(folder)).get(name)
    if english is None:
        sys.exit(f"no bank file {name}")
    given = parse(mapping.read_text(encoding="utf-8"), str(mapping), "translation")
    unknown = sorted(set(given) - set(english))
    if unknown:
        sys.exit(f"not texts of {name}: {', '.join(unknown)}")
    path = overlay_path(folder, lang, name)
    entries = {
        key: _existing(path).get(key) or {"source": s, "text": ""} for key, s in english.items()
    }
    for key, text in given.items():
        entries[key] = {"source": english[key], "text": str(text).strip()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump(lang, name, entries), encoding="utf-8")
    return sum(1 for entry in entries.values() if not entry["text"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("langs", nargs="+")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--fill", nargs=2, metavar=("BANK_FILE", "MAPPING"))
    args = parser.parse_args()
    if args.fill:
        left = fill(args.langs[0], args.fill[0], Path(args.fill[1]))
        print(f"{args.fill[0]}: {left} text(s) still to translate")
        return
    problems = [f"{lang}: {p}" for lang in args.langs for p in sync(lang, args.check)]
    for problem in problems if args.check else []:
        print(problem)
    print(f"{len(problems)} text(s) missing, empty or stale", file=sys.stderr)
    sys.exit(1 if args.check and problems else 0)


if __name__ == "__main__":
    main()
