"""The `python -m omni` commands: in this process through omni.cli.main (tests/helpers.run_cli), and
once as a user runs them, in a separate process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT, run_cli
from openpyxl import load_workbook


def omni(*args: str, cwd=None):
    return run_cli(*args, cwd=cwd)


def test_python_dash_m_omni_runs_as_a_program_and_never_shows_a_traceback(tmp_path):
    """The real entry point, in its own interpreter: a good command, then bad input (exit 2, a message)."""
    out = tmp_path / "survey.xlsx"
    done = subprocess.run([sys.executable, "-m", "omni", "template", "--lang", "en", "-o", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and out.exists(), done.stderr
    bad = tmp_path / "bad.xlsx"
    bad.write_text("this is not a workbook")
    done = subprocess.run([sys.executable, "-m", "omni", "score", str(bad), "--lang", "en"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "bad.xlsx" in done.stderr and "Traceback" not in done.stderr


def test_template_command_writes_a_workbook(tmp_path):
    out = tmp_path / "survey.xlsx"
    result = omni("template", "--lang", "en", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).sheetnames[:3] == ["Instructions", "Respondent", "Answers"]
    seven = tmp_path / "seven.xlsx"
    assert omni("template", "--lang", "nl", "--framework", "seven-step-experience", "-o", str(seven)).returncode == 0


def test_demo_survey_then_score_json(tmp_path):
    out = tmp_path / "demo.xlsx"
    assert omni("demo-survey", "-o", str(out), "--respondents", "8", "--seed", "3").returncode == 0
    result = omni("score", str(out), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["framework"]["id"] == "omnichannel-maturity"
    assert data["organisation"] == "Huis & Haard Wonen"
    assert data["respondents"] == 8
    assert set(data["overall"]) >= {"current", "target", "gap", "level"}
    assert [d["id"] for d in data["dimensions"]] == ["vision", "organisation", "audiences", "activation", "martech"]
    for d in data["dimensions"]:
        assert set(d) >= {"id", "name", "current", "target", "gap", "level", "spread", "n"}
        assert 1 <= d["current"] <= 5 and d["gap"] == pytest.approx(d["target"] - d["current"], abs=1e-3)
    assert isinstance(data["problems"], list)


def test_score_prints_a_readable_table(tmp_path):
    folder = tmp_path / "team"
    assert omni("demo-survey", "--per-respondent", "-o", str(folder), "--respondents", "3", "--lang", "en").returncode == 0
    files = sorted(str(p) for p in folder.glob("*.xlsx"))
    result = omni("score", *files, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Vision and support" in result.stdout and "Overall" in result.stdout
    assert "Respondents: 3" in result.stdout


def test_bad_input_exits_2_with_problems_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("this is not a workbook")
    result = omni("score", str(bad), "--lang", "en")
    assert result.returncode == 2
    assert "bad.xlsx" in result.stderr and "cannot be read as an Excel workbook" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout

    missing = omni("score", str(tmp_path / "nope.xlsx"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr

    blank = tmp_path / "blank.xlsx"
    omni("template", "-o", str(blank))
    result = omni("score", str(blank), "--json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["problems"][0]["message_en"] == "no question has been answered"


def test_a_fault_of_ours_is_one_line_and_exit_1_and_the_trace_only_when_asked(monkeypatch):
    """A bug in a command (here one that divides by zero, put in place of the parser's commands) is one
    line naming what to do, exit status 1 - never a stack trace; OMNI_DEBUG=1 shows the trace."""
    import argparse

    import omni.cli

    def broken(_args):
        return 1 / 0

    def parser():
        found = argparse.ArgumentParser(prog="python -m omni")
        found.add_subparsers(dest="command", required=True).add_parser("score").set_defaults(func=broken)
        return found

    monkeypatch.setattr(omni.cli, "build_parser", parser)
    result = run_cli("score", env={"OMNI_DEBUG": None})
    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "ZeroDivisionError" in result.stderr and "OMNI_DEBUG=1" in result.stderr
    with pytest.raises(ZeroDivisionError):
        run_cli("score", env={"OMNI_DEBUG": "1"})


def test_unknown_framework_is_a_message(tmp_path):
    result = omni("template", "--framework", "nope", "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode == 2
    assert "unknown framework 'nope'" in result.stderr and "Traceback" not in result.stderr
