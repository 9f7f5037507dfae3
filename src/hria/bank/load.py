"""Load the question bank: from the cache when no bank file has changed since a load that
succeeded, else from its YAML files (see bank/build.py). Kept small, because every command
imports it."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from hria.bank.cache import cached_object
from hria.files.reading import MAX_BYTES
from hria.lang import ENGLISH
from hria.models.bank import Bank


def default_bank_dir() -> Path:
    return Path(str(files("hria") / "data"))


@lru_cache(maxsize=8)
def load_bank(directory: Path | None = None, lang: str = ENGLISH) -> Bank:
    """Load and cross-check a bank directory (the bundled one by default), in `lang` (its
    texts from data/i18n/LANG/, English where a translation is missing or stale), from the
    cache when none of its files has changed since a load that succeeded."""
    folder = directory or default_bank_dir()
    material = _material(folder, lang)

    def build() -> Bank:
        return _load(folder) if lang == ENGLISH else _translated(folder, lang)

    if material is None:
        return build()
    return cached_object(material, f"{folder.resolve()}\0{lang}", build, Bank)


def _translated(folder: Path, lang: str) -> Bank:
    from hria.bank.overlay import read_overlay, translate
    from hria.bank.texts import rule_files

    english = load_bank(folder, ENGLISH)
    overlay = read_overlay(folder, lang, english, rule_files(folder))
    untranslated = len(overlay.coverage.missing) + len(overlay.coverage.stale)
    return translate(english, overlay.texts, lang, untranslated)


def _material(folder: Path, lang: str = ENGLISH) -> bytes | None:
    """The name and bytes of every file a bank is made from (with its `lang` overlay); None if
    one cannot be read (the full load then says why)."""
    names = ["bank.yaml", "instruments.yaml", "recommendations.yaml", "profile.yaml"]
    if lang != ENGLISH:
        overlay = folder / "i18n" / lang
        names += sorted(p.relative_to(folder).as_posix() for p in overlay.rglob("*.yaml"))
    parts: list[bytes] = []
    try:
        for sub in ("questions", "rules"):
            if (folder / sub).is_dir():
                names += sorted(f"{sub}/{p.name}" for p in (folder / sub).glob("*.yaml"))
        for name in names:
            path = folder / name
            if path.is_file() and path.stat().st_size > MAX_BYTES:
                return None
            data = path.read_bytes() if path.is_file() else b"\xff"  # absent: not empty
            parts += [name.encode(), b"\0", str(len(data)).encode(), b"\0", data]
        parts += [_models_code()]
    except OSError:
        return None
    return b"".join(parts)


@lru_cache(maxsize=1)
def _models_code() -> bytes:
    """The source of the classes a cached bank is made of: a pickle made by other code (an
    older checkout of the same version, say) is never loaded."""
    import hria.models

    folder = Path(hria.models.__file__).parent
    return b"".join(p.read_bytes() for p in sorted(folder.glob("*.py")))


def _load(folder: Path) -> Bank:
    from hria.bank.build import build_bank

    return build_bank(folder)
