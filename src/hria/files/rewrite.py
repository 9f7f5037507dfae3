"""Rewrite an assessment file in place, keeping its comments, order and layout (YAML) or
its key order (JSON), atomically and with a backup of the old text beside it."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

from hria.errors import InvalidFileError, Problem
from hria.files.fsutil import atomic_write
from hria.files.reading import read_text
from hria.files.yamlio import parse
from hria.i18n import _

T = TypeVar("T")
Transform = Callable[[MutableMapping[str, Any]], T]


def rewrite(path: Path, transform: Transform[T], write: bool = True) -> tuple[T, str]:
    """Apply `transform` to the parsed document; write it back (old text to FILE.bak) unless
    `write` is false. Returns the transform's result and the new text."""
    name = str(path)
    text = read_text(path)
    if not isinstance(parse(text, name), dict):  # located errors for a broken file, first
        raise InvalidFileError([Problem(name, _("expected a mapping at the top of the file"))])
    if path.name.endswith(".json"):
        document = json.loads(text)
        result = transform(document)
        new_text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        result, new_text = _rewrite_yaml(text, transform)
    if write and new_text != text:
        atomic_write(path.with_name(path.name + ".bak"), text)
        atomic_write(path, new_text)
    return result, new_text


def _rewrite_yaml(text: str, transform: Transform[T]) -> tuple[T, str]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    document = yaml.load(text)
    result = transform(document)
    out = io.StringIO()
    yaml.dump(document, out)
    return result, out.getvalue()
