"""Tables behind the Dimensions page: question results and respondents' comments, per language."""

from __future__ import annotations

import pandas as pd

from omni.attributes import label
from omni.i18n import t
from omni.scoring import Assessment


def question_table(assessment: Assessment, dimension: str, lang: str) -> pd.DataFrame:
    """Per question: topic, current and target means, gap, spread, answers and n/a counts."""
    fw = assessment.framework
    rows = assessment.question_scores.loc[assessment.question_scores["dimension"] == dimension]
    return pd.DataFrame({
        t("col.id", lang): rows["question"],
        t("dimensions.topic", lang): [fw.question(q).topic(lang) for q in rows["question"]],
        t("col.current", lang): rows["current"].round(2),
        t("col.target", lang): rows["target"].round(2),
        t("cli.gap", lang): rows["gap"].round(2),
        t("cli.spread", lang): rows["std"].round(2),
        "n": rows["n"],
        t("dimensions.n_na", lang): rows["n_na"],
    })


def comments(assessment: Assessment, dimension: str, lang: str) -> pd.DataFrame:
    """Respondents' comments on a dimension's questions, with their role (never their name)."""
    answers = assessment.survey.answers
    mine = answers.loc[(answers["dimension"] == dimension) & (answers["comment"] != "")]
    roles = assessment.survey.respondents.set_index("respondent")["role"]
    return pd.DataFrame({
        t("col.id", lang): mine["question"],
        t("fact.role", lang): [label("role", str(roles.get(r, "")), lang) for r in mine["respondent"]],
        t("col.comment", lang): mine["comment"],
    })
