"""Property-based: documents shaped like assessments, with adversarial leaves, never crash.

Hypothesis builds JSON-like trees with the assessment's shape (metadata, answers with
value/note/evidence, impacts, actions), where any node may be replaced by a value of the
wrong type. Runs are derandomized and bounded, so CI sees the same examples every time.
Inputs only the readers can refuse (lone surrogates, integers past Python's conversion limit)
are left to the parse-level fuzz test.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hria.models.bank import Bank, MultipleChoiceQuestion, Question, SingleChoiceQuestion
from tests.fuzzing import adversarial_values, dump_tree
from tests.fuzzrun import run_one

SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SAFE_LEAVES = [v for v in adversarial_values() if not (isinstance(v, str) and "\ud800" in v)]

leaf = st.one_of(
    st.sampled_from(SAFE_LEAVES),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.text(max_size=12),
    st.dates(),
)


def maybe(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the right thing, sometimes anything."""
    return st.floats(0, 1).flatmap(lambda x: leaf if x > 0.93 else good)


def _choice_values(bank: Bank) -> list[str]:
    values = {"yes", "no", "unknown"}
    for question in bank.questions.values():
        if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
            values.update(question.values)
    return sorted(values)


def _merge(a: dict[Any, Any], b: dict[Any, Any]) -> dict[Any, Any]:
    return {**b, **a}


def _good_value(question: Question) -> st.SearchStrategy[Any]:
    """Values that fit the question, so that some documents reach evaluation."""
    if isinstance(question, SingleChoiceQuestion):
        return st.sampled_from([*question.values, "unknown"])
    if isinstance(question, MultipleChoiceQuestion):
        return st.lists(st.sampled_from(question.values), min_size=1, max_size=1)
    if question.kind == "yes_no":
        return st.sampled_from(["yes", "no", "unknown"])
    if question.kind == "number":
        return st.integers(0, 10)
    if question.kind == "date":
        return st.dates().map(str)
    return st.text(min_size=1, max_size=10).filter(str.strip)


def _answers(bank: Bank, anything: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Answers keyed by real question ids, each with a fitting value or a wrong one."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        ids = draw(st.lists(st.sampled_from(sorted(bank.questions)), max_size=15, unique=True))
        odd = set(draw(st.lists(st.sampled_from(ids), max_size=2))) if ids else set()
        found: dict[str, Any] = {}
        for qid in ids:
            fitting = st.fixed_dictionaries({"value": _good_value(bank.questions[qid])})
            found[qid] = draw(maybe(st.one_of(fitting, anything) if qid in odd else fitting))
        return found

    return build()


def documents(bank: Bank) -> st.SearchStrategy[Any]:
    words = st.sampled_from(_choice_values(bank))
    text = st.text(min_size=1, max_size=20)
    slug = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
    refs = st.one_of(slug, st.sampled_from(sorted(bank.rules_by_code)))
    value = st.one_of(words, st.lists(words, max_size=4), st.integers(0, 10**7), leaf)
    answer = st.fixed_dictionaries(
        {"value": value},
        optional={"note": maybe(text), "evidence": maybe(st.lists(maybe(text), max_size=3))},
    )
    level = maybe(st.integers(1, 4))
    impact = st.fixed_dictionaries(
        {
            "id": maybe(slug),
            "right": maybe(text),
            "groups": maybe(st.lists(text, min_size=1, max_size=2)),
            "description": maybe(text),
            "status": st.just("potential"),
            "involvement": maybe(st.sampled_from(["cause", "contribute", "linked"])),
            "scale": level,
            "scope": level,
            "irremediability": level,
            "likelihood": level,
        },
    )
    action = st.fixed_dictionaries(
        {
            "id": maybe(slug),
            "addresses": maybe(st.lists(maybe(refs), min_size=1, max_size=3)),
            "description": maybe(text),
            "owner": maybe(text),
            "due": maybe(st.dates()),
        },
        optional={"status": maybe(st.sampled_from(["planned", "in_progress", "done", "dropped"]))},
    )
    metadata = st.fixed_dictionaries(
        {
            "title": maybe(text),
            "organisation": maybe(text),
            "role": maybe(st.sampled_from(["deployer", "vendor", "auditor"])),
            "assessor": maybe(text),
            "created": maybe(st.dates(min_value=dt.date(2000, 1, 1))),
            "bank": maybe(st.just({"id": bank.id, "version": bank.version})),
        },
        optional={
            "status": maybe(st.sampled_from(["draft", "complete"])),
            "review_by": maybe(st.dates()),
        },
    )
    keys = st.one_of(st.text(max_size=8), st.integers(0, 9))
    stray = st.dictionaries(keys, maybe(answer), max_size=2)
    return st.fixed_dictionaries(
        {"schema_version": maybe(st.just(1)), "metadata": maybe(metadata)},
        optional={
            "answers": maybe(st.builds(_merge, _answers(bank, answer), stray)),
            "impacts": maybe(st.lists(maybe(impact), max_size=3)),
            "actions": maybe(st.lists(maybe(action), max_size=3)),
        },
    )


def _check(bank: Bank, document: Any, json_form: bool) -> None:
    try:
        text = dump_tree(document, json_form)
    except (TypeError, ValueError):
        return  # not writable in this form (JSON cannot hold every key type)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.hria.json" if json_form else "a.hria.yaml")
        path.write_text(text, encoding="utf-8")
        outcome = run_one(path, bank)
    assert outcome.code != 3, outcome
    assert not outcome.violations, outcome


def test_assessment_shaped_documents_never_crash(bank: Bank) -> None:
    @SETTINGS
    @given(documents(bank), st.booleans())
    def run(document: Any, json_form: bool) -> None:
        _check(bank, document, json_form)

    run()


def test_wrong_types_anywhere_in_the_plan_never_crash(bank: Bank) -> None:
    """The register and the plan alone, as lists of anything."""
    anything = st.recursive(leaf, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
    base = {
        "schema_version": 1,
        "metadata": {
            "title": "t",
            "organisation": "o",
            "role": "deployer",
            "assessor": "a",
            "created": dt.date(2026, 1, 1),
            "bank": {"id": bank.id, "version": bank.version},
        },
    }

    @SETTINGS
    @given(
        st.lists(st.dictionaries(st.sampled_from(["id", "addresses", "scale"]), anything)),
        st.lists(st.dictionaries(st.sampled_from(["id", "addresses", "due"]), anything)),
        st.booleans(),
    )
    def run(impacts: list[Any], actions: list[Any], json_form: bool) -> None:
        _check(bank, {**base, "impacts": impacts, "actions": actions}, json_form)

    run()
