"""Load the question bank: from the cache when no bank file has changed since a load that
succeeded, else from its YAML files (see bank/build.py). Kept small, because every command
imports it."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from hria.bank.cache import cached_object
from hria.files.reading import MAX_BYTES
from hria.models.bank import Bank


def default_bank_dir() -> Path:
    return Path(str(files("hria") / "data"))


@lru_cache(maxsize=4)
def load_bank(directory: Path | None = None) -> Bank:
    """Load and cross-check a bank directory (the bundled one by default), from the cache when
    none of its files has changed since a load that succeeded."""
    folder = directory or default_bank_dir()
    material = _material(folder)
    if material is None:
        return _load(folder)
    return cached_object(material, str(folder.resolve()), lambda: _load(folder), Bank)


def _material(folder: Path) -> bytes | None:
    """The name and bytes of every file a bank is made from; None if one cannot be read (the
    full load then says why)."""
    names = ["bank.yaml", "instruments.yaml", "recommendations.yaml", "profile.yaml"]
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
    except OSError:
        return None
    return b"".join(parts)


def _load(folder: Path) -> Bank:
    from hria.bank.build import build_bank

    return build_bank(folder)
