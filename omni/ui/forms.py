"""The Start page's offer of the survey as online forms: the Google Apps Script, the Word document
for Microsoft Forms' Quick import and the text list, in either language (built by omni.forms only
when a button is clicked)."""

from __future__ import annotations

import streamlit as st

from omni.forms import form_bytes, form_file_info
from omni.framework import Framework
from omni.i18n import LANGUAGES, t

_BUTTONS = (  # tool, kind, label key, help key, icon
    ("google", "", "start.forms_google", "start.forms_google_help", ":material/description:"),
    ("microsoft", "", "start.forms_microsoft", "start.forms_microsoft_help", ":material/article:"),
    ("microsoft", "text", "start.forms_text_list", "start.forms_text_list_help", ":material/notes:"),
)


def show(framework: Framework, lang: str) -> None:
    """A choice of the form's language and one download button per form file."""
    st.markdown(f"**{t('start.forms_heading', lang)}**")
    st.caption(t("start.forms_text", lang))
    form_lang = st.segmented_control(
        t("start.forms_language", lang), LANGUAGES, default=lang, key="forms_language",
        format_func=str.upper) or lang
    for tool, kind, label, help_key, icon in _BUTTONS:
        file_name, mime = form_file_info(framework, form_lang, tool, kind)
        st.download_button(
            t(label, lang), data=lambda tool=tool, kind=kind: form_bytes(framework, form_lang, tool, kind),
            file_name=file_name, mime=mime, on_click="ignore", icon=icon, help=t(help_key, lang))
