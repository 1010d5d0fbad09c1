"""The generated forms as a user downloads them from the Start page, in a real browser."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from conftest import assert_no_exception, wait_for_app
from test_forms import docx_questions, form_problems, recorded_form

from omni.framework import get_framework


@pytest.mark.browser
def test_start_hands_out_the_forms_in_the_language_chosen(server, page, tmp_path):
    framework = get_framework()
    page.goto(server.url)
    wait_for_app(page)
    assert_accessible(page, "Start")
    page.locator('[data-testid="stButtonGroup"]').get_by_text("EN", exact=True).click()  # the form's language
    wait_for_app(page)
    files = {}
    for label in ("Google Forms (Apps Script)", "Microsoft Forms (Word, snel importeren)",
                  "Vragen en antwoorden als tekst"):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label).click()
        files[label] = (download.value.suggested_filename, download.value.path().read_bytes())
    assert_no_exception(page)
    assert_accessible(page, "Start with the English forms chosen")

    name, script = files["Google Forms (Apps Script)"]
    assert name == "omnichannel-maturity-en-google-forms.gs"
    form = recorded_form(script.decode("utf-8"), tmp_path)
    assert form_problems(form, framework, "en") == []
    name, document = files["Microsoft Forms (Word, snel importeren)"]
    assert name == "omnichannel-maturity-en-microsoft-forms.docx"
    questions = docx_questions(document)[1]
    assert [q["title"] for q in questions] == [i["title"] for i in form["items"] if i["type"] != "PAGE_BREAK"]
    name, text = files["Vragen en antwoorden als tekst"]
    assert name == "omnichannel-maturity-en-forms-questions.txt"
    assert text.decode("utf-8").startswith("Survey: Omnichannel Maturity Framework")
    assert server.alive()
