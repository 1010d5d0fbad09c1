"""Helpers for tests: fill a template like a user would, find a question's row."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
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


@dataclasses.dataclass(frozen=True)
class CliRun:
    """What `python -m omni ...` printed and returned, as subprocess.CompletedProcess has it."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str | None] | None = None, cwd: Path | None = None) -> CliRun:
    """Run the CLI in this process (omni.cli.main) with its output captured: the same parser and
    handlers as `python -m omni`, without starting an interpreter. `env` entries are set (None: unset)
    for the run only; argparse's own exits (bad options, --help) come back as their exit status.
    tests/system/cli/test_cli.py keeps one real subprocess run of `python -m omni`."""
    from omni.cli import main

    out, err = io.StringIO(), io.StringIO()
    env = {"OMNI_DEBUG": "1", **(env or {})}  # a fault of ours raises in the test (set None to see the user's line)
    saved = {key: os.environ.get(key) for key in env}
    here = os.getcwd()
    try:
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        os.chdir(here)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return CliRun(code, out.getvalue(), err.getvalue())


# --- the app through AppTest, signed in as a user of a (test) OpenID Connect issuer ---------------

ISSUER = "https://idp.example.test"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "omni", "client_secret": "s", "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}


def app_as(page: str | None = None, user: dict | None = None, *, auth: bool = True, **state):
    """app.py in AppTest with sign-in configured (`auth`), signed in as `user` (claims such as sub,
    email, name; None: signed out), with `state` in the session, on `page`; no exception allowed."""
    import time

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if auth:
        at.secrets["auth"] = AUTH
    if user is not None:
        at.user = {"is_logged_in": True, "iss": ISSUER, "iat": int(time.time()), **user}
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
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


# --- a small framework with chosen weights, for scoring by hand -------------------------------------


def weighted_framework(folder: Path, framework_id: str, dimensions):
    """A framework written as YAML and loaded like a shipped one: `dimensions` is
    [(dimension id, weight, [(question id, weight), ...]), ...]; every text is its id."""
    import yaml

    from omni.framework import load_framework

    def text(s):
        return {"nl": s, "en": s}

    def question(qid, weight):
        return {"id": qid, "weight": weight, "topic": text(qid), "text": text(qid),
                "options": [text(f"{qid} level {i}") for i in range(1, 6)]}

    raw = {"id": framework_id, "version": "1", "name": text(framework_id.title()),
           "description": text(framework_id.title()), "source": text("tests"),
           "levels": [{"level": i, "name": text(f"L{i}"), "description": text(f"L{i}")} for i in range(1, 6)],
           "dimensions": [{"id": did, "weight": weight, "name": text(did), "description": text(did),
                           "advice": {lv: {"nl": ["stap"], "en": ["step"]} for lv in range(1, 6)},
                           "questions": [question(qid, w) for qid, w in questions]}
                          for did, weight, questions in dimensions]}
    path = folder / f"{framework_id}.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_framework(path)


# --- intake: a survey read against the demo respondents written into a file ------------------------

def _expected(people, framework):
    """question -> (current, target) per person, as the tidy table should hold them."""
    out = []
    for person in people:
        mine = {}
        for q in framework.questions:
            current, target, _ = person.answers.get(q.id, (None, None, ""))
            mine[q.id] = (current, target)
        out.append(mine)
    return out


def assert_answers(survey, framework, people) -> None:
    """`survey` holds `people` (demo respondents) in order, every answer as given: n/a and don't know
    out of the scores and told apart, a blank empty."""
    assert len(survey.respondents) == len(people)
    for rid, expected in zip(survey.respondents["respondent"], _expected(people, framework)):
        mine = survey.answers.loc[survey.answers["respondent"] == rid].set_index("question")
        for qid, (current, target) in expected.items():
            for field, value in (("current", current), ("target", target)):
                if value in ("na", "dk"):  # both out of the scores, don't know kept apart
                    assert mine.loc[qid, f"{field}_na"], (rid, qid, field)
                    assert mine.loc[qid, f"{field}_dk"] == (value == "dk"), (rid, qid, field)
                elif value is None:
                    assert mine.loc[qid, field] != mine.loc[qid, field], (rid, qid, field)
                else:
                    assert mine.loc[qid, field] == value, (rid, qid, field)
