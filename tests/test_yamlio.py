"""The YAML reader: the C fast path and the pure-Python path must agree, and both must
refuse hostile input with a position rather than crash."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml.events import NodeEvent

from hria.errors import InvalidFileError
from hria.files import yamlio
from hria.files.limits import ANY, GENERIC, Budget, Limits, node_bound

ROOT = Path(__file__).resolve().parent.parent
EVERY_YAML = sorted(
    p
    for folder in ("assessments", "src/hria/data", "tests/rule_cases", "tests/fixtures")
    for p in (ROOT / folder).rglob("*.yaml")
)


@pytest.fixture(params=["c", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "c" and not yamlio.C_PARSER:
        pytest.fail("ruamel.yaml.clib is a dependency on CPython and must be installed")
    monkeypatch.setattr(yamlio, "C_PARSER", request.param == "c")
    return str(request.param)


def refusal(text: str) -> str:
    with pytest.raises(InvalidFileError) as caught:
        yamlio.parse(text, "a.hria.yaml")
    return str(caught.value.problems[0])


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="C extension")
def test_the_c_parser_is_installed() -> None:
    assert yamlio.C_PARSER


def test_both_parsers_read_every_file_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(EVERY_YAML) > 200
    for path in EVERY_YAML:
        text = path.read_text(encoding="utf-8")
        monkeypatch.setattr(yamlio, "C_PARSER", True)
        fast = yamlio.parse(text, str(path))
        monkeypatch.setattr(yamlio, "C_PARSER", False)
        assert yamlio.parse(text, str(path)) == fast, path


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\nb: no\nc: on\nd: 0o17\ne: 017\nf: 1_000\ng: .inf\nh: ~\n",
        "d: 2026-11-22\nt: 2026-11-22T10:00:00Z\nv: 1.0.0\nq: '12'\n",
        "s: |\n  two\n  lines\nf: >-\n  folded\n  text\n",
        'u: "caf\\u00e9 \\t tab"\nk: {x: [1, 2, {y: z}]}\n',
    ],
)
def test_scalars_resolve_alike(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML 1.2 resolution on both paths: `yes` and `on` stay strings, dates are dates."""
    monkeypatch.setattr(yamlio, "C_PARSER", True)
    fast = yamlio.parse(text, "a.yaml")
    monkeypatch.setattr(yamlio, "C_PARSER", False)
    assert yamlio.parse(text, "a.yaml") == fast


@pytest.mark.usefixtures("parser")
def test_yes_stays_a_string() -> None:
    assert yamlio.parse("a: yes\n", "a.yaml") == {"a": "yes"}


@pytest.mark.usefixtures("parser")
def test_deep_nesting_is_refused_with_its_place() -> None:
    deep = "answers: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert refusal(deep) == "a.hria.yaml:1:73: nested more than 64 levels deep"


@pytest.mark.usefixtures("parser")
def test_deep_block_nesting_is_refused() -> None:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "leaf\n"
    assert "nested more than 64 levels deep" in refusal(deep)


@pytest.mark.usefixtures("parser")
def test_nesting_at_the_limit_is_read() -> None:
    text = "a: " + "[" * 63 + "x" + "]" * 63 + "\n"  # 64 collections, then a scalar
    assert yamlio.parse(text, "a.yaml") is not None
    assert "nested more than 64" in refusal("a: " + "[" * 64 + "x" + "]" * 64 + "\n")


@pytest.mark.parametrize("levels", [65, 100_000])
def test_deep_json_is_refused(levels: int) -> None:
    text = '{"answers": ' + "[" * levels + "]" * levels + "}"
    with pytest.raises(InvalidFileError) as caught:
        yamlio.parse(text, "a.hria.json")
    assert str(caught.value.problems[0]) == "a.hria.json:1:76: nested more than 64 levels deep"


def test_json_at_the_limit_is_read() -> None:
    assert yamlio.parse('{"a": ' + "[" * 63 + "1" + "]" * 63 + "}", "a.json") is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: 2\n", "a.hria.yaml:1:4: YAML anchors and aliases are not allowed"),
        ("a: 1\nb: *x\n", "a.hria.yaml:2:4: YAML anchors and aliases are not allowed"),
        ("a: 1\na: 2\n", 'a.hria.yaml:2:1: duplicate key "a"'),
        ("a: [1, 2\n", "a.hria.yaml:2:1: malformed YAML"),
    ],
)
@pytest.mark.usefixtures("parser")
def test_errors_read_the_same_on_both_paths(text: str, expected: str) -> None:
    assert refusal(text).startswith(expected)


@pytest.mark.parametrize("levels", [64, 65, 1999, 2001])
def test_both_paths_agree_near_the_cheap_bound(
    levels: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Block nesting without anchors takes the unscanned C path up to the bound."""
    text = "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "leaf\n"
    outcomes: list[bool | str] = []
    for fast in (True, False):
        monkeypatch.setattr(yamlio, "C_PARSER", fast)
        try:
            outcomes.append(yamlio.parse(text, "a.yaml") is not None)
        except InvalidFileError as error:
            outcomes.append(str(error.problems[0]))
    assert outcomes[0] == outcomes[1]
    assert (outcomes[0] is True) == (levels <= 64)


def test_a_crash_is_impossible_in_a_subprocess(tmp_path: Path) -> None:
    """The C composer recurses; a crash would kill the process, so check from outside."""
    path = tmp_path / "deep.hria.yaml"
    path.write_text("schema_version: 1\nanswers: " + "{a: " * 200_000 + "}" * 200_000 + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "hria", "check", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert "nested more than 64 levels deep" in done.stderr


SMALL = Limits(nodes=20, entries=3, paths={("a", ANY, "b"): (2, "bees")})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("d: 2026-02-30\n", "a.hria.yaml:1:4: not a valid date or time"),
        ("d: !!int x\n", "a.hria.yaml:1:4: not a valid whole number"),
        ("d: !x 1\n", "a.hria.yaml:1:4: unsupported YAML tag (hria reads plain values only)"),
        ("d:\n  1: x\n", "a.hria.yaml:2:3: keys must be text: put this key in quotes"),
        ('d: "\\ud800"\n', "a.hria.yaml:1:4: text contains half of a UTF-16 surrogate pair"),
        ("d: a\x01\n", "a.hria.yaml:1:5: character U+0001 is not allowed in YAML"),
        ("d: " + "9" * 5000 + "\n", "a.hria.yaml:1:4: number is too large"),
        ("d: [1, 2, 3, 4]\n", "a.hria.yaml:1:14: too many entries in one list or mapping"),
        ("a: {x: {b: [1, 2, 3]}}\n", "a.hria.yaml:1:19: too many bees: the limit is 2"),
        ("a: {x: {c: [1, 2, 3, 4]}}\n", "a.hria.yaml:1:22: too many entries in one list"),
        (
            "d: [[1, 2], [1, 2], [1, 2]]\ne: [[1, 2], [1, 2], [1, 2]]\nf: [1, 2]\n",
            "a.hria.yaml:2:21: too many values in one file: the limit is 20",
        ),
    ],
)
@pytest.mark.parametrize("scan", [False, True])
@pytest.mark.usefixtures("parser")
def test_refusals_read_the_same_on_both_paths(
    text: str, expected: str, scan: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the text is scanned before it is loaded, or checked once loaded."""
    monkeypatch.setattr(yamlio, "node_bound", lambda _: 10**9 if scan else 0)
    with pytest.raises(InvalidFileError) as caught:
        yamlio.parse(text, "a.hria.yaml", limits=SMALL)
    assert str(caught.value.problems[0]).startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"d": [1, 2, 3, 4]}', "a.hria.json:1:17: too many entries in one list or mapping"),
        ('{"a": {"x": {"b": [1, 2, 3]}}}', "a.hria.json:1:26: too many bees"),
        ('{"a": {"x\\u0041": {"b": [1, 2, 3]}}}', "a.hria.json:1:32: too many bees"),
        ('{"d": "\\udfff"}', "a.hria.json:1:7: text contains half of a UTF-16 surrogate pair"),
        ('{"d": [-' + "9" * 400 + "]}", "a.hria.json:1:8: number is too large"),
        ('{"d": "[[[[", "e": 1}', "a.hria.json:1:7: too many values in one file"),
    ],
)
@pytest.mark.parametrize("scan", [False, True])
def test_json_refusals_are_located(
    text: str, expected: str, scan: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlio, "node_bound", lambda _: 10**9 if scan else 0)
    limits = SMALL if "[[[[" not in text else Limits(nodes=2)
    with pytest.raises(InvalidFileError) as caught:
        yamlio.parse(text, "a.hria.json", limits=limits)
    assert str(caught.value.problems[0]).startswith(expected)


def test_the_bound_on_values_holds() -> None:
    """node_bound decides whether to scan first; it must never be below the real count."""
    for path in EVERY_YAML:
        text = path.read_text(encoding="utf-8")
        budget = Budget(GENERIC)
        for event in yamlio._yaml(pure=False).parse(text):
            if isinstance(event, NodeEvent):
                budget.node(None)
        assert budget.nodes <= node_bound(text), path


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: [&x 1, *x]\n",
        "a: [1,*x]\n",
        "{&x a: 1}\n",
        "- &x\n  - *x\n",
        "a:\n  &x\n",
        '{"a":&x 1}\n',
    ],
)
def test_every_place_an_anchor_or_alias_can_begin_is_noticed(text: str) -> None:
    assert yamlio._ANCHOR_OR_ALIAS.search(text) is not None


@pytest.mark.parametrize("text", ["note: R&D and x*y\n", "a: 'b&c'\n"])
def test_ampersands_and_stars_inside_words_need_no_event_scan(text: str) -> None:
    assert yamlio._ANCHOR_OR_ALIAS.search(text) is None
