"""CPU seconds per export kind (deck, Excel report, PDF report) of one survey, now and at an earlier commit.

What an export worker spends per download, measured in-process as CPU time (time.process_time), not
wall time, so other jobs on a shared machine change the figures little. With --before REV the same
builds run from a checkout of REV (`git archive`, into a temporary folder) and the two alternate
round by round in fresh processes (set up as an export worker is), so a change of machine load hits both alike; each round builds
every kind once to warm up, then --runs times. Prints medians (and the ratio after/before).

    .venv/bin/python bench/bench_export_cpu.py                        # this checkout only
    .venv/bin/python bench/bench_export_cpu.py --before main~3        # before/after
    .venv/bin/python bench/bench_export_cpu.py --kinds deck --rounds 5 --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("deck", "report", "pdf")

# Run in a fresh interpreter with the checkout to measure first on sys.path.
_CHILD = r"""
import json, sys, time
from pathlib import Path
root = Path(sys.argv[1]); sys.path.insert(0, str(root))
kinds, runs, survey = sys.argv[2].split(","), int(sys.argv[3]), Path(sys.argv[4])
from omni.scoring import score
from omni.survey import read_survey
from omni.export.deck import build_deck
from omni.export.report import build_report
from omni.export.pdf_report import build_pdf
try:  # set up as an export worker is (the function moved in 660abc6; --before may be older)
    from omni.export.shared import warm_builders
except ImportError:
    from omni.export.offload import _warm as warm_builders
warm_builders()
assessment = score(read_survey([survey]))
build = {"deck": lambda: build_deck(assessment, "nl"), "report": lambda: build_report(assessment, "nl"),
         "pdf": lambda: build_pdf(assessment, "nl")}
for kind in kinds:
    build[kind]()  # warm-up: imports, caches, fonts
import gc
gc.collect()
gc.freeze()  # as an export worker settles after its first job (omni.heap), whatever the revision
seconds = {kind: [] for kind in kinds}
for _ in range(runs):
    for kind in kinds:
        start = time.process_time()
        build[kind]()
        seconds[kind].append(time.process_time() - start)
print(json.dumps(seconds))
"""


def measure(root: Path, kinds: list[str], runs: int, survey: Path) -> dict[str, list[float]]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(root), ",".join(kinds), str(runs), str(survey)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def checkout(rev: str, folder: Path) -> Path:
    archive = folder / "before.tar"
    with archive.open("wb") as handle:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, stdout=handle)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "before", filter="data")
    return folder / "before"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="a git revision to compare with (e.g. main)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per checkout, alternating")
    parser.add_argument("--runs", type=int, default=5, help="measured builds per kind and round")
    parser.add_argument("--survey", default=str(ROOT / "data/samples/demo-survey-nl.xlsx"))
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if not kinds or any(k not in KINDS for k in kinds):
        parser.error(f"--kinds: some of {', '.join(KINDS)}")
    survey = Path(args.survey).resolve()
    with tempfile.TemporaryDirectory(prefix="omni-bench-cpu-") as folder:
        roots = {"after": ROOT}
        if args.before:
            roots = {"before": checkout(args.before, Path(folder)), "after": ROOT}
        seconds: dict[str, dict[str, list[float]]] = {name: {k: [] for k in kinds} for name in roots}
        for _ in range(args.rounds):
            for name, root in roots.items():
                for kind, values in measure(root, kinds, args.runs, survey).items():
                    seconds[name][kind].extend(values)
    print(f"CPU seconds per export of {survey.name} (lang nl), median of {args.rounds} x {args.runs} builds"
          + (f"; before = {args.before}" if args.before else ""))
    names = list(roots)
    print("| export | " + " | ".join(f"{n} CPU s" for n in names) + (" | after/before |" if args.before else " |"))
    print("|---|" + "---:|" * (len(names) + bool(args.before)))
    for kind in kinds:
        medians = {n: statistics.median(seconds[n][kind]) for n in names}
        cells = " | ".join(f"{medians[n]:.3f}" for n in names)
        ratio = f" | {medians['after'] / medians['before']:.2f} |" if args.before else " |"
        print(f"| {kind} | {cells}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
