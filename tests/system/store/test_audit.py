"""The audit log records every action that touches an organisation's data, with that organisation.

SQLite and PostgreSQL (the `engine` fixture). The append-only protection independent of the app's own
database role is in tests/system/store/test_audit_owner.py.
"""

from __future__ import annotations

import pytest

from omni.demo import demo_respondents
from omni.scoring import score
from omni.store import StoreError
from omni.store.access import Identity, account_of, add_member, audit_entries, record, sign_in
from omni.store.assessments import save_assessment
from omni.store.audit import AuditAction
from omni.store.organisations import set_peer_opt_in
from omni.store.peer_entries import contribute_assessment, set_status
from omni.store.rounds import close_round, load_round_survey, open_round, renew_link, reopen_round
from omni.store.schema import APPROVED, REJECTED
from omni.store.scope import scoped
from omni.survey.reader import survey_from_answers

ISSUER = "https://idp.example.test"


@pytest.fixture(scope="module")
def assessment(framework):
    survey = survey_from_answers(framework, demo_respondents(framework, n=3, seed=5), source="demo.xlsx")
    return score(survey)


@pytest.fixture
def members(engine, assessment):
    """alice is a member of Alpha BV only, bob of Beta BV only; root is an administrator."""
    a = save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    b = save_assessment(engine, assessment, wave="2026", organisation="Beta BV")
    alice = sign_in(engine, Identity(ISSUER, "alice", "alice@alpha.test", "Alice"))
    bob = sign_in(engine, Identity(ISSUER, "bob", "bob@beta.test", "Bob"))
    add_member(engine, alice.id, a.organisation_id)
    add_member(engine, bob.id, b.organisation_id)
    root = sign_in(engine, Identity(ISSUER, "root", "root@ops.test"), admins={(ISSUER, "root")})
    return {"a": a, "b": b, "alice": scoped(engine, account_of(engine, alice.identity).scope()),
            "bob": scoped(engine, account_of(engine, bob.identity).scope()), "root": scoped(engine, root.scope())}


def _rows(engine, action: AuditAction, subject: str):
    log = audit_entries(engine, action=action)
    return log[log["subject"] == subject]


def test_every_step_of_a_survey_round_is_recorded_with_its_organisation(engine, members):
    alice = members["alice"]
    round_, _ = open_round(alice, "Alpha BV", "2027")
    renew_link(alice, round_.id)
    close_round(alice, round_.id)
    reopen_round(alice, round_.id)
    close_round(alice, round_.id)
    for action in (AuditAction.ROUND_OPEN, AuditAction.ROUND_RELINK, AuditAction.ROUND_CLOSE,
                   AuditAction.ROUND_REOPEN):
        rows = _rows(engine, action, "alice")
        assert len(rows) >= 1, action
        assert set(rows["organisation"]) == {"Alpha BV"}, action
        assert all(f"round {round_.id}" in d for d in rows["detail"]), action
    assert len(_rows(engine, AuditAction.ROUND_CLOSE, "alice")) == 2
    assert list(audit_entries(engine, organisation_id=members["a"].organisation_id, action=AuditAction.ROUND_OPEN)
                ["subject"]) == ["alice"]


def test_showing_a_rounds_results_is_recorded(engine, members, framework):
    from omni.store.rounds import save_answers, start_respondent, submit

    alice = members["alice"]
    round_, token = open_round(alice, "Alpha BV", "2027")
    _, resume = start_respondent(engine, token, language="nl", role="ceo", department="Board")
    save_answers(engine, resume, {q.id: (3, 4, "") for q in framework.questions})
    submit(engine, resume)
    close_round(alice, round_.id)
    survey = load_round_survey(alice, round_.id)
    assert len(survey.respondents) == 1
    rows = _rows(engine, AuditAction.ROUND_RESULTS, "alice")
    assert list(rows["organisation"]) == ["Alpha BV"] and "1 respondents shown" in rows.iloc[0]["detail"]


def test_opt_in_contribution_approval_and_rejection_are_recorded(engine, members, assessment):
    alice, root = members["alice"], members["root"]
    set_peer_opt_in(alice, "Alpha BV", True)
    entry = contribute_assessment(alice, members["a"].id)
    assert list(_rows(engine, AuditAction.PEER_OPT_IN, "alice")["organisation"]) == ["Alpha BV"]
    contributed = _rows(engine, AuditAction.PEER_CONTRIBUTE, "alice")
    assert list(contributed["organisation"]) == ["Alpha BV"] and f"peer entry {entry}" in contributed.iloc[0]["detail"]
    set_status(root, [entry], APPROVED)
    set_status(root, [entry], REJECTED)
    approved, rejected = _rows(engine, AuditAction.PEER_APPROVE, "root"), _rows(engine, AuditAction.PEER_REJECT, "root")
    assert list(approved["organisation"]) == ["Alpha BV"] == list(rejected["organisation"])
    assert str(entry) in approved.iloc[0]["detail"]
    set_peer_opt_in(alice, "Alpha BV", False)
    assert list(_rows(engine, AuditAction.PEER_OPT_OUT, "alice")["organisation"]) == ["Alpha BV"]


def test_uploads_and_exports_carry_the_organisation_but_never_one_named_by_a_file_outside_the_scope(engine, members):
    alice, root = members["alice"], members["root"]
    record(alice, AuditAction.UPLOAD, "survey.xlsx: 3 respondents", organisation_named="Alpha BV")
    record(alice, AuditAction.UPLOAD, "forged.xlsx: 3 respondents", organisation_named="Beta BV")
    record(alice, AuditAction.EXPORT, "deck.pptx")
    record(alice, AuditAction.TEMPLATE_UPLOAD, "huisstijl.potx: accepted")
    record(alice, AuditAction.LOGO_UPLOAD, "logo.png: accepted")
    uploads = _rows(engine, AuditAction.UPLOAD, "alice")
    assert set(uploads["organisation"]) == {"Alpha BV"}  # a file naming Beta BV is recorded as alice's own
    for action in (AuditAction.EXPORT, AuditAction.TEMPLATE_UPLOAD, AuditAction.LOGO_UPLOAD):
        assert list(_rows(engine, action, "alice")["organisation"]) == ["Alpha BV"], action
    record(root, AuditAction.EXPORT, "deck.pptx", organisation_named="beta bv")  # an administrator sees all
    assert list(_rows(engine, AuditAction.EXPORT, "root")["organisation"]) == ["Beta BV"]


def test_only_known_actions_are_written(engine, members):
    with pytest.raises(StoreError, match="unknown audit action"):
        record(members["alice"], "drop_everything", "")
    assert AuditAction("round_open") is AuditAction.ROUND_OPEN
    assert max(len(a.value) for a in AuditAction) <= 32  # the column's width
