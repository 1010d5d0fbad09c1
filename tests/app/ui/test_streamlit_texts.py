"""Streamlit's own English words in the user's language (omni.ui.streamlit_texts); in the browser:
tests/browser/test_every_page.py."""

from __future__ import annotations

import ast

from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.i18n import t
from omni.ui.streamlit_texts import style_sheet


def test_a_dutch_page_draws_dutch_words_and_an_english_page_keeps_streamlits():
    css = style_sheet("nl")
    for text in (t("stui.upload_files", "nl"), t("stui.upload_file", "nl"), t("stui.drop_here", "nl"),
                 t("stui.upload_limit", "nl", mb="25")):
        assert f'"{text}"' in css
    assert '[data-testid="InputInstructions"] { display: none; }' in css
    assert style_sheet("en") == ""


def test_every_form_submits_only_with_its_button():
    """No form shows Streamlit's English "Press Enter to submit form" (enter_to_submit=False)."""
    forms = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("omni/ui/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "form":
                keywords = {k.arg: k.value for k in node.keywords}
                forms.append((path.name, isinstance(keywords.get("enter_to_submit"), ast.Constant)
                              and keywords["enter_to_submit"].value is False))
    assert len(forms) >= 9
    assert all(ok for _name, ok in forms), forms


def test_the_page_shell_installs_the_style_sheet():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert any("stFileUploaderDropzone" in (e.proto.body if hasattr(e.proto, "body") else "")
               for e in at.get("html")), "no style sheet on a Dutch page"
