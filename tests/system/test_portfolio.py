"""The consultant's portfolio: per client the latest wave, level, index, gap, progress and actions,
only for the organisations the scope may see (SQLite and PostgreSQL), the page and its Excel file."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from helpers import ROOT
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from omni.actions import DONE, PLANNED, ActionFields
from omni.framework import get_framework
from omni.portfolio import portfolio, portfolio_workbook, sort_clients
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, account_of, add_member, sign_in
from omni.store.actions import create_actions
from omni.store.assessments import save_assessment
from omni.store.scope import scoped
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

ISSUER = "https://idp.example.test"
TODAY = dt.date(2026, 6, 1)
CLIENTS = ("Alpha BV", "Beta BV", "Gamma BV")  # the consultant's three
OTHER_CLIENT = "=Delta BV"  # somebody else's client (and a name that looks like a formula)


def _assessment(value: int, target: int = 5):
    fw = get_framework()
    people = [RespondentAnswers({"role": "marketing"}, {q.id: (value, target, "") for q in fw.questions})] * 2
    return score(survey_from_answers(fw, people))


def _seed(engine) -> dict:
    """Alpha: two waves (2 -> 3); Beta: one wave; Gamma: member, nothing saved; Delta: not the consultant's."""
    ids = {}
    for org, waves in (("Alpha BV", [("2025", 2, dt.date(2025, 3, 1)), ("2026", 3, dt.date(2026, 3, 1))]),
                       ("Beta BV", [("2026", 4, dt.date(2026, 2, 1))]),
                       (OTHER_CLIENT, [("2026", 1, dt.date(2026, 1, 1))])):
        for wave, value, when in waves:
            saved = save_assessment(engine, _assessment(value), wave=wave, organisation=org, wave_date=when)
            ids[org] = saved.organisation_id
    create_actions(engine, "Alpha BV", "2026", "omnichannel-maturity", [
        ActionFields("Late", "vision", due_date=dt.date(2026, 5, 1), status=PLANNED),
        ActionFields("Coming", "vision", due_date=dt.date(2026, 9, 1), status=PLANNED),
        ActionFields("Finished", "vision", due_date=dt.date(2026, 4, 1), status=DONE)])
    create_actions(engine, OTHER_CLIENT, "2026", "omnichannel-maturity", [ActionFields("Theirs", "vision")])
    from omni.store.access import create_organisation

    ids["Gamma BV"] = create_organisation(engine, "Gamma BV").id
    consultant = sign_in(engine, Identity(ISSUER, "carla", "carla@advies.test", "Carla"))
    for org in CLIENTS:
        add_member(engine, consultant.id, ids[org])
    return {"ids": ids, "consultant": account_of(engine, consultant.identity)}


def test_a_consultant_sees_exactly_her_clients_with_their_figures(engine):
    world = _seed(engine)
    clients = portfolio(scoped(engine, world["consultant"].scope()), today=TODAY)
    assert [c.organisation for c in clients] == list(CLIENTS)
    alpha, beta, gamma = clients
    assert alpha.wave == "2026" and alpha.wave_date == dt.date(2026, 3, 1) and alpha.previous_wave == "2025"
    assert alpha.index == pytest.approx(3.0) and alpha.level == 3 and alpha.gap == pytest.approx(2.0)
    assert alpha.progress == pytest.approx(1.0)
    assert (alpha.open_actions, alpha.overdue_actions) == (2, 1)
    assert beta.progress is None and beta.index == pytest.approx(4.0) and beta.open_actions == 0
    assert gamma.latest_id is None and gamma.index is None and gamma.level is None
    # the system (CLI) and administrators see every organisation, the other client too
    assert OTHER_CLIENT in [c.organisation for c in portfolio(engine, today=TODAY)]


def test_sorting_keeps_clients_without_a_value_last(engine):
    world = _seed(engine)
    clients = portfolio(scoped(engine, world["consultant"].scope()), today=TODAY)
    assert [c.organisation for c in sort_clients(clients, "index", descending=True)] == ["Beta BV", "Alpha BV",
                                                                                         "Gamma BV"]
    assert [c.organisation for c in sort_clients(clients, "index")] == ["Alpha BV", "Beta BV", "Gamma BV"]
    assert sort_clients(clients, "overdue", descending=True)[0].organisation == "Alpha BV"
    with pytest.raises(ValueError):
        sort_clients(clients, "secret")


def test_the_excel_file_reads_back(engine):
    _seed(engine)
    clients = portfolio(engine, today=TODAY)
    wb = load_workbook(io.BytesIO(portfolio_workbook(clients, "en", today=TODAY)))
    ws = wb.active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert rows[0][0] == "Client" and rows[0][6] == "Progress since previous wave"
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {*CLIENTS, OTHER_CLIENT}
    assert by_name["Alpha BV"][4] == pytest.approx(3.0) and by_name["Alpha BV"][6] == pytest.approx(1.0)
    assert by_name["Alpha BV"][7:] == (2, 1)
    cell = next(c for c in ws["A"] if c.value == OTHER_CLIENT)
    assert cell.data_type == "s"  # stays text: never a formula


def _app(url: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/portfolio.py").run()
    assert not at.exception, at.exception
    return at


def test_the_page_lists_sorts_and_opens_a_client(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    engine = open_store(url)
    _seed(engine)
    engine.dispose()
    at = _app(url, monkeypatch)  # local mode: every organisation in the store
    assert at.title[0].value == "Portfolio"
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == sorted([*CLIENTS, OTHER_CLIENT], key=str.casefold)
    at.selectbox(key="portfolio_sort").set_value("index").run()
    at.toggle(key="portfolio_descending").set_value(True).run()
    assert list(at.dataframe[0].value.iloc[:, 0])[:3] == ["Beta BV", "Alpha BV", OTHER_CLIENT]
    gamma = next(b for b in at.button if "Gamma BV" in b.label)
    assert gamma.disabled  # nothing saved to open
    next(b for b in at.button if "Beta BV" in b.label).click().run()
    assert not at.exception, at.exception
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert "Beta BV · 2026" in sidebar  # whose data is on screen
    assert at.title[0].value.startswith("Overzicht")
