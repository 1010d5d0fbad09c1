"""Chart images rendered offline with vl-convert, from the same Vega-Lite specs the screen shows."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import vl_convert as vlc

from omni import charts
from omni.i18n import t
from omni.scoring import Assessment
from omni.vegalite import Chart

FORMATS = ("png", "svg", "pdf")
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
SLIDE_SCALE = 2.0  # at least twice the screen resolution, crisp on a projector


def chart_image(chart: Chart, fmt: str = "png", scale: float = SLIDE_SCALE) -> bytes:
    """The chart as PNG (scaled), SVG or PDF bytes.

    The spec is not checked against the Vega-Lite schema here (a third of a PDF report's CPU time):
    the tests validate every chart the exports draw (tests/test_charts_cache.py), as for the screen."""
    spec = chart.to_json(validate=False)
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=scale)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    if fmt == "pdf":
        return vlc.vegalite_to_pdf(spec)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def render_chart(build: Callable[[], Chart], fmt: str = "png") -> bytes:
    """`build()` as an image: one picklable job for the export worker (omni.export.offload)."""
    return chart_image(build(), fmt)


def chart_catalogue(assessment: Assessment, lang: str, *, min_group: int | None = None
                    ) -> dict[str, tuple[str, Callable[[], Chart]]]:
    """Every chart the dashboard shows, by file-name-safe key: its title in `lang` and a function that
    builds it (building all ten takes a few hundred milliseconds; a page needs one). The breakdowns
    show only groups of at least `min_group` respondents (None: the configuration)."""
    fw = assessment.framework
    catalogue = {
        "radar": (t("chart.radar_title", lang), partial(charts.radar_chart, assessment, lang)),
        "scores": (t("chart.bars_title", lang), partial(charts.dimension_bars, assessment, lang)),
        "ladder": (t("chart.ladder_title", lang), partial(charts.level_ladder, assessment, lang)),
        "by-role": (t("chart.by_role_title", lang), partial(charts.breakdown_heatmap, assessment, "role", lang,
                                                                    min_group=min_group)),
        "by-department": (t("chart.by_department_title", lang),
                          partial(charts.breakdown_heatmap, assessment, "department", lang,
                                  min_group=min_group)),
    }
    for dim in fw.dimensions:
        catalogue[f"answers-{dim.id}"] = (t("chart.distribution_title", lang, dimension=dim.name(lang)),
                                          partial(charts.question_distribution, assessment, dim.id, lang))
    return catalogue
