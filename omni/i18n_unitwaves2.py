"""Dutch and English texts of unit waves in the portfolio and in survey rounds (#19; merged into
omni.i18n.TEXTS)."""

from __future__ import annotations

TEXTS_UNITWAVES2: dict[str, dict[str, str]] = {
    "unitwaves2.portfolio_unit_note": {
        "nl": "Een klant zonder meting van de hele organisatie toont de nieuwste meting van één eenheid, met de "
              "eenheid achter de meting (bijvoorbeeld „2027 · NL”); de voortgang is dan die van die eenheid.",
        "en": "A client without a wave of the whole organisation shows the newest wave of one unit, the unit "
              "after the wave (for example “2027 · NL”); progress is then that unit's."},
    "unitwaves2.round_of_unit": {"nl": "Ronde van eenheid {unit}", "en": "Round of unit {unit}"},
    "unitwaves2.round_save_unit": {
        "nl": "Opslaan als meting van eenheid {unit}", "en": "Save as a wave of unit {unit}"},
    "unitwaves2.round_save_group": {
        "nl": "Opslaan als meting van de hele organisatie", "en": "Save as a wave of the whole organisation"},
    "unitwaves2.round_save_help": {
        "nl": "Slaat de antwoorden van deze ronde op als meting {wave}, te zien onder Historie. Nogmaals opslaan "
              "maakt een nieuwe versie.",
        "en": "Saves this round's answers as wave {wave}, shown under History. Saving again makes a new version."},
}
