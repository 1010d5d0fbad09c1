"""Every chart's text alternative says its numbers, in the reader's language (omni.chart_text)."""

from __future__ import annotations

import pytest

from omni import charts
from omni import format as fmt
from omni.chart_text import DESCRIBERS, chart_text
from omni.export.images import chart_catalogue


@pytest.fixture(scope="module")
def demo():
    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.scoring import score
    from omni.survey.reader import survey_from_answers

    framework = get_framework()
    return score(survey_from_answers(framework, demo_respondents(framework, n=12, seed=3), source="test"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_radar_text_names_every_dimension_with_its_scores(demo, lang):
    text = chart_text(charts.radar_chart, demo, lang)
    rows = demo.dimension_scores.set_index("dimension")
    for dim in demo.framework.dimensions:
        assert dim.name(lang) in text
        assert fmt.number(rows.loc[dim.id, "current"], lang, 2) in text
        assert fmt.number(rows.loc[dim.id, "target"], lang, 2) in text
    assert ("nu" if lang == "nl" else "current") in text


def test_every_catalogue_chart_has_a_text_with_numbers_and_no_missing_values(demo):
    for key, (title, build) in chart_catalogue(demo, "nl").items():
        text = chart_text(build.func, *build.args, **build.keywords)
        assert text.startswith(title), key
        assert any(ch.isdigit() for ch in text), key
        for bad in ("nan", "None", "null", "–"):
            assert bad not in text.split(), (key, text)


def test_the_answers_text_counts_every_answer(demo):
    dim = demo.framework.dimensions[0]
    text = chart_text(charts.question_distribution, demo, dim.id, "nl")
    answers = demo.survey.answers
    first = dim.questions[0]
    mine = answers.loc[answers["question"] == first.id]
    for level in range(1, 6):
        count = int((mine["current"] == level).sum())
        if count:
            assert f"{count} × antwoord {level}" in text.split(";")[0]


def test_the_ladder_text_gives_level_names_and_thresholds(demo):
    text = chart_text(charts.level_ladder, demo, "nl")
    level = int(demo.overall.current)
    assert f"niveau {level} · {demo.framework.level(level).name('nl')}" in text
    assert "niveau 3 vanaf 3,00" in text


def test_every_builder_has_a_describer():
    builders = {getattr(charts, name) for name in dir(charts)
                if callable(getattr(charts, name)) and getattr(getattr(charts, name), "__module__", "") == charts.__name__
                and not name.startswith("_") and name not in {"radar_data"}}
    assert builders <= set(DESCRIBERS), sorted(b.__name__ for b in builders - set(DESCRIBERS))


def test_peer_and_history_texts_carry_their_numbers(tmp_path, demo):
    """The Benchmark and History pages' charts, on real peer data and saved waves."""
    from omni.benchmark import default_group, first_sufficient
    from omni.history import compare_waves, organisation_history
    from omni.peers import ensure_demo_peers
    from omni.store import open_store
    from omni.store.assessments import save_assessment

    engine = open_store(f"sqlite:///{tmp_path / 'text.sqlite3'}")
    try:
        ensure_demo_peers(engine)
        asked, broader = first_sufficient(engine, demo, default_group(demo))
        bench = broader or asked
        save_assessment(engine, demo, wave="2025")
        save_assessment(engine, demo, wave="2026")
        history = organisation_history(engine, demo.organisation)
        comparison = compare_waves(engine, history, history.waves[0].id, history.waves[1].id)
    finally:
        engine.dispose()
    fw = demo.framework
    overall = bench.rows.set_index("dimension")
    peers = chart_text(charts.peer_distribution, demo, bench.rows, "nl", n=bench.organisations)
    first = fw.dimensions[0]
    assert f"{first.name('nl')}: eigen score {fmt.number(overall.loc[first.id, 'score'], 'nl', 2)}" in peers
    assert fmt.number(overall.loc[first.id, "median"], "nl", 2) in peers
    radar = chart_text(charts.radar_chart, demo, "en", peers=bench.dimensions)
    assert "peer median" in radar
    trend = chart_text(charts.history_trend, history.scores, fw, "nl")
    assert "2025 nu" in trend and "2026 nu" in trend and first.name("nl") in trend
    changes = chart_text(charts.wave_changes, comparison.dimensions, fw, "en")
    assert "from" in changes and "+0.00" in changes  # the same assessment twice: no change
