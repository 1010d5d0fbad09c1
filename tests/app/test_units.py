"""Units of a group: the respondent fact `unit`, the group view (spread, leader and lagger with n),
the roll-up by respondents or equally per unit, its trace, and small units kept confidential."""

from __future__ import annotations

import math

import pytest
from helpers import fill_template

from omni.confidentiality import OTHER
from omni.scoring import score
from omni.survey import read_survey
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.units import explain_roll_up, has_units, roll_up, unit_names, unit_view


def _group(framework, units):
    """units: {unit: [score per respondent]}: every question of every dimension gets that score,
    target one higher; the first dimension of unit "Noord" gets 1 instead (so leaders differ)."""
    first = framework.dimensions[0].id
    rows = []
    for unit, values in units.items():
        for value in values:
            answers = {q.id: (1 if unit == "Noord" and q.dimension == first else value, min(5, value + 1), "")
                       for q in framework.questions}
            rows.append(RespondentAnswers({"role": "marketing", "unit": unit}, answers))
    return score(survey_from_answers(framework, rows))


def test_units_side_by_side_with_spread_leader_and_lagger(framework):
    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3]})
    assert has_units(a) and unit_names(a) == ["Noord", "Oost", "Zuid"]
    view = unit_view(a, 3)
    assert view.units == ["Noord", "Oost", "Zuid"]
    first, second = framework.dimensions[0].id, framework.dimensions[1].id
    spread = view.spread.set_index("dimension")
    assert spread.loc[second, "leader"] == "Noord" and spread.loc[second, "leader_n"] == 3
    assert spread.loc[second, "lagger"] == "Zuid" and spread.loc[second, "lagger_n"] == 4
    assert spread.loc[second, "range"] == pytest.approx(2.0)
    assert spread.loc[first, "lagger"] == "Noord" and spread.loc[first, "leader"] == "Oost"


def test_roll_up_by_respondents_equals_the_whole_group_and_equal_weights_differ(framework):
    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3]})
    view = unit_view(a, 1)
    second = framework.dimensions[1].id
    by_people = roll_up(view, a, "respondents").dimension_scores.set_index("dimension")
    equal = roll_up(view, a, "equal").dimension_scores.set_index("dimension")
    org = a.dimension_scores.set_index("dimension")
    assert by_people.loc[second, "current"] == pytest.approx(org.loc[second, "current"])
    assert by_people.loc[second, "current"] == pytest.approx((3 * 4 + 4 * 2 + 3 * 3) / 10)
    assert equal.loc[second, "current"] == pytest.approx((4 + 2 + 3) / 3)
    assert roll_up(view, a, "respondents").current == pytest.approx(a.overall.current)
    assert roll_up(view, a, "equal").level == 2
    with pytest.raises(ValueError):
        roll_up(view, a, "by size")


def test_the_roll_up_is_traced(framework):
    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3]})
    view = unit_view(a, 1)
    second = framework.dimensions[1].id
    trace = explain_roll_up(view, a, second, weighting="equal", lang="en")
    assert trace.value == pytest.approx(3.0)
    assert list(trace.inputs["weight"]) == [1.0, 1.0, 1.0]
    assert "each unit counting equally" in trace.formula and "3 units" in trace.formula
    people = explain_roll_up(view, a, second, weighting="respondents", lang="nl")
    assert sorted(people.inputs["weight"]) == [3.0, 3.0, 4.0] and "gewogen naar respondenten" in people.formula
    assert people.value == pytest.approx(roll_up(view, a, "respondents").dimension_scores.set_index(
        "dimension").loc[second, "current"])


def test_a_small_unit_is_merged_and_not_derivable_from_the_roll_up(framework):
    a = _group(framework, {"Noord": [5], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3], "West": [4, 4, 4, 4]})
    view = unit_view(a, 3)
    assert "Noord" not in view.units and OTHER in view.units
    assert view.breakdown.sizes[OTHER] == 4  # Noord alone would be total minus the rest: Oost goes with it
    equal = roll_up(view, a, "equal")
    assert {*view.units} == {"Zuid", "West", OTHER}
    assert not math.isnan(equal.current)
    assert "Noord" not in " ".join(explain_roll_up(view, a, framework.dimensions[1].id, lang="en").inputs["item"])


def test_the_unit_fact_is_read_from_a_file(tmp_path, framework):
    answers = {q.id: (3, 4, "") for q in framework.questions}
    paths = [fill_template(tmp_path / f"{u}.xlsx", framework, "nl", answers, {"role": "marketing", "unit": u})
             for u in ("Merk A", "Merk B")]
    survey = read_survey(paths)
    assert survey.ok
    assert sorted(survey.respondents["unit"]) == ["Merk A", "Merk B"]
    assert has_units(score(survey))


def _units_page(result, monkeypatch, min_group: str | None = None):
    from helpers import ROOT
    from streamlit.testing.v1 import AppTest

    from omni.ui.state import INTAKE, RESULT

    if min_group is None:
        monkeypatch.delenv("OMNI_MIN_GROUP", raising=False)
    else:
        monkeypatch.setenv("OMNI_MIN_GROUP", min_group)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[RESULT] = result
    at.session_state[INTAKE] = result
    at.run()
    at.switch_page("pages/units.py").run()
    assert not at.exception, at.exception
    return at


def test_the_units_page_shows_the_group_and_says_how_it_rolls_up(framework, monkeypatch):
    from omni.ui.state import Result

    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3], "West": [5]})
    result = Result.of(a.survey, "upload", ("groep.xlsx",))
    at = _units_page(result, monkeypatch, "3")
    assert at.title[0].value == "Eenheden van de groep"
    assert any("gewogen naar respondenten" in m.value for m in at.markdown)
    index = next(m for m in at.metric if m.label == "Groepsindex (1–5)")
    assert index.value == f"{roll_up(unit_view(a, 3), a, 'respondents').current:.2f}".replace(".", ",")
    assert len(at.get("vega_lite_chart")) == 3  # the small radars and two heatmaps
    assert any("Overig" in i.value for i in at.info)  # West alone is merged, with a second unit
    spread = at.dataframe[-1].value
    assert "West" not in " ".join(spread.astype(str).to_numpy().ravel())
    at.radio(key="units_weighting").set_value("equal").run()
    assert any("elke eenheid even zwaar" in m.value for m in at.markdown)
    assert next(m for m in at.metric if m.label == "Groepsindex (1–5)").value == \
        f"{roll_up(unit_view(a, 3), a, 'equal').current:.2f}".replace(".", ",")


def test_the_units_page_without_units(framework, monkeypatch):
    from omni.ui.state import Result

    a = _group(framework, {"": [3, 3]})
    at = _units_page(Result.of(a.survey, "upload", ("x.xlsx",)), monkeypatch)
    assert any("geen eenheden" in i.value for i in at.info)


def test_the_unit_charts_are_valid_vega_lite(framework):
    from omni.unit_charts import unit_heatmap, unit_radars

    a = _group(framework, {"Noord": [4, 4], "Zuid": [2]})
    view = unit_view(a, 1)
    for chart in (unit_radars(view, framework, "nl"), unit_heatmap(view, framework, "current", "en"),
                  unit_heatmap(view, framework, "target", "nl")):
        chart.to_dict(validate=True)


def test_excel_units_sheet_and_deck_slide_read_back(framework):
    import io

    from openpyxl import load_workbook
    from pptx import Presentation

    from omni.export.deck import DeckOptions, build_deck
    from omni.export.deck_units import UNITS_NOTE
    from omni.export.report import build_report

    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3], "West": [5]})
    wb = load_workbook(io.BytesIO(build_report(a, "en", min_group=3)))
    assert "Units" in wb.sheetnames
    rows = list(wb["Units"].iter_rows(values_only=True))
    labels = [r[0] for r in rows]
    assert "West" not in labels and "Other" in labels and "Zuid" in labels
    second = framework.dimensions[1].id
    people = next(r for r in rows if r[0] == "Group (weighted by respondents)")
    assert people[2] == pytest.approx(roll_up(unit_view(a, 3), a).dimension_scores.set_index("dimension").loc[
        second, "current"])
    assert any(r[0] == "Group (each unit counting equally)" for r in rows)
    # no units, no sheet
    plain = _group(framework, {"": [3, 3]})
    assert "Units" not in load_workbook(io.BytesIO(build_report(plain, "en", min_group=1))).sheetnames

    prs = Presentation(io.BytesIO(build_deck(a, "en", DeckOptions(parts=("units",), min_group=3))))
    (slide,) = prs.slides
    table = next(s for s in slide.shapes if s.has_table).table
    units = [table.cell(r, 0).text for r in range(1, len(table.rows))]
    assert units == ["Oost", "Zuid", "Other", "Group"]  # West (1) and Noord (the smallest) merged
    assert "West" not in units
    note = next(s for s in slide.shapes if s.name == UNITS_NOTE).text_frame.text
    assert "weighted by respondents" in note and "Other" in note
    assert len(Presentation(io.BytesIO(build_deck(plain, "en", DeckOptions(parts=("units",))))).slides) == 0


def test_one_unit_on_its_own_but_never_a_merged_one(framework):
    from omni.units import unit_survey

    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3], "West": [5]})
    zuid = score(unit_survey(a, "Zuid", 3))
    assert zuid.respondent_count == 4 and set(zuid.survey.answers["respondent"]) == set(zuid.survey.respondents[
        "respondent"])
    assert zuid.overall.current == pytest.approx(2.0)
    for hidden in ("West", "Noord", OTHER, "Nergens"):  # merged, merged with it, the merge, unknown
        with pytest.raises(ValueError):
            unit_survey(a, hidden, 3)


def test_opening_a_unit_and_coming_back(framework, monkeypatch):
    from omni.ui.state import Result

    a = _group(framework, {"Noord": [4, 4, 4], "Zuid": [2, 2, 2, 2], "Oost": [3, 3, 3]})
    at = _units_page(Result.of(a.survey, "upload", ("groep.xlsx",)), monkeypatch, "3")
    assert [o for o in at.selectbox(key="units_open").options] == ["Noord", "Oost", "Zuid"]
    at.selectbox(key="units_open").set_value("Zuid").run()
    at.button(key="units_open_button").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("Overzicht")
    assert "Zuid" in " ".join(m.value for m in at.sidebar.markdown)  # whose data: the unit
    assert next(m for m in at.metric if m.label == "Respondenten").value == "4"
    at.switch_page("pages/units.py").run()
    at.button(key="units_back").click().run()
    assert not at.exception, at.exception
    assert next(m for m in at.metric if m.label == "Groepsindex (1–5)")


def test_cli_json_has_the_unit_breakdown(framework, tmp_path, monkeypatch, capsys):
    import json

    from omni.cli import main

    paths = [fill_template(tmp_path / f"{i}.xlsx", framework, "nl", {q.id: (i + 1, 5, "") for q in framework.questions},
                           {"role": "marketing", "unit": u})  # different answers: no duplicates
             for i, u in enumerate(["Merk A", "Merk A", "Merk B"])]
    monkeypatch.setenv("OMNI_MIN_GROUP", "2")
    assert main(["score", *map(str, paths), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)["breakdowns"]["unit"]
    assert data["groups"] == [] and data["withheld"] == 2  # Merk B alone: Merk A would give it away
    monkeypatch.setenv("OMNI_MIN_GROUP", "1")
    assert main(["score", *map(str, paths), "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)["breakdowns"]["unit"]["groups"]
    assert {g["group"]: g["respondents"] for g in groups} == {"Merk A": 2, "Merk B": 1}
