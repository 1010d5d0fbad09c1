"""Actions as values and the workflow the page and the CLI share: checks, roadmap prefill, filters, overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from omni.action_plan import (
    add_action,
    add_from_roadmap,
    change_action,
    overdue,
    plan,
    planning_wave,
    remove_action,
)
from omni.actions import DONE, DROPPED, IN_PROGRESS, PLANNED, ActionError, check_fields
from omni.demo import demo_respondents
from omni.roadmap import build_roadmap
from omni.scoring import score
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers

TODAY = dt.date(2027, 1, 15)


@pytest.fixture(scope="module")
def assessment(framework):
    return score(survey_from_answers(framework, demo_respondents(framework, n=4, seed=3), source="demo.xlsx"))


@pytest.mark.parametrize(("values", "field", "nl", "en"), [
    ({"title": " "}, "title", "Actie: is verplicht", "Action: is required"),
    ({"dimension": "sales"}, "dimension", "'sales' is geen onderdeel", "'sales' is not a dimension"),
    ({"questions": "ORG-1"}, "questions", "ORG-1 hoort niet bij onderdeel vision", "ORG-1 does not belong"),
    ({"target_level": "6"}, "target_level", "Doelniveau: '6' is geen niveau", "Target level: '6' is not a level"),
    ({"target_level": "2,5"}, "target_level", "geen niveau", "not a level"),
    ({"due_date": "31-02-2027"}, "due_date", "Deadline: '31-02-2027' is geen datum", "Due: '31-02-2027' is not"),
    ({"start_date": "2027-03-01", "due_date": "2027-02-01"}, "due_date", "vóór de startdatum", "before the start"),
    ({"status": "busy"}, "status", "'busy' is geen status", "'busy' is not a status"),
])
def test_bad_input_is_named_by_field_in_both_languages(framework, values, field, nl, en):
    with pytest.raises(ActionError) as found:
        check_fields({"title": "Plan", "dimension": "vision", **values}, framework)
    assert found.value.field == field
    assert nl in found.value.message("nl") and en in found.value.message("en")


def test_names_and_labels_in_either_language_are_accepted(framework):
    fields = check_fields({"title": "  Plan  a ", "dimension": "Visie en draagvlak", "status": "Bezig",
                           "questions": "VIS-1; VIS-2 VIS-1", "target_level": "3", "due_date": "01-03-2027"}, framework)
    assert (fields.title, fields.dimension, fields.status) == ("Plan a", "vision", IN_PROGRESS)
    assert fields.questions == ("VIS-1", "VIS-2") and fields.target_level == 3
    assert fields.due_date == dt.date(2027, 3, 1)


def test_a_roadmap_item_prefills_questions_level_and_advice(engine, framework, assessment):
    item = next(i for i in build_roadmap(assessment).items if i.focus)
    save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    action = add_from_roadmap(engine, "Alpha BV", item, framework, "nl", today=TODAY)
    assert action.wave == "2026" and action.fields.dimension == item.dimension
    assert action.fields.questions == tuple(p.question for p in item.focus)
    assert action.fields.target_level == min(5, (item.level or 1) + 1)
    assert action.fields.due_date == TODAY + dt.timedelta(days=90) and action.fields.status == PLANNED
    assert item.advice[0]("nl") in action.fields.notes
    topic = framework.question(item.focus[0].question).topic("nl")
    assert topic in action.fields.title


def test_filters_overdue_and_changes(engine, framework, assessment):
    save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    assert planning_wave(engine, "Alpha BV") == "2026"
    rows = [("Late", "vision", PLANNED, "2027-01-01", "Anna", "CMO"),
            ("Late but done", "vision", DONE, "2027-01-01", "Bram", ""),
            ("Late but dropped", "martech", DROPPED, "2026-12-01", "Anna", ""),
            ("On time", "martech", IN_PROGRESS, "2027-06-01", "", "Head of IT"),
            ("No date", "activation", PLANNED, None, "Anna", "")]
    made = [add_action(engine, "Alpha BV", {"title": t, "dimension": d, "status": s, "due_date": due,
                                            "owner_name": o, "owner_role": r}) for t, d, s, due, o, r in rows]
    everything = plan(engine, "Alpha BV")
    assert [a.fields.title for a in everything][-1] == "No date"  # by due date, undated last
    assert [a.fields.title for a in overdue(everything, TODAY)] == ["Late"]
    assert [a.fields.title for a in plan(engine, "Alpha BV", overdue_only=True, today=TODAY)] == ["Late"]
    assert {a.fields.title for a in plan(engine, owner="anna")} == {"Late", "Late but dropped", "No date"}
    assert {a.fields.title for a in plan(engine, owner="it")} == {"On time"}
    assert {a.fields.title for a in plan(engine, status=[PLANNED, DONE], dimension="vision")} == {"Late", "Late but done"}
    late = made[0]
    moved = change_action(engine, late.id, {"status": DONE}, based_on=late.version)
    assert not moved.is_overdue(TODAY) and moved.version == 2
    with pytest.raises(ActionError) as bad:
        change_action(engine, late.id, {"due_date": "soon"}, based_on=moved.version)
    assert bad.value.field == "due_date"
    remove_action(engine, late.id, based_on=moved.version)
    assert len(plan(engine)) == 4


def test_no_saved_wave_and_no_fallback_says_so(engine):
    with pytest.raises(ActionError) as found:
        planning_wave(engine, "Nobody BV")
    assert "heeft nog geen opgeslagen meting" in found.value.message("nl")
    assert planning_wave(engine, "Nobody BV", "2027") == "2027"
