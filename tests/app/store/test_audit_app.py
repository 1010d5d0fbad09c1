"""Through the app: an upload, a corporate template and a logo are audited under the signed-in
member's organisation, never under one a file names (AppTest with st.user seeded, real uploads)."""

from __future__ import annotations

import io

import pytest
from helpers import ISSUER, app_as, fill_template
from PIL import Image

from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, add_member, add_user, audit_entries
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(url)
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_assessment(engine, assessment, wave="2026", organisation=org)
        add_member(engine, add_user(engine, Identity(ISSUER, subject)), saved.organisation_id)
    yield engine
    engine.dispose()


def test_uploads_templates_and_logos_are_audited_with_the_members_organisation(store, tmp_path, framework):
    at = app_as("pages/start.py", {"sub": "alice", "email": "alice@alpha.test", "name": "Alice"})
    forged = fill_template(tmp_path / "forged.xlsx", framework, "nl", {q.id: (3, 4) for q in framework.questions},
                           {"organisation": "Beta BV", "role": "Directie"})
    at.get("file_uploader")[0].upload("forged.xlsx", forged.read_bytes()).run()
    assert not at.exception, at.exception
    at.run()  # a rerun must not record the same upload again

    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    logo = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(logo, format="PNG")
    template, logo_uploader = at.get("file_uploader")
    template.upload("huisstijl.pptx", b"not a presentation")
    logo_uploader.upload("logo.png", logo.getvalue())
    at.run()
    assert not at.exception, at.exception
    at.run()

    log = audit_entries(store)
    alice = log[log["subject"] == "alice"]
    uploads = alice[alice["action"] == "upload"]
    assert len(uploads) == 1 and list(uploads["organisation"]) == ["Alpha BV"]
    assert "forged.xlsx" in uploads.iloc[0]["detail"]
    templates, logos = alice[alice["action"] == "template_upload"], alice[alice["action"] == "logo_upload"]
    assert len(templates) == 1 and "huisstijl.pptx" in templates.iloc[0]["detail"]
    assert "refused" in templates.iloc[0]["detail"] and list(templates["organisation"]) == ["Alpha BV"]
    assert len(logos) == 1 and "accepted" in logos.iloc[0]["detail"] and list(logos["organisation"]) == ["Alpha BV"]
