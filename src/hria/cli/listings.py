"""`hria rules`, `explain`, `questions` and `schema`: the commands that show the bank."""

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from hria.cli.base import (
    BankOption,
    LangOption,
    ListFormat,
    QuestionsFormat,
    _bank,
    _out,
    app,
    guarded,
)


@app.command()
@guarded
def rules(
    gate: Annotated[str | None, typer.Option(help="Only this gate's rules.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.TEXT,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """List the flag rules: code, severity, gate and title."""
    from hria.bank.listing import rules_json, rules_text
    from hria.escapes import json_safe, printable

    loaded = _bank(bank, lang)
    if output_format is ListFormat.JSON:
        _out(json_safe(rules_json(loaded, gate)))
    else:
        _out(printable(rules_text(loaded, gate)))


@app.command()
@guarded
def explain(
    code: Annotated[str, typer.Argument(help="A rule code such as LEG-001, or its name.")],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.TEXT,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Show one rule: what it tests, why it matters, what to do, and its sources."""
    from hria.bank.listing import explain_json, explain_text
    from hria.escapes import json_safe, printable

    if output_format is ListFormat.JSON:
        _out(json_safe(explain_json(_bank(bank, lang), code)))
    else:
        _out(printable(explain_text(_bank(bank, lang), code)))


@app.command()
@guarded
def questions(
    output_format: Annotated[
        QuestionsFormat,
        typer.Option(
            "--format", "-f", help="md and html give a blank questionnaire to send or print."
        ),
    ] = QuestionsFormat.TEXT,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Print the question bank, section by section, with conditions in words."""

    loaded = _bank(bank, lang)
    if output_format.value in ("md", "html"):
        from hria.report.questionnaire import render_questionnaire

        text = render_questionnaire(loaded, output_format.value)
    else:
        from hria.bank.listing import questions_json, questions_text
        from hria.escapes import json_safe, printable

        if output_format.value == "json":
            text = json_safe(questions_json(loaded))
        else:
            text = printable(questions_text(loaded))
    _out(text)


@app.command()
@guarded
def schema(
    review: Annotated[
        bool, typer.Option("--review", help="The schema of review files instead.")
    ] = False,
    check_output: Annotated[
        bool,
        typer.Option("--check-output", help="The schema of `hria check --format json` instead."),
    ] = False,
    report: Annotated[
        bool, typer.Option("--report", help="The schema of `hria report --format json`.")
    ] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Print the JSON Schema of assessment files, or with --review of review files, or with
    --check-output of `hria check --format json`, or with --report of `hria report --format
    json` (for editors and other validators)."""
    import json

    from hria.escapes import json_safe

    if check_output:
        from hria.check.output_schema import check_output_schema

        _out(json_safe(json.dumps(check_output_schema(), indent=2)) + "\n")
        return
    if report:
        from hria.report.data import report_schema

        _out(json_safe(json.dumps(report_schema(), indent=2)) + "\n")
        return
    from hria.bank.schema import assessment_schema, review_schema

    build = review_schema if review else assessment_schema
    _out(json_safe(json.dumps(build(_bank(bank, lang)), indent=2)) + "\n")
