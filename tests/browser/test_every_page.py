"""Every page of the page registry, in Dutch and in English, with the demo data, in Chromium.

One server and one browser context per language. On each page: no Streamlit exception, no "null",
"NaN" or "None" shown, no English on a Dutch page (beyond the agreed names below), no metric whose
value is cut off, no chart wider than its column, a text alternative on every chart, and no axe-core (WCAG 2.1 AA) violation.
The pages come from omni.ui.shell (PAGES + HIDDEN_PAGES), so a new page is checked without
touching this test; the respondent page is opened once more with a round's link, as respondents
see it.
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
# parameter to change that (streamlit/streamlit#13500); these two are the only Streamlit texts let
# through, and only inside an uploader.
STREAMLIT_UPLOADER = re.compile(r"^(Upload|\d+MB per file( • [A-Z, ]+)?)$")
# English words that are not Dutch: any of them on a Dutch page is an untranslated text.
ENGLISH_WORDS = {"the", "and", "with", "your", "you", "this", "that", "are", "from", "choose",
                 "option", "options", "select", "results", "drag", "drop", "browse", "files", "here",
                 "please", "search", "clear", "current", "target", "dimension", "dimensions",
                 "respondents", "overall", "question", "questions", "answer", "answers", "level",
                 "save", "loading", "running", "error", "warning"}
ENGLISH_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d\d(?!\d|\.\d)")  # 2.53 on a Dutch page (2,53); not 1.000 or v2.0
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
    uploader_texts = page.locator('[data-testid="stFileUploaderDropzone"] span, '
                                  '[data-testid="stFileUploaderDropzone"] button').all_inner_texts()
    for piece in uploader_texts:
        if STREAMLIT_UPLOADER.match(piece.strip()):
            shown = shown.replace(piece.strip(), " ")
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


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_in_both_languages(app, browser, lang):
    server, token = app
    phrases = _english_phrases() if lang == "nl" else []
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    problems: list[str] = []
    try:
        page = context.new_page()
        for what, path in _paths(token):
            joiner = "&" if "?" in path else "?"
            page.goto(f"{server.url}/{path}{joiner}lang={lang}")
            wait_for_app(page)
            charts = page.locator('[data-testid="stVegaLiteChart"]')
            if charts.count():
                charts.last.locator("svg, canvas").first.wait_for(state="attached", timeout=30_000)
            where = f"{what} ({lang})"
            if page.locator('[data-testid="stException"]').count():
                problems.append(f"{where}: exception {page.locator('[data-testid=stException]').first.inner_text()}")
            text = _visible_text(page)
            cells = " ".join(page.locator('[data-testid="stDataFrame"] td').all_text_contents())
            for match in sorted(set(MISSING.findall(text + "\n" + cells))):
                problems.append(f"{where}: shows {match!r}")
            if lang == "nl":
                for english in _english_on_dutch(page, text, phrases):
                    problems.append(f"{where}: English text {english!r}")
                for number in sorted(set(ENGLISH_DECIMAL.findall(text))):
                    problems.append(f"{where}: a number written the English way: {number!r}")
            problems += [f"{where}: metric cut off: {m!r}" for m in _clipped_metrics(page)]
            problems += [f"{where}: {p}" for p in _chart_problems(page, lang)]
            problems += [f"{where}: {p}" for p in _overflowing_charts(page)]
            try:
                assert_accessible(page, where)
            except AssertionError as failure:
                problems.append(str(failure))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_registry_is_what_the_app_navigates():
    """The pages checked above are the ones app.py registers (it builds its navigation from them)."""
    app_py = (Path(__file__).resolve().parents[2] / "app.py").read_text()
    assert "PAGES + HIDDEN_PAGES" in app_py
    assert all(os.path.exists(Path(__file__).resolve().parents[2] / script) for script, _, _ in PAGES + HIDDEN_PAGES)
