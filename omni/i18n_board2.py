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
    # omni.export.deck: the appendix slides state their message too; the topic stands small above it
    "deck.title_method": {
        "nl": "De index {index} is het gewogen gemiddelde van {dimensions} onderdelen, uit de antwoorden van {n} respondenten",
        "en": "The index {index} is the weighted mean of {dimensions} dimensions, from the answers of {n} respondents"},
    "deck.title_questions": {
        "nl": "{question} {topic} heeft hier het grootste gat: {current} nu, {target} gewenst",
        "en": "{question} {topic} has the largest gap here: {current} now, {target} wanted"},
    "deck.questions_topic": {"nl": "Resultaten per vraag", "en": "Results per question"},
}

SINGULAR_BOARD2: dict[str, dict[str, str]] = {
    "deck.title_method": {
        "nl": "De index {index} is het gewogen gemiddelde van {dimensions} onderdelen, uit de antwoorden van {n} respondent",
        "en": "The index {index} is the weighted mean of {dimensions} dimensions, from the answers of {n} respondent"},
}
