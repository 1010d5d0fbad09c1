"""Headline findings written from the data: largest gap, strongest dimension, most disagreement."""

from __future__ import annotations

from dataclasses import dataclass

from omni.format import number
from omni.i18n import t
from omni.scoring import Assessment


@dataclass(frozen=True)
class Finding:
    kind: str  # largest_gap / strongest / disagreement
    dimension: str | None
    text: str


def headline_findings(assessment: Assessment, lang: str) -> list[Finding]:
    """Three findings a management team can act on, in `lang`."""
    fw = assessment.framework
    dims = assessment.dimension_scores.loc[assessment.dimension_scores["current"].notna()]
    if dims.empty:
        return []
    name = {d.id: d.name(lang) for d in fw.dimensions}
    findings = []
    gap = dims.loc[dims["gap"].idxmax()]
    findings.append(Finding("largest_gap", gap["dimension"], t(
        "finding.largest_gap", lang, dimension=name[gap["dimension"]], current=number(gap["current"], lang, 1),
        target=number(gap["target"], lang, 1), gap=number(gap["gap"], lang, 1))))
    best = dims.loc[dims["current"].idxmax()]
    findings.append(Finding("strongest", best["dimension"], t(
        "finding.strongest", lang, dimension=name[best["dimension"]], current=number(best["current"], lang, 1),
        level=fw.level(int(best["level"])).name(lang))))
    spread = dims.loc[dims["n"] > 1]
    if spread.empty:
        findings.append(Finding("disagreement", None, t("finding.single_respondent", lang)))
    else:
        worst = spread.loc[spread["std"].idxmax()]
        key = "finding.disagreement" if worst["std"] > 0.5 else "finding.agreement"
        findings.append(Finding("disagreement", worst["dimension"], t(
            key, lang, dimension=name[worst["dimension"]], low=number(worst["min"], lang, 1), high=number(worst["max"], lang, 1),
            std=number(worst["std"], lang, 1), n=int(worst["n"]))))
    return findings
