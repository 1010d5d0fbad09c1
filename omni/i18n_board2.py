"""Dutch and English texts of the board outputs' second round: Streamlit's own words put in the user's
language, and the deck's appendix message titles (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

TEXTS_BOARD2: dict[str, dict[str, str]] = {
    # omni.ui.streamlit_texts: Streamlit writes these itself, in English only; on a page in another
    # language they are drawn from these texts instead
    "stui.upload_files": {"nl": "Bestanden kiezen", "en": "Browse files"},
    "stui.upload_file": {"nl": "Bestand kiezen", "en": "Browse file"},
    "stui.upload_limit": {"nl": "Tot {mb} MB per bestand", "en": "Up to {mb} MB per file"},
    "stui.drop_here": {"nl": "Laat de bestanden hier los", "en": "Drop the files here"},
}
