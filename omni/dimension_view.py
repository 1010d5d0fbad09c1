"""Tables behind the Dimensions page: question results and respondents' comments, per language."""

from __future__ import annotations

import pandas as pd

from omni.confidentiality import OTHER, group_label, reported_groups
from omni.format import percent
from omni.i18n import t
from omni.scoring import Assessment


def question_table(assessment: Assessment, dimension: str, lang: str) -> pd.DataFrame:
    """Per question: topic, current and target means, gap, spread, answers, n/a counts (n/a and don't
    know) and "3 of 10 don't know"."""
    fw = assessment.framework
    rows = assessment.question_scores.loc[assessment.question_scores["dimension"] == dimension]
    return pd.DataFrame({
        t("col.id", lang): rows["question"],
        t("dimensions.topic", lang): [fw.question(q).topic(lang) for q in rows["question"]],
        t("col.current", lang): rows["current"].round(2),
        t("col.target", lang): rows["target"].round(2),
        t("col.gap", lang): rows["gap"].round(2),
        t("col.spread", lang): rows["std"].round(2),
        "n": rows["n"],
        t("dimensions.n_na", lang): rows["n_na"],
        t("dontknow.col", lang): [dont_know_text(int(dk), int(n) + int(na), lang, int(dk_target))
                                  for dk, n, na, dk_target in zip(rows["n_dk"], rows["n"], rows["n_na"],
                                                                  rows["n_dk_target"])],
    })


def dont_know_text(n_dk: int, total: int, lang: str, n_dk_target: int = 0) -> str:
    """ "3 of 10 don't know" (current answers given), with "target: 1 doesn't know" when some did not
    know the target; "" when nobody answered "don't know"."""
    parts = [t("dontknow.of", lang, n=n_dk, total=total)] if n_dk else []
    if n_dk_target:
        parts.append(t("dontknow.target_of", lang, n=n_dk_target))
    return "; ".join(parts)


def dimension_dont_know(assessment: Assessment, dimension: str, lang: str) -> str:
    """The dimension's "don't know" count as a sentence, or "" when there is none."""
    row = assessment.dimension_scores.set_index("dimension").loc[dimension]
    n_dk, total = int(row["n_dk"]), int(row["n_answers"])
    n_target, total_target = int(row["n_dk_target"]), int(row["n_answers_target"])
    parts = [t("dontknow.dimension", lang, n=n_dk, total=total, share=percent(n_dk / total, lang))] if n_dk else []
    if n_target:
        parts.append(t("dontknow.dimension_target", lang, n=n_target, total=total_target,
                       share=percent(n_target / total_target, lang)))
    return " ".join(parts)


def comments(assessment: Assessment, dimension: str, lang: str, *, min_group: int | None = None) -> pd.DataFrame:
    """Respondents' comments on a dimension's questions, with their role (never their name) as the role
    breakdown shows it: a role of fewer than `min_group` respondents reads "other" (omni.confidentiality)."""
    answers = assessment.survey.answers
    mine = answers.loc[(answers["dimension"] == dimension) & (answers["comment"] != "")]
    roles = reported_groups(assessment, "role", min_group)
    return pd.DataFrame({
        t("col.id", lang): mine["question"],
        t("fact.role", lang): [group_label("role", roles.get(r) or OTHER, lang) for r in mine["respondent"]],
        t("col.comment", lang): mine["comment"],
    })
