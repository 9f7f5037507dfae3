"""The impact register and the action plan screens, driven by a scripted prompter."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.prompts import BACK, HELP, NO_KEYS, Choices, Keys, ScriptedPrompter, Validator
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from tests.conftest import MINI, MINI_HEADER

TODAY = dt.date(2026, 11, 22)
DONE, ADD, PLAN = "__done__", "__add__", "__plan__"
CLEAN = (
    MINI_HEADER
    + """\
answers:
  basics.tech: {value: [gps]}
  basics.law: {value: "yes", evidence: [Act 2025 s. 4]}
  details.people: {value: 12}
  details.why: {value: Safety}
"""
)
NO_LAW = CLEAN.replace('{value: "yes", evidence: [Act 2025 s. 4]}', '{value: "no"}')
RED = CLEAN.replace("[gps]}", "[faces]}\n  basics.mode: {value: one_to_many}")
#: id, right, groups, description, status, involvement, scale, scope, irremediability, likelihood
STOPS = ["stops", "Liberty", "travellers; children", "False matches", "potential", "cause"]
STOPS += ["4", "2", "3", "2"]
IMPACT = """\
impacts:
  - id: stops
    right: Liberty
    groups: [travellers]
    description: False matches
    status: potential
    involvement: cause
    scale: 4
    scope: 2
    irremediability: 3
    likelihood: 2
"""
IMP_RULE = """\
  - code: IMP-001
    name: legality.severe_impact
    title: A severe impact has no action
    gate: legality
    severity: high
    scope: each_severe_impact_without_action
    rationale: Severe impacts come first.
    recommendation: Add an action.
    sources: [{instrument: iccpr, article: "17"}]
    basis: [{instrument: iccpr, article: "17"}]
"""


class Pick(str):
    """A scripted reply to a list: the first choice whose label contains this text."""


class Recorder(ScriptedPrompter):
    """Also records the default of every text prompt and the choices of every list."""

    def __init__(self, replies: Iterable[object]) -> None:
        super().__init__(replies)
        self.defaults: list[tuple[str, str]] = []
        self.lists: list[tuple[str, Choices]] = []
        self.keys: list[Keys] = []

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        keys: Keys = NO_KEYS,
    ) -> str:
        self.defaults.append((message, default))
        return super().text(message, default, validate, keys)

    def select(
        self, message: str, choices: Choices, default: str | None = None, keys: Keys = NO_KEYS
    ) -> str:
        self.lists.append((message, choices))
        self.keys.append(keys)
        if self.replies and isinstance(self.replies[0], Pick):
            wanted = str(self.replies.pop(0))
            found = [value for value, label in choices if wanted in label]
            assert found, f"no choice with {wanted!r} in {message!r}: {choices}"
            self.replies.insert(0, found[0])
        return super().select(message, choices, default, keys)

    def checkbox(
        self,
        message: str,
        choices: Choices,
        checked: Iterable[str],
        keys: Keys = NO_KEYS,
        alone: Iterable[str] = (),
    ) -> list[str]:
        self.lists.append((message, choices))
        return super().checkbox(message, choices, checked, keys, alone)


def edit(bank: Bank, path: Path, replies: list[Any], **screens: bool) -> Recorder:
    prompter = Recorder(replies)
    interactive.edit(bank, path, prompter, TODAY, None, None, **screens)
    assert not prompter.replies, f"unused replies: {prompter.replies}"
    return prompter


def saved(bank: Bank, path: Path) -> Assessment:
    return load_assessment(path, bank).assessment


@pytest.fixture
def impact_bank(tmp_path: Path) -> Bank:
    """The mini bank with a rule on severe impacts that have no action."""
    folder = tmp_path / "bank"
    shutil.copytree(MINI, folder)
    rules = folder / "rules" / "all.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + IMP_RULE, encoding="utf-8")
    return load_bank(folder)


def test_the_register_explains_itself_and_asks_no_questions(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    prompter = edit(mini, path, [HELP, DONE], register=True)
    shown = "\n".join(prompter.shown)
    assert "lists the harms to people's rights" in shown, "the introduction"
    assert "one at 4 makes the impact severe" in shown
    for level in ("4 grave: harm to life", "4 very many", "4 never: cannot be undone", "unlikely"):
        assert level in shown
    assert all(m.startswith("Impact register") for m, _ in prompter.lists), "nothing else asked"
    assert not prompter.keys[0].back, "no screen before it to go back to"
    assert [v for v, _ in prompter.lists[0][1]] == [DONE, ADD], "no flags: no way to a plan"


def test_an_impact_is_added_with_help_and_back_inside_the_form(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    form = ["stops", "<", None, "?", "Liberty", *STOPS[2:6], HELP, "4", "2", BACK, None, "3", "2"]
    prompter = edit(mini, path, [ADD, *form, DONE], register=True)
    impact = saved(mini, path).impacts[0]
    assert (impact.id, impact.right, impact.groups) == (
        "stops",
        "Liberty",
        ["travellers", "children"],
    )
    assert (impact.scale, impact.scope, impact.irremediability, impact.likelihood) == (4, 2, 3, 2)
    assert impact.severe
    assert ("Short id (letters, digits, '-')", "stops") in prompter.defaults
    shown = "\n".join(prompter.shown)
    assert "The right, and where it is written" in shown, "help on a text field"
    assert "Scale: how grave the harm is for a person it reaches:" in shown, "help on a level"
    assert "It is severe: plan an action for it" in shown
    scale = next(c for m, c in prompter.lists if m.startswith("Scale"))
    assert ("4", "4 grave: harm to life, liberty or safety, or the core of a right") in scale
    assert saved(mini, path).metadata.updated == TODAY


def test_back_at_the_first_field_adds_nothing(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    edit(mini, path, [ADD, "new-one", "Privacy", "<", "<", "<", DONE], register=True)
    assert saved(mini, path).impacts == []


def test_a_refused_id_is_asked_again_with_what_was_typed(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN + IMPACT, encoding="utf-8")
    prompter = edit(
        mini, path, [ADD, "Stops", "bad id", "detention", *STOPS[1:], DONE], register=True
    )
    ids = [d for m, d in prompter.defaults if m.startswith("Short id")]
    assert ids == ["", "Stops", "bad id"], "each retry starts from the text typed"
    assert "another impact already has this id; please try again" in " ".join(prompter.shown)
    assert [i.id for i in saved(mini, path).impacts] == ["stops", "detention"]


def test_editing_an_impact_renames_it_in_the_actions(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    plan = "actions:\n  - {id: review, description: Two people check, addresses: [stops, LEG-001],"
    plan += " owner: Ops, due: 2027-03-01}\n"
    path.write_text(NO_LAW + IMPACT + plan, encoding="utf-8")
    form = ["detentions", None, None, None, "actual", *[None] * 4]
    edit(mini, path, [Pick("stops"), "edit", *form, DONE], register=True)
    after = saved(mini, path)
    assert after.impacts[0].id == "detentions" and after.impacts[0].likelihood is None
    assert after.actions[0].addresses == ["detentions", "LEG-001"]


def test_deleting_an_impact_takes_its_own_actions_after_asking(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    plan = """\
actions:
  - {id: only-it, description: Stop, addresses: [stops], owner: Ops, due: 2027-03-01}
  - {id: shared, description: Train, addresses: [stops, LEG-001], owner: Ops, due: 2027-03-01}
"""
    path.write_text(NO_LAW + IMPACT + plan, encoding="utf-8")
    edit(mini, path, [Pick("stops"), "remove", BACK, DONE], register=True)
    assert len(saved(mini, path).impacts) == 1, "Back at the confirmation keeps it"
    prompter = edit(mini, path, [Pick("stops"), "remove", "remove", DONE], register=True)
    after = saved(mini, path)
    assert after.impacts == []
    assert [(a.id, a.addresses) for a in after.actions] == [("shared", ["LEG-001"])]
    assert "  Deleted. Actions deleted with it: only-it." in prompter.shown


def test_deleting_an_impact_without_actions_and_back_from_an_entry(
    mini: Bank, tmp_path: Path
) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN + IMPACT, encoding="utf-8")
    edit(mini, path, [Pick("stops"), BACK, DONE], register=True)
    assert len(saved(mini, path).impacts) == 1
    edit(mini, path, [Pick("stops"), "remove", DONE], register=True)
    assert saved(mini, path).impacts == []


def test_an_action_for_a_flag_and_a_bad_date_keeps_the_text(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    form = ["Find a legal basis", "Legal team", "2027-02-30", "1 March", "2027-03-01", None]
    prompter = edit(mini, path, [Pick("▲ HIGH LEG-001: No law"), *form, DONE], plan=True)
    action = saved(mini, path).actions[0]
    assert (action.id, action.addresses, action.owner) == ("leg-001", ["LEG-001"], "Legal team")
    assert (action.due, action.status) == (dt.date(2027, 3, 1), "planned")
    dates = [d for m, d in prompter.defaults if m.startswith("Due by")]
    assert dates == ["", "2027-02-30", "1 March"], "each retry starts from the text typed"
    shown = "\n".join(prompter.shown)
    assert "there is no such day: check the month" in shown
    assert "write the date as YYYY-MM-DD, e.g. 2027-03-01" in shown
    assert "LEG-001 now shows as: mitigation planned." in shown
    flags = [label for _, label in prompter.lists[0][1]]
    assert flags == ["Continue", "▲ HIGH LEG-001: No law"]
    assert not prompter.keys[0].back, "no screen before the plan to go back to"
    result = CliRunner().invoke(app, ["check", "--bank", str(MINI), str(path)])
    assert "LEG-001  No law [Legality] (mitigation planned)" in result.output


def test_a_red_line_is_refused_an_action(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(RED, encoding="utf-8")
    prompter = edit(mini, path, [Pick("RL-001"), DONE], plan=True)
    assert saved(mini, path).actions == []
    assert "⛔ RED LINE RL-001: One-to-many face identification (cannot be mitigated)" in [
        label for _, label in prompter.lists[0][1]
    ]
    assert any("RL-001 is a red line: it cannot be mitigated" in s for s in prompter.shown)
    assert not prompter.defaults, "no action form is offered"


def test_an_action_on_a_severe_impact_is_linked_to_it(impact_bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN + IMPACT, encoding="utf-8")
    form = ["Two officers confirm every match", "Head of operations", "2027-03-01", "in_progress"]
    prompter = edit(impact_bank, path, [Pick("IMP-001"), *form, DONE], plan=True)
    action = saved(impact_bank, path).actions[0]
    assert (action.id, action.addresses, action.status) == ("stops", ["stops"], "in_progress")
    assert "▲ HIGH IMP-001: A severe impact has no action [stops]" in [
        label for _, label in prompter.lists[0][1]
    ]
    assert "  IMP-001 on stops is no longer raised." in prompter.shown


def test_an_action_can_also_address_impacts(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW + IMPACT, encoding="utf-8")
    form = ["Find a law", "Legal", "2027-03-01", None, ["stops"]]
    edit(mini, path, [Pick("LEG-001"), *form, DONE], plan=True)
    assert saved(mini, path).actions[0].addresses == ["LEG-001", "stops"]


def test_actions_are_edited_and_deleted(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    plan = "actions:\n  - {id: law, description: Find a law, addresses: [LEG-001], owner: Legal,"
    plan += " due: 2027-03-01}\n"
    path.write_text(NO_LAW + plan, encoding="utf-8")
    form = ["Pass a law", None, "2026-01-10", "done", None]
    prompter = edit(mini, path, [Pick("Action law"), "edit", *form, DONE], plan=True)
    action = saved(mini, path).actions[0]
    assert (action.description, action.owner, action.status) == ("Pass a law", "Legal", "done")
    assert action.addresses == ["LEG-001"] and action.due == dt.date(2026, 1, 10)
    assert ("Due by (YYYY-MM-DD)", "2027-03-01") in prompter.defaults
    assert "▲ HIGH LEG-001: No law (mitigation done)" in [c for _, c in prompter.lists[-1][1]]
    edit(mini, path, [Pick("Action law"), BACK, Pick("Action law"), "remove", DONE], plan=True)
    assert saved(mini, path).actions == []


def test_an_edited_action_changes_what_it_addresses(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    plan = "actions:\n  - {id: law, description: Find a law, addresses: [LEG-001, NEC-002],"
    plan += " owner: Legal, due: 2027-03-01}\n"
    path.write_text(NO_LAW + IMPACT + plan, encoding="utf-8")
    form = [None, None, None, None, [], ["LEG-001", "stops"]]  # none ticked is refused
    prompter = edit(mini, path, [Pick("Action law"), "edit", *form, DONE], plan=True)
    assert saved(mini, path).actions[0].addresses == ["LEG-001", "stops"]
    assert any("tick at least one flag or impact" in s for s in prompter.shown)
    offered = next(c for m, c in prompter.lists if m.startswith("Which flags and impacts"))
    assert [v for v, _ in offered] == ["LEG-001", "stops", "NEC-002"]
    assert ("NEC-002", "NEC-002 (not raised now)") in offered


def test_a_past_due_date_for_an_open_action_is_pointed_out(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    prompter = edit(
        mini, path, [Pick("LEG-001"), "Law", "Legal", "2026-01-01", None, DONE], plan=True
    )
    assert any("The due date is past" in s for s in prompter.shown)
    assert any(label.startswith("● MEDIUM ACT-001") for _, label in prompter.lists[-1][1])


def test_back_in_the_plan_returns_to_the_register(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    prompter = edit(mini, path, [DONE, BACK, DONE, DONE], register=True, plan=True)
    titles = [m.split(" (")[0] for m, _ in prompter.lists]
    assert titles == ["Impact register", "Action plan", "Impact register", "Action plan"]


def test_back_from_the_register_returns_to_the_last_review(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN.replace("  details.why: {value: Safety}\n", ""), encoding="utf-8")
    prompter = Recorder([None, None, "__continue__", BACK, "__continue__", DONE])
    interactive.resume(mini, path, prompter, TODAY)
    assert [m.split(".")[0].split(" (")[0] for m, _ in prompter.lists] == [
        "Review: Details",
        "Impact register",
        "Review: Details",
        "Impact register",
    ]


def test_the_register_leads_to_the_plan_and_back(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    replies: list[object] = [Pick("Go to the action plan (1 flag, 0 actions)"), BACK, PLAN]
    replies += [Pick("LEG-001"), "Find a law", "Legal", "2027-03-01", None, DONE]
    prompter = edit(mini, path, replies, register=True)
    titles = [m.split(" (")[0] for m, _ in prompter.lists]
    assert titles == [
        "Impact register",
        "Action plan",
        "Impact register",
        "Action plan",
        "How far along is it?",
        "Action plan",
    ]
    assert prompter.keys[1].back and prompter.keys[3].back, "back from the plan to the register"
    assert saved(mini, path).actions[0].addresses == ["LEG-001"]
    assert any("LEG-001 HIGH: No law" in s for s in prompter.shown[-6:]), "the summary follows"


def test_without_flags_or_actions_the_plan_asks_nothing(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    prompter = edit(mini, path, [], plan=True)
    assert "No flags, and no actions: there is nothing to plan." in " ".join(prompter.shown)


def test_ctrl_c_in_the_plan_keeps_what_was_saved(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    replies = [Pick("LEG-001"), "Find a law", "Legal", "2027-03-01", None]
    prompter = Recorder([*replies, Pick("LEG-001"), "Pass a law", KeyboardInterrupt()])
    with pytest.raises(interactive.InterruptedInterview) as caught:
        interactive.edit(mini, path, prompter, TODAY, None, None, plan=True)
    assert caught.value.exit_code == 130
    assert [a.id for a in saved(mini, path).actions] == ["leg-001"]
    assert (path.stat().st_mode & 0o777) == 0o600


def test_edit_offers_the_register_and_the_plan() -> None:
    result = CliRunner().invoke(app, ["edit", "--help"])
    assert "--register" in result.output and "--plan" in result.output


def test_entries_fit_80_columns_and_controls_are_escaped(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    long_right = "Liberty \\e[2J" + " and security of person" * 10
    plan = "actions:\n  - {id: law, description: " + "Find a law " * 20 + ", addresses: [LEG-001],"
    plan += " owner: Legal, due: 2027-03-01}\n"
    text = NO_LAW + IMPACT.replace("right: Liberty", f'right: "{long_right}"') + plan
    path.write_text(text, encoding="utf-8")
    prompter = edit(mini, path, [DONE, DONE], register=True, plan=True)
    labels = [label for _, choices in prompter.lists for _, label in choices]
    assert any("Liberty \\x1b[2J and security" in label for label in labels)
    assert all(len(label) <= 76 and "\x1b" not in label for label in labels), labels
