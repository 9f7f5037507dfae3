"""A seeded mutation fuzzer for `hria check`, shared by the test suite and bench/fuzz.py.

Mutants are derived from the bundled example assessments, in YAML and JSON form. Mutant `i`
of seed `s` depends on (s, i) alone, so any case can be rebuilt from its number. Text
mutations work on lines and bytes (delete, duplicate, swap, truncate, re-indent, retype a
scalar, insert control characters and escapes); tree mutations replace a node of the parsed
document with an adversarial value, rename or drop keys, or wrap a value in a list.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assessments"

Tree = Any
TextMutator = Callable[[random.Random, str], str]
TreeMutator = Callable[[random.Random, Tree], Tree]

# Scalars as YAML spells them: other types, out-of-range numbers, impossible dates, tags.
# fmt: off
YAML_SCALARS = [
    "0", "-1", "5", "1.5", "1e308", "-1e999", ".nan", ".inf", "0x1F", "0o17", "1_000",
    "99999999999999999999999999999999", "9" * 5000, "true", "false", "yes", "no", "~",
    "null", "2026-01-01", "2026-02-30", "2026-13-01", "0000-00-00", "2026-01-01T25:61:00",
    "!!int x", "!!int 12", "!!float abc", "!!bool maybe", "!!timestamp soon", "!!null x",
    "!!binary aGVsbG8=", "!!str", "!!set {a, b}", "!!omap [a: 1]", "!!python/object:os.system x",
    "!custom 1", "[]", "{}", "[a, [b, [c]]]", "{a: {b: 1}}", "[1, 2]", "{1: 2}", "{null: x}",
    "'\\x00'", '"\\x00"', '"\\ud800"', '"\\udfff"', '"\\U0010FFFF"', '"\\e[31m"', '"\\x1b]0;t\\x07"',
    '"a\\u2028b"', '"\\N"', "''", '""', "- a", "&a x", "*a", "? x", "|\n  block", ">-\n  fold",
]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
           "\ufeff", "\ufffe", "\t", "\r", "\r\n", "\x1b[2J", "\\", '"', "'", "%", "#", ": ", "\udc80"]
# fmt: on


def adversarial_values() -> list[Any]:
    """Leaves for tree mutations and the property tests: every JSON-ish type and then some."""
    # fmt: off
    return [
        0, -1, 1, 4, 5, 2**63, 10**400, -(10**400), 1.5, float("nan"), float("inf"), 1e308,
        True, False, None, "", " ", "unknown", "yes", "x" * 300, "\x00", "\ud800", "\x1b[31m",
        "2026-02-30", dt.date(2026, 1, 1), dt.date(1, 1, 1), dt.datetime(2026, 1, 1, 12, 0),
        [], [None], [[]], [["x"]], [{"a": 1}], {}, {"a": None}, {1: 2}, {None: "x"},
        {True: False}, {"value": "yes"}, {"id": ["x"]},
    ]
    # fmt: on


# ----------------------------------------------------------------------------- text level


def _line_op(rng: random.Random, text: str, op: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = " " * rng.choice([1, 2, 3, 4, 8]) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i].lstrip(" ")
    elif op == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    return "".join(lines)


def _truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(CONTROL) + text[at:]


_SIMPLE_KEY = re.compile(r'^[ -]*"?[\w.$]+"?: ')


def _retype_scalar(rng: random.Random, text: str) -> str:
    """Replace what follows 'key: ' on a random line with another kind of scalar."""
    lines = text.splitlines(keepends=True)
    candidates = [n for n, line in enumerate(lines) if ": " in line]
    keyed = [n for n in candidates if _SIMPLE_KEY.match(lines[n])]
    if not candidates:
        return text
    n = rng.choice(keyed if keyed and rng.random() < 0.8 else candidates)
    head = lines[n].split(": ", 1)[0]
    new = rng.choice(YAML_SCALARS) if rng.random() < 0.8 else json.dumps(_leaf(rng), default=str)
    lines[n] = f"{head}: {new}\n"
    return "".join(lines)


def _rename_key_text(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    candidates = [n for n, line in enumerate(lines) if ":" in line]
    if not candidates:
        return text
    n = rng.choice(candidates)
    key, rest = lines[n].split(":", 1)
    indent = key[: len(key) - len(key.lstrip())]
    new = rng.choice(["1", "true", "null", "~", "2026-01-01", "[a]", "? [a]", "'x'", "Id", "é"])
    lines[n] = f"{indent}{new}:{rest}"
    return "".join(lines)


TEXT_MUTATORS: dict[str, TextMutator] = {
    "delete-line": lambda r, t: _line_op(r, t, "delete"),
    "duplicate-line": lambda r, t: _line_op(r, t, "duplicate"),
    "swap-lines": lambda r, t: _line_op(r, t, "swap"),
    "indent": lambda r, t: _line_op(r, t, "indent"),
    "dedent": lambda r, t: _line_op(r, t, "dedent"),
    "tab": lambda r, t: _line_op(r, t, "tab"),
    "truncate": _truncate,
    "insert-char": _insert,
    "retype-scalar": _retype_scalar,
    "rename-key": _rename_key_text,
}


# ----------------------------------------------------------------------------- tree level


def _leaf(rng: random.Random) -> Any:
    return rng.choice(adversarial_values())


def _paths(tree: Tree, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in the tree (the root excluded)."""
    found: list[tuple[Any, ...]] = []
    items: list[tuple[Any, Any]] = []
    if isinstance(tree, dict):
        items = list(tree.items())
    elif isinstance(tree, list):
        items = list(enumerate(tree))
    for key, child in items:
        found.append((*prefix, key))
        found.extend(_paths(child, (*prefix, key)))
    return found


def _parent(tree: Tree, path: tuple[Any, ...]) -> Any:
    node = tree
    for part in path[:-1]:
        node = node[part]
    return node


def _tree_op(rng: random.Random, tree: Tree, op: str) -> Tree:
    paths = _paths(tree)
    if not paths:
        return _leaf(rng)
    path = rng.choice(paths)
    parent, key = _parent(tree, path), path[-1]
    if op == "replace":
        parent[key] = _leaf(rng)
    elif op == "wrap":
        parent[key] = [parent[key]]
    elif op == "drop":
        del parent[key]
    elif op == "rename" and isinstance(parent, dict):
        parent[rng.choice([1, True, None, "Id", f"{key}_", "", "é"])] = parent.pop(key)
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(key, parent[key])
    elif op == "unwrap" and isinstance(parent[key], list | dict) and parent[key]:
        values = parent[key] if isinstance(parent[key], list) else list(parent[key].values())
        parent[key] = values[0]
    return tree


TREE_MUTATORS: dict[str, TreeMutator] = {
    name: (lambda op: lambda r, t: _tree_op(r, t, op))(name)
    for name in ("replace", "wrap", "drop", "rename", "duplicate", "unwrap")
}


# ----------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Seed:
    name: str  # e.g. live-frt-public-square.hria.yaml
    text: str
    tree: Tree


def corpus() -> list[Seed]:
    """The bundled examples, each as YAML and as JSON."""
    seeds: list[Seed] = []
    for path in sorted(EXAMPLES.glob("*.hria.yaml")):
        text = path.read_text(encoding="utf-8")
        tree = YAML(typ="safe").load(text)
        json_text = json.dumps(tree, indent=2, ensure_ascii=False, default=str) + "\n"
        stem = path.name.removesuffix(".hria.yaml")
        seeds.append(Seed(path.name, text, tree))
        seeds.append(Seed(f"{stem}.hria.json", json_text, json.loads(json_text)))
    return seeds


def _copy(tree: Tree) -> Tree:
    if isinstance(tree, dict):
        return {k: _copy(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_copy(v) for v in tree]
    return tree


def dump_tree(tree: Tree, json_form: bool, ascii_only: bool = False) -> str:
    if json_form:
        return json.dumps(tree, indent=2, ensure_ascii=ascii_only, default=str) + "\n"
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


@dataclass(frozen=True)
class Mutant:
    index: int
    name: str  # file name: the mutant's number, then the seed file's name
    data: bytes
    ops: tuple[str, ...]


def mutant(seeds: list[Seed], seed: int, index: int) -> Mutant:
    """Mutant number `index`: 1 to 3 stacked mutations of one example."""
    rng = random.Random(seed * 1_000_003 + index)
    base = seeds[index % len(seeds)]
    json_form = base.name.endswith(".json")
    ops: list[str] = []
    if rng.random() < 0.5:
        tree = _copy(base.tree)
        for _ in range(rng.randint(1, 3)):
            op = rng.choice(list(TREE_MUTATORS))
            tree = TREE_MUTATORS[op](rng, tree)
            ops.append(f"tree:{op}")
        text = _safe_dump(tree, json_form, rng.random() < 0.5, base.text)
    else:
        text = base.text
        for _ in range(rng.randint(1, 3)):
            op = rng.choice(list(TEXT_MUTATORS))
            text = TEXT_MUTATORS[op](rng, text)
            ops.append(f"text:{op}")
    data = text.encode("utf-8", errors="surrogatepass" if rng.random() < 0.5 else "replace")
    return Mutant(index, f"m{index:05d}-{base.name}", data, tuple(ops))


def _safe_dump(tree: Tree, json_form: bool, ascii_only: bool, fallback: str) -> str:
    """The tree as text; a tree the writer refuses (a NaN key, say) falls back to the seed."""
    try:
        return dump_tree(tree, json_form, ascii_only)
    except Exception:
        return fallback


def write_mutants(folder: Path, seed: int, start: int, count: int) -> list[Path]:
    seeds = corpus()
    paths = []
    for index in range(start, start + count):
        m = mutant(seeds, seed, index)
        path = folder / m.name
        path.write_bytes(m.data)
        paths.append(path)
    return paths
