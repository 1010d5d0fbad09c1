"""The dashboard through Streamlit's AppTest: every page, the demo, uploads, language, what-if."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, fill_template, run_cli
from streamlit.testing.v1 import AppTest

from omni.i18n import LANGUAGES
from omni.scoring import score
from omni.survey import read_survey
from omni.ui import shell
from omni.ui.state import INTAKE, LANG, RESULT, Result

PAGES = ["pages/start.py", "pages/overview.py", "pages/dimensions.py", "pages/roadmap.py", "pages/method.py",
         "pages/export.py"]


def app(**state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, f"{page}: {at.exception}"
    return at


def nl2(value: float) -> str:
    """A score as the Dutch screen writes it (two decimals, decimal comma)."""
    return f"{value:.2f}".replace(".", ",")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _uploaded(path) -> Result:
    survey = read_survey([path])
    return Result.of(survey, "upload", (path.name,))


REGISTERED = [script for script, _key, _icon in (*shell.PAGES, *shell.HIDDEN_PAGES)]
UNSHOWABLE = ("null", "NaN", "None", "nan")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_registered_page_runs_in_both_languages(lang):
    """Every page of the registry (the sidebar's and the hidden ones), on the demo organisation: no
    exception, its own title, and no null/NaN/None in any text element."""
    at = app(**{LANG: lang})
    assert not at.exception
    assert at.title[0].value == "Omnichannel Maturity Dashboard"
    assert set(REGISTERED) >= set(PAGES)  # the list below is the registry's, not a hand-copied one
    for page in REGISTERED:
        visit(at, page)
        assert at.title or page == "pages/respond.py", page  # the respondent page without a link: a message
        texts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                      "success", "error") for e in getattr(at, kind) if isinstance(e.value, str)]
        texts += [m.value for m in at.metric] + [m.label for m in at.metric]
        for text in texts:
            words = set(str(text).replace("(", " ").replace(")", " ").replace(",", " ").split())
            assert not words & set(UNSHOWABLE), f"{page} ({lang}): {text!r}"


def test_demo_is_one_click_away_and_matches_the_cli():
    at = app()
    demo = next(b for b in at.button if "demo" in b.label.lower())
    demo.click().run()
    assert not at.exception
    assert at.title[0].value.startswith("Overzicht")
    shown = metrics(at)

    cli = run_cli("score", str(ROOT / "data/samples/demo-survey-nl.xlsx"), "--json", "--lang", "nl")
    assert cli.returncode == 0, cli.stderr
    data = json.loads(cli.stdout)
    assert shown["Index (1–5)"] == nl2(data['overall']['current'])
    assert shown["Gewenst"] == nl2(data['overall']['target'])
    assert shown["Gat"] == nl2(data['overall']['gap'])
    assert shown["Respondenten"] == str(data["respondents"])
    assert shown["Volwassenheidsniveau"] == str(data['overall']['level'])  # the name in full beneath it
    assert data['overall']['level_name'] in [c.value for c in at.caption]
    assert len(at.get("vega_lite_chart")) == 2  # radar and ladder
    from omni.insights import headline_findings
    from omni.scoring import score
    from omni.survey import read_survey

    findings = headline_findings(score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"])), "nl")
    assert len(findings) > 1  # the findings as one list, each an item of it
    assert "\n".join(f"- {finding.text}" for finding in findings) in [m.value for m in at.markdown]
    from omni.framework import get_framework

    fw = get_framework()
    first = data["dimensions"][0]
    descriptor = fw.dimension(first["id"]).level_descriptor(first["level"])("nl")
    assert any(descriptor in c.value for c in at.caption)  # what the level means, per dimension

    visit(at, "pages/dimensions.py")
    dim = metrics(at)
    assert dim["Huidig"] == nl2(first['current']) and dim["Gewenst"] == nl2(first['target'])
    assert any(descriptor in c.value for c in at.caption)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_after_an_upload(tmp_path, framework, page):
    answers = {q.id: (2, 4, "Opmerking *met* <b>tekst</b>") for q in framework.questions}
    path = fill_template(tmp_path / "upload.xlsx", framework, "nl", answers,
                         {"organisation": "Upload BV", "role": "Marketing"})
    result = _uploaded(path)
    at = app(**{RESULT: result, INTAKE: result})
    visit(at, page)
    if page == "pages/overview.py":
        shown = metrics(at)
        assert shown["Index (1–5)"] == "2,00" and shown["Gewenst"] == "4,00" and shown["Respondenten"] == "1"
        assert "Upload BV" in at.title[0].value
    if page == "pages/start.py":
        assert any("1 respondent" in m.value for m in at.markdown)
        assert at.success  # ready to view


def test_overview_says_when_the_index_stands_on_some_dimensions_only(tmp_path, framework):
    """A file with scores for one dimension only: the index is that dimension's, and the Overview says over
    how many dimensions it stands (a fully answered file says nothing: test_each_page_after_an_upload)."""
    answers = {q.id: (2, 4, "") if q.dimension == "audiences" else (None, None, "") for q in framework.questions}
    path = fill_template(tmp_path / "half.xlsx", framework, "nl", answers, {"organisation": "Half BV"})
    result = _uploaded(path)
    at = visit(app(**{RESULT: result, INTAKE: result}), "pages/overview.py")
    share = sum(q.dimension == "audiences" for q in framework.questions) / len(framework.questions)
    assert metrics(at)["Index (1–5)"] == "2,00" and metrics(at)["Beantwoord"] == f"{round(100 * share)}%"
    assert "over 1 van de 5 onderdelen: de andere hebben geen score" in [c.value for c in at.caption]
    full = _uploaded(fill_template(tmp_path / "full.xlsx", framework, "nl",
                                   {q.id: (2, 4, "") for q in framework.questions}, {"organisation": "Vol BV"}))
    at = visit(app(**{RESULT: full, INTAKE: full}), "pages/overview.py")
    assert not [c.value for c in at.caption if "onderdelen" in c.value]


def test_upload_with_errors_is_reported_on_start_and_keeps_the_last_results(tmp_path, framework):
    answers = {q.id: (3, 4, None) for q in framework.questions}
    answers["VIS-1"] = (9, 4, None)
    bad = _uploaded(fill_template(tmp_path / "fout.xlsx", framework, "nl", answers))
    at = app(**{INTAKE: bad})
    assert not at.exception
    assert at.error and "kunnen nog niet worden gescoord" in at.error[0].value
    table = at.dataframe[0].value
    assert "fout.xlsx" in set(table["Bestand"]) and "E5" in set(table["Cel"])
    visit(at, "pages/overview.py")  # still shows results (the demo), not the broken upload
    assert metrics(at)["Respondenten"] == "10"


def test_language_switch_changes_the_texts():
    at = app()
    visit(at, "pages/overview.py")
    assert at.title[0].value.startswith("Overzicht")
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Overview")
    assert "Maturity level" in metrics(at)
    visit(at, "pages/roadmap.py")
    assert [h.value for h in at.header][:3] == ["Now", "Next", "Later"]


def test_what_if_targets_change_the_roadmap_only():
    at = app()
    visit(at, "pages/roadmap.py")
    before = [s.value for s in at.subheader]
    assert before
    # lower the vision target to where it stands (3.3, level 3): it is on target and leaves the plan
    at.select_slider(key="what_if_vision").set_value(3.3).run()
    assert not at.exception
    after = [s.value for s in at.subheader]
    assert after[-1] == "Visie en draagvlak" and before[0] == "Visie en draagvlak"
    at.select_slider(key="what_if_vision").set_value(5.0).run()
    assert any("5,00" in m.value for m in at.markdown)
    # raising technology's target does not put it before the foundations it builds on; the page says why
    at.select_slider(key="what_if_martech").set_value(5.0).run()
    assert not at.exception
    order = [s.value for s in at.subheader]
    assert order.index("Marketingtechnologie") > order.index("Visie en draagvlak")
    assert order.index("Marketingtechnologie") > order.index("Organisatie")
    assert any("Verschoven van 'Nu'" in box.value and "Organisatie" in box.value for box in at.info)
    visit(at, "pages/overview.py")
    demo = score(read_survey([ROOT / "data" / "samples" / "demo-survey-nl.xlsx"]))
    assert metrics(at)["Gewenst"] == nl2(demo.overall.target)  # the data itself is unchanged


def test_what_if_importance_changes_the_priorities():
    at = app()
    visit(at, "pages/roadmap.py")
    at.select_slider(key="what_if_importance_audiences").set_value(1.0).run()
    assert not at.exception
    assert any("belang 1,0 (aangepast bij 'wat als'" in c.value for c in at.caption)  # then don't-know, if any
    next(b for b in at.button if b.label == "Terug naar de antwoorden van het team").click().run()
    assert not any("aangepast bij 'wat als'" in c.value for c in at.caption)


def test_trace_on_the_method_page():
    at = app()
    visit(at, "pages/method.py")
    assert "gewogen gemiddelde van 5 onderdelen" in at.info[0].value
    at.radio[0].set_value("respondent").run()
    assert not at.exception
    assert "R01" in at.info[0].value


def test_export_page_offers_deck_report_and_charts():
    at = app()
    visit(at, "pages/export.py")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download de presentatie", "Download het rapport", "Download het managementrapport",
                      "Download de grafiek"]
    assert len(at.multiselect[0].value) == 7  # every part of the deck by default
    assert at.get("vega_lite_chart")  # the preview of the chosen chart


def test_export_page_starts_deck_and_report_once_while_it_is_read():
    """omni.export.ahead: drawing the page starts the deck and the Excel report; a rerun with the same
    choices starts nothing more, another wave name starts the deck again (the report does not name it)."""
    from omni.export import ahead
    from omni.ui.loading import _EXPORTS_AHEAD

    at = app()
    before = ahead.started
    visit(at, "pages/export.py")
    assert ahead.started == before + 2
    at.run()
    assert ahead.started == before + 2
    at.text_input[0].input("Meting 2").run()
    assert ahead.started == before + 3
    assert at.session_state[_EXPORTS_AHEAD].pending() == 2  # the old deck is forgotten, not held


def test_start_offers_keep_duplicates_and_shows_the_column_map(tmp_path, framework):
    """Issue 13: the switch to count resubmissions, and how each column of an export was read."""
    from test_forms_exports import make_people, ms_forms_choice_nl

    people = make_people(framework, 3, seed=30)
    path = ms_forms_choice_nl(framework, people, tmp_path / "form.xlsx", extra=[people[1]])
    at = app(**{INTAKE: _uploaded(path)})
    assert not at.exception
    (box,) = [c for c in at.checkbox if c.key == "keep_duplicates"]
    assert box.label.startswith("Dubbele inzendingen houden") and box.value is False
    problems, cmap = at.dataframe[0].value, at.data_editor[0].value  # the column map, to correct
    assert any("alleen het laatste antwoord telt" in m for m in problems["Melding"])
    assert {"column", "header", "read_as", "why", "sample"} <= set(cmap.columns)
    assert any("dezelfde tekst" in why for why in cmap["why"])  # the reasons in Dutch (omni.survey.reasons)
    assert not any("exact text" in why for why in cmap["why"])


def test_roadmap_says_when_an_upload_has_no_importance(tmp_path, framework):
    """A file written before importance was asked (no importance columns): equal importance, and the
    page says so; the demo organisation did rate importance."""
    from openpyxl import load_workbook

    path = tmp_path / "old.xlsx"
    wb = load_workbook(ROOT / "data/samples/demo-survey-nl.xlsx")
    ws = wb["Respondenten"]
    ws.delete_cols(ws.max_column - len(framework.dimensions) + 1, len(framework.dimensions))
    wb.save(path)
    at = app(**{RESULT: _uploaded(path)})
    visit(at, "pages/roadmap.py")
    assert any("Niemand heeft het belang" in w.value for w in at.warning)
    assert any("niet opgegeven: gelijk belang" in c.value for c in at.caption)
    at = app()
    visit(at, "pages/roadmap.py")
    assert not any("Niemand heeft het belang" in w.value for w in at.warning)
    assert any("gemiddelde van" in c.value for c in at.caption)
