"""Benchmark: board deck build time and chart export time, demo and 1,000-respondent organisation.

Prints, per organisation: seconds to build the deck (editable charts, and with chart images),
seconds per chart image (PNG at 2x, SVG, PDF), each the median of RUNS runs after one warm-up, and
the ratio to the goals (deck < 3 s, chart image < 0.5 s).

    .venv/bin/python bench/bench_export.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from omni.charts import radar_chart  # noqa: E402
from omni.demo import demo_respondents  # noqa: E402
from omni.export.deck import DeckOptions, build_deck  # noqa: E402
from omni.export.images import chart_image  # noqa: E402
from omni.export.report import build_report  # noqa: E402
from omni.framework import get_framework  # noqa: E402
from omni.scoring import score  # noqa: E402
from omni.survey import read_survey  # noqa: E402
from omni.survey.reader import survey_from_answers  # noqa: E402

RUNS = 5
DECK_GOAL, CHART_GOAL = 3.0, 0.5


def timed(fn) -> float:
    fn()  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    framework = get_framework()
    organisations = {
        "demo (10)": score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"])),
        "1,000 respondents": score(survey_from_answers(framework, demo_respondents(framework, n=1000, seed=5))),
    }
    print(f"{'organisation':<20}{'what':<22}{'seconds':>9}{'goal':>7}{'ratio':>7}")
    for name, assessment in organisations.items():
        rows = [
            ("deck (native charts)", timed(lambda a=assessment: build_deck(a, "nl")), DECK_GOAL),
            ("deck (chart images)", timed(lambda a=assessment: build_deck(a, "nl", DeckOptions(charts_as_images=True))),
             DECK_GOAL),
            ("excel report", timed(lambda a=assessment: build_report(a, "nl")), None),  # no goal set
        ]
        chart = radar_chart(assessment, "nl")
        for fmt in ("png", "svg", "pdf"):
            rows.append((f"radar image ({fmt})", timed(lambda c=chart, fmt=fmt: chart_image(c, fmt)), CHART_GOAL))
        for what, seconds, goal in rows:
            if goal is None:
                print(f"{name:<20}{what:<22}{seconds:>9.3f}{'–':>7}{'–':>7}")
            else:
                print(f"{name:<20}{what:<22}{seconds:>9.3f}{goal:>7.1f}{seconds / goal:>7.2f}")


if __name__ == "__main__":
    main()
