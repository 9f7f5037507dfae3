"""The Jinja environments. HTML output is always autoescaped; Markdown output escapes free
text through the `md` filter. Templates come from the package (hria/templates in the wheel,
the repository's templates/ in a source checkout) unless a folder is given."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)

from hria.errors import HriaError

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def template_dir() -> Path:
    packaged = Path(str(files("hria"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def md_escape(text: object) -> str:
    """Free text that cannot break a Markdown table or inject markup: one line, escaped."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates are cached beside the parsed bank; never required."""
    from hria.parsecache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder), "jinja-%s.cache")


def environment(html: bool, directory: Path | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(directory or template_dir())),
        bytecode_cache=_bytecode_cache(),
        autoescape=html,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    return env


def render(name: str, context: dict[str, object], directory: Path | None = None) -> str:
    env = environment(name.endswith(".html.j2"), directory)
    try:
        return env.get_template(name).render(**context)
    except TemplateNotFound:
        raise HriaError(f"template not found: {name}", hint="check --templates") from None
