"""The "question missing from the sheet" warnings, found by counting (issue 13 speed work), are
the same, in the same order, as the former search by sorting found them, over random files and sheets."""

from __future__ import annotations

import types

import numpy as np

from omni.framework import get_framework
from omni.survey import validate
from omni.survey.model import WARNING, Problem


def _sorted_reference(cells, raws, framework, problems):
    n_q = len(framework.questions)
    sheets = max(len(r.sheets) for r in raws) or 1
    group = cells.file.astype(np.int64) * sheets + cells.sheet
    groups, first = np.unique(group, return_index=True)
    present = np.unique(group * n_q + cells.question)
    for g in groups[np.argsort(first, kind="stable")].tolist():
        f, s = divmod(g, sheets)
        found = present[(present >= g * n_q) & (present < (g + 1) * n_q)] - g * n_q
        raw = raws[f]
        for q in np.setdiff1d(np.arange(n_q), found).tolist():
            problems.append(Problem.make(WARNING, "problem.missing_question", file=raw.file,
                                         sheet=raw.sheets[s] if raw.sheets else "", question=framework.questions[q].id))


def test_missing_questions_as_before():
    framework = get_framework()
    n_q = len(framework.questions)
    rng = np.random.default_rng(1)
    for trial in range(200):
        n_files = int(rng.integers(1, 4))
        raws = [types.SimpleNamespace(file=f"f{i}", sheets=[f"s{j}" for j in range(int(rng.integers(0, 3)))])
                for i in range(n_files)]
        n = int(rng.integers(1, 400))
        file = rng.integers(0, n_files, n)
        sheet = np.array([rng.integers(0, max(len(raws[f].sheets), 1)) for f in file])
        question = rng.integers(0, n_q if trial % 2 else 5, n)
        cells = types.SimpleNamespace(file=file.astype(np.int32), sheet=sheet.astype(np.int64),
                                      question=question.astype(np.int32))
        expected, found = [], []
        _sorted_reference(cells, raws, framework, expected)
        validate._report_missing(cells, raws, framework, found)
        assert found == expected, trial
