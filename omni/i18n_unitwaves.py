"""Dutch and English texts of saved waves of one unit and their history (#19; merged into omni.i18n.TEXTS)."""

from __future__ import annotations

TEXTS_UNITWAVES: dict[str, dict[str, str]] = {
    "unitwaves.of_unit": {"nl": "{organisation} · eenheid {unit}", "en": "{organisation} · unit {unit}"},
    "unitwaves.unit": {"nl": "Eenheid", "en": "Unit"},
    "unitwaves.whole": {"nl": "Hele organisatie (groep)", "en": "Whole organisation (group)"},
    "unitwaves.save_for": {"nl": "Meting van", "en": "Wave of"},
    "unitwaves.save_for_help": {
        "nl": "Een meting van één eenheid krijgt eigen versienummers en een eigen verloop; alleen metingen van "
              "de hele organisatie kunnen aan de peergroep worden bijgedragen. Bevat het bestand meer eenheden, "
              "dan worden alleen de respondenten van deze eenheid opgeslagen.",
        "en": "A wave of one unit gets its own version numbers and its own history; only waves of the whole "
              "organisation can be contributed to the peer set. If the file holds more units, only this "
              "unit's respondents are saved."},
    "unitwaves.view_for": {"nl": "Verloop van", "en": "History of"},
    "unitwaves.saved": {
        "nl": "Opgeslagen: {organisation}, eenheid {unit}, meting {wave} (versie {version}).",
        "en": "Saved: {organisation}, unit {unit}, wave {wave} (version {version})."},
    "unitwaves.cli_saved": {
        "nl": "Opgeslagen: {organisation}, eenheid {unit}, meting {wave}, versie {version} (id {id})",
        "en": "Saved: {organisation}, unit {unit}, wave {wave}, version {version} (id {id})"},
    "unitwaves.cli_none": {
        "nl": "Geen opgeslagen metingen van {organisation}, eenheid {unit}.",
        "en": "No saved waves of {organisation}, unit {unit}."},
    "unitwaves.roadmap_heading": {
        "nl": "Roadmap van de laatste meting ({wave})", "en": "Roadmap of the latest wave ({wave})"},
    "unitwaves.latest_roadmap": {
        "nl": "Roadmap van de laatste meting", "en": "Roadmap of the latest wave"},
    "store.err.unit_wave_other_units": {
        "nl": "een meting van eenheid {unit} kan alleen respondenten van {unit} bevatten, niet van {others}",
        "en": "a wave of unit {unit} can only hold respondents of {unit}, not of {others}"},
    "store.err.unit_wave_not_peer": {
        "nl": "alleen een meting van de hele organisatie kan aan de peergroep worden bijgedragen, niet die van "
              "één eenheid",
        "en": "only a wave of the whole organisation can be contributed to the peer set, not a wave of one unit"},
    "store.err.unit_too_small": {
        "nl": "eenheid {unit} heeft te weinig respondenten om apart te tonen of op te slaan (minimaal {n})",
        "en": "unit {unit} has too few respondents to be shown or saved on its own (at least {n})"},
    "store.err.unit_not_in_survey": {
        "nl": "geen respondent in het bestand hoort bij eenheid {unit} (wel: {named})",
        "en": "no respondent in the file belongs to unit {unit} (named: {named})"},
}
