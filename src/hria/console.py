"""The rich console for interactive output. The only module that imports rich."""

from __future__ import annotations

import os

from rich.console import Console


def make_console() -> Console:
    """Honours NO_COLOR and TERM=dumb; wraps long text at the terminal's width."""
    plain = "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
    return Console(no_color=plain, highlight=False, soft_wrap=False)
