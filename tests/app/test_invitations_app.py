"""Invitations through the CLI (in-process) and the Rounds page (AppTest), with a real SMTP server on
loopback: `round invite ID --file team.xlsx`, `round remind ID`, the page's paste-and-send flow with
its background progress and per-invitee status, and a personal link on the respondent's page."""

from __future__ import annotations

import json
import time

import pytest
from helpers import ROOT, shown
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest
from test_invitations import _token, _xlsx, smtp  # noqa: F401 - the fixture

from omni.cli import main
from omni.store import open_store
from omni.store.engine import reading
from omni.store.invitations import list_invitees
from omni.store.rounds import open_round, submit
from omni.store.schema import round_invitees, survey_rounds


@pytest.fixture
def data_dir(tmp_path, monkeypatch, smtp):  # noqa: F811 - the fixture imported above
    _, config = smtp
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OMNI_PUBLIC_URL", "https://survey.example.org")
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    for name, value in (("HOST", config.host), ("PORT", str(config.port)), ("SECURITY", "none"),
                        ("FROM", config.sender)):
        monkeypatch.setenv(f"OMNI_SMTP_{name}", value)
    return tmp_path / "var"


def _engine(data_dir):
    return open_store(f"sqlite:///{data_dir / 'omni.sqlite3'}")


def test_cli_invites_from_an_excel_file_and_reminds_the_rest(data_dir, smtp, tmp_path, capsys):  # noqa: F811
    inbox, _ = smtp
    engine = _engine(data_dir)
    round_, _ = open_round(engine, "Web & Co", "2026")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_xlsx([["Name", "E-mail", "Role"], ["Anna", "anna@web", "Marketing"]]))
    assert main(["round", "invite", str(round_.id), "--file", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx, sheet Team, cell B2: 'anna@web' is not an e-mail address" in err and "Nobody was added" in err
    assert not list_invitees(engine, round_.id)

    team = tmp_path / "team.xlsx"
    team.write_bytes(_xlsx([["Naam", "E-mail", "Rol", "Taal"], ["Anna", "anna@web.test", "Marketing", "nl"],
                            ["Bob", "bob@web.test", "IT", "en"], ["Cor", "bounce@web.test", "HR", "nl"]]))
    assert main(["round", "invite", str(round_.id), "--file", str(team), "--json"]) == 2  # one address failed
    out = json.loads(capsys.readouterr().out)
    assert out["sent"] == 2 and out["failed"][0]["email"] == "bounce@web.test"
    assert sorted(m["X-Envelope-To"] for m in inbox.messages) == ["anna@web.test", "bob@web.test"]

    from omni.store.invitations import start_invited
    anna = _token(inbox.to("anna@web.test")[0])
    start_invited(engine, anna, language="nl", role="marketing", department="M")
    submit(engine, anna)
    inbox.messages.clear()
    assert main(["round", "remind", str(round_.id)]) == 0  # Bob; not the address the invitation never reached
    assert [m["X-Envelope-To"] for m in inbox.messages] == ["bob@web.test"]
    assert "Ronde 1: 1 van 1 e-mail verstuurd." in capsys.readouterr().out
    assert main(["round", "invitees", str(round_.id), "--json"]) == 0
    statuses = {r["email"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {"anna@web.test": "submitted", "bob@web.test": "invited", "bounce@web.test": "failed"}
    assert main(["round", "remind", str(round_.id), "--schedule", "7"]) == 2  # no closing date
    assert "sluitingsdatum" in capsys.readouterr().err
    assert main(["round", "remind", "--due"]) == 0
    assert main(["round", "delete", str(round_.id)]) == 2  # not without --yes
    assert "Bevestig eerst" in capsys.readouterr().err
    assert main(["round", "delete", str(round_.id), "--yes"]) == 0
    assert f"Ronde {round_.id} is verwijderd." in capsys.readouterr().out
    assert main(["round", "invitees", str(round_.id)]) == 2  # gone, with its invitees


def _wait(at: AppTest, engine, round_id: int, count: int) -> AppTest:
    runs = at.session_state["invite_runs"]
    deadline = time.monotonic() + 30
    while not runs[round_id].finished and time.monotonic() < deadline:
        time.sleep(0.05)
    assert runs[round_id].finished
    return at.run()


def test_manager_invites_by_pasting_a_list_and_follows_each_invitee(data_dir, smtp, framework):  # noqa: F811
    inbox, _ = smtp
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/rounds.py").run()
    at.text_input[0].set_value("Web & Co")
    at.text_input[1].set_value("2026")
    next(b for b in at.button if b.label == "Ronde openen").click().run()
    engine = _engine(data_dir)
    round_id = at.session_state["round_chosen"]

    paste = at.text_area(key="invite_paste")
    paste.set_value("Anna de Vries\tanna@web.test\tMarketing\nBob\tbob(at)web.test\tIT\n")
    next(b for b in at.button if b.label == "Uitnodigingen versturen").click().run()
    assert not at.exception
    error = shown(at.error[0].value)
    assert "Er is niemand toegevoegd" in error and "geplakte lijst, regel 2, kolom E-mail: 'bob(at)web.test'" in error
    assert not list_invitees(engine, round_id) and not inbox.messages

    at.text_area(key="invite_paste").set_value(
        "Naam;E-mail;Rol;Taal\nAnna de Vries;anna@web.test;Marketing;nl\nBob;bob@web.test;IT;en\n"
        "Carla;bounce@web.test;HR;nl\nDee;dee@web.test;;nl\n")
    next(b for b in at.button if b.label == "Uitnodigingen versturen").click().run()
    at = _wait(at, engine, round_id, 3)
    assert not at.exception
    assert any("3 van 4 e-mails verstuurd." in w.value for w in at.warning)
    assert any("bounce@web.test" in shown(m.value) and "550" in m.value for m in at.markdown)
    table = at.dataframe[-1].value
    assert dict(zip(table["E-mail"], table["Status"])) == {
        "anna@web.test": "uitgenodigd", "bob@web.test": "uitgenodigd", "bounce@web.test": "mail mislukt",
        "dee@web.test": "uitgenodigd"}
    assert len(inbox.messages) == 3

    # Anna opens her link on the respondent's page, starts and submits; the page shows her status
    anna = _token(inbox.to("anna@web.test")[0])
    respondent = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    respondent.query_params["invite"] = anna
    respondent.run()
    assert not respondent.exception and "Welkom, Anna de Vries" in shown(respondent.markdown[0].value)
    assert respondent.selectbox[0].value == "marketing"
    respondent.text_input[0].set_value("Online")
    next(b for b in respondent.button if b.label == "Beginnen").click().run()
    assert not respondent.exception and respondent.query_params["resume"] in (anna, [anna])
    submit(engine, anna)
    again = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    again.query_params["invite"] = anna
    again.run()
    assert again.success and again.success[0].value.startswith("Dank u wel")  # submitted: thanks, nothing else

    stop = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    stop.query_params["invite"] = _token(inbox.to("bob@web.test")[0])
    stop.query_params["stop"] = "1"
    stop.run()
    assert not stop.info and not list_invitees(engine, round_id)[1].unsubscribed  # a link scanner stops nobody
    next(b for b in stop.button if b.label == "No more reminders").click().run()  # Bob was invited in English
    assert "no more reminders" in stop.info[0].value

    at.run()
    table = at.dataframe[-1].value
    assert dict(zip(table["E-mail"], table["Status"]))["anna@web.test"] == "verstuurd"
    assert dict(zip(table["E-mail"], table["Geen herinneringen"]))["bob@web.test"] == "✓"
    remind = next(b for b in at.button if b.label.startswith("Herinnering sturen"))
    assert remind.label.endswith("(1)")  # only Dee: Anna submitted, Bob unsubscribed, Carla's mail never left
    inbox.messages.clear()
    remind.click().run()
    at = _wait(at, engine, round_id, 1)
    assert [m["X-Envelope-To"] for m in inbox.messages] == ["dee@web.test"]
    assert inbox.messages[0]["Subject"].startswith("Herinnering:")
    assert any("1 van 1 e-mail verstuurd." in s.value for s in at.success)
    table = at.dataframe[-1].value
    assert dict(zip(table["E-mail"], table["Herinneringen"]))["dee@web.test"] == 1

    # the manager removes Carla (her address goes) and stops Dee's reminders
    ids = {i.email: i.id for i in list_invitees(engine, round_id)}
    at.multiselect(key=f"invite_chosen_{round_id}").set_value([ids["dee@web.test"]]).run()
    next(b for b in at.button if b.label == "Geen herinneringen meer").click().run()
    at.multiselect(key=f"invite_chosen_{round_id}").set_value([ids["bounce@web.test"]]).run()
    next(b for b in at.button if b.label == "Verwijderen (met e-mailadres)").click().run()
    assert not at.exception
    left = {i.email: i for i in list_invitees(engine, round_id)}
    assert "bounce@web.test" not in left and left["dee@web.test"].unsubscribed
    assert not any(b.label.startswith("Herinnering sturen") for b in at.button)  # nobody left to remind

    # the manager deletes the round: with it its answers and the remaining addresses
    delete = next(b for b in at.button if b.label == "Ronde verwijderen")
    assert delete.disabled  # only after confirming
    at.checkbox(key=f"round_delete_sure_{round_id}").check().run()
    next(b for b in at.button if b.label == "Ronde verwijderen").click().run()
    assert not at.exception
    assert any(f"Ronde {round_id} is verwijderd." in s.value for s in at.success)
    with reading(engine) as connection:
        assert connection.scalar(select(func.count()).select_from(round_invitees)) == 0
        assert connection.scalar(select(func.count()).select_from(survey_rounds)) == 0
