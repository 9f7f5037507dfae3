"""One finding per problem: the flags of a gate that share a rule, a cause (the same triggering
answers) or a recommendation are grouped, so each recommendation is printed once. Works on the
flag view dicts of `report.context`; pure and deterministic."""

from __future__ import annotations

from typing import Any

from hria.models.base import Severity

RANK = {s.value: s.rank for s in Severity}


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _keys(flag: dict[str, Any]) -> list[tuple[str, ...]]:
    """What a flag can share with another: its rule, its recommendation, its cause."""
    keys: list[tuple[str, ...]] = [("code", flag["code"]), ("rec", flag["recommendation"])]
    if flag["refs"]:
        keys.append(("cause", *sorted(flag["refs"])))
    return keys


def group(flags: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Flags joined when any key is shared (transitively), in the order of their first flag."""
    parent = list(range(len(flags)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first: dict[tuple[str, ...], int] = {}
    for index, flag in enumerate(flags):
        for key in _keys(flag):
            if key in first:
                a, b = sorted((root(first[key]), root(index)))
                parent[b] = a
            else:
                first[key] = index
    groups: dict[int, list[dict[str, Any]]] = {}
    for index, flag in enumerate(flags):
        groups.setdefault(root(index), []).append(flag)
    return list(groups.values())


def _rationales(flags: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each reason once, with the code of the first flag that gives it."""
    first: dict[str, str] = {}
    for flag in flags:
        first.setdefault(flag["rationale"], flag["code"])
    return [{"code": code, "text": text} for text, code in first.items()]


def finding(flags: list[dict[str, Any]]) -> dict[str, Any]:
    """The finding a group of flags makes: its worst flag names it."""
    ordered = sorted(flags, key=lambda f: -RANK[f["severity_key"]])
    worst = ordered[0]
    return {
        "id": f"finding-{worst['code']}-{worst['index']}",
        "code": worst["code"],
        "title": worst["title"],
        "severity": worst["severity"],
        "severity_key": worst["severity_key"],
        "gate": worst["gate"],
        "gate_id": worst["gate_id"],
        "count": len(flags),
        "flags": ordered,
        "unknown": all(f["unknown"] for f in flags),
        "open": any(f["status"] == "open" for f in flags),
        "triggers": list({t["text"]: t for f in ordered for t in f["triggers"]}.values()),
        "recommendations": _unique([f["recommendation"] for f in ordered]),
        "rationales": _rationales(ordered),
        "sources": _unique([s for f in ordered for s in f["sources"]]),
        "basis": sorted({b for f in ordered for b in f["basis_refs"]}),
    }


def findings(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings of one gate's flags, the most serious first (stable otherwise)."""
    made = [finding(g) for g in group(flags)]
    return sorted(made, key=lambda f: -RANK[f["severity_key"]])


def first_sentence(text: str, limit: int = 160) -> str:
    """The first sentence of a recommendation, cut at a word if it is long."""
    end = text.find(". ")
    sentence = text if end < 0 else text[: end + 1]
    return shorten(sentence, limit)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
