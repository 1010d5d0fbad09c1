"""Benchmark script (not a test): how fast is one organisation's peer benchmark against many stored peers?

For SQLite (a file) and PostgreSQL (a private server started by omni.store.testing) and 1,000 /
100,000 / 1,000,000 stored peer entries, the time of `omni.benchmark.run_benchmark` - fetch the
group's scores, percentile ranks, median and P25-P75 for 5 dimensions and overall - for:

- all peers: every organisation, all years (the whole table);
- own group: same sector, size band and channel model, the last 3 years (the default group).

About 10% of the organisations have two yearly entries, so "each organisation once" is exercised.
Median of 7 runs after one warm-up. Usage:

    .venv/bin/python bench/bench_benchmark.py [--sizes 1000,100000,1000000] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from omni.attributes import CHANNEL_MODELS, SECTORS, SIZE_BANDS  # noqa: E402
from omni.benchmark import default_group, group_for, run_benchmark  # noqa: E402
from omni.framework import get_framework  # noqa: E402
from omni.scoring import score  # noqa: E402
from omni.store import open_store  # noqa: E402
from omni.store.engine import writing  # noqa: E402
from omni.store.peer_entries import OVERALL, encode_scores, refresh_superseded  # noqa: E402
from omni.store.schema import APPROVED, peer_entries  # noqa: E402
from omni.store.testing import shared_postgres  # noqa: E402
from omni.survey.reader import read_survey  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BATCH = 20_000


def fill(engine, n: int, framework, seed: int = 1) -> float:
    """Store `n` synthetic peer entries; returns the seconds it took."""
    rng = np.random.default_rng(seed)
    dims = [d.id for d in framework.dimensions]
    layout = ",".join([*dims, OVERALL])
    sectors = np.array([c.code for c in SECTORS])
    sizes = np.array([c.code for c in SIZE_BANDS])
    channels = np.array([c.code for c in CHANNEL_MODELS])
    started = time.perf_counter()
    organisations = int(n / 1.1)
    with writing(engine) as connection:
        for start in range(0, n, BATCH):
            count = min(BATCH, n - start)
            index = np.arange(start, start + count)
            # entries beyond `organisations` are a second wave of an earlier organisation
            org = np.where(index < organisations, index, index - organisations)
            years = np.where(index < organisations, rng.integers(2022, 2026, count), 2026)
            scores = np.clip(rng.normal(2.8, 0.6, (count, len(dims))), 1, 5).round(2)
            overall = scores.mean(axis=1)
            rows = [{"org_key": f"bench-{o:08d}", "peer_set": "bench", "framework_id": framework.id,
                     "sector": sectors[o % len(sectors)], "size_band": sizes[(o // 9) % len(sizes)],
                     "channel_model": channels[(o // 36) % len(channels)], "country": "NL", "year": int(y),
                     "status": APPROVED, "synthetic": True, "dimensions": layout,
                     "scores": encode_scores([*s, m]), "created_at": _now()}
                    for o, y, s, m in zip(org, years, scores.tolist(), overall.tolist())]
            connection.execute(peer_entries.insert(), rows)
        refresh_superseded(connection, [f"bench-{o:08d}" for o in range(n - organisations)])
    return time.perf_counter() - started


def _now():
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def timed(function, runs: int = 7) -> float:
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    framework = get_framework()
    survey = read_survey([ROOT / "data/samples/demo-survey-en.xlsx"])
    assessment = score(survey)
    own = default_group(assessment)
    everyone = group_for(assessment, years="all")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for backend in args.backends.split(","):
            for n in (int(s) for s in args.sizes.split(",")):
                url = (f"sqlite:///{folder}/bench-{n}.sqlite3" if backend == "sqlite"
                       else shared_postgres().url("bench"))
                engine = open_store(url)
                seconds = fill(engine, n, framework)
                if backend == "postgresql":  # steady state: planner statistics ...
                    with engine.connect() as connection:
                        connection.exec_driver_sql("ANALYZE peer_entries")
                        connection.commit()
                else:  # ... and the write-ahead log folded into the database file (outside a transaction)
                    raw = engine.raw_connection()
                    raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    raw.close()
                all_bench = run_benchmark(engine, assessment, everyone)
                own_bench = run_benchmark(engine, assessment, own)
                all_ms = timed(lambda engine=engine: run_benchmark(engine, assessment, everyone))
                own_ms = timed(lambda engine=engine: run_benchmark(engine, assessment, own))
                rows.append((backend, n, seconds, all_bench.organisations, all_ms, own_bench.organisations, own_ms))
                print(f"{backend:<10} {n:>9,} stored in {seconds:6.1f} s | all: n={all_bench.organisations:,} "
                      f"{all_ms:7.1f} ms | own group: n={own_bench.organisations:,} {own_ms:6.1f} ms", flush=True)
                engine.dispose()
    print()
    print("| database | peer entries stored | all peers: n | all peers: ms | own group: n | own group: ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for backend, n, _seconds, all_n, all_ms, own_n, own_ms in rows:
        print(f"| {'SQLite' if backend == 'sqlite' else 'PostgreSQL'} | {n:,} | {all_n:,} | {all_ms:.1f} | "
              f"{own_n:,} | {own_ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
