"""Start-up imports, and the wheel installed into a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT

HEAVY = ("questionary", "prompt_toolkit", "jinja2", "rich", "markdown_it", "weasyprint")


def imported(*args: str) -> set[str]:
    """Top-level modules a fresh interpreter imports to run `args`."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_help_imports_neither_models_nor_ui_libraries() -> None:
    loaded = imported("-m", "hria", "--help")
    assert "typer" in loaded, "the measurement must see imports at all"
    assert not loaded & {*HEAVY, "pydantic", "ruamel"}, loaded & {*HEAVY, "pydantic", "ruamel"}


def test_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    loaded = imported("-m", "hria", "check", "--bank", str(MINI), str(tmp_path))
    assert {"pydantic", "ruamel"} <= loaded
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def modules(*args: str) -> set[str]:
    """Every module (dotted names) a fresh interpreter imports to run `args`."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, check=False
    )
    lines = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines if "|" in line}


def test_a_skeleton_is_written_without_the_interview(tmp_path: Path) -> None:
    target = tmp_path / "s.hria.yaml"
    loaded = modules("-m", "hria", "new", "--skeleton", str(target), "--bank", str(MINI))
    assert target.is_file() and "hria.interview.skeleton" in loaded
    interview = {"hria.interview.walk", "hria.interview.prompts", "hria.interview.session"}
    assert not loaded & {*interview, *HEAVY}, loaded & {*interview, *HEAVY}


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_checks_the_examples(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("hria-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import hria, importlib.resources as r;"
            "print(r.files('hria').joinpath('templates').is_dir(),"
            " r.files('hria').joinpath('data/bank.yaml').is_file(),"
            " r.files('hria').joinpath('locale/pt_BR/LC_MESSAGES/hria.mo').is_file())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.split() == ["True", "True", "True"], "templates, bank and catalogs ship"
    result = subprocess.run(
        [str(bin_dir / "hria"), "check", "--fail-on", "none", str(ROOT / "assessments")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "files checked" in result.stdout
    assert "Incompatible with human rights: do not deploy" in result.stdout
