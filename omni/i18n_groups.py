"""Dutch and English texts of breakdown confidentiality, units and the portfolio (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

GROUPS_TEXTS: dict[str, dict[str, str]] = {  # PORTFOLIO_TEXTS are added below
    "fact.unit": {"nl": "Eenheid (merk, land, bedrijfsonderdeel)", "en": "Unit (brand, country, business unit)"},
    "groups.other": {"nl": "Overig", "en": "Other"},
    "groups.unknown": {"nl": "Niet opgegeven", "en": "Not given"},
    "groups.min_group.hosted": {
        "nl": "Een groep wordt alleen getoond vanaf {n} respondenten (standaard met inloggen; instelling min_group).",
        "en": "A group is shown only from {n} respondents (the default with sign-in; setting min_group)."},
    "groups.min_group.local": {
        "nl": "Elke groep wordt getoond, ook van {n} respondent (lokale modus: u ziet alle antwoorden al; "
              "instelling min_group).",
        "en": "Every group is shown, even of {n} respondent (local mode: you see every answer already; "
              "setting min_group)."},
    "groups.min_group.configured": {
        "nl": "Een groep wordt alleen getoond vanaf {n} respondenten (ingesteld met min_group).",
        "en": "A group is shown only from {n} respondents (configured with min_group)."},
    "groups.bad_min_group": {
        "nl": "De instelling min_group (OMNI_MIN_GROUP of [omni] min_group) moet een heel getal van 1 tot "
              "{maximum} zijn. Pas die aan en start de app opnieuw.",
        "en": "The setting min_group (OMNI_MIN_GROUP or [omni] min_group) must be a whole number from 1 to "
              "{maximum}. Correct it and restart the app."},
    "report.sheet.breakdowns": {"nl": "Uitsplitsing", "en": "Breakdowns"},
    "groups.threshold": {
        "nl": "Een groep staat hier alleen vanaf {n} respondenten (instelling min_group).",
        "en": "A group appears here only from {n} respondents (setting min_group)."},
    "groups.note.merged": {
        "nl": "{n} groepen staan samen onder ‘Overig’, zodat geen groep van minder dan {k} respondenten te zien "
              "of uit het totaal af te leiden is.",
        "en": "{n} groups are combined under ‘Other’, so that no group of fewer than {k} respondents can be seen "
              "or worked out from the total."},
    "groups.note.withheld": {
        "nl": "Geen uitsplitsing: de groepen zijn te klein (minder dan {k} respondenten) om apart te tonen "
              "zonder iemand herkenbaar te maken.",
        "en": "No breakdown: the groups are too small (fewer than {k} respondents) to show apart without "
              "making someone recognisable."},
    "groups.note.cells": {
        "nl": "{n} scores van een groep zijn weggelaten: minder dan {k} respondenten gaven ze.",
        "en": "{n} scores of a group are left out: fewer than {k} respondents gave them."},
}

UNITS_TEXTS: dict[str, dict[str, str]] = {
    "store.err.unit_empty": {"nl": "geef de eenheid een naam", "en": "give the unit a name"},
    "nav.units": {"nl": "Eenheden", "en": "Units"},
    "units.none": {
        "nl": "Deze meting kent geen eenheden. Vul per respondent het gegeven ‘Eenheid’ in (merk, land of "
              "bedrijfsonderdeel; in het sjabloon, de vragenlijst of een kolom ‘Eenheid’/‘Unit’) om ze naast "
              "elkaar te zien.",
        "en": "This wave has no units. Give each respondent the fact ‘Unit’ (brand, country or business unit; in "
              "the template, the questionnaire or a column ‘Unit’) to see them side by side."},
    "units.rollup": {"nl": "De groep als geheel", "en": "The group as a whole"},
    "units.weighting": {"nl": "Optellen van de eenheden", "en": "Rolling up the units"},
    "units.rollup_says": {
        "nl": "Groepsscore uit {n} eenheden, {weighting}.", "en": "Group score from {n} units, {weighting}."},
    "units.group_index": {"nl": "Groepsindex (1–5)", "en": "Group index (1–5)"},
    "units.trace_heading": {"nl": "Zo is de groepsscore berekend", "en": "How the group score is computed"},
    "units.range": {"nl": "Verschil hoogste–laagste", "en": "Range highest–lowest"},
    "report.sheet.units": {"nl": "Eenheden", "en": "Units"},
    "units.open_help": {
        "nl": "Opent alle pagina’s (overzicht, roadmap, export, opslaan) voor alleen deze eenheid; de zijbalk "
              "noemt de eenheid. Eenheden onder ‘Overig’ zijn te klein om apart te openen.",
        "en": "Opens every page (overview, roadmap, export, saving) for this unit alone; the sidebar names the "
              "unit. Units under ‘Other’ are too small to open on their own."},
    "units.open": {"nl": "Openen", "en": "Open"},
    "units.back_to_group": {"nl": "Terug naar de hele groep", "en": "Back to the whole group"},
    "units.round_unit": {"nl": "Eenheid (optioneel)", "en": "Unit (optional)"},
    "units.round_unit_help": {
        "nl": "Een ronde voor één eenheid van de groep (merk, land, bedrijfsonderdeel): alle respondenten horen "
              "erbij. Leeg: de respondenten kiezen zelf hun eenheid, als de organisatie eenheden heeft.",
        "en": "A round for one unit of the group (brand, country, business unit): every respondent belongs to it. "
              "Empty: respondents choose their unit themselves, when the organisation has units."},
    "units.group": {"nl": "Groep", "en": "Group"},
    "export.part.units": {"nl": "Eenheden vergeleken", "en": "Units compared"},
    "deck.units_title": {
        "nl": "{dimension} verschilt het meest: {leader} loopt voorop, {lagger} blijft achter",
        "en": "{dimension} differs most: {leader} leads, {lagger} lags"},
    "deck.units_index": {"nl": "Groepsindex {index}.", "en": "Group index {index}."},
    "units.leader": {"nl": "Voorloper", "en": "Leads"},
    "units.lagger": {"nl": "Achterblijver", "en": "Lags"},
    "units.trace": {
        "nl": "{dimension} ({measure}), groep: gemiddelde van {n} eenheden, {weighting} = {numerator} / "
              "{denominator} = {value}",
        "en": "{dimension} ({measure}), group: mean of {n} units, {weighting} = {numerator} / {denominator} = {value}"},
    "units.weighting.respondents": {"nl": "gewogen naar respondenten", "en": "weighted by respondents"},
    "units.weighting.equal": {"nl": "elke eenheid even zwaar", "en": "each unit counting equally"},
}

PORTFOLIO_TEXTS: dict[str, dict[str, str]] = {
    "portfolio.title": {"nl": "Portfolio", "en": "Portfolio"},
    "portfolio.intro_mine": {
        "nl": "Uw klanten: de organisaties waarvan u lid bent, elk met de laatste meting.",
        "en": "Your clients: the organisations you are a member of, each with its latest wave."},
    "portfolio.intro_all": {
        "nl": "Alle organisaties in de opslag (beheerder of lokale modus), elk met de laatste meting.",
        "en": "Every organisation in the store (administrator or local mode), each with its latest wave."},
    "portfolio.none": {
        "nl": "Nog geen organisaties. Sla een meting op (Historie) of vraag een beheerder u toe te voegen.",
        "en": "No organisations yet. Save a wave (History) or ask an administrator to add you."},
    "portfolio.sort": {"nl": "Sorteren op", "en": "Sort by"},
    "portfolio.descending": {"nl": "Aflopend", "en": "Descending"},
    "portfolio.sort.organisation": {"nl": "Klant", "en": "Client"},
    "portfolio.sort.wave_date": {"nl": "Datum laatste meting", "en": "Date of latest wave"},
    "portfolio.sort.index": {"nl": "Index", "en": "Index"},
    "portfolio.sort.gap": {"nl": "Gat", "en": "Gap"},
    "portfolio.sort.progress": {"nl": "Voortgang", "en": "Progress"},
    "portfolio.sort.overdue": {"nl": "Acties over tijd", "en": "Overdue actions"},
    "portfolio.col.client": {"nl": "Klant", "en": "Client"},
    "portfolio.col.wave": {"nl": "Laatste meting", "en": "Latest wave"},
    "portfolio.col.date": {"nl": "Datum", "en": "Date"},
    "portfolio.col.index": {"nl": "Index (1–5)", "en": "Index (1–5)"},
    "portfolio.col.progress": {"nl": "Voortgang sinds vorige meting", "en": "Progress since previous wave"},
    "portfolio.col.open": {"nl": "Open acties", "en": "Open actions"},
    "portfolio.col.overdue": {"nl": "Acties over tijd", "en": "Overdue actions"},
    "portfolio.download": {"nl": "Portfolio downloaden (Excel)", "en": "Download the portfolio (Excel)"},
    "portfolio.exported": {"nl": "Geëxporteerd op {date}", "en": "Exported on {date}"},
    "portfolio.open_heading": {"nl": "Dashboard van een klant openen", "en": "Open a client's dashboard"},
    "portfolio.open_help": {
        "nl": "Opent de laatste meting van de klant; links in de zijbalk staat steeds wiens gegevens u ziet.",
        "en": "Opens the client's latest wave; the sidebar always says whose data you are looking at."},
    "portfolio.open": {"nl": "Open {client}", "en": "Open {client}"},
    "portfolio.no_wave": {"nl": "Nog geen opgeslagen meting.", "en": "No saved wave yet."},
}

GROUPS_SINGULAR: dict[str, dict[str, str]] = {
    "units.rollup_says": {"nl": "Groepsscore uit {n} eenheid, {weighting}.", "en": "Group score from {n} unit, {weighting}."},
    "units.trace": {
        "nl": "{dimension} ({measure}), groep: {n} eenheid, {weighting} = {numerator} / {denominator} = {value}",
        "en": "{dimension} ({measure}), group: {n} unit, {weighting} = {numerator} / {denominator} = {value}"},
    "groups.threshold": {
        "nl": "Elke groep staat hier, ook van {n} respondent (instelling min_group).",
        "en": "Every group appears here, even of {n} respondent (setting min_group)."},
    "groups.min_group.hosted": {
        "nl": "Een groep wordt getoond vanaf {n} respondent (instelling min_group).",
        "en": "A group is shown from {n} respondent (setting min_group)."},
    "groups.min_group.configured": {
        "nl": "Elke groep wordt getoond, ook van {n} respondent (ingesteld met min_group).",
        "en": "Every group is shown, even of {n} respondent (configured with min_group)."},
    "groups.note.merged": {
        "nl": "{n} groep staat onder ‘Overig’, zodat geen groep van minder dan {k} respondenten te zien "
              "of uit het totaal af te leiden is.",
        "en": "{n} group is shown as ‘Other’, so that no group of fewer than {k} respondents can be seen "
              "or worked out from the total."},
    "groups.note.cells": {
        "nl": "{n} score van een groep is weggelaten: minder dan {k} respondenten gaven hem.",
        "en": "{n} score of a group is left out: fewer than {k} respondents gave it."},
}

GROUPS_TEXTS.update(PORTFOLIO_TEXTS)
GROUPS_TEXTS.update(UNITS_TEXTS)
