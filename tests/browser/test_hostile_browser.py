"""Hostile uploads and hostile text thrown at the running app through the browser.

Each hostile file (generated here, as in tests/system/test_hostile_files.py) is uploaded on the Start
page of the real server. Each must end in the translated problem for that file, never in a stack
trace; the server's health check stays green; and another visitor's session, open on the
Overview page in a second browser context, keeps drawing its radar during and after the attack.
User text with HTML and markdown is shown literally, never as markup.
"""

from __future__ import annotations

import io
import re

import pytest
from axe import assert_accessible
from conftest import assert_no_exception, wait_for_app
from helpers import ROOT, fill_template
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_hostile_files import header_and_rows, sheet_xml, xlsx_bytes

from omni.demo import demo_respondents
from omni.template import write_workbook

BLOCKED = "kunnen nog niet worden gescoord"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
                    for i in range(10))
          + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
          '<si><t>&lol9;</t></si></sst>')


@pytest.fixture(scope="module")
def hostile_files(framework, tmp_path_factory) -> dict[str, tuple[bytes, str]]:
    """File name -> (bytes, the Dutch message the intake report must show for it)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path_factory.mktemp("good") / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", demo_respondents(framework, n=4, seed=3, lang="nl"))
    good = path.read_bytes()
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(good)).encrypt("geheim", encrypted)
    return {
        "rapport.xlsx": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
                         "kan niet als Excel-werkmap worden gelezen: het is een PDF-document"),
        "bom.xlsx": (xlsx_bytes(sheet_xml(header_and_rows(2)), {"xl/media/image1.bin": b"\0" * (40 * 2**20)}),
                     "wordt bij uitpakken"),
        "lachen.xlsx": (xlsx_bytes(sheet_xml(header_and_rows(2)), {"xl/sharedStrings.xml": LAUGHS}),
                        "XML-documenttypedefinitie (DTD)"),
        "einde.xlsx": (xlsx_bytes(sheet_xml(header_and_rows(2)
                                            + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
                       "er staat iets in rij 1.048.576"),
        "half.xlsx": (good[:len(good) // 2], "beschadigd"),
        "beveiligd.xlsx": (encrypted.getvalue(), "met een wachtwoord beveiligd"),
    }


def radar_drawn(page) -> bool:
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(state="visible", timeout=30_000)
    box = chart.locator("canvas, svg").first.bounding_box()
    return box is not None and box["width"] > 300 and box["height"] > 300


def observer_still_works(page) -> None:
    """The bystander reruns its Overview (via Dimensions and back) and sees its radar."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name="Onderdelen").click()
    wait_for_app(page)
    assert "Onderdelen" in page.locator("h1").first.inner_text()
    sidebar.get_by_role("link", name="Overzicht").click()
    wait_for_app(page)
    assert "Huis & Haard Wonen" in page.locator("h1").first.inner_text()
    assert radar_drawn(page)
    assert_no_exception(page)


@pytest.mark.browser
def test_hostile_uploads_give_messages_and_leave_other_sessions_alone(server, browser, hostile_files):
    bystander_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    attacker_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        bystander = bystander_context.new_page()
        bystander.goto(f"{server.url}/overview")
        wait_for_app(bystander)
        assert radar_drawn(bystander)
        assert_accessible(bystander, "Overview")
        attacker = attacker_context.new_page()
        for name, (data, message) in hostile_files.items():
            attacker.goto(f"{server.url}/start")  # a fresh session per file: one file, one report
            wait_for_app(attacker)
            attacker.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                files=[{"name": name, "mimeType": XLSX, "buffer": data}])
            observer_still_works(bystander)  # while the server reads the hostile file
            attacker.get_by_text(BLOCKED).wait_for(timeout=60_000)
            wait_for_app(attacker)
            assert_no_exception(attacker)
            assert attacker.get_by_text("Traceback").count() == 0
            # The problems table fills its cells after the message above it has appeared.
            table = attacker.locator('[data-testid="stDataFrame"]')
            table.locator("td", has_text=name).first.wait_for(state="attached", timeout=30_000)
            cells = table.locator("td").all_inner_texts()
            assert name in cells, (name, cells)
            assert any(message in cell for cell in cells), (name, message, cells)
            assert_accessible(attacker, f"Start with the report on {name}")
            assert server.alive(), name
        observer_still_works(bystander)  # and after
        assert server.alive()
    finally:
        attacker_context.close()
        bystander_context.close()


HOSTILE_NAME = "<img src=x onerror=\"window.__pwned=1\"> **bold** [klik](javascript:alert(1))"
HOSTILE_COMMENT = "<script>window.__pwned=2</script><b>vet</b> _schuin_"


@pytest.mark.browser
def test_user_text_with_html_and_markdown_is_shown_literally(server, page, tmp_path, framework):
    answers = {q.id: (3, 4, HOSTILE_COMMENT if i == 0 else None) for i, q in enumerate(framework.questions)}
    upload = fill_template(tmp_path / "team.xlsx", framework, "nl", answers,
                           {"organisation": HOSTILE_NAME, "role": "<i>Directie</i>", "department": "**IT**"})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server.url}/start")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=60_000)
    page.get_by_role("link", name="Naar het overzicht").click()
    wait_for_app(page)
    assert_no_exception(page)
    # the literal text, markup and all (omni.ui.markup adds invisible word joiners against autolinks)
    assert HOSTILE_NAME in page.locator("h1").first.inner_text().replace("\u2060", "")
    assert_accessible(page, "Overview with hostile names")
    sidebar = page.locator('[data-testid="stSidebar"] strong').all_inner_texts()
    assert [text.replace("\u2060", "") for text in sidebar].count(HOSTILE_NAME) == 1

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Onderdelen").click()
    wait_for_app(page)
    assert_no_exception(page)
    comments = page.locator('[data-testid="stDataFrame"]').last
    comments.scroll_into_view_if_needed()
    comments.locator("td", has_text="window.__pwned=2").first.wait_for(state="attached", timeout=30_000)
    assert HOSTILE_COMMENT in comments.locator("td").all_text_contents()  # text in a cell, not markup
    assert_accessible(page, "Dimensions with hostile comments")

    main = page.locator('[data-testid="stMain"], [data-testid="stSidebar"]')
    assert page.locator('img[src="x"]').count() == 0
    # (the sidebar shows the whole name in bold on purpose; "bold" alone must not be)
    assert main.locator("strong", has_text=re.compile(r"^bold$")).count() == 0
    assert main.locator("b", has_text=re.compile(r"^vet$")).count() == 0
    assert main.locator("em", has_text=re.compile(r"^schuin$")).count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert server.alive()


@pytest.fixture(scope="module")
def hostile_brand_files() -> dict[str, tuple[int, bytes, str, bool]]:
    """File name -> (which uploader on Export: 0 template, 1 logo; bytes; the Dutch text the page must
    show for it; whether the file is refused)."""
    import sys
    import zipfile

    from test_brand_files import png, repack, template_bytes

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_hostile_uploads import memory_hungry_template

    base = template_bytes()
    laughs = LAUGHS.replace("<sst ", "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ") \
        .replace(' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"><si><t>&lol9;</t></si></sst>',
                 ' name="&lol9;"/>')
    assert "<!DOCTYPE" in laughs and zipfile.ZipFile(io.BytesIO(base)).getinfo("ppt/theme/theme1.xml")
    return {
        "bom.pptx": (0, repack(base, {"ppt/media/image9.png": b"\0" * (60 * 2**20)}), "wordt bij uitpakken", True),
        "lachen.potx": (0, repack(base, replace={"ppt/theme/theme1.xml": laughs}),
                        "XML-documenttypedefinitie (DTD)", True),
        "zwaar.pptx": (0, memory_hungry_template(1_000_000), "meer dan 256 MB geheugen", True),
        "rapport.pptx": (0, b"%PDF-1.7\n%%EOF", "het is een PDF-document", True),
        "huisstijl.pptx": (0, template_bytes(external=True), "externe koppeling(en) uit het sjabloon", False),
        "logo.png": (1, png(13_000, 13_000), "het logo is 13.000 × 13.000 pixels (169 megapixel)", True),
        "plaatje.png": (1, b"%PDF-1.7\n%%EOF", "kan niet als PNG- of JPEG-afbeelding", True),
    }


@pytest.mark.browser
def test_hostile_templates_and_logos_on_the_export_page(server, browser, hostile_brand_files):
    """Each hostile template or logo gives its translated message naming the file, never a stack
    trace; the server stays healthy and the deck still downloads without the refused file."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    try:
        page = context.new_page()
        for name, (index, data, message, refused) in hostile_brand_files.items():
            page.goto(f"{server.url}/export")  # a fresh session per file
            wait_for_app(page)
            mime = "image/png" if name.endswith(".png") else \
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            files = [{"name": name, "mimeType": mime, "buffer": data}]
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(index).set_input_files(files=files)
            alert = page.locator('[data-testid="stAlert"]', has_text=message)
            try:
                alert.first.wait_for(timeout=30_000)
            except PlaywrightTimeout:
                # Seen once in a full run on two busy workers: no message 120 s after the file was
                # chosen (what the page showed is in the failure report). Choose it once more, as a
                # person would; a file that never gets its message still fails.
                page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(index).set_input_files(files=files)
                alert.first.wait_for(timeout=90_000)
            wait_for_app(page)
            text = alert.first.inner_text()
            assert name in text, (name, text)
            assert_no_exception(page)
            assert page.get_by_text("Traceback").count() == 0
            if refused:
                assert page.locator('[data-testid="stAlertContentError"]', has_text=name).count() == 1
            assert_accessible(page, f"Export with the message on {name}")
            assert server.alive(), name
        with page.expect_download(timeout=120_000) as download:  # the deck, without the refused logo
            page.get_by_role("button", name="Download de presentatie").click()
        assert download.value.path().read_bytes()[:2] == b"PK"
        assert server.alive()
    finally:
        context.close()
