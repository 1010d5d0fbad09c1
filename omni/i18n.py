"""Dutch and English texts for messages, the template and the CLI.

Framework content (questions, levels, advice) lives in the framework data files; this module
holds the product's own texts. Every key has both languages; `t` formats one.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

TEXTS: dict[str, dict[str, str]] = {
    # --- survey problems -------------------------------------------------------------------
    "problem.not_a_score": {
        "nl": "'{value}' is geen score van 1 tot 5 (of n.v.t.)",
        "en": "'{value}' is not a score from 1 to 5 (or n/a)",
    },
    "problem.unanswered": {
        "nl": "vraag {question} is niet beantwoord ({field})",
        "en": "question {question} is not answered ({field})",
    },
    "problem.target_below_current": {
        "nl": "gewenste score {target} ligt onder de huidige score {current} bij vraag {question}",
        "en": "target {target} is below current {current} for question {question}",
    },
    "problem.unknown_question": {
        "nl": "onbekende vraag-ID '{value}' voor dit framework",
        "en": "unknown question id '{value}' for this framework",
    },
    "problem.missing_question": {
        "nl": "vraag {question} ontbreekt in het werkblad",
        "en": "question {question} is missing from the sheet",
    },
    "problem.duplicate_question": {
        "nl": "vraag {question} staat meer dan eens in het werkblad",
        "en": "question {question} appears more than once in the sheet",
    },
    "problem.missing_sheet": {
        "nl": "werkblad '{sheet}' ontbreekt; is dit een ingevulde enquête?",
        "en": "sheet '{sheet}' is missing; is this a filled survey?",
    },
    "problem.framework_mismatch": {
        "nl": "het bestand is gemaakt voor framework '{found}', niet voor '{expected}'",
        "en": "the file was made for framework '{found}', not for '{expected}'",
    },
    "problem.framework_version": {
        "nl": "het bestand is gemaakt voor versie {found} van het framework; huidige versie is {expected}",
        "en": "the file was made for framework version {found}; the current version is {expected}",
    },
    "problem.unknown_framework": {
        "nl": "onbekend framework '{value}'",
        "en": "unknown framework '{value}'",
    },
    "problem.unreadable": {
        "nl": "het bestand kan niet als Excel-werkmap worden gelezen ({detail})",
        "en": "the file cannot be read as an Excel workbook ({detail})",
    },
    "problem.unsupported_format": {
        "nl": "bestandstype '{ext}' wordt niet ondersteund; verwacht .xlsx",
        "en": "file type '{ext}' is not supported; expected .xlsx",
    },
    "problem.no_answers": {
        "nl": "geen enkele vraag is beantwoord",
        "en": "no question has been answered",
    },
    "problem.respondent_empty": {
        "nl": "respondent {respondent} heeft geen enkele vraag beantwoord en telt niet mee",
        "en": "respondent {respondent} answered no question and is not counted",
    },
    "problem.no_respondents": {
        "nl": "geen respondenten gevonden",
        "en": "no respondents found",
    },
    "problem.mixed_frameworks": {
        "nl": "de bestanden horen bij verschillende frameworks ({found})",
        "en": "the files belong to different frameworks ({found})",
    },
    "problem.mixed_organisations": {
        "nl": "de bestanden noemen verschillende organisaties ({found}); '{chosen}' wordt gebruikt",
        "en": "the files name different organisations ({found}); using '{chosen}'",
    },
    "problem.header_missing": {
        "nl": "kolom '{column}' niet gevonden in de kopregel",
        "en": "column '{column}' not found in the header row",
    },
    "problem.text_too_long": {
        "nl": "tekst is ingekort tot {limit} tekens",
        "en": "text was shortened to {limit} characters",
    },
    "field.current": {"nl": "huidig", "en": "current"},
    "field.target": {"nl": "gewenst", "en": "target"},
    "severity.error": {"nl": "fout", "en": "error"},
    "severity.warning": {"nl": "waarschuwing", "en": "warning"},
    # --- template ----------------------------------------------------------------------------
    "sheet.instructions": {"nl": "Instructies", "en": "Instructions"},
    "sheet.respondent": {"nl": "Respondent", "en": "Respondent"},
    "sheet.answers": {"nl": "Antwoorden", "en": "Answers"},
    "sheet.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "col.id": {"nl": "ID", "en": "ID"},
    "col.dimension": {"nl": "Onderdeel", "en": "Dimension"},
    "col.question": {"nl": "Vraag", "en": "Question"},
    "col.options": {"nl": "Antwoordopties (1 t/m 5)", "en": "Answer options (1 to 5)"},
    "col.current": {"nl": "Huidig", "en": "Current"},
    "col.target": {"nl": "Gewenst", "en": "Target"},
    "col.comment": {"nl": "Toelichting", "en": "Comment"},
    "not_applicable": {"nl": "n.v.t.", "en": "n/a"},
    "template.title": {
        "nl": "Enquête: {framework}",
        "en": "Survey: {framework}",
    },
    "template.instructions": {
        "nl": (
            "Zo vult u deze enquête in\n"
            "1. Vul op het blad 'Respondent' uw rol, afdeling en organisatie in. Uw naam is optioneel.\n"
            "2. Lees op het blad 'Antwoorden' per vraag de vijf antwoordopties. Elke optie beschrijft "
            "hoe de praktijk eruitziet op dat niveau.\n"
            "3. Kies in de kolom 'Huidig' het nummer (1 t/m 5) dat het best past bij hoe het nu gaat, "
            "en in de kolom 'Gewenst' waar uw organisatie over twee à drie jaar wil staan.\n"
            "4. Weet u het niet of is een vraag niet van toepassing, kies dan 'n.v.t.'. Dat verlaagt "
            "de score niet.\n"
            "5. Licht een antwoord gerust toe in de kolom 'Toelichting'.\n"
            "6. Sla het bestand op en stuur het terug. Alleen de invulcellen zijn te wijzigen; er "
            "staan geen formules in, alle scores worden berekend nadat u het bestand aanlevert."
        ),
        "en": (
            "How to fill in this survey\n"
            "1. On the 'Respondent' sheet, fill in your role, department and organisation. Your name "
            "is optional.\n"
            "2. On the 'Answers' sheet, read the five answer options for each question. Each option "
            "describes what practice looks like at that level.\n"
            "3. In the 'Current' column choose the number (1 to 5) that best matches how things are "
            "today, and in the 'Target' column where your organisation wants to be in two to three "
            "years.\n"
            "4. If you don't know or a question does not apply, choose 'n/a'. It does not lower the "
            "score.\n"
            "5. Feel free to explain an answer in the 'Comment' column.\n"
            "6. Save the file and send it back. Only the input cells can be changed; there are no "
            "formulas, all scores are computed after you hand in the file."
        ),
    },
    "template.levels_heading": {"nl": "De vijf niveaus", "en": "The five levels"},
    "template.made_for": {
        "nl": "Gemaakt voor {framework}, versie {version}",
        "en": "Made for {framework}, version {version}",
    },
    "template.wide_hint": {
        "nl": "Eén regel per respondent. Scores 1 t/m 5 of 'n.v.t.'; de vragen en opties staan op het blad 'Antwoorden'.",
        "en": "One row per respondent. Scores 1 to 5 or 'n/a'; the questions and options are on the 'Answers' sheet.",
    },
    # --- respondent facts ---------------------------------------------------------------------
    "fact.name": {"nl": "Naam (optioneel)", "en": "Name (optional)"},
    "fact.role": {"nl": "Rol", "en": "Role"},
    "fact.department": {"nl": "Afdeling", "en": "Department"},
    "fact.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "fact.sector": {"nl": "Sector", "en": "Sector"},
    "fact.size_band": {"nl": "Omvang (medewerkers)", "en": "Size (employees)"},
    "fact.channel_model": {"nl": "Kanaalmodel", "en": "Channel model"},
    "fact.date": {"nl": "Datum", "en": "Date"},
    # --- scoring -----------------------------------------------------------------------------
    "agreement.high": {"nl": "eensgezind", "en": "agreed"},
    "agreement.moderate": {"nl": "enigszins verdeeld", "en": "some disagreement"},
    "agreement.low": {"nl": "verdeeld", "en": "divided"},
    "agreement.single": {"nl": "één respondent", "en": "single respondent"},
    "score.insufficient": {"nl": "onvoldoende beantwoord", "en": "insufficiently answered"},
    "trace.respondent_dimension": {
        "nl": "{respondent}, {dimension} ({measure}): gewogen gemiddelde van {n} beantwoorde vragen "
        "= {numerator} / {denominator} = {value}",
        "en": "{respondent}, {dimension} ({measure}): weighted mean of {n} answered questions "
        "= {numerator} / {denominator} = {value}",
    },
    "trace.organisation_dimension": {
        "nl": "{dimension} ({measure}): gemiddelde over {n} respondenten = {value}",
        "en": "{dimension} ({measure}): mean over {n} respondents = {value}",
    },
    "trace.overall": {
        "nl": "Totaal ({measure}): gewogen gemiddelde van {n} onderdelen = {numerator} / {denominator} = {value}",
        "en": "Overall ({measure}): weighted mean of {n} dimensions = {numerator} / {denominator} = {value}",
    },
    "trace.excluded_na": {
        "nl": "{n} vragen n.v.t. of leeg, niet meegeteld",
        "en": "{n} questions n/a or blank, not counted",
    },
    "trace.excluded_insufficient": {
        "nl": "niet meegeteld (minder dan de helft beantwoord): {names}",
        "en": "not counted (less than half answered): {names}",
    },
    # --- CLI ---------------------------------------------------------------------------------
    "cli.cannot_score": {
        "nl": "Kan niet scoren: {n} fout(en) in de invoer.",
        "en": "Cannot score: {n} error(s) in the input.",
    },
    "cli.file_not_found": {"nl": "bestand niet gevonden", "en": "file not found"},
    "cli.written": {"nl": "Geschreven: {path}", "en": "Written: {path}"},
    "cli.overall": {"nl": "Totaal", "en": "Overall"},
    "cli.level": {"nl": "Niveau", "en": "Level"},
    "cli.gap": {"nl": "Gat", "en": "Gap"},
    "cli.spread": {"nl": "Spreiding", "en": "Spread"},
    "cli.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "cli.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "cli.framework": {"nl": "Framework", "en": "Framework"},
    "cli.problems": {"nl": "Meldingen", "en": "Problems"},
}


def t(key: str, lang: str, **params: object) -> str:
    """Return the text for `key` in `lang`, formatted with `params`."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def check_language(lang: str) -> str:
    """Return `lang` if supported, else raise ValueError naming the options."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang
