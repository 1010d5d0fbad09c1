"""Dutch and English texts for recognising a file's framework from its headers (merged into
omni.i18n.TEXTS)."""

from __future__ import annotations

DETECT_TEXTS: dict[str, dict[str, str]] = {
    "problem.framework_ambiguous": {
        "nl": "de kolommen passen bijna even goed bij meer dan één raamwerk: {frameworks_nl} (herkende "
              "antwoordkolommen); kies het raamwerk (op de startpagina, of met --framework) en lees het bestand "
              "opnieuw in",
        "en": "the columns fit more than one framework almost equally well: {frameworks_en} (answer columns "
              "recognised); choose the framework (on the Start page, or with --framework) and read the file again"},
}
