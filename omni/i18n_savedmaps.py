"""Dutch and English texts for listing and deleting saved column mappings (Start page and CLI;
merged into omni.i18n.TEXTS)."""

from __future__ import annotations

SAVEDMAPS_TEXTS: dict[str, dict[str, str]] = {
    "store.err.no_mapping": {
        "nl": "er is geen bewaarde indeling '{name}' voor {organisation}",
        "en": "there is no saved mapping '{name}' for {organisation}"},
    "savedmaps.heading": {"nl": "Bewaarde indelingen ({n})", "en": "Saved mappings ({n})"},
    "savedmaps.intro": {
        "nl": "Indelingen die voor uw organisaties zijn bewaard. Een indeling wordt vanzelf aangeboden voor een "
              "bestand met dezelfde kolomkoppen; hier kunt u ze bekijken en verwijderen.",
        "en": "Mappings saved for your organisations. A mapping is offered by itself for a file with the same "
              "column headers; here you can look at them and delete them."},
    "savedmaps.col.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "savedmaps.col.name": {"nl": "Naam", "en": "Name"},
    "savedmaps.col.columns": {"nl": "Kolommen", "en": "Columns"},
    "savedmaps.col.updated": {"nl": "Bewaard op", "en": "Saved on"},
    "savedmaps.col.by": {"nl": "Door", "en": "By"},
    "savedmaps.choose": {"nl": "Indeling", "en": "Mapping"},
    "savedmaps.option": {"nl": "{name} ({organisation})", "en": "{name} ({organisation})"},
    "savedmaps.confirm": {"nl": "Ja, verwijder '{name}' voor {organisation}",
                          "en": "Yes, delete '{name}' for {organisation}"},
    "savedmaps.delete": {"nl": "Indeling verwijderen", "en": "Delete mapping"},
    "savedmaps.deleted": {"nl": "Indeling '{name}' van {organisation} is verwijderd.",
                          "en": "Mapping '{name}' of {organisation} was deleted."},
    "savedmaps.failed": {"nl": "De indeling is niet verwijderd: {reason}.",
                         "en": "The mapping was not deleted: {reason}."},
    "savedmaps.unavailable": {"nl": "De bewaarde indelingen zijn nu niet beschikbaar.",
                              "en": "The saved mappings are not available right now."},
    "savedmaps.cli_line": {"nl": "{organisation} · {name} · {columns} kolommen · {updated} · {by}",
                           "en": "{organisation} · {name} · {columns} columns · {updated} · {by}"},
    "savedmaps.cli_empty": {"nl": "Geen bewaarde indelingen.", "en": "No saved mappings."},
    "savedmaps.cli_deleted": {"nl": "Verwijderd: indeling '{name}' van {organisation}.",
                              "en": "Deleted: mapping '{name}' of {organisation}."},
}
