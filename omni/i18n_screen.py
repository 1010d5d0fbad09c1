"""Dutch and English texts of the screen's text alternatives and level ladder (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

SCREEN_TEXTS: dict[str, dict[str, str]] = {
    # under every file uploader (omni.ui.widgets.upload_help): Streamlit writes its own size and type
    # line in English only (streamlit/streamlit#13500), so the limits are said here in the user's language
    "upload.limits": {"nl": "Bestandstypen: {types}; tot {mb} MB per bestand.",
                      "en": "File types: {types}; up to {mb} MB per file."},
    # omni.chart_text: what a chart shows, for screen readers (the chart's aria-label)
    "charttext.current_target": {"nl": "{name}: nu {current}, gewenst {target}",
                                 "en": "{name}: current {current}, target {target}"},
    "charttext.answer_count": {"nl": "{count} × antwoord {answer}", "en": "{count} × answer {answer}"},
    "charttext.peer_median": {"nl": "mediaan peers {value}", "en": "peer median {value}"},
    "charttext.on_level": {"nl": "{series} {value}: niveau {level} · {name}",
                           "en": "{series} {value}: level {level} · {name}"},
    "charttext.thresholds": {
        "nl": "Een niveau is bereikt vanaf de score met zijn nummer (niveau 3 vanaf 3,00; niveau 5 bij 5,00)",
        "en": "A level is reached from the score of its number (level 3 from 3.00; level 5 at 5.00)"},
    "charttext.peer_row": {"nl": "{name}: eigen score {score}, peers P25 {p25}, mediaan {median}, P75 {p75}",
                           "en": "{name}: own score {score}, peers P25 {p25}, median {median}, P75 {p75}"},
    "charttext.wave": {"nl": "{wave} nu {current}, gewenst {target}", "en": "{wave} current {current}, target {target}"},
    "charttext.change": {"nl": "{name}: van {before} naar {after} ({change})",
                         "en": "{name}: from {before} to {after} ({change})"},
}
