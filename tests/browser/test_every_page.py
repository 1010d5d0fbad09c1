"""Every page of the page registry, in Dutch and in English, with the demo data, in Chromium.

One server and one browser context per language. On each page, with every expander opened: no
Streamlit exception, no "null", "NaN" or "None" shown, no English on a Dutch page (beyond the agreed
names below) nor a number written the English way (table cells included), none of Streamlit's own
English words (the uploader's button and size line, the typing hint under a text input), dates in
date inputs written the language's way, no metric whose value is cut off, no chart wider than its
column, a text alternative on every chart, and no axe-core (WCAG 2.1 AA) violation.
The pages come from omni.ui.shell (PAGES + HIDDEN_PAGES), so a new page is checked without
touching this test; the respondent page is opened once more with a round's link, as respondents
see it; the Administration page, which a local server only explains, is checked once more on a
hosted server signed in as an administrator.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe import assert_accessible
from conftest import Server, wait_for_app

from omni.framework import get_framework
from omni.i18n import TEXTS
from omni.ui.shell import HIDDEN_PAGES, PAGES

pytestmark = pytest.mark.browser

LANGS = ("nl", "en")
# Shown as is in both languages: product and framework names, file formats and tools, and the
# sector terms the Dutch trade uses in English.
ALLOWED_ON_DUTCH = (
    "Omnichannel Maturity Dashboard", "Omnichannel Maturity Framework", "Omnichannel Maturity",
    "Google Forms", "Microsoft Forms", "Apps Script", "Excel", "PowerPoint", "Word",
    "Multichannel", "Crosschannel", "Omnichannel", "Single-channel", "Cross-channel",
)
# Streamlit's file uploader writes "Upload" and "<size> per file • <types>" in English and has no
# parameter to change that (streamlit/streamlit#13500); omni.ui.streamlit_texts draws ours instead.
STREAMLIT_UPLOADER = re.compile(r"\b(Upload|\d+MB per file|Drag and drop)\b")
# Typing hints Streamlit writes under a text input ("Press Enter to apply", "Press Enter to submit form").
STREAMLIT_HINT = re.compile(r"Press (Enter|⌘|Ctrl)")
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")  # how Streamlit writes a date cell unless told otherwise
DATE_SHOWN = {"nl": re.compile(r"^\d\d-\d\d-\d{4}$"), "en": re.compile(r"^\d\d/\d\d/\d{4}$")}
# English words that are not Dutch: any of them on a Dutch page is an untranslated text.
ENGLISH_WORDS = {"the", "and", "with", "your", "you", "this", "that", "are", "from", "choose",
                 "option", "options", "select", "results", "drag", "drop", "browse", "files", "here",
                 "please", "search", "clear", "current", "target", "dimension", "dimensions",
                 "respondents", "overall", "question", "questions", "answer", "answers", "level",
                 "save", "loading", "running", "error", "warning"}
ENGLISH_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d\d(?!\d|\.\d)")  # 2.53 on a Dutch page (2,53); not 1.000 or v2.0
# In a table cell also 3.3 (Streamlit's own number format) and 0.1234; 3.500 may be a Dutch thousand.
CELL_ENGLISH_DECIMAL = re.compile(r"(?<![\w.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.])")
MISSING = re.compile(r"\b(null|NaN|nan|None|undefined|NaT)\b")


def _english_phrases() -> list[str]:
    """Our own English texts that differ from their Dutch (app texts and the framework's)."""
    phrases = set()
    for entry in TEXTS.values():
        en, nl = entry.get("en", ""), entry.get("nl", "")
        if en != nl and "{" not in en and len(en) >= 12:
            phrases.add(en)
    fw = get_framework()
    for dimension in fw.dimensions:
        if dimension.name("en") != dimension.name("nl"):
            phrases.add(dimension.name("en"))
    return sorted(phrases, key=len, reverse=True)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app on its own empty store, with one open survey round for the respondent page."""
    from omni.store import open_store
    from omni.store.rounds import open_round

    var = tmp_path_factory.mktemp("every-page") / "var"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OMNI_DATA_DIR", str(var))
        patch.delenv("OMNI_DATABASE_URL", raising=False)
        patch.delenv("DATABASE_URL", raising=False)
        engine = open_store(f"sqlite:///{var / 'omni.sqlite3'}")
        _, token = open_round(engine, "Huis & Haard Wonen", "2026")
        engine.dispose()
        server = Server()
    yield server, token
    server.stop()


def _paths(token: str) -> list[tuple[str, str]]:
    """(what, path) for every registered page, and the respondent page with a round's link."""
    pages = [(Path(script).stem, Path(script).stem) for script, _key, _icon in PAGES + HIDDEN_PAGES]
    return [*pages, ("respond with a link", f"respond?token={token}")]


def _visible_text(page) -> str:
    """The main area and sidebar as read, without the names of Material icons (drawn from ligature text)."""
    main = page.locator('[data-testid="stMain"]').inner_text()
    sidebar = page.locator('[data-testid="stSidebar"]')
    text = main + "\n" + (sidebar.inner_text() if sidebar.count() else "")
    for icon in set(page.locator('[data-testid="stIconMaterial"], [data-testid="stExpanderIcon"]').all_inner_texts()):
        text = re.sub(rf"(?<![\w-]){re.escape(icon.strip())}(?![\w-])", " ", text) if icon.strip() else text
    return text


def _chart_problems(page, lang: str) -> list[str]:
    """Charts without a text alternative (aria-label) carrying their numbers in the page's language."""
    problems = []
    for index, chart in enumerate(page.locator('[data-testid="stVegaLiteChart"]').all()):
        label = chart.get_attribute("aria-label") or ""
        if not re.search(r"\d", label):
            problems.append(f"chart {index + 1} has no text alternative with its numbers: {label!r}")
        elif lang == "nl" and (wrong := re.search(r"\d\.\d\d\b", label)):
            problems.append(f"chart {index + 1}'s text alternative has an English number {wrong.group()!r}")
    return problems


def _overflowing_charts(page) -> list[str]:
    """Charts wider than the column (or main area) they stand in: they run into what is beside them."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg'))
        .map(svg => {
            const box = svg.getBoundingClientRect();
            const holder = svg.closest('[data-testid="stColumn"]') || svg.closest('[data-testid="stMainBlockContainer"]');
            const room = holder.getBoundingClientRect();
            return box.width > 0 && box.right > room.right + 1 ? `${svg.getAttribute('aria-label') || 'chart'}`.slice(0, 60)
                + ` is ${Math.round(box.right - room.right)} px wider than its column` : null;
        }).filter(Boolean)""")


def _clipped_metrics(page) -> list[str]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
        .filter(m => [m, ...m.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)
                     || /(…|\\.\\.\\.)$/.test(m.innerText.trim()))
        .map(m => m.innerText.trim())""")


def _english_on_dutch(page, text: str, phrases: list[str]) -> list[str]:
    found = []
    shown = text
    placeholders = page.evaluate("""() => Array.from(document.querySelectorAll('input[placeholder], textarea[placeholder]'))
        .map(e => e.getAttribute('placeholder'))""")
    shown += "\n" + "\n".join(placeholders)
    for name in ALLOWED_ON_DUTCH:
        shown = shown.replace(name, " ")
    for phrase in phrases:
        if phrase in shown:
            found.append(phrase)
            shown = shown.replace(phrase, " ")
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", shown)}
    found += sorted(words & ENGLISH_WORDS)
    return found


# Every text the data grid paints on its canvas (cells and headers), in the order painted.
GRID_TEXT_RECORDER = """(() => {
    const painted = window.__gridText = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
        const canvas = this.canvas;
        if (canvas instanceof HTMLCanvasElement && canvas.closest && canvas.closest('[data-testid="stDataFrame"]')) {
            painted.push(String(text));
        }
        return fillText.call(this, text, ...rest);
    };
})()"""


def _open_expanders(page) -> None:
    """Open every closed expander, so what is inside is read and checked too."""
    for summary in page.locator('[data-testid="stExpander"] details:not([open]) > summary').all():
        if summary.is_visible():
            summary.click()
    page.wait_for_timeout(300)


def _streamlit_english(page) -> list[str]:
    """Streamlit's own English words on a Dutch page: the uploader's button, size line and drag text
    (drawn in the user's language by omni.ui.streamlit_texts), and the hint under a text input while
    typing (forms: enter_to_submit=False; elsewhere hidden)."""
    found = []
    for zone in page.locator('[data-testid="stFileUploaderDropzone"]').all():
        # text as drawn: not Material icon names, not text drawn at size 0 (kept only as a name for screen readers)
        shown = zone.evaluate("""z => { const out = []; const walk = document.createTreeWalker(z, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) { const e = walk.currentNode.parentElement;
                if (e.closest('[data-testid="stIconMaterial"]') || !e.checkVisibility()) continue;
                if (parseFloat(getComputedStyle(e).fontSize) > 0) out.push(walk.currentNode.textContent); }
            return out.join(' '); }""")
        if match := STREAMLIT_UPLOADER.search(shown):
            found.append(f"the uploader shows Streamlit's {match.group()!r}")
        # while files are dragged over it, the uploader draws its own overlay text
        files = page.evaluate_handle("() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.csv')); return d; }")
        zone.dispatch_event("dragenter", {"dataTransfer": files})
        overlay = zone.locator(':scope > div:not([data-testid]) span')
        overlay.first.wait_for(timeout=5_000)
        dragged = overlay.first.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
        if dragged[0] != "0px" or STREAMLIT_UPLOADER.search(dragged[1]) or dragged[1] in ("none", "normal"):
            found.append(f"the uploader's drag text is Streamlit's: {overlay.first.inner_text()!r} {dragged!r}")
        zone.dispatch_event("dragleave", {"dataTransfer": files})
        drawn = zone.evaluate("""z => [z.querySelector('button [data-testid="stMarkdownContainer"]'),
                                       z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"]')]
            .map(e => e ? getComputedStyle(e, '::after').content : 'none')""")
        if any(text in ("none", "normal", "") or STREAMLIT_UPLOADER.search(text) for text in drawn):
            found.append(f"the uploader's button or size line is not drawn in Dutch: {drawn!r}")
    for field in page.locator('[data-testid="stTextInput"] input:not([disabled]), '
                              '[data-testid="stTextArea"] textarea:not([disabled])').all():
        if not field.is_visible():
            continue
        field.click()
        page.keyboard.type("x")
        hints = [h for h in page.locator('[data-testid="InputInstructions"]').all() if h.is_visible()]
        found += [f"a text input hints {h.inner_text()!r}" for h in hints if STREAMLIT_HINT.search(h.inner_text())]
        page.keyboard.press("Backspace")
    return found


def _uploaded_file_problems(page) -> list[str]:
    """Upload a logo on the Export page: the file's line shows no size written the English way ("0.6KB")."""
    import io

    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (300, 100), (31, 78, 121)).save(image, "PNG")
    zone = page.locator('[data-testid="stFileUploader"]').filter(
        has=page.locator('input[accept*=".png"]')).first
    zone.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": image.getvalue()}])
    page.locator('[data-testid="stFileChip"]').first.wait_for(timeout=30_000)
    wait_for_app(page)
    shown = page.locator('[data-testid="stFileChip"]').first.inner_text()
    return [f"the file's line shows {shown!r}"] if re.search(r"\d\.\d\s?[KMG]?B", shown) else []


def _wrong_dates(page, lang: str) -> list[str]:
    """Date inputs whose date is not written the language's way (21-10-2026 / 21/10/2026)."""
    fields = page.locator('[data-testid="stDateInputField"] [role="group"]').all()
    shown = ["".join(f.inner_text().split()) for f in fields if f.is_visible()]
    return [f"a date input shows {d!r}" for d in shown if d and not DATE_SHOWN[lang].match(d)]


def _view_problems(page, where: str, lang: str, phrases: list[str]) -> list[str]:
    """What is wrong with what the page shows now (one tab of it)."""
    problems = []
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    if charts.count():
        charts.last.locator("svg, canvas").first.wait_for(state="attached", timeout=30_000)
    if page.locator('[data-testid="stException"]').count():
        problems.append(f"{where}: exception {page.locator('[data-testid=stException]').first.inner_text()}")
    text = _visible_text(page)
    # The data grid paints its cells on a canvas; its hidden accessible table holds Streamlit's raw
    # values ("3.28" for a cell painted "3,28"), so the cells are read as painted (GRID_TEXT_RECORDER).
    cells = page.evaluate("window.__gridText || []")
    raw = " ".join(page.locator('[data-testid="stDataFrame"] td').all_text_contents())
    for match in sorted(set(MISSING.findall(text + "\n" + " ".join(cells) + "\n" + raw))):
        problems.append(f"{where}: shows {match!r}")
    if lang == "nl":
        for english in _english_on_dutch(page, text, phrases):
            problems.append(f"{where}: English text {english!r}")
        for number in sorted(set(ENGLISH_DECIMAL.findall(text))):
            problems.append(f"{where}: a number written the English way: {number!r}")
        for cell in sorted({c for c in cells if CELL_ENGLISH_DECIMAL.search(c)}):
            problems.append(f"{where}: a table cell written the English way: {cell!r}")
        problems += [f"{where}: {p}" for p in _streamlit_english(page)]
    problems += [f"{where}: {p}" for p in _wrong_dates(page, lang)]
    problems += [f"{where}: a table cell shows a date as {c!r}" for c in sorted(set(cells)) if ISO_DATE.match(c)]
    problems += [f"{where}: metric cut off: {m!r}" for m in _clipped_metrics(page)]
    problems += [f"{where}: {p}" for p in _chart_problems(page, lang)]
    problems += [f"{where}: {p}" for p in _overflowing_charts(page)]
    try:
        assert_accessible(page, where)
    except AssertionError as failure:
        problems.append(str(failure))
    return problems


def page_problems(page, where: str, lang: str, phrases: list[str]) -> list[str]:
    """Every check on the page as drawn, with its expanders open, once per tab."""
    _open_expanders(page)
    problems = _view_problems(page, where, lang, phrases)
    tabs = page.locator('[data-testid="stTabs"] [role="tab"]').all()
    for index, tab in enumerate(tabs[1:], start=1):
        if not tab.is_visible():
            continue
        tab.click()
        page.wait_for_timeout(300)
        _open_expanders(page)
        seen = {p.split(": ", 1)[-1] for p in problems}
        problems += [p for p in _view_problems(page, f"{where}, tab {index + 1}", lang, phrases)
                     if p.split(": ", 1)[-1] not in seen]
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_in_both_languages(app, browser, lang):
    server, token = app
    phrases = _english_phrases() if lang == "nl" else []
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    context.add_init_script(GRID_TEXT_RECORDER)
    problems: list[str] = []
    try:
        page = context.new_page()
        for what, path in _paths(token):
            joiner = "&" if "?" in path else "?"
            page.goto(f"{server.url}/{path}{joiner}lang={lang}")
            wait_for_app(page)
            problems += page_problems(page, f"{what} ({lang})", lang, phrases)
            if what == "export" and lang == "nl":
                problems += [f"export (nl), a file uploaded: {p}" for p in _uploaded_file_problems(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_registry_is_what_the_app_navigates():
    """The pages checked above are the ones app.py registers (it builds its navigation from them)."""
    app_py = (Path(__file__).resolve().parents[2] / "app.py").read_text()
    assert "PAGES + HIDDEN_PAGES" in app_py
    assert all(os.path.exists(Path(__file__).resolve().parents[2] / script) for script, _, _ in PAGES + HIDDEN_PAGES)


@pytest.fixture
def hosted_store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'hosted.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)  # the app server inherits it
    return url


def _seed_hosted(url: str, issuer: str) -> None:
    """Two organisations, a member, a wave offered to the peer set (pending), an audit log."""
    import datetime as dt

    from omni.demo import demo_respondents
    from omni.scoring import score
    from omni.services import save_wave
    from omni.store import open_store
    from omni.store.access import Identity, add_member, add_user
    from omni.survey.reader import survey_from_answers

    engine = open_store(url)
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=4, seed=3), source="seed.xlsx"))
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_wave(engine, assessment, organisation=org, wave="2026", wave_date=dt.date(2026, 10, 21),
                          contribute=True)
        add_member(engine, add_user(engine, Identity(issuer, subject, f"{subject}@example.test")),
                   saved.saved.organisation_id)
    engine.dispose()


def test_administration_signed_in_as_administrator_in_both_languages(browser, tmp_path, hosted_store, monkeypatch):
    """The Administration page as an administrator sees it on a hosted server (a local server only
    explains it): every tab, every expander, the same checks as every other page."""
    from oidc import MockProvider, login, oidc_app

    problems: list[str] = []
    with MockProvider() as provider:
        monkeypatch.setenv("OMNI_ADMINS", f"{provider.issuer} root")
        _seed_hosted(hosted_store, provider.issuer)
        with oidc_app(Path(__file__).resolve().parents[2] / "serve.py", tmp_path, provider=provider) as hosted:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
            context.add_init_script(GRID_TEXT_RECORDER)
            try:
                page = context.new_page()
                page.goto(hosted.url)
                wait_for_app(page)
                login(page, "root", email="root@example.test", name="Root", button="Inloggen",
                      expect="Ingelogd als Root")
                for lang in LANGS:
                    page.goto(f"{hosted.url}/admin?lang={lang}")
                    wait_for_app(page)
                    page.locator('[data-testid="stTabs"]').wait_for(timeout=30_000)
                    phrases = _english_phrases() if lang == "nl" else []
                    problems += page_problems(page, f"admin, hosted ({lang})", lang, phrases)
                    cells = page.evaluate("window.__gridText || []")
                    assert "alice@example.test" in cells, cells[:40]  # the users tab's table was painted
            finally:
                context.close()
    assert not problems, "\n".join(problems)
