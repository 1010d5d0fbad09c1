"""The action plan in Chromium: one click on the Roadmap adds an action, an edit in the table is saved,
and after a second wave is saved the page shows what the action did."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible
from conftest import ARTIFACTS, Server, assert_no_exception, wait_for_app

from omni.action_plan import plan
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import save_assessment
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

pytestmark = pytest.mark.browser


def _selected_column(page, after: int | None = None) -> int:
    """The column of the grid's selected cell (its accessible cells are named glide-cell-<column>-<row>),
    once there is one right of `after`."""
    page.wait_for_function("""(after) => {
        const cell = document.querySelector('[role="gridcell"][aria-selected="true"][id^="glide-cell-"]');
        return !!cell && (after === null || Number(cell.id.split("-")[2]) > after);
    }""", arg=after, timeout=10_000)
    selected = page.locator('[role="gridcell"][aria-selected="true"][id^="glide-cell-"]').first
    return int(selected.get_attribute("id").split("-")[2])


@pytest.fixture
def plan_server(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    server = Server()
    engine = open_store(f"sqlite:///{tmp_path / 'var' / 'omni.sqlite3'}")
    yield server, engine
    server.stop()
    engine.dispose()


def _wave(framework, organisation: str, raised: dict[str, int]):
    people = [RespondentAnswers(facts={"organisation": organisation, "role": "executive", "department": "D",
                                       "name": f"R{n}"},
                                answers={q.id: (raised.get(q.id, 2), 4, "") for q in framework.questions})
              for n in range(3)]
    return score(survey_from_answers(framework, people, source="t.xlsx"))


def test_plan_from_the_roadmap_edit_and_check_at_the_next_wave(plan_server, page, framework):
    server, engine = plan_server
    page.goto(f"{server.url}/actions")  # a deep link as the first visit to a fresh server: through the page shell
    wait_for_app(page)
    assert_no_exception(page)
    assert "Actieplan" in page.locator("h1").first.inner_text()
    assert page.get_by_test_id("stSidebar").get_by_role("link", name="Actieplan").count() == 1
    assert_accessible(page, "Action plan (empty)")
    page.goto(f"{server.url}/roadmap")
    wait_for_app(page)
    assert_accessible(page, "Roadmap")
    page.get_by_role("button", name="Zet op het actieplan").first.click()
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text("staat op het actieplan").wait_for(timeout=30_000)
    assert_accessible(page, "Roadmap with an action added")
    [action] = plan(engine)
    organisation = action.organisation
    # The wave the demo is planned in is saved, so the next wave can be compared with it.
    save_assessment(engine, _wave(framework, organisation, {}), wave=action.wave, organisation=organisation,
                    wave_date=dt.date(2026, 3, 1))

    page.get_by_role("link", name="Naar het actieplan").click()
    wait_for_app(page)
    assert_no_exception(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for(timeout=30_000)
    assert_accessible(page, "Action plan with one action")
    box = grid.get_by_test_id("data-grid-canvas").bounding_box()  # the cells, without the toolbar above
    page.mouse.click(box["x"] + 70, box["y"] + 35 + 17)  # row 1, "overdue" (read-only; after the row checkbox)
    column = _selected_column(page)
    for _ in range(5):  # -> title, dimension, questions, target level, owner
        page.keyboard.press("ArrowRight")
        column = _selected_column(page, after=column)
    page.keyboard.press("Enter")  # open the cell's editor
    editor = page.locator("#portal textarea, #portal input").first
    editor.wait_for(timeout=10_000)
    editor.fill("Anna")
    page.keyboard.press("Enter")
    editor.wait_for(state="detached", timeout=10_000)
    # the grid shows the edit (its accessible cells carry the text), so the form holds it for the save
    page.locator('[role="gridcell"][id^="glide-cell-"]', has_text="Anna").first.wait_for(state="attached", timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "actions-edit.png"))
    page.get_by_role("button", name="Opslaan").click()
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text("Wijzigingen opgeslagen: 1.").wait_for(timeout=30_000)
    assert_accessible(page, "Action plan after saving")
    [edited] = plan(engine)
    assert edited.fields.owner_name == "Anna" and edited.version == 2, edited.fields

    lifted = {q: 5 for q in action.fields.questions}
    save_assessment(engine, _wave(framework, organisation, lifted), wave="volgende", organisation=organisation,
                    wave_date=dt.date(2027, 3, 1))
    page.get_by_role("button", name="Opnieuw laden").click()
    wait_for_app(page)
    page.get_by_text("Controle bij de volgende meting").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "actions-review.png"), full_page=True)
    assert page.get_by_text("Nog geen latere meting opgeslagen").count() == 0
    assert_no_exception(page)
    assert_accessible(page, "Action plan with the next wave's review")
