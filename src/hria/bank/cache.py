"""A cache of parsed question-bank files, so that start-up does not re-parse YAML.

Only bank files are cached, never assessments: answers are sensitive and stay where the user
put them. Entries are keyed by a hash of the file's text and of the parser's version, are
re-validated on every load, and the cache is skipped whenever it cannot be written.
HRIA_CACHE_DIR moves it; HRIA_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from hria import __version__
from hria.files.fsutil import atomic_write
from hria.files.yamlio import parse


def cache_dir() -> Path | None:
    if os.environ.get("HRIA_NO_CACHE"):
        return None
    if os.environ.get("HRIA_CACHE_DIR"):
        return Path(os.environ["HRIA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hria"


def cached_parse(text: str, name: str, kind: str) -> Any:
    """`parse(text)`, served from the cache when the same text was parsed before."""
    folder = cache_dir()
    if folder is None:
        return parse(text, name, kind)
    key = hashlib.sha256(f"{__version__}\0{name.endswith('.json')}\0{text}".encode()).hexdigest()
    # One entry per bank file: a new version of the file replaces the entry of the old one.
    slot = hashlib.sha256(name.encode()).hexdigest()[:16]
    entry = folder / f"bank-{slot}-{key}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = parse(text, name, kind)
    try:
        serialised = json.dumps(data, ensure_ascii=False)
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(entry, serialised)
        for stale in folder.glob(f"bank-{slot}-*.json"):
            if stale != entry:
                stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass  # a read-only home, or data JSON cannot hold: parse again next time
    return data
