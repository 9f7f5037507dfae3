"""The report's context as the plain data of `hria.report.data.Report`."""

from __future__ import annotations

from typing import Any

from hria.report.data import FORMAT_VERSION

META = ("title", "organisation", "assessor", "role", "created", "updated", "review_by")


def report_data(context: dict[str, Any]) -> dict[str, Any]:
    verdict = context["verdict"]
    profile = context["profile"]
    return {
        "format_version": FORMAT_VERSION,
        "meta": {k: context["meta"][k] for k in (*META, "status", "description", "bank")},
        "draft": context["draft"],
        "verdict": {
            "text": verdict["text"],
            "outcome": verdict["outcome"],
            "sentence": verdict["sentence"],
            "gates": [
                {
                    "id": g["id"],
                    "title": g["title"],
                    "text": g["text"],
                    "outcome": g["outcome"],
                    "passing": g["explanation"],
                    "counts": g["counts"],
                }
                for g in verdict["gates"]
            ],
        },
        "profile": profile
        and {
            "level": profile["level"],
            "title": profile["title"],
            "reasons": [r["title"] for r in profile["reasons"]],
            "uncertain": profile["uncertain"],
        },
        "summary": _summary(context["summary"]),
        "gates": [_gate(g) for g in context["gates"]],
        "impacts": [_impact(i) for i in context["impacts"]],
        "actions": context["actions"],
        "gaps": context["gaps"],
        "answers": [
            {k: row[k] for k in ("id", "number", "prompt", "answer", "unknown", "note", "evidence")}
            | {"section": section["id"]}
            for section in context["appendix"]
            for row in section["answers"]
        ],
        "basis": [b["text"] for b in context["basis"]],
        "sources": context["bibliography"],
        "provenance": context["provenance"],
    }


def _impact(impact: dict[str, Any]) -> dict[str, Any]:
    kept = ("id", "right", "groups", "description", "status", "involvement", "severe")
    return {k: impact[k] for k in kept} | {
        "severity": impact["severity_level"],
        "likelihood": impact["likelihood"],
    }


def _summary(summary: dict[str, Any]) -> dict[str, Any]:
    no_plan = summary["no_plan"]
    return {
        "counts": {row["key"]: row["count"] for row in summary["counts"]},
        "flags": summary["total"],
        "findings": summary["findings"],
        "red_lines_crossed": [f["code"] for f in summary["red_lines"]["crossed"]],
        "red_lines_open": [f["code"] for f in summary["red_lines"]["open"]],
        "themes": [
            {
                "gate": t["id"],
                "verdict": t["verdict"],
                "worst": t["worst_key"],
                "findings": t["findings"],
                "flags": t["flags"],
            }
            for t in summary["themes"]
        ],
        "actions": [
            {"text": a["text"], "finding": a["anchor"], "severity": a["severity_key"]}
            for a in summary["actions"]
        ],
        "unknowns": [
            {
                "question": u["id"],
                "number": u["number"],
                "prompt": u["prompt"],
                "overall": u["overall"],
                "gates": u["gates"],
                "rules": u["rules"],
            }
            for u in summary["all_unknowns"]
        ],
        "no_plan": no_plan and {"severity": no_plan["severity_key"], "open_flags": no_plan["open"]},
    }


def _gate(gate: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": gate["id"],
        "title": gate["title"],
        "verdict": gate["verdict"],
        "findings": [
            {
                "id": f["id"],
                "code": f["code"],
                "title": f["title"],
                "severity": f["severity_key"],
                "flags": [
                    {k: flag[k] for k in ("code", "title", "status", "unknown", "rationale")}
                    | {"severity": flag["severity_key"]}
                    for flag in f["flags"]
                ],
                "triggers": [
                    {
                        "text": t["text"],
                        "question": t["label"] if t["anchor"] else None,
                        "answer": t["answer"],
                    }
                    for t in f["triggers"]
                ],
                "recommendations": f["recommendations"],
                "sources": f["sources"],
                "basis": f["basis"],
            }
            for f in gate["findings"]
        ],
        "answers": [a["id"] for a in gate["answers"]],
    }
