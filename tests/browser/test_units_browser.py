"""The Units page in a real browser: a group of three brands uploaded as one workbook, the small
radars side by side and the heatmap drawn with their numbers as text alternatives, one brand opened
and the whole group back, in Dutch and English, with the organisation's own word for its units."""

from __future__ import annotations

import re

import pytest
from axe import assert_accessible
from conftest import ARTIFACTS, assert_no_exception, wait_for_app
from playwright.sync_api import expect

from omni.store import open_store
from omni.store.units import set_unit_label
from omni.survey.model import RespondentAnswers
from omni.template import write_workbook

UNITS = {"Noord": 4, "Zuid": 2, "Oost": 3}  # each brand's answer to every question, three managers each


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'units.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)  # the app server inherits it
    engine = open_store(url)
    set_unit_label(engine, "Browser Groep", "Merk")  # the group calls its units brands
    engine.dispose()
    return url


def _workbook(path, framework):
    rows = [RespondentAnswers({"organisation": "Browser Groep", "role": "marketing", "name": f"{unit} {i}",
                               "unit": unit}, {q.id: (value, 5, "") for q in framework.questions})
            for unit, value in UNITS.items() for i in range(3)]
    write_workbook(path, framework, "nl", "respondents", rows)
    return path


def _charts(page) -> list[str]:
    """The text alternative (aria-label) of every chart on the page, once they are drawn."""
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts.first).to_be_visible(timeout=30_000)
    return [c.get_attribute("aria-label") or "" for c in charts.all()]


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox `label`; its list is opened again when a rerun closed it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    for _ in range(5):
        wait_for_app(page)
        box.get_by_role("button", name="Open").click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=3000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{option!r} could not be chosen in {label!r}")


def _units_page(page, title: str) -> None:
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)


@pytest.mark.browser
def test_the_units_page_side_by_side_one_brand_and_back_in_both_languages(store_url, fresh_server, page, tmp_path,
                                                                         framework):
    page.goto(f"{fresh_server.url}/start")
    wait_for_app(page)
    upload = _workbook(tmp_path / "groep.xlsx", framework)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=60_000)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name="Eenheden").click()  # in the same session: the upload stays
    _units_page(page, "Merken van de groep")
    labels = _charts(page)
    assert len(labels) >= 2  # the small radars, the heatmap of the open tab (the other tab's is drawn too)
    radars = labels[0]
    assert all(unit in radars for unit in UNITS) and re.search(r"\d", radars)
    assert any(label.startswith("Merk (Huidig)") for label in labels), labels
    heatmap = next(label for label in labels if "(Huidig)" in label)
    assert all(unit in heatmap for unit in UNITS) and re.search(r"\d,\d", heatmap)  # Dutch numbers
    svg = page.locator('[data-testid="stVegaLiteChart"]').first.locator("canvas, svg").first.bounding_box()
    assert svg is not None and svg["width"] > 400  # three radars next to each other
    assert page.get_by_role("heading", name="Merken naast elkaar").count() == 1
    assert_accessible(page, "Units (nl)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "units-nl.png"), full_page=True)

    # managing the brands: the popover's forms, checked by axe while open
    page.get_by_role("button", name="Merken beheren").click()
    adding = page.get_by_role("textbox", name="Nieuwe eenheid")
    expect(adding).to_be_visible(timeout=30_000)
    assert_accessible(page, "Managing units (nl)")
    adding.fill("West")
    page.get_by_role("button", name="Toevoegen").click()
    wait_for_app(page)
    if not page.get_by_text("‘West’ is toegevoegd.").count():  # the rerun closed the popover: open it again
        page.get_by_role("button", name="Merken beheren").click()
    expect(page.get_by_text("‘West’ is toegevoegd.")).to_be_visible(timeout=30_000)
    page.keyboard.press("Escape")
    wait_for_app(page)

    # open one brand: every page shows only Zuid, the sidebar says so
    _choose(page, "Merk", "Zuid")
    page.get_by_role("button", name="Openen").click()
    page.get_by_role("heading", name="Overzicht").first.wait_for(timeout=60_000)
    wait_for_app(page)
    expect(sidebar).to_contain_text("Browser Groep · Zuid")
    assert_no_exception(page)
    assert_accessible(page, "Overview of one unit (nl)")

    # and back to the whole group
    sidebar.get_by_role("link", name="Eenheden").click()
    wait_for_app(page)
    page.get_by_role("button", name="Terug naar de hele groep").click()
    _units_page(page, "Merken van de groep")
    expect(page.get_by_role("heading", name="Merken naast elkaar")).to_be_visible(timeout=30_000)
    assert all(unit in _charts(page)[0] for unit in UNITS)
    expect(sidebar).not_to_contain_text("Browser Groep · Zuid")

    sidebar.get_by_text("English", exact=True).click()
    _units_page(page, "Brands of the group")
    labels = _charts(page)
    heatmap = next(label for label in labels if "(Current)" in label)
    assert all(unit in heatmap for unit in UNITS) and re.search(r"\d\.\d", heatmap)  # English numbers
    assert page.get_by_role("heading", name="Brands side by side").count() == 1
    assert page.get_by_role("heading", name="View one brand").count() == 1
    assert_accessible(page, "Units (en)")
    page.screenshot(path=str(ARTIFACTS / "units-en.png"), full_page=True)
    assert fresh_server.alive()
