"""The parser worker stays small: it never imports pandas (about 100 MB more in every worker
process, issue 16), also not while it parses a workbook, a Forms export or a CSV file."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.template import write_workbook

PARSE_WITHOUT_PANDAS = """
import sys
from pathlib import Path
from omni.survey.isolation import serve  # what `python -m omni.survey.worker` imports
from omni.survey.limits import IntakeLimits
from omni.survey.parse import ParseRequest, parse_file
from omni.framework import builtin_frameworks
frameworks = tuple(builtin_frameworks().values())
for path in sys.argv[1:]:
    kind = Path(path).suffix.lstrip(".")
    raw = parse_file(ParseRequest(Path(path).name, Path(path).read_bytes(), kind, frameworks, False, False,
                                  IntakeLimits()))
    assert raw.respondent_count == 3 and raw.blocks, (path, raw.problems)
    assert raw.importance_blocks or kind == "csv", path
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pandas", "pyarrow"))
assert not loaded, loaded
print("ok")
"""


def test_the_parser_worker_never_imports_pandas(tmp_path):
    framework = get_framework()
    people = demo_respondents(framework, n=3, seed=5, lang="en")
    book = tmp_path / "team.xlsx"
    write_workbook(book, framework, "en", "respondents", people)
    header = ["Timestamp", "Email address"] + [f"{q.id} {f}" for q in framework.questions for f in ("current", "target")]
    lines = [header] + [[f"2026/10/12 10:0{i}:00 AM GMT+2", f"p{i}@example.org"] + ["3", "n/a"] * len(framework.questions)
                        for i in range(3)]
    csv = tmp_path / "team.csv"
    csv.write_text("\n".join(",".join(f'"{v}"' for v in line) for line in lines), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PARSE_WITHOUT_PANDAS, str(book), str(csv)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
