"""Comparing a rendered report with its golden file, or rewriting the file when
HRIA_UPDATE_GOLDEN=1 (then review the diff)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def match_golden(got: bytes, golden: Path) -> None:
    if os.environ.get("HRIA_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(got)
        return
    assert golden.exists(), f"no golden file {golden.name}: run with HRIA_UPDATE_GOLDEN=1"
    # Compare as bytes; on failure, the first differing line says more than a byte offset.
    if got != golden.read_bytes():
        pairs = zip(got.splitlines(), golden.read_bytes().splitlines(), strict=False)
        first = next(((n, a, b) for n, (a, b) in enumerate(pairs, 1) if a != b), None)
        pytest.fail(
            f"{golden.name} differs (line, got, expected): {first}; if the change is intended, "
            "rerun with HRIA_UPDATE_GOLDEN=1 and review the diff"
        )
