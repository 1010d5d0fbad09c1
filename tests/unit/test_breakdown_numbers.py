"""The breakdowns' numpy means and spreads equal pandas' to the last bit (omni.confidentiality), and
the roadmap's one-pass focus points rank as the pandas sort did (omni.roadmap)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from omni.confidentiality import _mean, _std
from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.roadmap import _focus_points, _question_rows
from omni.scoring import score
from omni.survey.reader import survey_from_answers


@pytest.fixture(scope="module")
def demo():
    framework = get_framework()
    return score(survey_from_answers(framework, demo_respondents(framework, n=40, seed=7)))


@pytest.mark.parametrize("seed", range(20))
def test_mean_and_spread_as_pandas_computes_them(seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=int(rng.integers(0, 300))).astype("float64") / rng.integers(1, 7)
    values[rng.random(values.size) < 0.2] = np.nan
    series = pd.Series(values)
    for mine, theirs in ((_mean(values), float(series.mean())), (_std(values), float(series.std(ddof=0)))):
        assert (math.isnan(mine) and math.isnan(theirs)) or mine == theirs


def test_focus_points_rank_as_the_pandas_sort(demo):
    fw, questions = demo.framework, demo.question_scores.set_index("question")
    rows_of = _question_rows(questions)
    for dimension in fw.dimensions:
        assert _focus_points(fw, questions, dimension.id, rows_of) == _focus_points(fw, questions, dimension.id)
    weightless = questions.assign(weight=np.nan)  # NaN weights: pandas' own order, through its path
    for dimension in fw.dimensions:
        assert (_focus_points(fw, weightless, dimension.id, _question_rows(weightless))
                == _focus_points(fw, weightless, dimension.id))
