"""Issue 13: on Start the user sees the column mappings saved for her organisations and deletes one
(AppTest against a real SQLite store; the deletion is audited, other organisations' mappings are
never listed)."""

from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.store import open_store
from omni.store.access import AuditAction, audit_entries
from omni.store.mappings import list_mappings, save_mapping
from omni.survey.mapping import ColumnRule

RULES = (ColumnRule("Wie", "fact", field="name"), ColumnRule("V1 nu", "question", "VIS-1", "current"))


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    """A store of this test's own (local mode: no sign-in), never the data folder's."""
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(url)
    yield engine
    engine.dispose()


def start(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def test_nothing_saved_shows_nothing(store):
    at = start("en")
    assert not [e for e in at.expander if e.label.startswith("Saved mappings")]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_saved_mappings_are_listed_shown_and_deleted_after_confirmation(store, lang):
    save_mapping(store, "Alpha BV", "Forms export", RULES)
    save_mapping(store, "Beta BV", "Eigen sheet", RULES[:1])
    at = start(lang)
    heading = {"nl": "Bewaarde indelingen (2)", "en": "Saved mappings (2)"}[lang]
    assert [e.label for e in at.expander if e.label == heading]
    (table,) = [d for d in at.dataframe if "Alpha BV" in d.value.to_string()]
    frame = table.value
    assert frame.iloc[:, 1].tolist() == ["Eigen sheet", "Forms export"]  # newest first
    assert frame.iloc[:, 2].tolist() == [1, 2]

    at.selectbox(key="saved_mappings_choose").select_index(1).run()
    assert any("V1 nu" in c.value and "VIS-1" in c.value for c in at.code)
    delete = {"nl": "Indeling verwijderen", "en": "Delete mapping"}[lang]
    (button,) = [b for b in at.button if b.label == delete]
    assert button.disabled  # not before the user confirms
    (sure,) = [c for c in at.checkbox if c.key.startswith("saved_mappings_confirm")]
    sure.check().run()
    (button,) = [b for b in at.button if b.label == delete]
    button.click().run()
    assert not at.exception, at.exception
    done = {"nl": "Indeling 'Forms export' van Alpha BV is verwijderd.",
            "en": "Mapping 'Forms export' of Alpha BV was deleted."}[lang]
    assert [s for s in at.success if s.value.replace("\\", "") == done]
    assert [m.name for m in list_mappings(store)] == ["Eigen sheet"]
    assert [e.label for e in at.expander if e.label == heading.replace("2", "1")]
    log = audit_entries(store, action=AuditAction.DELETE)
    assert (log["detail"] == "column mapping 'Forms export' (2 columns)").sum() == 1


def test_a_signed_in_member_sees_only_her_organisations_mappings(tmp_path, monkeypatch):
    from helpers import ISSUER, app_as

    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.scoring import score
    from omni.store.access import Identity, add_member, add_user
    from omni.store.assessments import save_assessment
    from omni.survey.reader import survey_from_answers

    url = f"sqlite:///{tmp_path / 'hosted.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    engine = open_store(url)
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_assessment(engine, assessment, wave="2026", organisation=org)
        add_member(engine, add_user(engine, Identity(ISSUER, subject)), saved.organisation_id)
        save_mapping(engine, org, f"{org} export", RULES)
    at = app_as(None, {"sub": "alice"}, lang="en")
    assert [e.label for e in at.expander if e.label == "Saved mappings (1)"]
    (table,) = [d for d in at.dataframe if "export" in d.value.to_string()]
    assert table.value.iloc[:, 1].tolist() == ["Alpha BV export"]
    assert "Beta BV" not in " ".join(str(o) for s in at.selectbox for o in s.options)
    engine.dispose()
