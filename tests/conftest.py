"""Shared fixtures. Output is kept free of terminal styling so assertions see plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hria.bank.load import load_bank
from hria.models.bank import Bank

MINI = Path(__file__).parent / "fixtures" / "mini_bank"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _plain_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.setenv("HRIA_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.delenv("HRIA_DEBUG", raising=False)


@pytest.fixture
def mini() -> Bank:
    return load_bank(MINI)


@pytest.fixture
def bank() -> Bank:
    return load_bank()


MINI_HEADER = """\
schema_version: 1
metadata:
  title: Pilot
  organisation: Example agency
  role: deployer
  assessor: A. Person
  created: 2026-01-05
  status: complete
  bank: {id: mini, version: 0.1.0}
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file under tmp_path and return its path."""

    def _write(name: str, text: str, **_: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
