"""Dutch and English texts for reading Forms exports: option texts, summary rows, resubmissions
(merged into omni.i18n.TEXTS)."""

from __future__ import annotations

INTAKE_TEXTS: dict[str, dict[str, str]] = {
    "problem.option_ambiguous": {
        "nl": "'{value}' past bij meer dan één antwoord van vraag {question}: {candidates_nl}; het antwoord is "
              "niet geteld - gebruik in het formulier de volledige antwoordteksten of de cijfers 1 tot 5",
        "en": "'{value}' fits more than one answer of question {question}: {candidates_en}; the answer was not "
              "counted - use the full answer texts or the numbers 1 to 5 in the form",
    },
    "problem.option_unknown": {
        "nl": "'{value}' is geen score van 1 tot 5, geen n.v.t. en geen antwoord van vraag {question} "
              "(het dichtst in de buurt: {candidates_nl})",
        "en": "'{value}' is not a score from 1 to 5, not n/a and not an answer of question {question} "
              "(closest: {candidates_en})",
    },
    "problem.csv_in_one_column": {
        "nl": "alle gegevens staan in kolom A, gescheiden door {separators_nl}: Excel heeft een CSV-bestand geopend "
              "met een ander scheidingsteken dan het bestand gebruikt - upload het oorspronkelijke CSV-bestand, of "
              "splits kolom A in Excel met Gegevens > Tekst naar kolommen (scheidingsteken: {separator_nl})",
        "en": "all data is in column A, separated by {separators_en}: Excel opened a CSV file with another separator "
              "than the file uses - upload the original CSV file, or split column A in Excel with Data > Text to "
              "Columns (delimiter: {separator_en})",
    },
    "problem.several_roles": {
        "nl": "{n} respondenten kozen meer dan één rol, zoals {respondent} ({source}: '{value}'); in de uitsplitsing per rol "
              "vormen zij een eigen groep - vraag in het formulier naar één rol, of kies per persoon één rol in het bestand",
        "en": "{n} respondents chose more than one role, such as {respondent} ({source}: '{value}'); in the breakdown by role "
              "they form a group of their own - ask for one role in the form, or choose one role per person in the file",
    },
    "problem.summary_row": {
        "nl": "regel {row} ('{label}') is een samenvattingsregel, geen respondent, en is overgeslagen",
        "en": "row {row} ('{label}') is a summary row, not a respondent, and was skipped",
    },
    "problem.dimension_unscored": {
        "nl": "onderdeel {dimension} heeft geen enkele score: de totaalindex staat op {scored} van de {total} "
              "onderdelen. Kijk of de kolommen van dit onderdeel zijn herkend (op Start: Kolommen controleren en verbeteren)",
        "en": "dimension {dimension} has no score at all: the overall index rests on {scored} of the {total} "
              "dimensions. Check whether this dimension's columns were recognised (on Start: Check and correct the columns)",
    },
    "problem.questions_in_rows": {
        "nl": "de vragen staan hier onder elkaar ({n} vraag-ID's vanaf {first}) en de respondenten naast elkaar; dat "
              "kan niet worden gelezen. Zet elke respondent op een eigen regel met de vragen als kolomkoppen (in Excel: "
              "kopiëren en Plakken speciaal > Transponeren), of geef elke persoon de template",
        "en": "the questions run down this sheet ({n} question ids from {first}) and the respondents across; that "
              "cannot be read. Put each respondent on a row of their own with the questions as column headers (in "
              "Excel: copy, then Paste Special > Transpose), or give each person the template",
    },
    "problem.columns_not_read": {
        "nl": "niet gelezen: {columns}; dit blad telt als de antwoorden van één persoon. Geef elke persoon een "
              "eigen bestand, of zet het team op het blad Respondenten van de template",
        "en": "not read: {columns}; this sheet holds one person's answers. Give each person a file of their own, or "
              "put the team on the template's Respondents sheet",
    },
    "problem.responses_not_read": {
        "nl": "dit blad bevat ook antwoorden op de vragen, maar alleen blad '{read}' is gelezen. Staan hier andere "
              "respondenten, zet ze dan onder die op '{read}' (of upload dit blad als eigen CSV-bestand)",
        "en": "this sheet also holds answers to the questions, but only sheet '{read}' was read. If it holds other "
              "respondents, put them below those on '{read}' (or upload this sheet as a CSV file of its own)",
    },
    "problem.hidden_original": {
        "nl": "dit blad is verborgen en is niet gelezen: de antwoorden komen van het zichtbare blad '{read}'. Klopt "
              "dat niet, maak dit blad dan weer zichtbaar en verwijder '{read}'",
        "en": "this sheet is hidden and was not read: the answers come from the visible sheet '{read}'. If that is "
              "wrong, unhide this sheet and delete '{read}'",
    },
    "problem.formula_row": {
        "nl": "regel {row} heeft alleen formules in de antwoordkolommen (zoals {first}) en geen gegevens van een "
              "respondent, zoals een regel met gemiddelden; deze regel is geen respondent en is overgeslagen",
        "en": "row {row} has only formulas in the answer columns (such as {first}) and no respondent details, like "
              "a row of averages; it is not a respondent and was skipped",
    },
    "problem.resubmission_dropped": {
        "nl": "respondent {respondent} ({source}) telt niet mee: {other} ({other_source}) heeft {reason} en is later "
              "ingestuurd; alleen het laatste antwoord telt (kies 'dubbele inzendingen houden' om beide te tellen)",
        "en": "respondent {respondent} ({source}) is not counted: {other} ({other_source}) has {reason} and was "
              "submitted later; only the latest response counts (choose 'keep duplicate submissions' to count both)",
    },
    "colmap.column": {"nl": "Kolom", "en": "Column"},
    "colmap.header": {"nl": "Kop", "en": "Header"},
    "colmap.read_as": {"nl": "Gelezen als", "en": "Read as"},
    "colmap.reason": {"nl": "Waarom", "en": "Why"},
    "colmap.values": {"nl": "Antwoorden", "en": "Answers"},
    "start.keep_duplicates": {
        "nl": "Dubbele inzendingen houden (iemand die twee keer heeft ingevuld telt twee keer)",
        "en": "Keep duplicate submissions (someone who answered twice counts twice)",
    },
    "start.keep_duplicates_help": {
        "nl": "Standaard telt iemand die het formulier twee keer instuurde (zelfde e-mailadres, anders zelfde naam) "
              "één keer: het laatste antwoord. Welke regels zijn weggelaten, staat bij de meldingen.",
        "en": "By default someone who sent the form twice (same e-mail address, else same name) counts once: the "
              "latest response. The problems list says which rows were left out.",
    },
}
