"""The Jinja environments. HTML output is always autoescaped; Markdown output escapes free
text through the `md` filter. Templates come from the package (hria/templates in the wheel,
the repository's templates/ in a source checkout) unless a folder is given."""

from __future__ import annotations

import re
import traceback
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
)
from jinja2.bccache import Bucket

from hria.errors import HriaError
from hria.escapes import md_code, md_escape, md_url, printable
from hria.i18n import _


def template_dir() -> Path:
    packaged = Path(str(files("hria"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def slug(text: object) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", str(text).strip().lower())
    return kept.replace(" ", "-")


class _TrustedBytecodeCache(FileSystemBytecodeCache):
    """Loading a compiled template unpickles and runs it, so only entries this user wrote
    (and nobody else could have) are loaded; others are compiled afresh."""

    def load_bytecode(self, bucket: Bucket) -> None:
        from hria.bank.cache import read_entry

        data = read_entry(Path(self._get_cache_filename(bucket)))
        if data is not None:
            bucket.bytecode_from_string(data)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates are cached beside the parsed bank, in the same trusted folder."""
    from hria.bank.cache import trusted_cache_dir

    folder = trusted_cache_dir()
    if folder is None:
        return None
    return _TrustedBytecodeCache(str(folder), "jinja-%s.cache")


def environment(html: bool, directory: Path | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(directory or template_dir())),
        bytecode_cache=_bytecode_cache(),
        autoescape=html,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    _speak(env)
    env.filters["md"] = md_escape
    env.filters["md_code"] = md_code
    env.filters["md_url"] = md_url
    env.filters["slug"] = slug
    return env


def _speak(env: Environment) -> None:
    """Templates mark their texts with {% trans %} and _(); they are said in the language in
    force when the template renders (the report's), looked up at render time, so one compiled
    template serves every language."""
    from hria.i18n import _, active, ngettext
    from hria.report.words import day, word

    env.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = active
    # given the context, so that Jinja never works them out once at compile time (in the
    # language then in force) when a template gives them a literal
    env.filters["word"] = pass_context(lambda _context, value: word(value))
    env.filters["day"] = pass_context(lambda _context, value, width="long": day(value, width))


def template(env: Environment, name: str) -> Template:
    """Load a template; a missing or malformed one (from --templates) is a user error."""
    try:
        return env.get_template(name)
    except TemplateNotFound:
        folders = getattr(env.loader, "searchpath", None) or [_("the template folder")]
        raise HriaError(
            _("template not found: {name} in {folders}").format(
                name=name, folders=", ".join(folders)
            ),
            hint=_("a --templates folder must hold every template the format needs"),
        ) from None
    except TemplateSyntaxError as error:
        where = f"{error.filename or name}:{error.lineno}"
        raise HriaError(
            _("template {where}: {message}").format(where=where, message=error.message),
            hint=_("check --templates"),
        ) from None


def fill(tmpl: Template, context: dict[str, Any], directory: Path | None) -> str:
    """Render a loaded template. A --templates template that fails (an undefined name, a
    filter given the wrong type) is a user error located at its line; a bundled one that
    fails is a bug, and stays an internal error."""
    try:
        return printable(tmpl.render(**context))
    except Exception as error:
        if directory is None:
            raise
        if isinstance(error, UndefinedError):
            message = error.message or _("undefined value")
        else:  # its own message could quote an answer
            message = _("rendering failed ({name})").format(name=type(error).__name__)
        where = _template_line(error, directory) or (tmpl.filename or str(tmpl.name))
        raise HriaError(
            _("template {where}: {message}").format(where=where, message=message),
            hint=_("templates/README.md lists what a template receives"),
        ) from None


def _template_line(error: Exception, directory: Path) -> str | None:
    """FILE:LINE of the innermost template frame: Jinja maps its frames onto template lines."""
    folder = directory.resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).resolve().is_relative_to(folder):
            return f"{frame.filename}:{frame.lineno}"
    return None


def render(name: str, context: dict[str, object], directory: Path | None = None) -> str:
    env = environment(name.endswith(".html.j2"), directory)
    return fill(template(env, name), context, directory)
