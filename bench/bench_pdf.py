"""Benchmark: PDF management report build time (omni.export.pdf_report), goal under 3 s for the demo.

Prints, per organisation and language: seconds to build the PDF without and with the benchmark and
trend tables (a temporary SQLite store with the demo peers and three saved waves, as in
bench_export.py), the median of RUNS runs after one warm-up (and the best run), and
the ratio to the goal.

    .venv/bin/python bench/bench_pdf.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_export import stored_extras, timed  # noqa: E402

from omni.demo import demo_respondents  # noqa: E402
from omni.export.pdf_report import build_pdf  # noqa: E402
from omni.framework import get_framework  # noqa: E402
from omni.peers import ensure_demo_peers  # noqa: E402
from omni.scoring import score  # noqa: E402
from omni.store import open_store  # noqa: E402
from omni.survey import read_survey  # noqa: E402
from omni.survey.reader import survey_from_answers  # noqa: E402

GOAL = 3.0



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
            for lang in ("nl", "en"):
                for what, kwargs in ((f"pdf report ({lang})", {}),
                                     (f"pdf report ({lang}, + bench, trend)", {"benchmark": bench, "history": history})):
                    seconds, best = timed(lambda a=assessment, lang=lang, kw=kwargs: build_pdf(a, lang, **kw))
                    print(f"{name:<20}{what:<34}{seconds:>9.3f}{best:>8.3f}{GOAL:>7.1f}{seconds / GOAL:>7.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
