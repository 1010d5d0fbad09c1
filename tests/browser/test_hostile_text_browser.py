"""User text that is markdown, HTML, an autolink, a bare address and LaTeX at once, in the real app.

AppTest (tests/app/test_hostile_text.py) sees the markdown source; only a browser shows what Streamlit's
renderer makes of it. The organisation, sector, role, department and comments of an uploaded
survey, and a wave label typed on History, hold the hostile text; on Overview, Benchmark (the
sector in the group's toggle and message), Export (checkbox labels) and History (the saved
message) it must appear literally, with no link, image or formula element, and nothing may be
fetched from the address it names.
"""

from __future__ import annotations

import pytest
from axe import assert_accessible
from conftest import Server, assert_no_exception, wait_for_app
from helpers import fill_template
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from omni.ui.markup import INVISIBLE

# The formula part is covered by tests/app/test_hostile_text.py (openpyxl would store a leading "=" as
# a formula cell in the uploaded file, which the reader then ignores).
HOSTILE = 'HYPERLINK("http://e.vil")<b>b</b>![i](http://e.vil/i)<http://e.vil> www.e.vil $\\rule{9em}{9em}$ *m*'


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))  # a store of its own
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    running = Server()
    yield running
    running.stop()


def _no_markup_from_it(page, where: str) -> None:
    main = page.locator('[data-testid="stMain"], [data-testid="stSidebar"]')
    assert main.locator('a[href*="e.vil"]').count() == 0, f"{where}: a link was rendered"
    assert page.locator('img[src*="e.vil"]').count() == 0, f"{where}: an image was rendered"
    assert main.locator(".katex, math").count() == 0, f"{where}: LaTeX was rendered"
    assert all(t.strip() != "b" for t in main.locator("b").all_inner_texts()), f"{where}: HTML was rendered"
    assert all(t.strip() != "m" for t in main.locator("em").all_inner_texts()), f"{where}: emphasis was rendered"
    assert_accessible(page, f"{where} with hostile text")


def _seen(text: str) -> str:
    """What a reader sees: the invisible word joiners that break autolinks removed."""
    return text.replace(INVISIBLE, "")


def _go(page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)
    assert_no_exception(page)


@pytest.mark.browser
def test_hostile_text_is_shown_literally_on_every_page_that_labels_with_it(server, page, tmp_path, framework):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "e.vil" in request.url else None)
    answers = {q.id: (3, 4, HOSTILE) for q in framework.questions}
    upload = fill_template(tmp_path / "team.xlsx", framework, "nl", answers,
                           {"organisation": HOSTILE, "sector": HOSTILE, "role": HOSTILE, "department": HOSTILE})
    page.goto(f"{server.url}/start")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=60_000)
    page.get_by_role("link", name="Naar het overzicht").click()
    wait_for_app(page)
    assert HOSTILE in _seen(page.locator("h1").first.inner_text())
    _no_markup_from_it(page, "Overview")

    _go(page, "Benchmark")
    page.get_by_text("Sector: HYPERLINK", exact=False).first.wait_for(timeout=30_000)
    _no_markup_from_it(page, "Benchmark")

    _go(page, "Exporteren")
    page.get_by_text("Ontwikkeling over de metingen", exact=False).first.wait_for(timeout=30_000)
    _no_markup_from_it(page, "Export")

    _go(page, "Historie")
    page.get_by_text("Deze meting opslaan").click()
    wave = page.get_by_label("Meting", exact=True)
    wave.wait_for(timeout=30_000)
    wave.fill(HOSTILE)
    expect(wave).to_have_value(HOSTILE)  # typed into the drawn form, not one a late run replaced
    page.get_by_role("button", name="Opslaan", exact=True).click()
    wait_for_app(page)
    success = page.locator('[data-testid="stAlertContentSuccess"]').first
    outcome = page.locator('[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentError"], '
                           '[data-testid="stException"]').first
    try:
        outcome.wait_for(timeout=20_000)
    except PlaywrightTimeout:
        # Seen in about one of three browser-tier runs on two busy workers: the submit's run came back
        # after 0.1 s with the form untouched and no message (the click's rerun reached the server
        # without the form's trigger; runs log in the failure report). A person clicks again, and so does
        # the test - once: a save that never answers still fails below.
        expect(wave).to_have_value(HOSTILE)
        page.get_by_role("button", name="Opslaan", exact=True).click()
        wait_for_app(page)
        outcome.wait_for(timeout=60_000)  # saving under load on two test workers can take a while
    assert success.count() or not outcome.is_visible(), f"saving the wave said: {outcome.inner_text()}"
    success.wait_for(timeout=10_000)
    assert HOSTILE in _seen(success.inner_text())  # the wave label, literally
    _no_markup_from_it(page, "History")

    _go(page, "Exporteren")  # now the trend's label names the organisation
    page.get_by_text("metingen van HYPERLINK", exact=False).first.wait_for(timeout=30_000)
    _no_markup_from_it(page, "Export with a saved wave")
    assert fetched == [], f"requests to the hostile address: {fetched}"
