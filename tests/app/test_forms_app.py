"""The Start page offers the generated forms next to the Excel template (AppTest)."""

from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.forms import form_bytes, form_file_info
from omni.framework import get_framework

FORM_BUTTONS = {"nl": ["Google Forms (Apps Script)", "Microsoft Forms (Word, snel importeren)",
                       "Vragen en antwoorden als tekst"],
                "en": ["Google Forms (Apps Script)", "Microsoft Forms (Word, Quick import)",
                       "Questions and answers as text"]}


def _labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_start_offers_the_forms_next_to_the_template():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    labels = _labels(at)
    assert labels[:2] == ["Enquête per respondent (.xlsx)", "Eén bestand voor het hele team (.xlsx)"]
    assert labels[2:5] == FORM_BUTTONS["nl"]
    (choice,) = [c for c in at.get("button_group") if c.key == "forms_language"]
    assert choice.value == "nl"
    choice.set_value("en").run()  # an English form on a Dutch page
    assert not at.exception and _labels(at)[2:5] == FORM_BUTTONS["nl"]
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception and _labels(at)[2:5] == FORM_BUTTONS["en"]


def test_each_button_builds_its_file(seven_step):
    """What the buttons hand out: a script, a Word document and a text list, named after the
    framework and the form's language."""
    for tool, kind, name, start in (("google", "", "seven-step-experience-en-google-forms.gs", b"/**"),
                                    ("microsoft", "", "seven-step-experience-en-microsoft-forms.docx", b"PK"),
                                    ("microsoft", "text", "seven-step-experience-en-forms-questions.txt",
                                     b"Survey: 7-step")):
        assert form_file_info(seven_step, "en", tool, kind)[0] == name
        assert form_bytes(seven_step, "en", tool, kind).startswith(start)
    assert "STR-1" in form_bytes(get_framework("seven-step-experience"), "nl", "google").decode()
    with pytest.raises(ValueError, match="typeform"):
        form_bytes(seven_step, "en", "typeform")
