"""The PDF management report (omni.export.pdf_report): built from the demo survey in Dutch and
English with the real Typst compiler, opened and read back with poppler's pdftotext."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess

import pytest
from helpers import ROOT, requires

from omni import format as fmt
from omni.cli import main
from omni.export.pdf_report import build_pdf, rounded_level
from omni.i18n import t
from omni.insights import headline_findings
from omni.roadmap import build_roadmap
from omni.scoring import score
from omni.survey import read_survey

DEMO = ROOT / "data/samples/demo-survey-nl.xlsx"
HOSTILE = "#set page(width: 1cm) $x$ *b* _i_ <a> @ref \\ [c] {d} `e` // f = g"


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([DEMO]))


def pdf_text(data: bytes) -> str:
    requires(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_pages(data: bytes) -> int:
    requires(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    done = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True, text=False)
    line = next(x for x in done.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def flat(text: str) -> str:
    """pdftotext's text with line breaks and runs of spaces made single spaces (table cells wrap)."""
    return " ".join(text.split())


@pytest.fixture(scope="module", params=["nl", "en"])
def built(request, demo):
    lang = request.param
    data = build_pdf(demo, lang)
    return lang, data, pdf_text(data)


def test_the_report_opens_with_every_section_and_enough_pages(built, demo):
    lang, data, text = built
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) >= 8  # cover, summary, scores, 5 dimensions' answers, roadmap, method
    for key in ("pdf.title", "pdf.summary", "pdf.findings", "pdf.priorities", "pdf.scores", "pdf.answers",
                "pdf.comments", "pdf.roadmap", "pdf.method"):
        assert t(key, lang) in flat(text), key
    assert t("pdf.benchmark", lang) not in text and t("pdf.trend", lang) not in text  # none given
    assert demo.organisation in flat(text)
    fw = demo.framework
    assert fmt.date(dt.date.today(), lang) in text
    assert t("pdf.framework", lang, name=fw.name(lang), version=fw.version) in flat(text)
    for dim in fw.dimensions:
        assert dim.name(lang) in flat(text)


def test_the_numbers_equal_the_assessment(built, demo):
    lang, _data, text = built
    fw = demo.framework
    lines = [" ".join(line.split()) for line in text.splitlines()]
    o = demo.overall
    overall = f"{t('col.overall', lang)} {fmt.number(o.current, lang)} {fmt.number(o.target, lang)} " \
              f"{fmt.number(o.gap, lang)}"
    assert any(line.startswith(overall) for line in lines), overall
    for row in demo.dimension_scores.itertuples():
        numbers = f"{fmt.number(row.current, lang)} {fmt.number(row.target, lang)} {fmt.number(row.gap, lang)}"
        first_word = fw.dimension(row.dimension).name(lang).split()[0]
        assert any(line.startswith(first_word) and numbers in line for line in lines), (first_word, numbers)
    for finding in headline_findings(demo, lang):
        assert finding.text in flat(text)
    for item in build_roadmap(demo).items:
        assert f"{t('col.gap', lang)} {fmt.number(item.gap, lang)}" in flat(text)
    # the Dutch report writes decimals with a comma and never a point
    sample = fmt.number(o.current, lang)
    assert ("," in sample) == (lang == "nl")


def test_per_question_the_option_of_the_rounded_mean_and_the_comments(built, demo):
    lang, _data, text = built
    fw = demo.framework
    plain = flat(text)
    qs = demo.question_scores.set_index("question")
    for q in fw.questions:
        level = rounded_level(qs.loc[q.id, "current"])
        option = q.option(level)(lang)
        assert f"{level}. {' '.join(option.split()[:3])}" in plain, q.id  # table cells wrap after a few words
    comments = demo.survey.answers["comment"].dropna().astype(str)
    comments = [c for c in comments if c.strip()]
    assert comments, "the demo has comments"
    for comment in comments:
        assert " ".join(comment.split()) in plain


def test_rounded_level_rounds_halves_up():
    assert [rounded_level(v) for v in (1.0, 1.49, 1.5, 2.5, 4.99, 5.0)] == [1, 1, 2, 3, 5, 5]
    assert rounded_level(float("nan")) is None


def test_hostile_text_appears_literally_and_is_never_markup(demo):
    survey = demo.survey
    respondents = survey.respondents.assign(organisation=HOSTILE)
    answers = survey.answers.copy()
    answers.loc[answers.index[0], "comment"] = HOSTILE + " comment"
    hostile = score(dataclasses.replace(survey, respondents=respondents, answers=answers))
    data = build_pdf(hostile, "en")
    text = pdf_text(data)
    plain = flat(text)
    assert HOSTILE in plain  # the cover
    assert f"{HOSTILE} comment" in plain
    assert pdf_pages(data) == pdf_pages(build_pdf(demo, "en"))  # #set page(width: 1cm) did nothing


def test_the_cli_writes_the_pdf(tmp_path, capsys):
    out = tmp_path / "report.pdf"
    assert main(["export", str(DEMO), "--pdf", str(out), "--no-store", "--lang", "nl"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert t("pdf.title", "nl") in flat(pdf_text(data))
    assert str(out) in capsys.readouterr().out


@pytest.fixture(scope="module")
def stored(tmp_path_factory, framework, demo):
    """A real SQLite store with the demo peers and three saved waves of the demo organisation, and the
    benchmark and history fetched with the same calls the Export page and the CLI make."""
    from omni.benchmark import default_group, first_sufficient
    from omni.demo import demo_respondents
    from omni.export.extras import usable_benchmark
    from omni.history import organisation_history
    from omni.peers import ensure_demo_peers
    from omni.store import open_store
    from omni.store.assessments import save_assessment
    from omni.survey.reader import survey_from_answers

    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'omni.sqlite3'}"
    engine = open_store(url)
    try:
        ensure_demo_peers(engine)
        for wave, seed, n in (("2024", 3, 6), ("2025", 4, 8)):
            people = demo_respondents(framework, n=n, seed=seed)
            for person in people:
                person.facts = {**person.facts, "organisation": demo.organisation}
            save_assessment(engine, score(survey_from_answers(framework, people)), wave=wave,
                            wave_date=dt.date(int(wave), 3, 1))
        save_assessment(engine, demo, wave="2026", wave_date=dt.date(2026, 3, 1))
        bench = usable_benchmark(*first_sufficient(engine, demo, default_group(demo)))
        history = organisation_history(engine, demo.organisation)
    finally:
        engine.dispose()
    return url, bench, history


def test_benchmark_and_trend_when_given(stored, demo):
    """The report's small tables show the published peer figures and the saved waves' scores."""
    from omni.export.extras import benchmark_rows, trend

    _url, bench, history = stored
    assert bench is not None and len(history.waves) == 3
    for lang in ("nl", "en"):
        data = build_pdf(demo, lang, benchmark=bench, history=history)
        plain = flat(pdf_text(data))
        assert t("pdf.benchmark", lang) in plain and t("pdf.trend", lang) in plain
        assert bench.group.describe(lang) in plain
        for row in benchmark_rows(bench, demo.framework, lang).itertuples():
            assert " ".join([fmt.number(row.score, lang), fmt.integer(row.percentile, lang), fmt.number(row.p25, lang),
                             fmt.number(row.median, lang), fmt.number(row.p75, lang)]) in plain, row.name
        for _d, _name, values in trend(history, lang).series:
            assert " ".join(fmt.number(v, lang) for v in values) in plain
        # The trend table's header: the wave labels on one line, each wave's date whole on the next (it
        # broke as "2024 (1 maart" / "2024)"), and every dimension's name on a line of its own.
        text = pdf_text(data)
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines)
                  if " ".join(line.split()) == f"{t('col.dimension', lang)} 2024 2025 2026 {t('history.share_closed', lang)}")
        dates = [fmt.date(dt.date(wave, 3, 1), lang) for wave in (2024, 2025, 2026)]
        assert " ".join(lines[at + 1].split()) == " ".join(dates), lines[at:at + 3]
        names = [name for _d, name, _v in trend(history, lang).series]
        body = [" ".join(line.split()) for line in lines[at + 2:at + 4 + len(names)] if line.strip()]
        assert [row.startswith(name) for row, name in zip(body, names)] == [True] * len(names), body


def test_the_export_page_serves_the_pdf_on_click(monkeypatch, demo):
    """The Export page's download button (built on click, in the export worker) serves the report
    of the assessment on screen, in the page's language."""
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import AppTest

    from omni.ui.state import RESULT, Result

    managers: list[MediaFileManager] = []

    class Remembered(MediaFileManager):  # Streamlit's own manager, only remembered
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Remembered)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = Result(demo.survey, demo, "upload", ("demo-survey-nl.xlsx",))
    at.run()
    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    button = next(b for b in at.get("download_button") if b.proto.label == t("export.download_pdf", "nl"))
    url = managers[-1].execute_deferred(button.proto.deferred_file_id)
    data = managers[-1].read_file(url.rsplit("/", 1)[-1].split(".", 1)[0]).content
    assert data.startswith(b"%PDF-")
    text = flat(pdf_text(data))
    assert t("pdf.title", "nl") in text and demo.organisation in text
    assert fmt.number(demo.overall.current, "nl") in text


def test_comments_beyond_the_cap_are_counted_not_dropped_silently(monkeypatch, demo):
    import omni.export.pdf_report as pdf_report

    monkeypatch.setattr(pdf_report, "MAX_COMMENTS", 1)
    data = pdf_report.report_data(demo, "en")
    answers = demo.survey.answers
    for dim, shown in zip(demo.framework.dimensions, data["dimensions"]):
        ids = {q.id for q in dim.questions}
        given = int((answers["question"].isin(ids) & (answers["comment"].fillna("").str.strip() != "")).sum())
        assert len(shown["comments"]) == min(given, 1)
        assert shown["more"] == (t("pdf.more_comments", "en", n=given - 1) if given > 1 else "")
    assert any(d["more"] for d in data["dimensions"])  # the demo has a dimension with 2+ comments


def test_the_radar_gets_room_for_labels_in_a_wider_font():
    from omni.export.pdf_report import padded_svg

    svg = '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="552" height="489" viewBox="0 0 552 489"><g/></svg>'
    assert padded_svg(svg, 48) == ('<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="648" height="489" '
                                   'viewBox="-48 0 648 489"><g/></svg>')
    odd = '<svg width="10" height="10" viewBox="5 5 10 10"></svg>'
    assert padded_svg(odd) == odd  # another form is left as it is


def test_the_cli_takes_benchmark_and_trend_from_the_store(stored, tmp_path, capsys):
    url, bench, _history = stored
    out = tmp_path / "report.pdf"
    assert main(["export", str(DEMO), "--pdf", str(out), "--database", url, "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert t("export.cli_trend", "en", n=3, organisation="Huis & Haard Wonen") in said
    plain = flat(pdf_text(out.read_bytes()))
    assert t("pdf.benchmark", "en") in plain and t("pdf.trend", "en") in plain
    assert bench.group.describe("en") in plain


def test_what_if_targets_reach_the_roadmap(demo):
    """The Export page passes its what-if targets: the roadmap is the one the screen shows."""
    from omni.export.pdf_report import report_data

    dim = demo.framework.dimensions[0]
    data = report_data(demo, "nl", target_overrides={dim.id: 5.0})
    item = next(i for i in data["roadmap"] if i["title"].endswith(dim.name("nl")))
    assert f"{t('col.target', 'nl')} 5,00" in item["scores"]
    plan = build_roadmap(demo, {dim.id: 5.0})
    assert [i["title"] for i in data["roadmap"]] == [
        f"{t(f'roadmap.phase.{i.phase}', 'nl')}: {demo.framework.dimension(i.dimension).name('nl')}" for i in plan.items]


def test_the_method_section_says_why_a_question_weighs_less(built, demo):
    """ACT-8 counts half in the default framework: the report's method says so and why, as the method
    page and the deck's method slide do (Framework.weight_notes)."""
    lang, _data, text = built
    notes = demo.framework.weight_notes(lang)
    assert notes and all(note.startswith("ACT-8 ") for note in notes)
    assert flat(notes[0]) in flat(text)
    assert ("×0,5" if lang == "nl" else "×0.5") in notes[0]


def test_the_roadmap_says_its_advice_is_one_step_per_dimension(built):
    lang, _data, text = built
    assert flat(t("roadmap.advice_scope", lang)) in flat(text)
