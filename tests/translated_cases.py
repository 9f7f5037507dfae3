"""A bundled case with its free texts (what a person typed: titles, notes, evidence, text
answers, the register's words) replaced by texts in another language, so that a report made
from it in that language holds no English of hria's own. Shared by the translation tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from hria.bank.load import load_bank
from tests.conftest import ROOT

CASES = ROOT / "assessments"
GPS = CASES / "gps-tagging-immigration-bail.hria.yaml"
#: Every free text of a case, said in each language.
TEXTS = {
    "pt-BR": {
        "title": "Tornozeleiras com GPS para pessoas em liberdade provisória",
        "organisation": "Departamento Exemplo",
        "vendor": "Fornecedora Exemplo",
        "assessor": "Unidade de Dados e Direitos",
        "description": "Avaliação preparada para a revisão anual da política.",
        "answer": "Resposta livre redigida pela equipe.",
        "note": "Observação registrada pela equipe de avaliação.",
        "evidence": "Relatório interno nº 12, de 2026",
        "right": "Direito à privacidade",
        "group": "Pessoas migrantes",
        "impact": "Vigilância contínua da localização",
        "action": "Revisar a política de monitoração",
        "owner": "Equipe jurídica",
        "reason": "Risco aceito pela diretoria até a revisão.",
        "approver": "Diretoria",
    },
    "es": {
        "title": "Tobilleras con GPS para personas en libertad bajo fianza",
        "organisation": "Departamento de Ejemplo",
        "vendor": "Proveedora de Ejemplo",
        "assessor": "Unidad de Datos y Derechos",
        "description": "Evaluación preparada para la revisión anual de la política.",
        "answer": "Respuesta libre redactada por el equipo.",
        "note": "Observación registrada por el equipo de evaluación.",
        "evidence": "Informe interno n.º 12, de 2026",
        "right": "Derecho a la privacidad",
        "group": "Personas migrantes",
        "impact": "Vigilancia continua de la ubicación",
        "action": "Revisar la política de monitoreo",
        "owner": "Equipo jurídico",
        "reason": "Riesgo aceptado por la dirección hasta la revisión.",
        "approver": "Dirección",
    },
}


def _answers(answers: dict[str, Any], words: dict[str, str]) -> None:
    bank = load_bank(None)
    for qid, answer in answers.items():
        question = bank.questions.get(qid)
        if question is not None and question.kind == "text" and answer.get("value") != "unknown":
            answer["value"] = words["answer"]
        if answer.get("note"):
            answer["note"] = words["note"]
        if answer.get("evidence"):
            answer["evidence"] = [words["evidence"]]


def translated_case(folder: Path, lang: str, source: Path = GPS, waive: str | None = None) -> Path:
    """`source` with every free text in `lang`, written as JSON into `folder`; with a waiver
    of the rule `waive` that expired before the reports' day, if one is given."""
    words = TEXTS[lang]
    data = YAML(typ="safe").load(source.read_text(encoding="utf-8"))
    if waive:
        period = {"approved": "2026-01-15", "expires": "2026-10-31"}
        data.setdefault("waivers", []).append({"rule": waive, "reason": "", **period})
    meta = data["metadata"]
    for key in ("title", "organisation", "vendor", "assessor", "description"):
        if key in meta:
            meta[key] = words[key]
    _answers(data["answers"], words)
    for impact in data.get("impacts", []):
        impact.update(right=words["right"], groups=[words["group"]], description=words["impact"])
    for action in data.get("actions", []):
        action.update(description=words["action"], owner=words["owner"])
    for waiver in data.get("waivers", []):
        waiver.update(reason=words["reason"], approved_by=words["approver"])
    target = folder / f"{source.name.split('.')[0]}-{lang}.hria.json"
    target.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return target


#: English words that are never words of Portuguese or Spanish, whole and in any case: what
#: is left of hria's own English (function words, and its commonest nouns). "no", "a", "as",
#: "on", "or", "for" and "has" are left out: Portuguese or Spanish has them too.
_WORDS = """the and of with is not this that which to be are have was were been will would should
could its it if only every any there their they what when who how from by at an
flag flags finding findings answer answers gate gates verdict severity likelihood
none yes overdue summary page impact action"""
ENGLISH = frozenset(_WORDS.split())
_WORD = re.compile(r"\w+")


#: What may stay English in any language: a value typed as it is ('yes', 'unknown'), and the
#: names of cases, which keep their "and" ("Szabó and Vissy").
TYPED = re.compile(r"'[a-z_]+'")
CASE_NAME = re.compile(r"\b[A-Z][\w.]*,? and [A-Z]\w*")


def english_left(text: str) -> dict[str, list[str]]:
    """Each English word found, with up to three lines it is on."""
    found: dict[str, list[str]] = {}
    for line in CASE_NAME.sub("", TYPED.sub("", text)).splitlines():
        for word in _WORD.findall(line):
            if word.lower() in ENGLISH:
                lines = found.setdefault(word.lower(), [])
                if len(lines) < 3 and line.strip() not in lines:
                    lines.append(line.strip()[:200])
    return found


_CODE = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"\]\([^)\s]*\)")


def markdown_prose(text: str, sources: str, sources_label: str) -> str:
    """A Markdown report without what is not hria's prose: the Sources section (titles and
    citations), each finding's sources, code spans and link targets."""
    head, found, tail = text.partition(f"\n## {sources}\n")
    if found:
        head += tail[tail.index("\n---\n") :]
    kept = []
    for line in head.splitlines():
        before, label, _ = line.partition(f"- {sources_label} ")
        kept.append(before + label if label else line)
    return _URL.sub("]", _CODE.sub("", "\n".join(kept)))
