"""The chart spec cache behind every chart on screen (omni.ui.chart_specs): the same spec the builder
gives, valid Vega-Lite, built once per assessment and arguments, never mixed between assessments."""

from __future__ import annotations

import pytest

from omni import charts
from omni.export.images import chart_catalogue
from omni.ui import chart_specs
from omni.ui.chart_specs import chart_spec


def test_every_catalogue_chart_is_valid_and_cached(demo):
    for _key, (_title, build) in chart_catalogue(demo, "nl").items():
        spec = chart_spec(build.func, *build.args, **build.keywords)
        assert spec == build().to_dict()  # to_dict() checks the Vega-Lite schema, as the page does not


def test_built_once_and_a_fresh_copy_each_time(demo):
    calls = []

    def counting(assessment, lang, size=300):
        calls.append(size)
        return charts.radar_chart(assessment, lang, size)

    first = chart_spec(counting, demo, "en", size=300)
    first["title"] = "changed by a caller"
    second = chart_spec(counting, demo, "en", size=300)
    assert calls == [300] and second["title"] != "changed by a caller"
    chart_spec(counting, demo, "en", size=320)
    chart_spec(counting, demo, "nl", size=300)
    assert calls == [300, 320, 300]


def test_assessments_never_share_a_spec(demo, make_assessment):
    other = make_assessment(seed=7)
    mine, theirs = chart_spec(charts.radar_chart, demo, "en"), chart_spec(charts.radar_chart, other, "en")
    assert mine == charts.radar_chart(demo, "en").to_dict(validate=False)
    assert theirs == charts.radar_chart(other, "en").to_dict(validate=False)
    assert mine["datasets"] != theirs["datasets"]


def test_bounded(demo, monkeypatch):
    monkeypatch.setattr(chart_specs, "MAX_SPECS", 3)
    for width in range(400, 410):
        chart_spec(charts.dimension_bars, demo, "en", width=width)
    assert chart_specs.cached_specs() <= 3


def test_unknown_arguments_are_built_not_cached(demo):
    before = chart_specs.cached_specs()
    spec = chart_spec(lambda a, extra: charts.dimension_bars(a, "en"), demo, object())
    assert spec["mark"]["type"] == "bar" and chart_specs.cached_specs() == before


@pytest.fixture(scope="module")
def demo(make_assessment):
    return make_assessment(seed=3)


@pytest.fixture(scope="module")
def make_assessment():
    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.scoring import score
    from omni.survey.reader import survey_from_answers

    def make(seed: int):
        framework = get_framework()
        return score(survey_from_answers(framework, demo_respondents(framework, n=12, seed=seed, lang="en"),
                                        source="test"))
    return make


def test_peer_and_history_charts_are_valid(tmp_path, demo):
    """The Benchmark and History pages' charts, on real peer data and saved waves, through the cache."""
    from omni.benchmark import default_group, first_sufficient
    from omni.history import compare_waves, organisation_history
    from omni.peers import ensure_demo_peers
    from omni.store import open_store
    from omni.store.assessments import save_assessment

    engine = open_store(f"sqlite:///{tmp_path / 'charts.sqlite3'}")
    ensure_demo_peers(engine)
    asked, broader = first_sufficient(engine, demo, default_group(demo))
    bench = broader or asked
    assert bench.sufficient
    save_assessment(engine, demo, wave="2025")
    save_assessment(engine, demo, wave="2026")
    history = organisation_history(engine, demo.organisation)
    comparison = compare_waves(engine, history, history.waves[0].id, history.waves[1].id)
    fw = demo.framework
    for builder, args, kwargs in (
        (charts.radar_chart, (demo, "nl"), {"peers": bench.dimensions}),
        (charts.peer_distribution, (demo, bench.rows, "en"), {"n": bench.organisations}),
        (charts.history_trend, (history.scores, fw, "nl"), {}),
        (charts.wave_changes, (comparison.dimensions, fw, "en"), {}),
    ):
        assert chart_spec(builder, *args, **kwargs) == builder(*args, **kwargs).to_dict()
    engine.dispose()


def test_the_answers_chart_draws_only_the_dimensions_own_questions(demo):
    """The answers table's question column is categorical over the whole framework; a chart of one
    dimension must not carry the others as empty rows (Vega-Lite drew them as one row named "null")."""
    import re

    import vl_convert

    from omni.charts import question_distribution

    for dimension in demo.framework.dimensions:
        spec = question_distribution(demo, dimension.id, "nl").to_dict()
        rows = next(iter(spec["datasets"].values()))
        assert rows and {r["question"] for r in rows} <= {q.id for q in dimension.questions}
        svg = vl_convert.vegalite_to_svg(spec)
        assert "null" not in re.sub(r"<[^>]+>", " ", svg).split()


def test_the_text_alternative_is_worked_out_once_and_never_mixed(demo, make_assessment, monkeypatch):
    from omni import chart_text

    calls = []
    describe = chart_text.DESCRIBERS[charts.breakdown_heatmap]

    def counting(assessment, by, lang, *args, **kwargs):
        calls.append((by, lang))
        return describe(assessment, by, lang, *args, **kwargs)

    monkeypatch.setitem(chart_text.DESCRIBERS, charts.breakdown_heatmap, counting)
    first = chart_specs.chart_description(charts.breakdown_heatmap, demo, "role", "nl", min_group=1)
    again = chart_specs.chart_description(charts.breakdown_heatmap, demo, "role", "nl", min_group=1)
    assert first == again == describe(demo, "role", "nl", min_group=1) and calls == [("role", "nl")]
    other = make_assessment(seed=7)
    theirs = chart_specs.chart_description(charts.breakdown_heatmap, other, "role", "nl", min_group=1)
    assert theirs == describe(other, "role", "nl", min_group=1) and len(calls) == 2
    english = chart_specs.chart_description(charts.breakdown_heatmap, demo, "role", "en", min_group=1)
    assert english == describe(demo, "role", "en", min_group=1) and len(calls) == 3


def _table(arrow: bytes):
    import io

    import pyarrow as pa

    return pa.ipc.open_stream(io.BytesIO(arrow)).read_all()


def test_the_screen_spec_carries_the_rows_as_streamlit_would_convert_them(demo):
    """st.vega_lite_chart passes a dataset that is bytes straight through and converts rows with
    dataframe_util otherwise: the screen's bytes hold the same columns, types and values as that
    conversion, made once per chart."""
    from streamlit import dataframe_util

    full = chart_spec(charts.radar_chart, demo, "nl", size=340, fit=True)
    screen = chart_specs.screen_spec(charts.radar_chart, demo, "nl", size=340, fit=True)
    assert {k: v for k, v in screen.items() if k != "datasets"} == {k: v for k, v in full.items() if k != "datasets"}
    assert set(screen["datasets"]) == set(full["datasets"]) and full["datasets"]
    for name, rows in full["datasets"].items():
        ours, streamlits = _table(screen["datasets"][name]), _table(dataframe_util.convert_anything_to_arrow_bytes(rows))
        assert ours.schema.remove_metadata() == streamlits.schema.remove_metadata()
        assert ours.to_pylist() == streamlits.to_pylist() == rows


@pytest.mark.parametrize("builder", [charts.breakdown_heatmap, charts.question_distribution, charts.level_ladder])
def test_every_dataset_keeps_its_types_and_values(demo, builder):
    from streamlit import dataframe_util

    args = {charts.breakdown_heatmap: ("role", "nl"), charts.level_ladder: ("en",),
            charts.question_distribution: (demo.framework.dimensions[0].id, "nl")}[builder]
    for rows in chart_spec(builder, demo, *args)["datasets"].values():
        ours, streamlits = _table(chart_specs.dataset_arrow(rows)), _table(dataframe_util.convert_anything_to_arrow_bytes(rows))
        assert ours.schema.remove_metadata() == streamlits.schema.remove_metadata()
        assert ours.to_pylist() == streamlits.to_pylist()


@pytest.mark.parametrize("rows", [[{}], [], [{"x": 1, "label": "a"}, {"x": "twee", "label": None}],
                                  [{"x": 1.5}, {"y": "b"}, {"x": None, "y": None}],
                                  [{"x": float("nan"), "n": 1}, {"x": 2.5, "n": None}, {"x": None, "n": 3}],
                                  [{"ok": True, "n": 2}, {"ok": None, "n": 4}]])
def test_rows_pyarrow_cannot_type_take_streamlits_own_way(rows):
    """The one-empty-row dataset (a layer drawn once) keeps its row; mixed columns are Streamlit's to
    convert; rows with different keys get every column, missing values null; NaN is missing and whole
    numbers with a gap are floats, as pandas makes them."""
    from streamlit import dataframe_util

    ours, streamlits = _table(chart_specs.dataset_arrow(rows)), _table(dataframe_util.convert_anything_to_arrow_bytes(rows))
    assert ours.num_rows == streamlits.num_rows == len(rows)
    assert ours.column_names == streamlits.column_names
    assert ours.to_pylist() == streamlits.to_pylist()
    if rows and rows[0]:
        assert [field.type for field in ours.schema] == [field.type for field in streamlits.schema]


def test_the_rows_are_converted_once_and_callers_get_their_own_spec(demo, monkeypatch):
    from streamlit import dataframe_util

    conversions = []
    convert = dataframe_util.convert_anything_to_arrow_bytes
    monkeypatch.setattr(dataframe_util, "convert_anything_to_arrow_bytes",
                        lambda data: conversions.append(1) or convert(data))
    first = chart_specs.screen_spec(charts.level_ladder, demo, "en", width=431)
    first["title"] = "changed by a caller"
    first["datasets"].clear()
    converted = len(conversions)
    second = chart_specs.screen_spec(charts.level_ladder, demo, "en", width=431)
    assert converted >= 1 and len(conversions) == converted  # the second page run converts nothing
    assert second.get("title") != "changed by a caller" and second["datasets"]
    assert chart_spec(charts.level_ladder, demo, "en", width=431)["datasets"]  # the full spec keeps its rows
