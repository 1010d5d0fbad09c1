"""The History page with units in Chromium (#19): a group file of two units uploaded, a wave saved for
unit NL and one for the whole organisation through the page, "History of" switched between the group and
the unit, each showing its own waves; in Dutch, then in English; axe-core on each state opened."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from conftest import Server, assert_no_exception, wait_for_app
from helpers import fill_template
from playwright.sync_api import expect

OPEN_WAVE = {"nl": "Een opgeslagen meting openen", "en": "Open a saved wave"}


@pytest.fixture
def unit_server(tmp_path, monkeypatch):
    """A local-mode server on its own, empty store."""
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))  # the server inherits it
    server = Server()
    yield server
    server.stop()


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label` (Streamlit's combobox) and wait for the rerun."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)


def _save(page, unit_label: str, wave: str, success: str) -> None:
    _choose(page, "Meting van", unit_label)
    page.get_by_label("Meting", exact=True).fill(wave)  # inside the form: sent with the button
    page.get_by_role("button", name="Opslaan", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_contain_text(success, timeout=30_000)
    wait_for_app(page)  # the run that saved goes on to draw the history below
    assert_no_exception(page)


def _shown_wave(page) -> str:
    """The wave the "open a saved wave" box shows: the newest of the history on screen."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=OPEN_WAVE[page.lang])
    return box.inner_text(timeout=30_000) + " " + box.locator("input").input_value()


@pytest.mark.browser
def test_save_a_units_and_the_groups_wave_and_switch_between_their_histories(unit_server, page, tmp_path,
                                                                              framework):
    files = []
    for unit, value in (("NL", 2), ("BE", 4)):
        answers = {q.id: (value, 5, None) for q in framework.questions}
        files.append(str(fill_template(tmp_path / f"team-{unit}.xlsx", framework, "nl", answers, {
            "organisation": "Alpha Groep", "role": "Directie / bestuur", "date": "2027-03-01", "unit": unit})))
    page.lang = "nl"
    page.goto(f"{unit_server.url}/start")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Historie").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Historie").first.wait_for(timeout=30_000)
    assert_no_exception(page)

    page.get_by_text("Deze meting opslaan").click()
    page.get_by_label("Meting van", exact=True).wait_for(timeout=30_000)
    assert_accessible(page, "History, the save form open, units offered")
    _save(page, "NL", "Q1 2027", "Opgeslagen: Alpha Groep, eenheid NL, meting Q1 2027 (versie 1).")
    # the page shows the unit's history it just saved
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Alpha Groep · eenheid NL")
    assert "Q1 2027" in _shown_wave(page)
    assert_accessible(page, "History of unit NL after saving its wave")

    if not page.get_by_label("Meting van", exact=True).is_visible():  # the expander may have stayed open
        page.get_by_text("Deze meting opslaan").click()
    _save(page, "Hele organisatie (groep)", "Jaar 2027", "Opgeslagen: Alpha Groep, meting Jaar 2027, versie 1.")
    expect(page.get_by_label("Verloop van", exact=True)).to_be_visible()
    assert "Jaar 2027" in _shown_wave(page) and "Alpha Groep · eenheid NL" not in main.inner_text()
    assert_accessible(page, "History of the group")

    _choose(page, "Verloop van", "NL")
    expect(main).to_contain_text("Alpha Groep · eenheid NL")
    assert "Q1 2027" in _shown_wave(page) and "Jaar 2027" not in _shown_wave(page)
    assert_no_exception(page)
    _choose(page, "Verloop van", "Hele organisatie (groep)")
    assert "Jaar 2027" in _shown_wave(page) and "eenheid NL" not in main.inner_text()

    # in English: the same two histories
    page.lang = "en"
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_for_app(page)
    page.get_by_role("heading", name="History").first.wait_for(timeout=30_000)
    expect(page.get_by_label("History of", exact=True)).to_be_visible()
    assert "Jaar 2027" in _shown_wave(page)
    assert_accessible(page, "History of the group (English)")
    page.get_by_label("History of", exact=True).click()
    page.get_by_role("option", name="NL", exact=True).click()
    wait_for_app(page)
    expect(main).to_contain_text("Alpha Groep · unit NL")
    assert "Q1 2027" in _shown_wave(page)
    assert_no_exception(page)
    assert_accessible(page, "History of unit NL (English)")
