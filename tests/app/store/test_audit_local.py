"""Local mode (no sign-in, one user acting for any organisation): uploads and exports are audited with
the organisation they are about - the store's organisation when it knows the name, else the name as
the file gives it (issue 15, finding 8). Hosted mode keeps its rule: never a name outside the scope."""

from __future__ import annotations

import pytest
from helpers import ROOT, fill_template
from streamlit.testing.v1 import AppTest

from omni.store import open_store
from omni.store.access import AuditAction, audit_entries, create_organisation, record
from omni.store.scope import Scope, scoped

LOCAL = Scope(None, actor="local")


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(url)
    yield engine
    engine.dispose()


def test_local_records_carry_the_named_organisation_known_or_not(store):
    create_organisation(store, "Alpha BV")
    local = scoped(store, LOCAL)
    record(local, AuditAction.UPLOAD, "a.xlsx", organisation_named="alpha bv", name_if_unknown=True)
    record(local, AuditAction.EXPORT, "b.pptx", organisation_named="Nieuw BV", name_if_unknown=True)
    record(local, AuditAction.EXPORT, "c.pptx", organisation_named="Nieuw BV")  # hosted rule: nothing named
    log = audit_entries(store).iloc[::-1]
    log = log[log["action"] != "admin"]  # creating the organisation
    assert list(log["organisation"]) == ["Alpha BV", "Nieuw BV", ""]
    assert set(log["actor"]) == {"local"}


def test_local_mode_audits_an_upload_and_a_template_with_the_files_organisation(store, tmp_path, framework):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/start.py").run()
    survey = fill_template(tmp_path / "gamma.xlsx", framework, "nl", {q.id: (3, 4) for q in framework.questions},
                           {"organisation": "Gamma BV", "role": "Directie"})
    at.get("file_uploader")[0].upload("gamma.xlsx", survey.read_bytes()).run()
    assert not at.exception, at.exception
    at.switch_page("pages/export.py").run()
    at.get("file_uploader")[0].upload("huisstijl.pptx", b"not a presentation").run()
    assert not at.exception, at.exception

    log = audit_entries(store)
    uploads = log[log["action"] == "upload"]
    templates = log[log["action"] == "template_upload"]
    assert len(uploads) == 1 and list(uploads["organisation"]) == ["Gamma BV"]
    assert "gamma.xlsx" in uploads.iloc[0]["detail"] and list(uploads["actor"]) == ["local"]
    assert len(templates) == 1 and list(templates["organisation"]) == ["Gamma BV"]
