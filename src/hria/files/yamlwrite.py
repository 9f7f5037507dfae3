"""A small, fast YAML writer for assessment data (mappings, lists, scalars, dates).

Used for files that carry no comments, so nothing would be lost by writing them afresh. A
string is written plain only when no YAML reader could take it for anything else; otherwise
it is written as a JSON string, which YAML 1.2 reads back identically.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9 _.,;/()'+-]*$")
_RESERVED = frozenset(
    {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "nan", "inf", "~"}
)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _RESERVED
    return text if plain else json.dumps(text, ensure_ascii=False)


def emit(data: dict[str, Any]) -> str:
    lines: list[str] = []
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        if value is None:
            continue
        label = f"{pad}{scalar(key)}:"
        if isinstance(value, dict):
            if value:
                lines.append(label)
                _mapping(value, indent + 2, lines)
            else:
                lines.append(f"{label} {{}}")
        elif isinstance(value, list):
            _sequence(label, value, indent, lines)
        else:
            lines.append(f"{label} {scalar(value)}")


def _sequence(label: str, items: list[Any], indent: int, lines: list[str]) -> None:
    if not items:
        lines.append(f"{label} []")
        return
    lines.append(label)
    pad = " " * (indent + 2)
    for item in items:
        if isinstance(item, dict):
            nested: list[str] = []
            _mapping(item, indent + 4, nested)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines.extend(nested[1:])
        else:
            lines.append(f"{pad}- {scalar(item)}")
