"""The words a report shows for the values of an assessment (a status, a role, a likelihood)
and for dates, in the report's language. The values themselves stay English wherever a
program reads them (the JSON report); only the documents a person reads say them in words."""

from __future__ import annotations

import datetime as dt

from hria.i18n import N_, _, active
from hria.lang import ENGLISH
from hria.models.findings import Outcome

#: Every value the templates show through the `word` filter, marked for the catalogs.
WORDS = frozenset(
    {
        # metadata: role and status
        N_("deployer"),
        N_("vendor"),
        N_("auditor"),
        N_("draft"),
        N_("complete"),
        # impacts: status, involvement, severity and likelihood
        N_("actual"),
        N_("potential"),
        N_("cause"),
        N_("contribute"),
        N_("linked"),
        N_("limited"),
        N_("moderate"),
        N_("serious"),
        N_("severe"),
        N_("unlikely"),
        N_("possible"),
        N_("likely"),
        N_("almost certain"),
        # flags and actions
        N_("open"),
        N_("mitigation planned"),
        N_("mitigation done"),
        N_("planned"),
        N_("in progress"),
        N_("done"),
        N_("dropped"),
    }
)

#: The sentence under each verdict.
OUTCOME_SENTENCES = {
    Outcome.DO_NOT_DEPLOY: N_(
        "At least one use crosses a line that no safeguard can make acceptable."
    ),
    Outcome.FAILS: N_("Serious flags mean the interference cannot be justified as it stands."),
    Outcome.CONDITIONAL: N_("Problems were found that must be mitigated before and during use."),
    Outcome.NO_MAJOR_FLAGS: N_(
        "No serious risk was identified on the answers given; "
        "this is not a certificate of compliance."
    ),
    Outcome.SCREENED: N_(
        "Only the screen (the setting and the red lines) was answered, and it found "
        "no red line; the full test of legality, necessity, proportionality and "
        "non-discrimination has not been run."
    ),
}


#: What raised a flag, when it is not an answer: an impact, an action or a field of the
#: metadata (named by its key).
TRIGGERS = {
    "impact": N_("impact %(ref)s"),
    "action": N_("action %(ref)s"),
    "metadata": N_("metadata %(ref)s"),
}


def word(value: object) -> object:
    """A value of the assessment in words of the report's language; anything else as it is
    (so that nothing a person typed is ever taken for a word to translate)."""
    return _(value) if isinstance(value, str) and value in WORDS else value


def day(value: object, width: str = "long") -> object:
    """An ISO date as a person reads it in the report's language (English keeps ISO dates)."""
    lang = active()
    if lang == ENGLISH or not isinstance(value, str):
        return value
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        return value
    from babel.dates import format_date

    return format_date(parsed, format=width, locale=lang.replace("-", "_"))
