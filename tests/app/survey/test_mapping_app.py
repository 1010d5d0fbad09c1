"""Issue 13: the user corrects the column map on Start (AppTest), the scores follow, and the
downloaded mapping is the file `omni score --mapping` takes."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from contextlib import redirect_stdout

import pytest
import streamlit.testing.v1.app_test as app_test_module
from helpers import ROOT
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from test_forms_exports import expected_means, make_people, ms_forms_choice_nl

from omni import cli
from omni.store import open_store
from omni.store.mappings import list_mappings
from omni.ui.state import INTAKE, MAPPING, RESULT

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RENAMED = "Waar willen we over een jaar staan?"  # no question's text: the column is not read


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    """A store of this test's own (local mode: no sign-in), never the data folder's."""
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(url)
    yield engine
    engine.dispose()


@pytest.fixture
def media(monkeypatch):
    """AppTest's media managers (Streamlit's own, only remembered), to fetch what a download serves."""
    managers: list[MediaFileManager] = []

    class Remembered(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Remembered)
    return managers


def downloaded(at: AppTest, managers: list[MediaFileManager], label: str) -> bytes:
    (button,) = [b for b in at.get("download_button") if b.proto.label == label]
    proto = button.proto
    url = managers[-1].execute_deferred(proto.deferred_file_id) if proto.deferred_file_id else proto.url
    return managers[-1].read_file(url.rsplit("/", 1)[-1].split(".", 1)[0]).content


def shown(text: str) -> str:
    """Text as the reader sees it (user text is escaped for markdown by omni.ui.markup.plain)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")


def export_with_a_lost_column(framework, people, path):
    """A Microsoft Forms export whose first question's target column got a header of its own."""
    ms_forms_choice_nl(framework, people, path)
    wb = load_workbook(path)
    ws = wb["Form1"]
    assert ws.cell(row=1, column=8).value.endswith("(gewenst)")
    ws.cell(row=1, column=8).value = RENAMED
    wb.save(path)
    return path


def without_first_target(framework, people):
    first = framework.questions[0].id
    return [dataclasses.replace(p, answers={**p.answers, first: (p.answers[first][0], None)}) for p in people]


def assert_means(assessment, framework, people):
    got = assessment.dimension_scores.set_index("dimension")
    for (dim, name), value in expected_means(framework, people).items():
        assert got.loc[dim, name] == pytest.approx(value), (dim, name)


def editor_row(at: AppTest, header: str) -> tuple[object, int, dict]:
    (editor,) = at.data_editor
    frame = editor.value
    assert {"column", "header", "read_as", "why", "sample"} <= set(frame.columns)
    index = frame.index[frame["header"] == header][0]
    return editor, int(index), frame.loc[index].to_dict()


def uploaded(path, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    at.file_uploader[0].set_value((path.name, path.read_bytes(), XLSX)).run()
    assert not at.exception, at.exception
    return at


def correct(at: AppTest, framework) -> str:
    """In the editor, say the renamed column holds the first question's target, and apply; the label."""
    editor, index, _ = editor_row(at, RENAMED)
    q = framework.questions[0]
    _, _, current_row = editor_row(at, f"{q.text('nl')} (huidig)")
    assert current_row["read_as"].startswith(f"{q.id} · huidig · ")
    target_label = current_row["read_as"].replace(" · huidig · ", " · gewenst · ")
    at.session_state[editor.key] = {"edited_rows": {index: {"read_as": target_label}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    (apply,) = [b for b in at.button if b.label == "Toepassen"]
    apply.click().run()
    assert not at.exception, at.exception
    return target_label


def test_correcting_a_column_in_the_editor_changes_the_scores(tmp_path, framework, media):
    people = make_people(framework, 6, seed=40)
    path = export_with_a_lost_column(framework, people, tmp_path / "form.xlsx")
    at = uploaded(path)
    # read without the lost column: the first question's target is missing
    assert_means(at.session_state[RESULT].assessment, framework, without_first_target(framework, people))
    _, _, row = editor_row(at, RENAMED)
    assert row["read_as"] == "Niet gebruiken" and row["why"] == "niet gekoppeld · geen vraag of gegeven herkend"
    target_label = correct(at, framework)
    assert_means(at.session_state[RESULT].assessment, framework, people)  # every answer counts now
    assert at.session_state[INTAKE] is at.session_state[RESULT]
    _, _, row = editor_row(at, RENAMED)
    assert row["read_as"] == target_label and row["why"] == "uw indeling"
    assert any("Uw indeling is toegepast" in i.value for i in at.info)

    # the download is the CLI's mapping file: the same scores on the command line
    mapping = tmp_path / "indeling.yaml"
    mapping.write_bytes(downloaded(at, media, "Indeling downloaden (YAML)"))
    assert f"{RENAMED}:" in mapping.read_text(encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["score", str(path), "--mapping", str(mapping), "--json", "--lang", "en"]) == 0
    data = json.loads(out.getvalue())
    assert data["respondents"] == len(people)
    means = expected_means(framework, people)
    for dim in data["dimensions"]:
        assert dim["current"] == pytest.approx(means[(dim["id"], "current")], abs=5e-5)  # JSON: 4 decimals
        assert dim["target"] == pytest.approx(means[(dim["id"], "target")], abs=5e-5)

    # back to automatic reading, then the saved file uploaded again gives the corrected scores
    (reset,) = [b for b in at.button if b.label == "Terug naar automatisch lezen"]
    reset.click().run()
    assert MAPPING not in at.session_state
    assert_means(at.session_state[RESULT].assessment, framework, without_first_target(framework, people))
    (upload,) = [u for u in at.file_uploader if u.key == "mapping_upload"]
    upload.set_value(("indeling.yaml", mapping.read_bytes(), "application/yaml")).run()
    assert not at.exception
    assert_means(at.session_state[RESULT].assessment, framework, people)


def test_a_bad_mapping_file_is_named_and_changes_nothing(tmp_path, framework):
    people = make_people(framework, 3, seed=41)
    path = export_with_a_lost_column(framework, people, tmp_path / "form.xlsx")
    at = uploaded(path, "en")
    before = at.session_state[RESULT]
    (upload,) = [u for u in at.file_uploader if u.key == "mapping_upload"]
    upload.set_value(("map.yaml", f"columns:\n  '{RENAMED}': {{question: X, field: later}}\n".encode(),
                      "application/yaml")).run()
    assert not at.exception
    (error,) = at.error
    assert shown(error.value).startswith("map.yaml cannot be used as a mapping")
    assert f"map.yaml: columns['{RENAMED}']: field must be one of current, target, comment, not 'later'" in shown(
        error.value)
    assert at.session_state[RESULT] is before and MAPPING not in at.session_state


def test_a_saved_mapping_is_offered_for_the_next_file_with_the_same_headers(tmp_path, framework, store):
    people = make_people(framework, 6, seed=42)
    at = uploaded(export_with_a_lost_column(framework, people, tmp_path / "form.xlsx"))
    correct(at, framework)
    at.text_input(key="mapping_save_org").input("Alpha BV")
    at.text_input(key="mapping_save_name").input("Forms-export")
    at.run()
    (save,) = [b for b in at.button if b.label == "Indeling bewaren"]
    save.click().run()
    assert not at.exception, at.exception
    assert any(shown(s.value) == "Indeling 'Forms-export' bewaard voor Alpha BV." for s in at.success)
    (saved,) = list_mappings(store)
    assert (saved.organisation, saved.name) == ("Alpha BV", "Forms-export")

    # the next wave, other answers, the same headers, in a new session: the mapping is offered
    others = make_people(framework, 5, seed=43)
    later = uploaded(export_with_a_lost_column(framework, others, tmp_path / "form-2027.xlsx"))
    assert_means(later.session_state[RESULT].assessment, framework, without_first_target(framework, others))
    assert any("'Forms-export' (Alpha BV) bewaard" in shown(i.value) for i in later.info)
    (use,) = [b for b in later.button if shown(b.label) == "Indeling 'Forms-export' gebruiken"]
    use.click().run()
    assert not later.exception, later.exception
    assert_means(later.session_state[RESULT].assessment, framework, others)
    assert later.session_state[MAPPING] == saved.rules

    # a file with other headers is not offered it
    other = uploaded(ms_forms_choice_nl(framework, others, tmp_path / "plain.xlsx"))
    assert not [b for b in other.button if b.label.startswith("Indeling '")]


def test_a_mapping_error_speaks_dutch_and_english():
    from omni.survey.mapping import MappingError, parse_mapping

    with pytest.raises(MappingError) as bad:
        parse_mapping({"columns": {"Wie": {"fact": "schoenmaat"}}}, "indeling.yaml")
    assert bad.value.message("nl").startswith("indeling.yaml: columns['Wie']: onbekend gegeven 'schoenmaat'; een van name")
    assert str(bad.value) == bad.value.message("en")
    assert str(bad.value).startswith("indeling.yaml: columns['Wie']: unknown fact 'schoenmaat'; one of name, role")
