"""A big file's problems as readable lines: the same message on the same sheet is one line that
names all its cells (omni.survey.problems.grouped), on the Start page too."""

from __future__ import annotations

from test_app import _uploaded, app

from omni.demo import demo_respondents
from omni.survey import read_survey
from omni.survey.problems import ERROR, WARNING, Problem, grouped
from omni.template import write_workbook
from omni.ui.state import INTAKE


def test_same_message_same_sheet_is_one_line_with_every_cell(tmp_path, framework):
    path = tmp_path / "groot.xlsx"
    write_workbook(path, framework, "nl", "respondents", demo_respondents(framework, n=400, seed=11, lang="nl"))
    survey = read_survey([path])
    groups = grouped(survey.problems)
    assert len(survey.problems) > 100 and len(groups) < len(survey.problems) / 5  # blanks, many per question
    assert sum(g.count for g in groups) == len(survey.problems)  # nothing dropped
    for group in groups:
        members = [p for p in survey.problems if (p.key, p.params, p.sheet) == (group.first.key,
                                                                             group.first.params, group.first.sheet)]
        assert list(group.cells) == [p.cell for p in members]
    big = max(groups, key=lambda g: g.count)
    shown = big.cell_list("nl", shown=3)
    assert shown.startswith(", ".join(big.cells[:3])) and shown.endswith(f"(nog {big.count - 3})")
    assert big.cell_list("en", shown=3).endswith(f"(+{big.count - 3} more)")


def test_different_messages_stay_apart_and_in_order():
    a = Problem.make(ERROR, "problem.unanswered", file="f.xlsx", sheet="S", cell="B2", question="Q1", kind="kind.target")
    b = Problem.make(WARNING, "problem.unanswered", file="f.xlsx", sheet="S", cell="C2", question="Q2", kind="kind.target")
    c = Problem.make(ERROR, "problem.unanswered", file="f.xlsx", sheet="S", cell="B3", question="Q1", kind="kind.target")
    groups = grouped([a, b, c])
    assert [(g.first.cell, g.cells) for g in groups] == [("B2", ("B2", "B3")), ("C2", ("C2",))]
    assert groups[1].cell_list("en") == "C2"


def test_start_page_shows_grouped_lines(tmp_path, framework):
    path = tmp_path / "veel.xlsx"
    write_workbook(path, framework, "nl", "respondents", demo_respondents(framework, n=250, seed=5, lang="nl"))
    problems = read_survey([path]).problems
    at = app(**{INTAKE: _uploaded(path)})
    assert not at.exception
    table = at.dataframe[0].value
    assert {"Cel", "Aantal", "Melding"} <= set(table.columns)
    assert len(table) == len(grouped(problems)) < len(problems)
    assert table["Aantal"].sum() == len(problems)
    assert table["Cel"].str.contains("nog").any()  # a long cell list is cut short, with the count
