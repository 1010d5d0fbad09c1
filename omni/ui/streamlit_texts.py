"""Streamlit's own English words, drawn in the user's language where Streamlit offers no option.

Streamlit 1.67 writes a few texts itself in English only: the file uploader's button ("Upload"), its
size line ("25MB per file • XLSX"), its drag overlay ("Drag and drop files here") and an uploaded
file's size ("0.6KB"), and the typing hints under text inputs ("Press Enter to apply"). Forms drop their hint with `enter_to_submit=False`
(every form does); for the rest, one small style sheet per language hides Streamlit's text and, where
the text carries meaning, draws ours in its place (CSS generated content, which screen readers read as
part of the button's name). English pages keep Streamlit's own words. tests/browser/test_every_page.py
checks the result in Chromium.

What no option nor style sheet can reach (the date picker's month names, the table toolbar's and column
menu's tooltips) is listed in the README under "Known limits".
"""

from __future__ import annotations

import streamlit as st

from omni import format as fmt
from omni.i18n import t

NATIVE = "en"  # the language Streamlit writes in

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def style_sheet(lang: str) -> str:
    """The style sheet that puts Streamlit's own texts in `lang` ("" for English: nothing to change)."""
    if lang == NATIVE:
        return ""
    mb = fmt.integer(st.get_option("server.maxUploadSize"), lang)
    button = f'{_DROPZONE} > span button [data-testid="stMarkdownContainer"]'
    return "\n".join([
        # the button: Streamlit's "Upload" drawn at size 0 (it stays the button's name for screen readers:
        # axe-core does not count generated content as a name), ours drawn after it
        f"{button} p {{ font-size: 0; }}",
        f'{_DROPZONE} > input:not([multiple]) + span button [data-testid="stMarkdownContainer"]::after '
        f'{{ content: {_css_string(t("stui.upload_file", lang))}; }}',
        f'{_DROPZONE} > input[multiple] + span button [data-testid="stMarkdownContainer"]::after '
        f'{{ content: {_css_string(t("stui.upload_files", lang))}; }}',
        # the size line ("25MB per file • XLSX"): ours, in Streamlit's small grey; the file types are in
        # the uploader's help (omni.ui.widgets.upload_help)
        f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"] > div {{ display: none; }}',
        f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"]::after '
        f'{{ content: {_css_string(t("stui.upload_limit", lang, mb=mb))}; font-size: 0.875rem; '
        f'color: {st.get_option("theme.textColor") or "inherit"}; opacity: 0.6; }}',
        # the overlay while files are dragged over the uploader
        f"{_DROPZONE} > div:not([data-testid]) span {{ font-size: 0; }}",
        f"{_DROPZONE} > div:not([data-testid]) span::after "
        f"{{ content: {_css_string(t('stui.drop_here', lang))}; font-size: 1rem; }}",
        # an uploaded file's size, which Streamlit writes the English way ("0.6KB"): left out
        '[data-testid="stFileChip"] [data-testid="stFileChipName"] + div { display: none; }',
        # "Press Enter to apply" under a text input outside a form (forms have no hint at all)
        '[data-testid="InputInstructions"] { display: none; }',
    ])


def install(lang: str) -> None:
    """Put Streamlit's own texts in `lang` on this page (an invisible style element)."""
    css = style_sheet(lang)
    if css:
        st.html(f"<style>\n{css}\n</style>")
