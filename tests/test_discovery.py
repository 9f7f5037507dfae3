"""Which files `hria check` finds: default excludes, --exclude and --extend-exclude,
.gitignore files, and files named on the command line (--force-exclude)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.check.discover import Discovery, Patterns, find
from tests.conftest import MINI, MINI_HEADER
from tests.test_packaging import imported

runner = CliRunner()
CLEAN = (
    MINI_HEADER
    + "answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: 'yes', evidence: [Act]}\n  details.people: {value: 12}\n"
)
TREE = [
    "a.hria.yaml",
    "sub/b.hria.yml",
    "sub/deeper/c.hria.json",
    "node_modules/pkg/copy.hria.yaml",
    ".hidden/d.hria.yaml",
    ".venv/lib/e.hria.yaml",
    "venv/f.hria.yaml",
    "env/g.hria.yaml",  # a virtual environment by its pyvenv.cfg
    "notes.yaml",
]


@pytest.fixture
def tree(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "repo"
    for name in TREE:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CLEAN if not name.endswith(".json") else "{}", encoding="utf-8")
    (root / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    before = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(before)


def found(root: Path, discovery: Discovery | None = None) -> list[str]:
    return [p.relative_to(root).as_posix() for p in find(root, discovery or Discovery())]


def check(*args: str) -> Any:
    return runner.invoke(app_(), ["check", "--bank", str(MINI), "--fail-on", "none", *args])


def app_() -> Any:
    from hria.cli import app

    return app


def test_defaults_skip_hidden_folders_virtual_environments_and_node_modules(tree: Path) -> None:
    assert found(tree) == ["a.hria.yaml", "sub/b.hria.yml", "sub/deeper/c.hria.json"]


def test_exclude_replaces_the_defaults(tree: Path) -> None:
    chosen = Discovery(exclude=(Patterns(("sub/",)),))
    assert found(tree, chosen) == [
        ".hidden/d.hria.yaml",
        ".venv/lib/e.hria.yaml",
        "a.hria.yaml",
        "env/g.hria.yaml",
        "node_modules/pkg/copy.hria.yaml",
        "venv/f.hria.yaml",
    ]


def test_extend_exclude_adds_to_the_defaults(tree: Path) -> None:
    chosen = Discovery(extend_exclude=(Patterns(("*.json", "/a.hria.yaml")),))
    assert found(tree, chosen) == ["sub/b.hria.yml"]


def test_anchored_patterns_are_relative_to_their_base(tree: Path) -> None:
    here = Discovery(extend_exclude=(Patterns(("/deeper",), tree / "sub"),))
    assert found(tree, here) == ["a.hria.yaml", "sub/b.hria.yml"]
    elsewhere = Discovery(extend_exclude=(Patterns(("/deeper",), tree),))
    assert found(tree, elsewhere) == ["a.hria.yaml", "sub/b.hria.yml", "sub/deeper/c.hria.json"]


def test_gitignore_files_are_respected_nested_and_negated(tree: Path) -> None:
    (tree / ".gitignore").write_text("# drafts\n*.yml\nsub/deeper/\n", encoding="utf-8")
    assert found(tree) == ["a.hria.yaml"]
    (tree / "sub" / ".gitignore").write_text("!b.hria.yml\n", encoding="utf-8")
    assert found(tree) == ["a.hria.yaml", "sub/b.hria.yml"], "the nearer file wins"
    assert found(tree, Discovery(gitignore=False)) == [
        "a.hria.yaml",
        "sub/b.hria.yml",
        "sub/deeper/c.hria.json",
    ]


def test_a_folder_a_gitignore_leaves_out_cannot_be_taken_back_below(tree: Path) -> None:
    (tree / ".gitignore").write_text("sub/\n", encoding="utf-8")
    (tree / "sub" / ".gitignore").write_text("!b.hria.yml\n", encoding="utf-8")
    assert found(tree) == ["a.hria.yaml"]


def test_gitignores_above_count_inside_a_repository_only(tree: Path) -> None:
    (tree / ".gitignore").write_text("b.hria.yml\n", encoding="utf-8")
    sub = [p.name for p in find(tree / "sub", Discovery())]
    assert sub == ["b.hria.yml", "c.hria.json"], "no repository: the folder above is not read"
    (tree / ".git").mkdir()
    assert [p.name for p in find(tree / "sub", Discovery())] == ["c.hria.json"]
    (tree.parent / ".gitignore").write_text("*.json\n", encoding="utf-8")
    assert [p.name for p in find(tree / "sub", Discovery())] == ["c.hria.json"], (
        "a .gitignore above the repository's root is not read"
    )


def test_a_folder_named_on_the_command_line_is_walked_even_if_excluded(tree: Path) -> None:
    assert [p.name for p in find(tree / ".hidden", Discovery())] == ["d.hria.yaml"]
    assert [p.name for p in find(tree / "node_modules", Discovery())] == ["copy.hria.yaml"]
    (tree / ".hidden" / ".cache").mkdir()
    (tree / ".hidden" / ".cache" / "x.hria.yaml").write_text(CLEAN, encoding="utf-8")
    assert [p.name for p in find(tree / ".hidden", Discovery())] == ["d.hria.yaml"], (
        "hidden folders inside it are still skipped"
    )


@pytest.mark.usefixtures("tree")
def test_files_named_on_the_command_line_are_always_checked() -> None:
    result = check("node_modules/pkg/copy.hria.yaml", ".hidden/d.hria.yaml", "a.hria.yaml")
    assert result.exit_code == 0, result.output
    assert "3 files checked" in result.stdout


def test_force_exclude_applies_excludes_and_gitignore_to_named_files(tree: Path) -> None:
    (tree / ".gitignore").write_text("/a.hria.yaml\n", encoding="utf-8")
    named = ["node_modules/pkg/copy.hria.yaml", ".hidden/d.hria.yaml", "env/g.hria.yaml"]
    result = check("--force-exclude", *named, "a.hria.yaml", "sub/b.hria.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 no major flags"
    assert "sub/b.hria.yml: No major flags found" in result.stdout
    extra = check("--force-exclude", "--extend-exclude", "sub", "sub/b.hria.yml")
    assert extra.exit_code == 0 and "sub/b.hria.yml" not in extra.stdout


def test_command_line_excludes(tree: Path) -> None:
    (tree / "sub" / "deeper" / "c.hria.json").unlink()
    default = check(".")
    assert default.exit_code == 0, default.output
    assert "node_modules" not in default.stdout and "2 files checked" in default.stdout
    replaced = check("--exclude", "sub", "--exclude", ".*/", ".")
    assert "node_modules/pkg/copy.hria.yaml" in replaced.stdout
    assert "sub/" not in replaced.stdout and ".hidden" not in replaced.stdout
    extended = check("--extend-exclude", "b.*", ".")
    assert extended.stdout.splitlines()[-1] == "1 file checked: 1 no major flags"


@pytest.mark.usefixtures("tree")
def test_a_folder_with_everything_excluded_has_no_files() -> None:
    result = check("--extend-exclude", "*", ".")
    assert result.exit_code == 2
    assert "no *.hria.yaml, *.hria.yml or *.hria.json files in this folder" in result.stderr


@pytest.mark.filterwarnings("always::hria.errors.HriaWarning")
def test_an_unreadable_gitignore_is_named_and_left_unused(tree: Path) -> None:
    (tree / ".gitignore").write_bytes(b"\xff\xfe*.yml\n")
    result = check("--extend-exclude", "*.json", ".")
    assert result.exit_code == 0, result.output
    assert (
        "warning: " in result.stderr
        and ".gitignore:1:1: not valid UTF-8 text (not used)" in result.stderr
    )
    assert "sub/b.hria.yml" in result.stdout


def test_pattern_matching_loads_only_when_a_folder_is_walked(tree: Path) -> None:
    named = imported("-m", "hria", "check", "--bank", str(MINI), str(tree / "a.hria.yaml"))
    assert "hria" in named and "pathspec" not in named
    walked = imported("-m", "hria", "check", "--bank", str(MINI), str(tree / "sub"))
    assert "pathspec" in walked


def test_review_files_beside_assessments_are_not_assessments(tree: Path) -> None:
    (tree / "a.review.hria.yaml").write_text("{}", encoding="utf-8")
    assert "a.review.hria.yaml" not in found(tree)
