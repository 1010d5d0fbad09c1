"""Charts written as plain Vega-Lite (omni.vegalite) are the specs Altair would write: the same config,
size rule, datasets and names, so screen and export do not change with the library that wrote them,
and an invalid spec fails the schema check as an Altair chart's would."""

from __future__ import annotations

import altair as alt
import jsonschema
import pandas as pd
import pytest

from omni import charts
from omni import vegalite as vl


def test_a_layered_chart_is_the_spec_altair_writes():
    rows = pd.DataFrame({"x": [1.0, 2.5, None], "y": [3, 4, 5], "label": ["a", "b", "é"]})
    ours = vl.chart(
        layer=[{"data": vl.values(rows), "mark": {"type": "line", "strokeWidth": 2},
                "encoding": {"x": vl.field("x:Q", scale={"domain": [0, 5]}), "y": vl.field("y:Q", title=None)}},
               {"data": vl.values(rows.head(1)), "mark": {"type": "text"},
                "encoding": {"x": vl.field("x:Q"), "y": vl.field("y:Q"), "x2": vl.field("y"),
                             "text": vl.field("label:N")}}],
        width=300, height={"step": 20}, title="T")
    altair = alt.layer(
        alt.Chart(charts._data(rows)).mark_line(strokeWidth=2).encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[0, 5])), y=alt.Y("y:Q", title=None)),
        alt.Chart(charts._data(rows.head(1))).mark_text().encode(
            x="x:Q", y="y:Q", x2=alt.X2("y:Q"), text=alt.Text("label:N")),
        autosize=vl.AUTOSIZE, config=vl.CONFIG, width=300, height=alt.Step(20), title="T").to_dict()
    for view in ("continuousWidth", "continuousHeight"):  # Altair's theme; every chart of ours has a size
        altair["config"]["view"].pop(view)
    assert ours.to_dict() == altair
    assert list(altair["datasets"]) == list(ours.to_dict()["datasets"])  # the same names, in order


def test_a_single_view_chart_keeps_its_data_at_the_top():
    spec = vl.chart(data=[{"a": 1}], mark={"type": "bar"}, encoding={"x": vl.field("a:Q")}).to_dict()
    (name,) = spec["datasets"]
    assert spec["data"] == {"name": name} and spec["datasets"][name] == [{"a": 1}]
    assert spec["$schema"] == alt.SCHEMA_URL  # the schema of the Altair we pin, whose checker we use


def test_an_invalid_spec_fails_the_schema_check_and_callers_get_copies():
    chart = vl.chart(data=[{"a": 1}], mark={"type": "bar"}, encoding={"x": vl.field("a:Q", stack="sideways")})
    with pytest.raises(jsonschema.ValidationError):
        chart.to_dict()
    copy = chart.to_dict(validate=False)
    copy["config"]["background"] = "black"
    assert chart.to_dict(validate=False)["config"]["background"] == "white" == vl.CONFIG["background"]
    assert '"type": "bar"' in chart.to_json(validate=False)


def test_shorthand_types():
    assert vl.field("n:N") == {"field": "n", "type": "nominal"}
    assert vl.field("o:O", sort="ascending") == {"field": "o", "type": "ordinal", "sort": "ascending"}
    assert vl.field("x2") == {"field": "x2"}
