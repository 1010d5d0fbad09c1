"""Vega-Lite specs written as plain dicts, for the charts drawn on every page view.

Altair builds a chart as a tree of schema objects and copies that tree on every layer, property and
`to_dict`: 15-30 ms of a page's CPU per chart, a quarter of what a session costs the app (py-spy,
bench/profile_session.py), most of it before anything reaches the browser. The charts on the path
every user takes (radar, ladder, answer distribution, breakdown heatmap, peer distribution) are
written here as the dicts Altair would produce - the same keys, the same dataset names - in a
fraction of the time. `Spec` answers `to_dict` and `to_json` as an Altair chart does, so the screen
(omni.ui.chart_specs) and the exports (omni.export.images) take either, and `to_dict()` checks the
result against the same Vega-Lite schema Altair uses (the tests call it; a page view does not).
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import TYPE_CHECKING, Any, TypeAlias

import pandas as pd

from omni.palette import FONT_CSS, GRID_COLOUR, TEXT_COLOUR

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # the schema of the Altair we pin

# Shared by every chart, Altair-built or not (omni.charts, omni.unit_charts): one look on screen and in
# the exports. "pad" (Vega-Lite's own default) keeps the data rectangle at the size asked for and grows
# the chart around its labels; Streamlit would otherwise squeeze everything into the width ("fit").
AUTOSIZE = {"type": "pad", "contains": "padding"}
CONFIG = {
    "background": "white", "font": FONT_CSS, "view": {"stroke": None},
    "title": {"fontSize": 16, "anchor": "start", "color": TEXT_COLOUR, "offset": 12},
    "axis": {"labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR, "gridColor": GRID_COLOUR,
             "labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR, "labelFontSize": 12,
               "titleFontSize": 12, "orient": "bottom"},
}

if TYPE_CHECKING:
    import altair as alt

_TYPES = {"Q": "quantitative", "N": "nominal", "O": "ordinal", "T": "temporal"}


class Spec:
    """A finished Vega-Lite spec with the part of an Altair chart's interface the app uses."""

    __slots__ = ("_spec",)

    def __init__(self, spec: dict[str, Any]):
        self._spec = spec

    def to_dict(self, validate: bool = True) -> dict[str, Any]:
        """A copy of the spec the caller may change; checked against the Vega-Lite schema unless
        `validate` is False (as Altair's own to_dict)."""
        spec = copy.deepcopy(self._spec)
        if validate:
            validate_spec(spec)
        return spec

    def to_json(self, validate: bool = True, indent: int | None = 2, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(validate), indent=indent, **kwargs)


# What a chart builder returns: a Spec, or an Altair chart (the charts not on every session's path).
Chart: TypeAlias = "Spec | alt.TopLevelMixin"


def validate_spec(spec: dict[str, Any]) -> None:
    """Raise jsonschema's ValidationError when `spec` is not valid Vega-Lite (Altair's schema and checker)."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    validate_jsonschema(spec, schema, rootschema=schema)


def field(shorthand: str, **properties: Any) -> dict[str, Any]:
    """An encoding of a data field: "value:Q" gives {"field": "value", "type": "quantitative"}."""
    name, _, kind = shorthand.partition(":")
    return {"field": name, **({"type": _TYPES[kind]} if kind else {}), **properties}


def values(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as inline records: pandas writes the JSON values in one call (NaN as null)."""
    return json.loads(frame.to_json(orient="records", date_format="iso", double_precision=15))


def _dataset_name(rows: list[dict[str, Any]]) -> str:
    # Altair's name for the same rows (altair.vegalite.v6.api._dataset_name): the spec does not change
    # with the library that wrote it, and Streamlit keeps a chart whose spec did not change.
    if rows == [{}]:
        return "empty"
    return "data-" + hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:32]


def chart(*, data: list[dict[str, Any]] | None = None, layer: list[dict[str, Any]] | None = None,
          **properties: Any) -> Spec:
    """A finished chart: `properties` (mark and encoding, or title, width, height ...) with the shared
    config and autosize; the rows of `data` and of each layer's "data" become named datasets."""
    datasets: dict[str, list[dict[str, Any]]] = {}
    names: dict[int, str] = {}  # by the rows' identity: layers sharing one list are hashed once

    def named(rows: list[dict[str, Any]]) -> dict[str, str]:
        name = names.get(id(rows))
        if name is None:
            name = names[id(rows)] = _dataset_name(rows)
            datasets[name] = rows
        return {"name": name}

    spec: dict[str, Any] = {"$schema": SCHEMA_URL, "config": CONFIG, "autosize": AUTOSIZE, **properties}
    if data is not None:
        spec["data"] = named(data)
    if layer is not None:
        spec["layer"] = [{**part, "data": named(part["data"])} if "data" in part else part for part in layer]
    if datasets:
        spec["datasets"] = datasets
    return Spec(spec)
