"""Headline findings written from the data: largest gap, strongest dimension, most disagreement, and
the dimension the team most often does not know about (when that is a meaningful share)."""

from __future__ import annotations

from dataclasses import dataclass

from omni.format import number
from omni.i18n import t
from omni.scoring import Assessment

# From this share of a dimension's current answers being "don't know", not knowing is a finding.
DONT_KNOW_SHARE = 0.3
# The share in words ("A third of the team ..."), from the highest lower bound down.
_SHARE_WORDS = ((0.75, "dontknow.share.most"), (0.6, "dontknow.share.two_thirds"), (0.45, "dontknow.share.half"),
                (0.0, "dontknow.share.third"))


@dataclass(frozen=True)
class Finding:
    kind: str  # largest_gap / strongest / disagreement / dont_know
    dimension: str | None
    text: str


def headline_findings(assessment: Assessment, lang: str) -> list[Finding]:
    """Three findings a management team can act on, in `lang`, plus one when a meaningful share of a
    dimension's answers is "don't know"."""
    fw = assessment.framework
    name = {d.id: d.name(lang) for d in fw.dimensions}
    unknown = dont_know_finding(assessment, lang)
    dims = assessment.dimension_scores.loc[assessment.dimension_scores["current"].notna()]
    if dims.empty:
        return [unknown] if unknown else []
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
    if unknown:
        findings.append(unknown)
    return findings


def dont_know_finding(assessment: Assessment, lang: str) -> Finding | None:
    """The dimension with the largest share of "don't know" among its current answers, when that share
    is at least DONT_KNOW_SHARE; None otherwise."""
    dims = assessment.dimension_scores
    if "n_dk" not in dims or not len(dims):
        return None
    given = dims.loc[dims["n_answers"] > 0]
    if given.empty:
        return None
    share = given["n_dk"] / given["n_answers"]
    if share.max() < DONT_KNOW_SHARE:
        return None
    row = given.loc[share.idxmax()]
    value = float(share.max())
    words = next(key for bound, key in _SHARE_WORDS if value >= bound)
    return Finding("dont_know", row["dimension"], t(
        "finding.dont_know", lang, share=t(words, lang), dimension=assessment.framework.dimension(row["dimension"]).name(lang),
        n=int(row["n_dk"]), total=int(row["n_answers"])))
