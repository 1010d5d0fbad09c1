"""A new user in a real browser: deep links on a fresh server, upload, radar, language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe import assert_accessible
from conftest import ARTIFACTS, assert_no_exception, wait_for_app
from helpers import fill_template

PAGES = {"start": "Omnichannel Maturity Dashboard", "overview": "Overzicht", "dimensions": "Onderdelen",
         "roadmap": "Roadmap", "method": "Zo werken de scores", "export": "Exporteren"}


@pytest.mark.browser
def test_deep_links_on_a_fresh_server_go_through_the_page_shell(fresh_server, browser):
    """The first visitors after a restart open page URLs directly (the pages/ pitfall): six of them at
    once, each on another page, before any session has run (as when a team reconnects after a deploy)."""
    pages = {}
    asked: dict[str, list[str]] = {path: [] for path in PAGES}
    for path in PAGES:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
        context.on("request", lambda request, path=path: asked[path].append(urlsplit(request.url).path))
        pages[path] = context.new_page()
        pages[path].goto(f"{fresh_server.url}/{path}", wait_until="commit")
    try:
        for path, page in pages.items():
            wait_for_app(page)
            assert_no_exception(page)
            assert PAGES[path] in page.locator("h1").first.inner_text(), path
            assert_accessible(page, f"{path} (deep link)")
            sidebar = page.locator('[data-testid="stSidebar"]')
            # the shell ran: translated navigation and the language control, not Streamlit's file names
            assert sidebar.get_by_text("Taal").count() == 1, path
            for label in ("Start", "Overzicht", "Onderdelen", "Roadmap", "Zo werken de scores"):
                assert sidebar.get_by_role("link", name=label).count() == 1, (path, label)
            assert sidebar.get_by_text("dimensions", exact=True).count() == 0, path
            if path != "start":
                assert sidebar.get_by_text("Huis & Haard Wonen").count() == 1, path  # the demo is shown
            # the page told Streamlit where its server is (omni/ui/page_base.py): no health check under
            # the page's own path first, answered 404, then a 100 ms wait before the right one
            stcore = [asked_path for asked_path in asked[path] if "/_stcore/" in asked_path]
            assert "/_stcore/health" in stcore, (path, stcore)
            assert all(asked_path.startswith("/_stcore/") for asked_path in stcore), (path, stcore)
    finally:
        for page in pages.values():
            page.context.close()


def _radar_drawn(page) -> bool:
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(state="visible", timeout=30_000)
    box = chart.locator("canvas, svg").first.bounding_box()
    return box is not None and box["width"] > 300 and box["height"] > 300


@pytest.mark.browser
def test_new_user_uploads_a_filled_template_and_walks_the_pages(server, page, tmp_path, framework):
    answers = {q.id: (2 if q.dimension != "vision" else 4, 4, None) for q in framework.questions}
    upload = fill_template(tmp_path / "ons-team.xlsx", framework, "nl", answers,
                           {"organisation": "Browser Retail BV", "role": "Directie / bestuur"})
    page.goto(f"{server.url}/start")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=60_000)
    assert_no_exception(page)
    assert page.get_by_text("1 bestand, 1 respondent,").count() == 1
    assert_accessible(page, "Start after an upload")

    page.get_by_role("link", name="Naar het overzicht").click()
    wait_for_app(page)
    assert "Browser Retail BV" in page.locator("h1").first.inner_text()
    assert _radar_drawn(page)
    assert page.get_by_text("Het sterkste onderdeel is Visie en draagvlak").count() == 1
    assert_no_exception(page)
    assert_accessible(page, "Overview (nl, upload)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview-nl.png"), full_page=True)

    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Current and target by dimension").first.wait_for(timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("Overview")
    assert "Browser Retail BV" in page.locator("h1").first.inner_text()  # the upload, not the demo
    assert _radar_drawn(page)
    assert_accessible(page, "Overview (en, upload)")
    page.screenshot(path=str(ARTIFACTS / "overview-en.png"), full_page=True)

    for label, heading in (("Dimensions", "Dimensions"), ("Roadmap", "Roadmap"), ("How scores work", "How scores work")):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=label).click()
        wait_for_app(page)
        assert heading in page.locator("h1").first.inner_text()
        assert_no_exception(page)
        assert_accessible(page, f"{label} (en, upload)")
    assert server.alive()


@pytest.mark.browser
def test_a_broken_upload_shows_a_message_not_a_traceback(server, page, tmp_path):
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"this is not a spreadsheet at all")
    page.goto(f"{server.url}/start")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("kunnen nog niet worden gescoord").wait_for(timeout=60_000)
    assert_no_exception(page)
    assert_accessible(page, "Start with a broken upload")
    assert page.get_by_text("Traceback").count() == 0
    assert server.alive()


@pytest.mark.browser
def test_exports_download_in_the_browser_built_by_the_export_worker(server, page, tmp_path):
    """Deck, report and a chart image as a user gets them: deferred downloads, built in the export
    worker process (omni/export/offload.py), opened by the real libraries."""
    import io

    import psutil
    from openpyxl import load_workbook
    from PIL import Image
    from pptx import Presentation

    page.goto(f"{server.url}/export")
    wait_for_app(page)
    assert_no_exception(page)
    assert_accessible(page, "Export")
    files = {}
    for label in ("Download de presentatie", "Download het rapport", "Download de grafiek"):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label).click()
        files[label] = (download.value.suggested_filename, download.value.path().read_bytes())
    deck_name, deck = files["Download de presentatie"]
    assert deck_name.endswith(".pptx")
    slides = Presentation(io.BytesIO(deck)).slides
    cover = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert len(slides) >= 5 and "Huis & Haard" in cover  # the demo organisation
    report_name, report = files["Download het rapport"]
    assert report_name.endswith(".xlsx") and len(load_workbook(io.BytesIO(report), read_only=True).sheetnames) >= 3
    chart_name, chart = files["Download de grafiek"]
    assert chart_name.endswith("-radar.png") and Image.open(io.BytesIO(chart)).size[0] >= 800
    assert_no_exception(page)

    workers = [p for p in psutil.Process(server.process.pid).children(recursive=True)
               if "multiprocessing" in " ".join(p.cmdline())]
    assert workers, "no export worker process next to the app"
    assert "built in the web process" not in server.log.read_text(errors="replace")
    assert server.alive()
