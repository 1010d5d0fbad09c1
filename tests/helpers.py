"""Helpers for tests: fill a template like a user would, find a question's row."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from omni.store.testing import REQUIRE_TOOLS, require_tools
from omni.survey.model import FACT_FIELDS
from omni.template import ANSWERS_HEADER_ROW, FACTS_FIRST_ROW, write_workbook

ROOT = Path(__file__).resolve().parent.parent


def requires(available: bool, why: str) -> None:
    """The one way a test says it needs an outside program (PostgreSQL, Chromium, nginx, LibreOffice):
    skipped locally without it; with OMNI_REQUIRE_TOOLS=1 (CI) a failure, so CI skips nothing."""
    if available:
        return
    if require_tools():
        pytest.fail(f"{why} ({REQUIRE_TOOLS}=1: nothing may be skipped)")
    pytest.skip(why)


def fill_template(path: Path, framework, lang: str, answers: dict, facts: dict | None = None,
                  importance: dict | None = None) -> Path:
    """Open a blank template with openpyxl and type answers into the input cells, as a user would.

    `answers` maps question id -> (current, target[, comment]); values are written as given;
    `importance` maps dimension id -> the value typed in its importance row.
    """
    write_workbook(path, framework, lang)
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[2]]  # instructions, respondent, answers
    rows = {ws.cell(row=r, column=1).value: r for r in range(ANSWERS_HEADER_ROW + 1, ws.max_row + 1)}
    for qid, values in answers.items():
        row = rows[qid]
        for col, value in zip((5, 6, 7), values):
            ws.cell(row=row, column=col, value=value)
    for dimension, value in (importance or {}).items():
        ws.cell(row=rows[dimension], column=5, value=value)
    facts_ws = wb[wb.sheetnames[1]]
    for offset, name in enumerate(FACT_FIELDS):
        if facts and name in facts:
            facts_ws.cell(row=FACTS_FIRST_ROW + offset, column=2, value=facts[name])
    wb.save(path)
    return path


def answer_row(framework, qid: str) -> int:
    """The 1-based sheet row of a question on the answers sheet."""
    return ANSWERS_HEADER_ROW + 1 + [q.id for q in framework.questions].index(qid)


def shown(markdown: str) -> str:
    """What a reader sees of a markdown text: backslash escapes and invisible word joiners
    (omni.ui.markup.plain) removed."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


# --- the respondent's answer cards (a components-v2 element) in AppTest -------------------------


def answer_cards(at):
    """The answer cards on the screen: (element id, the data Python gave them)."""
    import json

    (element,) = [e for e in at.get("bidi_component") if "respond_cards_" in e.proto.id]
    return element.proto.id, json.loads(element.proto.json)


def tap_cards(at, current, target):
    """What a tap on the cards sends: the component's state {"answer": {...}}, then the run it causes.

    AppTest has no wrapper for components-v2 elements, so the state is added to the widget states of
    the next run, as the browser does."""
    import json

    from streamlit.proto.WidgetStates_pb2 import WidgetState

    element_id, _ = answer_cards(at)
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=element_id, json_value=json.dumps(
        {"answer": {"current": current, "target": target}})))
    return at._run(states)
