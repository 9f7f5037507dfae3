"""The GitHub Action (action.yml): a composite action that installs hria and runs the check
with annotations; its check step is run here with bash, as a runner would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT

ACTION = ROOT / "action.yml"


def action() -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    return data


def step(name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in action()["runs"]["steps"] if s.get("name") == name)
    return found


def test_action_yml_is_a_composite_action_with_the_fields_github_requires() -> None:
    data = action()
    assert isinstance(data["name"], str) and data["name"]
    assert isinstance(data["description"], str) and data["description"]
    assert data["runs"]["using"] == "composite"
    steps = data["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    for each in steps:
        assert ("run" in each) != ("uses" in each), each
        if "run" in each:
            assert each["shell"] == "bash", "a composite run step must name its shell"
    for name, spec in data["inputs"].items():
        assert spec["description"], name
        assert isinstance(spec.get("default", ""), str), name
    ids = {s["id"] for s in steps if "id" in s}
    for name, spec in data["outputs"].items():
        assert spec["description"], name
        referenced = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.[\w-]+ \}\}", spec["value"])
        assert referenced and referenced.group(1) in ids, name


def test_inputs_reach_scripts_only_through_the_environment() -> None:
    data = action()
    for each in data["runs"]["steps"]:
        assert "${{" not in each.get("run", ""), f"{each['name']}: an input pasted into a script"
        for value in each.get("env", {}).values():
            name = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value)
            assert name is None or name.group(1) in data["inputs"], value
    check = step("Check assessments")["run"]
    assert "--format github" in check
    assert "--format sarif --output" in check
    assert step("Install hria")["env"]["HRIA_ACTION_PATH"] == "${{ github.action_path }}"


def run_check(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], str]:
    outputs = tmp_path / "outputs"
    outputs.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "HRIA_PATHS": inputs.get("paths", "."),
        "HRIA_FAIL_ON": inputs.get("fail_on", ""),
        "HRIA_STRICT": inputs.get("strict", "false"),
        "HRIA_ARGS": inputs.get("args", ""),
        "HRIA_SARIF": inputs.get("sarif", ""),
    }
    env.pop("GITHUB_STEP_SUMMARY", None)
    bash = shutil.which("bash")
    assert bash is not None
    script = step("Check assessments")["run"]
    proc = subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return proc, outputs.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_check_step_annotates_and_passes_on_the_exit_code(tmp_path: Path) -> None:
    examples = (
        "assessments/on-device-verification.hria.yaml assessments/live-frt-public-square.hria.yaml"
    )
    proc, outputs = run_check(tmp_path, paths=examples, fail_on="none", args="--today 2026-11-22")
    assert proc.returncode == 0, proc.stderr
    assert outputs == "exit-code=0\n"
    assert "::notice file=assessments/on-device-verification.hria.yaml" in proc.stdout
    assert "::" in proc.stdout and "RL-001" in proc.stdout
    failing, outputs = run_check(tmp_path, paths=examples, fail_on="red_line")
    assert failing.returncode == 1
    assert outputs == "exit-code=1\n"
    assert "::error file=assessments/live-frt-public-square.hria.yaml" in failing.stdout
    broken, outputs = run_check(tmp_path, paths="assessments/nowhere.hria.yaml")
    assert broken.returncode == 2 and outputs == "exit-code=2\n"
