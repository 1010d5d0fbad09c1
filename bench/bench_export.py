"""Benchmark: board deck build time and chart export time, demo and 1,000-respondent organisation.

Prints, per organisation: seconds to build the deck (editable charts, with chart images, and with
the benchmark and trend slides), to build the Excel report (without and with the Benchmark and
History sheets), and per chart image (PNG at 2x, SVG, PDF), each the median of RUNS runs after one
warm-up (and the best run), and the ratio to the goals (deck < 3 s, chart image < 0.5 s). The
benchmark and the three saved waves come from a temporary SQLite store with the demo peer set.

    .venv/bin/python bench/bench_export.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from omni.benchmark import default_group, first_sufficient  # noqa: E402
from omni.charts import radar_chart  # noqa: E402
from omni.demo import demo_respondents  # noqa: E402
from omni.export.deck import DeckOptions, build_deck  # noqa: E402
from omni.export.extras import usable_benchmark  # noqa: E402
from omni.export.images import chart_image  # noqa: E402
from omni.export.report import build_report  # noqa: E402
from omni.framework import get_framework  # noqa: E402
from omni.history import organisation_history  # noqa: E402
from omni.peers import ensure_demo_peers  # noqa: E402
from omni.scoring import score  # noqa: E402
from omni.store import open_store  # noqa: E402
from omni.store.assessments import save_assessment  # noqa: E402
from omni.survey import read_survey  # noqa: E402
from omni.survey.reader import survey_from_answers  # noqa: E402

RUNS = 5
DECK_GOAL, CHART_GOAL = 3.0, 0.5


def timed(fn) -> tuple[float, float]:
    """Median and best of RUNS runs after one warm-up."""
    fn()  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def stored_extras(engine, framework, assessment, name: str):
    """The benchmark and a history of three saved waves, fetched as the Export page and the CLI do."""
    for year, seed in ((2024, 3), (2025, 4)):
        people = demo_respondents(framework, n=max(5, assessment.respondent_count // 2), seed=seed)
        for person in people:
            person.facts = {**person.facts, "organisation": name}
        save_assessment(engine, score(survey_from_answers(framework, people)), wave=str(year),
                        wave_date=dt.date(year, 3, 1))
    save_assessment(engine, assessment, organisation=name, wave="2026", wave_date=dt.date(2026, 3, 1))
    bench = usable_benchmark(*first_sufficient(engine, assessment, default_group(assessment)))
    return bench, organisation_history(engine, name)


def main() -> None:
    framework = get_framework()
    organisations = {
        "demo (10)": score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"])),
        "1,000 respondents": score(survey_from_answers(framework, demo_respondents(framework, n=1000, seed=5))),
    }
    print(f"{'organisation':<20}{'what':<34}{'seconds':>9}{'best':>8}{'goal':>7}{'ratio':>7}")
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        ensure_demo_peers(engine)
        for index, (name, assessment) in enumerate(organisations.items()):
            bench, history = stored_extras(engine, framework, assessment, f"Bench organisation {index}")
            assert bench is not None and len(history.waves) == 3
            rows = [
                ("deck (native charts)", timed(lambda a=assessment: build_deck(a, "nl")), DECK_GOAL),
                ("deck (chart images)",
                 timed(lambda a=assessment: build_deck(a, "nl", DeckOptions(charts_as_images=True))), DECK_GOAL),
                ("deck (+ benchmark, trend)",
                 timed(lambda a=assessment, b=bench, h=history: build_deck(a, "nl", benchmark=b, history=h)),
                 DECK_GOAL),
                ("excel report", timed(lambda a=assessment: build_report(a, "nl")), None),  # no goal set
                ("excel report (+ benchmark, history)",
                 timed(lambda a=assessment, b=bench, h=history: build_report(a, "nl", benchmark=b, history=h)), None),
            ]
            chart = radar_chart(assessment, "nl")
            for fmt in ("png", "svg", "pdf"):
                rows.append((f"radar image ({fmt})", timed(lambda c=chart, fmt=fmt: chart_image(c, fmt)), CHART_GOAL))
            for what, (seconds, best), goal in rows:
                if goal is None:
                    print(f"{name:<20}{what:<34}{seconds:>9.3f}{best:>8.3f}{'–':>7}{'–':>7}")
                else:
                    print(f"{name:<20}{what:<34}{seconds:>9.3f}{best:>8.3f}{goal:>7.1f}{seconds / goal:>7.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
