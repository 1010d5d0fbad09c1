"""Dutch and English texts for managing an organisation's units and what it calls them (merged into
omni.i18n.TEXTS); the pseudonymised respondents of the exports."""

from __future__ import annotations

TEXTS_UNITADMIN: dict[str, dict[str, str]] = {
    "unitadmin.word_one": {"nl": "Eenheid", "en": "Unit"},
    "unitadmin.word_many": {"nl": "Eenheden", "en": "Units"},
    "unitadmin.title": {"nl": "{units} van de groep", "en": "{units} of the group"},
    "unitadmin.side_by_side": {"nl": "{units} naast elkaar", "en": "{units} side by side"},
    "unitadmin.spread": {"nl": "{units}: verschil per onderdeel", "en": "{units}: spread per dimension"},
    "unitadmin.compared": {"nl": "{units} vergeleken", "en": "{units} compared"},
    "unitadmin.open_heading": {"nl": "Eén {unit_lower} bekijken", "en": "View one {unit_lower}"},
    "unitadmin.radars_title": {"nl": "Huidig en gewenst per {unit_lower}", "en": "Current and target per {unit_lower}"},
    "unitadmin.heatmap_current": {"nl": "Huidige score per {unit_lower}", "en": "Current score by {unit_lower}"},
    "unitadmin.heatmap_target": {"nl": "Gewenste score per {unit_lower}", "en": "Target score by {unit_lower}"},
    "unitadmin.manage": {"nl": "{units} beheren", "en": "Manage {units}"},
    "unitadmin.manage_help": {
        "nl": "Toevoegen, hernoemen en verwijderen kan voor de eigen organisatie (leden) en door beheerders; "
              "elke wijziging staat in het logboek. Eenheden die respondenten noemen worden ook vanzelf "
              "toegevoegd wanneer een meting wordt opgeslagen.",
        "en": "Members can add, rename and remove units of their own organisation, administrators of any; "
              "every change is written to the audit log. Units that respondents name are also added by "
              "themselves when a wave is saved."},
    "unitadmin.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "unitadmin.none": {"nl": "Deze organisatie heeft nog geen eenheden.", "en": "This organisation has no units yet."},
    "unitadmin.col.name": {"nl": "Naam", "en": "Name"},
    "unitadmin.col.waves": {"nl": "Opgeslagen metingen", "en": "Saved waves"},
    "unitadmin.col.rounds": {"nl": "Rondes", "en": "Rounds"},
    "unitadmin.col.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "unitadmin.add": {"nl": "Nieuwe eenheid", "en": "New unit"},
    "unitadmin.add_button": {"nl": "Toevoegen", "en": "Add"},
    "unitadmin.added": {"nl": "‘{unit}’ is toegevoegd.", "en": "‘{unit}’ was added."},
    "unitadmin.rename_which": {"nl": "Eenheid om te hernoemen", "en": "Unit to rename"},
    "unitadmin.rename_to": {"nl": "Nieuwe naam", "en": "New name"},
    "unitadmin.rename_button": {"nl": "Hernoemen", "en": "Rename"},
    "unitadmin.renamed": {
        "nl": "‘{old}’ heet nu ‘{new}’, ook bij {respondents} respondent(en) in opgeslagen metingen en rondes.",
        "en": "‘{old}’ is now called ‘{new}’, also for {respondents} respondent(s) in saved waves and rounds."},
    "unitadmin.remove_which": {"nl": "Eenheid om te verwijderen", "en": "Unit to remove"},
    "unitadmin.remove_help": {
        "nl": "Alleen een eenheid waar niets naar verwijst kan weg: geen opgeslagen meting of ronde van die "
              "eenheid en geen respondent die haar noemt. Hernoem haar anders.",
        "en": "Only a unit nothing refers to can go: no saved wave or round of that unit and no respondent "
              "who names it. Rename it otherwise."},
    "unitadmin.remove_button": {"nl": "Verwijderen", "en": "Remove"},
    "unitadmin.removed": {"nl": "‘{unit}’ is verwijderd.", "en": "‘{unit}’ was removed."},
    "unitadmin.label": {"nl": "Hoe noemt de organisatie haar eenheden?", "en": "What does the organisation call its units?"},
    "unitadmin.label_help": {
        "nl": "Bijvoorbeeld Merk, Land, Regio, Bedrijfsonderdeel of Winkelcluster (die worden in het Engels "
              "vertaald), of een eigen woord; enkelvoud en meervoud met een schuine streep: Cluster/Clusters. "
              "Leeg: ‘Eenheid’.",
        "en": "For example Brand, Country, Region, Business unit or Store cluster (translated into Dutch), or a "
              "word of your own; singular and plural with a slash: Cluster/Clusters. Empty: ‘Unit’."},
    "unitadmin.label_button": {"nl": "Opslaan", "en": "Save"},
    "unitadmin.label_saved": {
        "nl": "Opgeslagen: de eenheden heten nu ‘{units}’.", "en": "Saved: the units are now called ‘{units}’."},
    "unitadmin.required": {"nl": "Kies een organisatie en geef een naam.", "en": "Choose an organisation and give a name."},
    "unitadmin.cli_list": {"nl": "{organisation}: {units}", "en": "{organisation}: {units}"},
    "store.err.no_unit": {
        "nl": "‘{organisation}’ heeft geen eenheid ‘{unit}’", "en": "‘{organisation}’ has no unit ‘{unit}’"},
    "store.err.unit_exists": {
        "nl": "er is al een eenheid ‘{unit}’; samenvoegen kan niet door te hernoemen",
        "en": "there already is a unit ‘{unit}’; renaming cannot merge two units"},
    "store.err.unit_in_use": {
        "nl": "eenheid ‘{unit}’ kan niet weg: er verwijzen {waves} opgeslagen meting(en), {rounds} ronde(s) en "
              "{respondents} respondent(en) naar. Hernoem haar, of verwijder eerst die metingen en rondes",
        "en": "unit ‘{unit}’ cannot be removed: {waves} saved wave(s), {rounds} round(s) and {respondents} "
              "respondent(s) refer to it. Rename it, or delete those waves and rounds first"},
    "audit.action.unit": {"nl": "Eenheden", "en": "Units"},
    "report.pseudonym": {"nl": "Respondent {n}", "en": "Respondent {n}"},
    "report.pseudonymised": {
        "nl": "Respondenten staan hier zonder naam, in een vaste volgorde die niets zegt over wie eerst "
              "antwoordde; rol, afdeling en eenheid alleen voor groepen van minstens {k} (instelling min_group).",
        "en": "Respondents appear here without their names, in a fixed order that says nothing about who "
              "answered first; role, department and unit only for groups of at least {k} (setting min_group)."},
}
