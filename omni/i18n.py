"""Dutch and English texts for messages, the template and the CLI.

Framework content (questions, levels, advice) lives in the framework data files; this module
holds the product's own texts. Every key has both languages; `t` formats one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from omni.format import plural_form
from omni.i18n_access import ACCESS_TEXTS
from omni.i18n_actions import ACTIONS_TEXTS
from omni.i18n_board2 import SINGULAR_BOARD2, TEXTS_BOARD2
from omni.i18n_brand import BRAND_TEXTS
from omni.i18n_content import TEXTS_CONTENT
from omni.i18n_deck import DECK_TEXTS
from omni.i18n_deckactions import DECKACT_TEXTS
from omni.i18n_detect import DETECT_TEXTS
from omni.i18n_dontknow import DONTKNOW_TEXTS
from omni.i18n_forms import FORMS_TEXTS
from omni.i18n_framework import FRAMEWORK_TEXTS
from omni.i18n_groups import GROUPS_SINGULAR, GROUPS_TEXTS
from omni.i18n_intake import INTAKE_TEXTS
from omni.i18n_invite import INVITE_TEXTS
from omni.i18n_levelexports import TEXTS_LEVELEXPORTS
from omni.i18n_mapping import MAPPING_TEXTS
from omni.i18n_methodnotes import TEXTS_METHODNOTES
from omni.i18n_pdf import PDF_TEXTS
from omni.i18n_respond import RESPOND_TEXTS
from omni.i18n_roadmap import ROADMAP_TEXTS
from omni.i18n_rounddelete import ROUNDDELETE_TEXTS
from omni.i18n_savedmaps import SAVEDMAPS_TEXTS
from omni.i18n_screen import SCREEN_TEXTS
from omni.i18n_secauth import SECAUTH_TEXTS
from omni.i18n_secbench import SECBENCH_TEXTS
from omni.i18n_sechttp import SECHTTP_TEXTS
from omni.i18n_sectext import SECTEXT_TEXTS
from omni.i18n_store import STORE_TEXTS
from omni.i18n_unitadmin import TEXTS_UNITADMIN
from omni.i18n_unitwaves import TEXTS_UNITWAVES
from omni.i18n_unitwaves2 import TEXTS_UNITWAVES2

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


class LocalText(Mapping[str, str]):
    """A text in every product language: the one two-language type, for framework texts, vocabulary
    labels and anything else that is data rather than a keyed product text (those are TEXTS).

    LocalText(nl="…", en="…"); `text(lang)` is the text in `lang` (the default language's when `lang`
    has none); read-only, hashable, and a Mapping of language to text, so a third language is a
    third keyword, not a new field."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str] | None = None, /, **by_language: str) -> None:
        object.__setattr__(self, "_texts", {**(texts or {}), **by_language})

    def __call__(self, lang: str) -> str:
        return self._texts.get(lang) or self._texts.get(DEFAULT_LANGUAGE, "")

    def __getitem__(self, lang: str) -> str:
        return self._texts[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._texts) == dict(other)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("LocalText is read-only")

    def __reduce__(self):
        return (LocalText, (dict(self._texts),))

    def __repr__(self) -> str:
        return f"LocalText({', '.join(f'{lang}={text!r}' for lang, text in self._texts.items())})"

# A text is a string, or for plurals a mapping of CLDR category to string (see `t`).
TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
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
    "problem.unknown_dimension": {
        "nl": "onbekend onderdeel '{value}' voor dit framework (bekend: {known}); deze kolom is niet gelezen",
        "en": "unknown dimension '{value}' for this framework (known: {known}); this column was not read",
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
        "nl": "bestandstype '{ext}' wordt niet ondersteund; verwacht .xlsx, .xlsm, .xls, .ods of .csv",
        "en": "file type '{ext}' is not supported; expected .xlsx, .xlsm, .xls, .ods or .csv",
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
    "problem.header_missing": {
        "nl": "kolom '{column}' niet gevonden in de kopregel",
        "en": "column '{column}' not found in the header row",
    },
    "problem.text_too_long": {
        "nl": "tekst is ingekort tot {limit} tekens",
        "en": "text was shortened to {limit} characters",
    },
    # --- survey intake: formats, limits, hostile files (omni/survey) ------------------------
    "problem.empty_file": {
        "nl": "het bestand is leeg; sla de enquête opnieuw op en upload hem nog eens",
        "en": "the file is empty; save the survey again and upload it once more",
    },
    "problem.not_a_spreadsheet": {
        "nl": "het bestand kan niet als Excel-werkmap worden gelezen: het is {kind}; "
              "verwacht .xlsx, .xlsm, .xls, .ods of .csv",
        "en": "the file cannot be read as an Excel workbook: it is {kind}; "
              "expected .xlsx, .xlsm, .xls, .ods or .csv",
    },
    "problem.text_named_as_workbook": {
        "nl": "het bestand kan niet als Excel-werkmap worden gelezen: het heet {ext}, maar is een "
              "tekstbestand (CSV?); sla het op als Excel-werkmap of geef het de extensie .csv",
        "en": "the file cannot be read as an Excel workbook: it is named {ext} but is a text file "
              "(CSV?); save it as an Excel workbook or give it the extension .csv",
    },
    "problem.extension_mismatch": {
        "nl": "het bestand heet {ext}, maar is een {actual}-bestand; het is als {actual} gelezen",
        "en": "the file is named {ext} but is an {actual} file; it was read as {actual}",
    },
    "problem.damaged": {
        "nl": "het bestand is beschadigd of onvolledig (afgebroken download of upload?); "
              "sla het opnieuw op en upload het nog eens",
        "en": "the file is damaged or incomplete (an interrupted download or upload?); "
              "save it again and upload it once more",
    },
    "problem.damaged_part": {
        "nl": "onderdeel '{part}' van de werkmap is beschadigd of onleesbaar; sla de werkmap opnieuw op",
        "en": "part '{part}' of the workbook is damaged or unreadable; save the workbook again",
    },
    "problem.password_protected": {
        "nl": "de werkmap is met een wachtwoord beveiligd en kan niet worden gelezen; sla hem op "
              "zonder wachtwoord (Bestand > Info > Werkmap beveiligen) en upload hem opnieuw",
        "en": "the workbook is password-protected and cannot be read; save it without a password "
              "(File > Info > Protect Workbook) and upload it again",
    },
    "problem.macros_ignored": {
        "nl": "de werkmap bevat macro's; die zijn niet uitgevoerd, alleen de ingevulde gegevens zijn gelezen",
        "en": "the workbook contains macros; they were not run, only the data filled in was read",
    },
    "problem.zip_part_unsupported": {
        "nl": "onderdeel '{part}' is versleuteld of op een onbekende manier ingepakt; sla de werkmap "
              "opnieuw op in Excel of LibreOffice",
        "en": "part '{part}' is encrypted or packed in an unknown way; save the workbook again in "
              "Excel or LibreOffice",
    },
    "problem.xml_dtd": {
        "nl": "onderdeel '{part}' bevat een XML-documenttypedefinitie (DTD); die komt in gewone "
              "werkmappen niet voor en wordt om veiligheidsredenen geweigerd",
        "en": "part '{part}' contains an XML document type definition (DTD); ordinary workbooks "
              "have none, and it is refused for security",
    },
    "problem.limit_file_size": {
        "nl": "het bestand is {size} MB; de limiet is {limit} MB per bestand",
        "en": "the file is {size} MB; the limit is {limit} MB per file",
    },
    "problem.limit_files": {
        "nl": "er zijn {count} bestanden aangeboden; de limiet is {limit} per keer, de rest is niet gelezen",
        "en": "{count} files were uploaded; the limit is {limit} at a time, the rest was not read",
    },
    "problem.limit_zip_members": {
        "nl": "de werkmap bestaat uit {count} onderdelen; de limiet is {limit} (een zip-bom?)",
        "en": "the workbook consists of {count} parts; the limit is {limit} (a zip bomb?)",
    },
    "problem.limit_uncompressed": {
        "nl": "uitgepakt is de werkmap {size} MB; de limiet is {limit} MB (een zip-bom?)",
        "en": "unpacked, the workbook is {size} MB; the limit is {limit} MB (a zip bomb?)",
    },
    "problem.limit_ratio": {
        "nl": "onderdeel '{part}' wordt bij uitpakken {ratio} keer zo groot; de limiet is {limit} keer "
              "(een zip-bom?)",
        "en": "part '{part}' grows {ratio} times when unpacked; the limit is {limit} times (a zip bomb?)",
    },
    "problem.limit_rows": {
        "nl": "er staat iets in rij {row}; de limiet is {limit} rijen per werkblad",
        "en": "there is content in row {row}; the limit is {limit} rows per sheet",
    },
    "problem.limit_columns": {
        "nl": "er staat iets in kolom {column}; de limiet is {limit} kolommen per werkblad",
        "en": "there is content in column {column}; the limit is {limit} columns per sheet",
    },
    "problem.limit_cells": {
        "nl": "het gebruikte gebied is {rows} rijen × {columns} kolommen = {cells} cellen; "
              "de limiet is {limit} cellen per werkblad",
        "en": "the used area is {rows} rows × {columns} columns = {cells} cells; "
              "the limit is {limit} cells per sheet",
    },
    "problem.limit_claimed": {
        "nl": "het werkblad zegt het gebied {ref} te beslaan ({rows} rijen × {columns} kolommen); "
              "de limiet is {max_rows} rijen × {max_columns} kolommen",
        "en": "the sheet claims to span {ref} ({rows} rows × {columns} columns); "
              "the limit is {max_rows} rows × {max_columns} columns",
    },
    "problem.limit_memory": {
        "nl": "het lezen van dit bestand had meer dan {limit} MB geheugen nodig en is gestopt "
              "(de geheugenlimiet per bestand)",
        "en": "reading this file needed more than {limit} MB of memory and was stopped "
              "(the memory limit per file)",
    },
    "problem.limit_time": {
        "nl": "het lezen van dit bestand duurde langer dan {limit} seconden en is gestopt "
              "(de tijdslimiet per bestand)",
        "en": "reading this file took longer than {limit} seconds and was stopped "
              "(the time limit per file)",
    },
    "problem.parser_failed": {
        "nl": "de lezer liep vast op dit bestand; het is waarschijnlijk beschadigd of bewust "
              "misvormd; sla het opnieuw op in Excel of LibreOffice",
        "en": "the reader broke down on this file; it is probably damaged or deliberately "
              "malformed; save it again in Excel or LibreOffice",
    },
    "problem.no_question_columns": {
        "nl": "geen kolommen met vragen gevonden; verwacht in de eerste {rows} regels een kopregel met vraag-ID's "
              "(zoals '{example} Huidig') of de vraagteksten, of het blad 'Antwoorden' van de enquête",
        "en": "no question columns found; expected within the first {rows} rows a header row with question ids "
              "(such as '{example} Current') or the question texts, or the survey's 'Answers' sheet",
    },
    "problem.sheet_not_read": {
        "nl": "dit blad lijkt ook ingevulde antwoorden te bevatten, maar is niet gelezen: alleen blad '{read}' "
              "telt. Geef elke invuller een eigen bestand, of zet alle invullers op één blad",
        "en": "this sheet also seems to hold answers but was not read: only sheet '{read}' counts. Give each "
              "respondent a file of their own, or put all respondents on one sheet",
    },
    "problem.rows_not_read": {
        "nl": "dit blad lijkt ook invullers te bevatten, maar is niet gelezen: alleen blad '{read}' telt. "
              "Zet alle invullers onder elkaar op één blad",
        "en": "this sheet also seems to hold respondents but was not read: only sheet '{read}' counts. "
              "Put all respondents on one sheet, one below the other",
    },
    "problem.hidden_sheet": {
        "nl": "de antwoorden komen van een verborgen werkblad; controleer of dat de bedoeling is",
        "en": "the answers come from a hidden sheet; check that this is intended",
    },
    "problem.column_unmapped": {
        "nl": "kolom '{header}' hoort bij geen enkele vraag of respondentgegeven en is overgeslagen",
        "en": "column '{header}' matches no question or respondent fact and was skipped",
    },
    "problem.column_ambiguous": {
        "nl": "kolom '{header}' kan bij meer dan één vraag horen ({candidates}) en is overgeslagen; "
              "zet de vraag-ID in de kop",
        "en": "column '{header}' could belong to more than one question ({candidates}) and was "
              "skipped; put the question id in the header",
    },
    "problem.column_duplicate": {
        "nl": "kolom '{header}' is vraag {question} ({field}), die al in kolom {other} staat; "
              "alleen kolom {other} telt",
        "en": "column '{header}' is question {question} ({field}), already in column {other}; "
              "only column {other} counts",
    },
    "problem.formula_answer": {
        "nl": "de cel bevat een formule; typ de score zelf in (1 tot 5 of n.v.t.), de opgeslagen "
              "uitkomst van een formule telt niet",
        "en": "the cell holds a formula; type the score itself (1 to 5 or n/a), a formula's "
              "saved result does not count",
    },
    "problem.duplicate_file": {
        "nl": "dit bestand is gelijk aan '{other}' en is één keer meegeteld",
        "en": "this file is identical to '{other}' and was counted once",
    },
    "problem.duplicate_respondent_dropped": {
        "nl": "respondent {respondent} is gelijk aan {other} ({other_source}): zelfde gegevens en "
              "antwoorden; één keer meegeteld",
        "en": "respondent {respondent} is identical to {other} ({other_source}): same facts and "
              "answers; counted once",
    },
    "problem.duplicate_respondent": {
        "nl": "respondent {respondent} heeft {reason} als {other} ({other_source}); beide tellen mee "
              "- verwijder het dubbele of verouderde antwoord",
        "en": "respondent {respondent} has {reason} as {other} ({other_source}); both are counted "
              "- remove the duplicate or outdated response",
    },
    "field.same_name": {"nl": "dezelfde naam", "en": "the same name"},
    "field.same_email": {"nl": "hetzelfde e-mailadres", "en": "the same e-mail address"},
    "field.same_answers": {"nl": "dezelfde gegevens en antwoorden", "en": "the same facts and answers"},
    "field.comment": {"nl": "toelichting", "en": "comment"},
    "kind.pdf": {"nl": "een PDF-document", "en": "a PDF document"},
    "kind.rtf": {"nl": "een RTF-document", "en": "an RTF document"},
    "kind.word": {"nl": "een Word-document", "en": "a Word document"},
    "kind.powerpoint": {"nl": "een PowerPoint-presentatie", "en": "a PowerPoint presentation"},
    "kind.office": {"nl": "een Office-bestand dat geen werkmap is", "en": "an Office file that is not a workbook"},
    "kind.html": {"nl": "een webpagina (HTML)", "en": "a web page (HTML)"},
    "kind.xml": {"nl": "een XML-bestand", "en": "an XML file"},
    "kind.xml_spreadsheet": {"nl": "een Excel 2003 XML-werkmap (niet ondersteund)",
                             "en": "an Excel 2003 XML workbook (not supported)"},
    "kind.xlsb": {"nl": "een binaire Excel-werkmap (.xlsb, niet ondersteund)",
                  "en": "a binary Excel workbook (.xlsb, not supported)"},
    "kind.opendocument": {"nl": "een OpenDocument-bestand dat geen rekenblad is",
                          "en": "an OpenDocument file that is not a spreadsheet"},
    "kind.zip": {"nl": "een zip-archief zonder werkmap", "en": "a zip archive without a workbook"},
    "kind.image": {"nl": "een afbeelding", "en": "an image"},
    "kind.archive": {"nl": "een gecomprimeerd archief", "en": "a compressed archive"},
    "kind.binary": {"nl": "geen spreadsheet (onbekend binair formaat)",
                    "en": "not a spreadsheet (an unknown binary format)"},
    "intake.matched.id": {"nl": "vraag-ID", "en": "question id"},
    "intake.matched.text": {"nl": "vraagtekst", "en": "question text"},
    "intake.matched.fact": {"nl": "respondentgegeven", "en": "respondent fact"},
    "intake.matched.ignored": {"nl": "genegeerd", "en": "ignored"},
    "intake.matched.unmapped": {"nl": "niet gekoppeld", "en": "not mapped"},
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
            "hoe de praktijk eruitziet op dat niveau. "
            "{continuous} "
            "{consent}\n"
            "3. Kies in de kolom 'Huidig' het nummer (1 t/m 5) dat het best past bij hoe het nu gaat, "
            "en in de kolom 'Gewenst' waar uw organisatie over 2-3 jaar wil staan.\n"
            "4. Is een vraag niet van toepassing, kies dan 'n.v.t.'. Weet u het niet, kies dan 'weet ik niet'. "
            "Beide verlagen de score niet; 'weet ik niet' wordt wel apart geteld.\n"
            "5. Licht een antwoord gerust toe in de kolom 'Toelichting'.\n"
            "6. Sla het bestand op en stuur het terug. Alleen de invulcellen zijn te wijzigen; er "
            "staan geen formules in, alle scores worden berekend nadat u het bestand aanlevert."
        ),
        "en": (
            "How to fill in this survey\n"
            "1. On the 'Respondent' sheet, fill in your role, department and organisation. Your name "
            "is optional.\n"
            "2. On the 'Answers' sheet, read the five answer options for each question. Each option "
            "describes what practice looks like at that level. "
            "{continuous} "
            "{consent}\n"
            "3. In the 'Current' column choose the number (1 to 5) that best matches how things are "
            "today, and in the 'Target' column where your organisation wants to be in 2-3 years.\n"
            "4. If a question does not apply, choose 'n/a'. If you don't know, choose 'don't know'. "
            "Neither lowers the score; 'don't know' is counted apart.\n"
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
    # --- charts ------------------------------------------------------------------------------
    "chart.radar_title": {"nl": "Huidig en gewenst per onderdeel", "en": "Current and target by dimension"},
    "chart.bars_title": {"nl": "Scores per onderdeel (1–5)", "en": "Scores by dimension (1–5)"},
    "chart.distribution_title": {"nl": "Antwoorden per vraag: {dimension}", "en": "Answers per question: {dimension}"},
    "chart.ladder_title": {"nl": "Plaats op de ladder", "en": "Position on the ladder"},
    "chart.by_role_title": {"nl": "Huidige score per rol", "en": "Current score by role"},
    "chart.by_department_title": {"nl": "Huidige score per afdeling", "en": "Current score by department"},
    "chart.score": {"nl": "Score", "en": "Score"},
    "chart.answer": {"nl": "Antwoord", "en": "Answer"},
    "chart.respondents": {"nl": "Respondenten", "en": "Respondents"},
    # --- findings ----------------------------------------------------------------------------
    "finding.largest_gap": {
        "nl": "Het grootste gat zit in {dimension}: nu {current}, gewenst {target} (gat {gap}).",
        "en": "The largest gap is in {dimension}: now {current}, target {target} (gap {gap}).",
    },
    "finding.strongest": {
        "nl": "Het sterkste onderdeel is {dimension} met {current} ({level}).",
        "en": "The strongest dimension is {dimension} at {current} ({level}).",
    },
    "finding.disagreement": {
        "nl": "Het team is het minst eens over {dimension}: scores van {low} tot {high} (spreiding {std}, {n} respondenten).",
        "en": "The team agrees least on {dimension}: scores from {low} to {high} (spread {std}, {n} respondents).",
    },
    "finding.agreement": {
        "nl": "Het team is het grotendeels eens; de meeste verschillen zitten in {dimension} (spreiding {std}).",
        "en": "The team largely agrees; the most difference is on {dimension} (spread {std}).",
    },
    "finding.single_respondent": {
        "nl": "Er is één respondent; of het team het eens is, blijkt pas met meer respondenten.",
        "en": "There is one respondent; whether the team agrees shows only with more respondents.",
    },
    # --- app: navigation and shell ---------------------------------------------------------
    "app.title": {"nl": "Omnichannel Maturity Dashboard", "en": "Omnichannel Maturity Dashboard"},
    "nav.start": {"nl": "Start", "en": "Start"},
    "nav.overview": {"nl": "Overzicht", "en": "Overview"},
    "nav.dimensions": {"nl": "Onderdelen", "en": "Dimensions"},
    "nav.roadmap": {"nl": "Roadmap", "en": "Roadmap"},
    "nav.method": {"nl": "Zo werken de scores", "en": "How scores work"},
    "ui.language": {"nl": "Taal", "en": "Language"},
    "ui.showing": {"nl": "Getoond", "en": "Showing"},
    "ui.demo_badge": {"nl": "Demo-organisatie (fictief)", "en": "Demo organisation (fictional)"},
    "ui.no_data": {
        "nl": "Nog geen resultaten. Open de demo of upload een enquête op de startpagina.",
        "en": "No results yet. Open the demo or upload a survey on the start page.",
    },
    "ui.unexpected_error": {
        "nl": "Er ging iets mis bij het tonen van deze pagina. Uw gegevens zijn niet gewijzigd. Probeer het opnieuw of laad het bestand opnieuw.",
        "en": "Something went wrong while showing this page. Your data has not changed. Try again or load the file again.",
    },
    # --- start page ------------------------------------------------------------------------
    "start.intro": {
        "nl": "Meet hoe omnichannel uw organisatie is, waar het managementteam naartoe wil en wat eerst moet. "
              "Download de enquête, laat het team hem invullen en upload de bestanden.",
        "en": "Measure how omnichannel your organisation is, where the management team wants to go and what "
              "comes first. Download the survey, have the team fill it in and upload the files.",
    },
    "start.demo_heading": {"nl": "Eerst rondkijken?", "en": "Look around first?"},
    "start.demo_button": {"nl": "Open de demo-organisatie", "en": "Open the demo organisation"},
    "start.demo_text": {
        "nl": "Een fictieve woonwinkelketen met tien managers die de enquête hebben ingevuld.",
        "en": "A fictional home-furnishing chain with ten managers who filled in the survey.",
    },
    "start.framework": {"nl": "Framework", "en": "Framework"},
    "start.template_heading": {"nl": "1. Download de enquête", "en": "1. Download the survey"},
    "start.template_one": {"nl": "Enquête per respondent (.xlsx)", "en": "Survey per respondent (.xlsx)"},
    "start.template_many": {"nl": "Eén bestand voor het hele team (.xlsx)", "en": "One file for the whole team (.xlsx)"},
    "start.upload_heading": {"nl": "2. Upload de ingevulde bestanden", "en": "2. Upload the filled files"},
    "start.upload_label": {
        "nl": "Eén of meer ingevulde enquêtes van één organisatie",
        "en": "One or more filled surveys of one organisation",
    },
    "start.upload_help": {
        "nl": "Eén bestand per respondent, of één bestand met alle respondenten.",
        "en": "One file per respondent, or one file with all respondents.",
    },
    "start.reading": {"nl": "Bestanden lezen en scoren…", "en": "Reading and scoring files…"},
    "start.intake_heading": {"nl": "Wat er is ingelezen", "en": "What was read"},
    "start.intake_summary": {
        "nl": "{files}, {respondents}, {answered} van {total} antwoorden gegeven ({coverage}).",
        "en": "{files}, {respondents}, {answered} of {total} answers given ({coverage}).",
    },
    "start.intake_files": {"nl": "{n} bestanden", "en": "{n} files"},
    "start.intake_respondents": {"nl": "{n} respondenten", "en": "{n} respondents"},
    "start.blocked": {
        "nl": "Deze bestanden kunnen nog niet worden gescoord. Herstel de fouten hieronder en upload opnieuw.",
        "en": "These files cannot be scored yet. Fix the errors below and upload again.",
    },
    "start.ready": {"nl": "Klaar: de resultaten staan klaar.", "en": "Done: the results are ready."},
    "start.go_overview": {"nl": "Naar het overzicht", "en": "Go to the overview"},
    "start.problems": {"nl": "Meldingen ({n})", "en": "Problems ({n})"},
    "col.severity": {"nl": "Soort", "en": "Kind"},
    "col.file": {"nl": "Bestand", "en": "File"},
    "col.sheet": {"nl": "Werkblad", "en": "Sheet"},
    "col.cell": {"nl": "Cel", "en": "Cell"},
    "col.message": {"nl": "Melding", "en": "Message"},
    "col.count": {"nl": "Aantal", "en": "Count"},
    "problems.more_cells": {"nl": "(nog {n})", "en": "(+{n} more)"},
    # --- overview ------------------------------------------------------------------------------
    "overview.level": {"nl": "Volwassenheidsniveau", "en": "Maturity level"},
    "overview.index": {"nl": "Index (1–5)", "en": "Index (1–5)"},
    "overview.index_partial": {"nl": "over {scored} van de {total} onderdelen: de andere hebben geen score",
                               "en": "over {scored} of the {total} dimensions: the others have no score"},
    "overview.target": {"nl": "Gewenst", "en": "Target"},
    "overview.gap": {"nl": "Gat", "en": "Gap"},
    "overview.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "overview.coverage": {"nl": "Beantwoord", "en": "Answered"},
    "overview.findings": {"nl": "Wat opvalt", "en": "Headline findings"},
    # --- dimensions ----------------------------------------------------------------------------
    "dimensions.choose": {"nl": "Onderdeel", "en": "Dimension"},
    "dimensions.agreement": {"nl": "Eensgezindheid", "en": "Agreement"},
    "dimensions.questions": {"nl": "Vragen", "en": "Questions"},
    "dimensions.options": {"nl": "Wat betekent elke score?", "en": "What does each score mean?"},
    "dimensions.by_role": {"nl": "Per rol", "en": "By role"},
    "dimensions.by_department": {"nl": "Per afdeling", "en": "By department"},
    "dimensions.comments": {"nl": "Toelichtingen van respondenten", "en": "Respondents' comments"},
    "dimensions.no_comments": {"nl": "Geen toelichtingen bij dit onderdeel.", "en": "No comments on this dimension."},
    "dimensions.topic": {"nl": "Onderwerp", "en": "Topic"},
    "dimensions.n_na": {"nl": "n.v.t.", "en": "n/a"},
    # --- roadmap -------------------------------------------------------------------------------
    "roadmap.intro": {
        "nl": "Prioriteit = gat × belang × gewicht. Visie en draagvlak gaan vóór technologie: een onderdeel komt nooit in een eerdere fase dan een onderdeel waarop het bouwt (zie het framework), zolang dat nog een gat heeft of onder niveau 3 zit.",
        "en": "Priority = gap × importance × weight. Vision and support come before technology: a dimension is never placed in an earlier phase than one it builds on (see the framework) while that one still has a gap or is below level 3.",
    },
    "roadmap.what_if": {"nl": "Wat als? Pas de gewenste scores aan", "en": "What if? Adjust the targets"},
    "roadmap.what_if_help": {
        "nl": "Alleen voor deze weergave; de geüploade gegevens veranderen niet.",
        "en": "For this view only; the uploaded data does not change.",
    },
    "roadmap.reset": {"nl": "Terug naar de antwoorden van het team", "en": "Back to the team's answers"},
    "roadmap.phase.now": {"nl": "Nu", "en": "Now"},
    "roadmap.phase.next": {"nl": "Daarna", "en": "Next"},
    "roadmap.phase.later": {"nl": "Later", "en": "Later"},
    "roadmap.phase.on_target": {"nl": "Op koers", "en": "On target"},
    "roadmap.empty_phase": {"nl": "Niets in deze fase.", "en": "Nothing in this phase."},
    "roadmap.item": {
        "nl": "Nu {current} → gewenst {target} (gat {gap}, prioriteit {priority})",
        "en": "Now {current} → target {target} (gap {gap}, priority {priority})",
    },
    "roadmap.advice": {"nl": "Zo komt u een niveau hoger", "en": "How to reach the next level"},
    "roadmap.focus": {"nl": "Vragen met het grootste gat", "en": "Questions with the largest gap"},
    "roadmap.next_step": {"nl": "Zo ziet het volgende niveau eruit", "en": "What the next level looks like"},
    # --- method --------------------------------------------------------------------------------
    "method.text": {
        "nl": (
            "**Antwoorden.** Elke respondent beoordeelt elke vraag twee keer: hoe het nu is (huidig) en waar de "
            "organisatie wil staan (gewenst), op een schaal van 1 tot 5. Elke score heeft een vaste beschrijving, "
            "zodat iedereen hetzelfde bedoelt. 'n.v.t.', 'weet ik niet' en lege antwoorden tellen niet mee en "
            "verlagen de score dus niet. 'Weet ik niet' tellen we wel apart: weet een groot deel van het team niet "
            "hoe ver een onderdeel is, dan is dat een bevinding.\n\n"
            "**Per respondent.** De score van een onderdeel is het gewogen gemiddelde van de beantwoorde vragen. "
            "Heeft iemand minder dan de helft van de vragen van een onderdeel beantwoord, dan krijgt dat onderdeel "
            "voor die persoon geen score: we gokken niet.\n\n"
            "**Voor de organisatie.** Per onderdeel het gemiddelde over de respondenten, met mediaan, spreiding "
            "(standaarddeviatie) en laagste en hoogste score. Spreiding tot 0,5 heet eensgezind, tot 1,0 enigszins "
            "verdeeld, daarboven verdeeld. De totaalindex is het gewogen gemiddelde van de onderdelen.\n\n"
            "**Niveau en gat.** Het niveau is het hele niveau dat is bereikt: 2,9 is niveau 2, op weg naar 3. "
            "Het gat is gewenst min huidig.\n\n"
            "**Geen formules.** Alle scores worden berekend uit de ruwe antwoorden, nooit uit formules in het "
            "werkblad."
        ),
        "en": (
            "**Answers.** Every respondent rates every question twice: how things are now (current) and where the "
            "organisation wants to be (target), on a scale of 1 to 5. Every score has a fixed description, so "
            "everyone means the same thing. 'n/a', 'don't know' and blank answers are left out and so never lower "
            "a score. 'Don't know' is counted apart: when a large part of the team does not know how far a "
            "dimension is, that is a finding.\n\n"
            "**Per respondent.** A dimension's score is the weighted mean of the questions answered. If someone "
            "answered less than half of a dimension's questions, that dimension gets no score for them: we do "
            "not guess.\n\n"
            "**For the organisation.** Per dimension the mean over respondents, with median, spread (standard "
            "deviation) and lowest and highest score. A spread up to 0.5 counts as agreed, up to 1.0 as some "
            "disagreement, above that as divided. The overall index is the weighted mean of the dimensions.\n\n"
            "**Level and gap.** The level is the whole level reached: 2.9 is level 2, on its way to 3. The gap "
            "is target minus current.\n\n"
            "**No formulas.** All scores are computed from the raw answers, never from formulas in the workbook."
        ),
    },
    "method.trace_heading": {"nl": "Hoe komt dit getal tot stand?", "en": "Where does this number come from?"},
    "method.number": {"nl": "Getal", "en": "Number"},
    "method.overall": {"nl": "Totaalindex", "en": "Overall index"},
    "method.dimension": {"nl": "Onderdeel (organisatie)", "en": "Dimension (organisation)"},
    "method.respondent": {"nl": "Onderdeel (één respondent)", "en": "Dimension (one respondent)"},
    "method.measure": {"nl": "Meting", "en": "Measure"},
    "method.item": {"nl": "Invoer", "en": "Input"},
    "method.value": {"nl": "Waarde", "en": "Value"},
    "method.weight": {"nl": "Gewicht", "en": "Weight"},
    "method.counted": {"nl": "Telt mee", "en": "Counted"},
    "method.weights": {"nl": "Gewichten in dit framework", "en": "Weights in this framework"},
    # --- exports ---------------------------------------------------------------------------------
    "report.title": {"nl": "Omnichannel-volwassenheid: rapport", "en": "Omnichannel maturity: report"},
    "report.overall": {
        "nl": "Totaal: huidig {current}, gewenst {target}, gat {gap}; niveau {level}; {n} respondenten",
        "en": "Overall: current {current}, target {target}, gap {gap}; level {level}; {n} respondents",
    },
    "report.sheet.summary": {"nl": "Samenvatting", "en": "Summary"},
    "report.sheet.questions": {"nl": "Vragen", "en": "Questions"},
    "report.sheet.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "report.sheet.answers": {"nl": "Antwoorden", "en": "Answers"},
    "report.sheet.roadmap": {"nl": "Roadmap", "en": "Roadmap"},
    "report.respondent": {"nl": "Respondent", "en": "Respondent"},
    "report.phase": {"nl": "Fase", "en": "Phase"},
    "report.priority": {"nl": "Prioriteit", "en": "Priority"},
    "deck.title": {"nl": "Omnichannel-volwassenheid", "en": "Omnichannel maturity"},
    "deck.subtitle": {"nl": "{wave} · {framework}", "en": "{wave} · {framework}"},
    "deck.summary": {"nl": "Samenvatting", "en": "Executive summary"},
    "deck.summary_level": {
        "nl": "Niveau {level}: index {current} van 5, gewenst {target} (gat {gap}), {n} respondenten",
        "en": "Level {level}: index {current} of 5, target {target} (gap {gap}), {n} respondents",
    },
    "deck.priorities": {"nl": "Eerst aanpakken: {names}", "en": "First priorities: {names}"},
    # --- Streamlit widgets' own texts, in the user's language ---------------------------------
    "widget.choose": {"nl": "Maak een keuze", "en": "Choose an option"},
    "widget.choose_many": {"nl": "Kies een of meer", "en": "Choose one or more"},
    "widget.date_format": {"nl": "DD-MM-YYYY", "en": "DD/MM/YYYY"},
    "deck.radar": {"nl": "Huidig en gewenst per onderdeel", "en": "Current and target by dimension"},
    "deck.title_largest_gap": {
        "nl": "{dimension} blijft het verst achter: {current} nu, {target} gewenst",
        "en": "{dimension} lags furthest behind: {current} now, {target} wanted"},
    "deck.title_scores": {
        "nl": "Het team ziet de organisatie op niveau {level}, {name}: index {index} van 5",
        "en": "The team sees the organisation at level {level}, {name}: index {index} of 5"},
    "deck.title_divided": {
        "nl": "Over {dimension} is het team het minst eens (spreiding {spread})",
        "en": "The team is most divided on {dimension} (spread {spread})"},
    "deck.title_agreed": {
        "nl": "Het team is het overal redelijk eens; het minst over {dimension} (spreiding {spread})",
        "en": "The team broadly agrees; least on {dimension} (spread {spread})"},
    "deck.title_roadmap": {"nl": "Eerst aan de slag met {names}", "en": "First work on {names}"},
    "deck.scores": {"nl": "Scores per onderdeel", "en": "Scores by dimension"},
    "deck.agreement": {"nl": "Waar het team het eens en oneens is", "en": "Where the team agrees and disagrees"},
    "deck.roadmap": {"nl": "Roadmap: nu, daarna, later", "en": "Roadmap: now, next, later"},
    "deck.method": {"nl": "Bijlage: zo werken de scores", "en": "Appendix: how the scores work"},
    "deck.questions": {"nl": "Bijlage: resultaten per vraag ({part})", "en": "Appendix: results per question ({part})"},
    "deck.notes.title": {
        "nl": "Dit rapport vat de enquête samen die {n} leden van het managementteam hebben ingevuld, op het {framework}.",
        "en": "This deck summarises the survey {n} members of the management team completed, on the {framework}.",
    },
    "deck.notes.summary": {
        "nl": "De index is het gewogen gemiddelde van de onderdelen op een schaal van 1 tot 5. Het niveau is het hele niveau dat is bereikt. Het gat is gewenst min huidig.",
        "en": "The index is the weighted mean of the dimensions on a 1-5 scale. The level is the whole level reached. The gap is target minus current.",
    },
    "deck.notes.radar": {
        "nl": "Blauw is de huidige situatie, oranje de gewenste. Hoe verder van het midden, hoe volwassener. {detail}",
        "en": "Blue is the current state, orange the target. The further from the centre, the more mature. {detail}",
    },
    "deck.notes.scores": {
        "nl": "Per onderdeel het gemiddelde over de respondenten. Spreiding is de standaarddeviatie: tot 0,5 eensgezind, tot 1,0 enigszins verdeeld.",
        "en": "Per dimension the mean over respondents. Spread is the standard deviation: up to 0.5 agreed, up to 1.0 some disagreement.",
    },
    "deck.notes.agreement": {
        "nl": "Gemiddelde huidige score per rol. Grote verschillen tussen rollen zijn zelf een bevinding: bespreek ze voordat u prioriteiten kiest.",
        "en": "Mean current score by role. Large differences between roles are a finding in themselves: discuss them before choosing priorities.",
    },
    "deck.notes.roadmap": {
        "nl": "Prioriteit is gat maal belang maal gewicht. Een onderdeel komt nooit vóór een onderdeel waarop het bouwt zolang dat een gat heeft of onder niveau 3 zit (visie en draagvlak vóór technologie); verschuivingen staan erbij. Per onderdeel de stappen naar het volgende niveau.",
        "en": "Priority is gap times importance times weight. A dimension never comes before one it builds on while that one has a gap or is below level 3 (vision and support before technology); moves are explained. Per dimension the steps to the next level.",
    },
    "deck.notes.questions": {
        "nl": "Gemiddelden per vraag; n is het aantal respondenten met een score, n.v.t. telt niet mee.",
        "en": "Means per question; n is the number of respondents with a score, n/a is not counted.",
    },
    "deck.benchmark": {"nl": "Vergeleken met peers", "en": "Compared with peers"},
    "deck.bench_group": {"nl": "Peergroep: {group} · n = {n} organisaties",
                         "en": "Peer group: {group} · n = {n} organisations"},
    "deck.bench_yours": {"nl": "Uw score", "en": "Your score"},
    "deck.bench_band": {"nl": "Middelste helft peers (P25–P75)", "en": "Middle half of peers (P25–P75)"},
    "deck.notes.benchmark": {
        "nl": "Vergeleken met de peergroep {group}: n = {n} organisaties, uw eigen organisatie niet meegeteld; een "
              "groep wordt alleen getoond bij minstens {minimum} organisaties. Percentiel: het aandeel peers met een "
              "lagere score, geschat uit de afgeronde peercijfers (stappen van 5). De balk is de middelste helft van de peers (P25 tot P75), de "
              "streep hun mediaan; nooit de score van één peer.",
        "en": "Compared with the peer group {group}: n = {n} organisations, your own organisation not counted; a "
              "group is shown only with at least {minimum} organisations. Percentile: the share of peers with a lower "
              "score, estimated from the rounded peer figures (steps of 5). The bar is the middle half of the peers (P25 to P75), the dash their "
              "median; never any single peer's score.",
    },
    "deck.trend": {"nl": "Ontwikkeling over de metingen", "en": "Trend over the waves"},
    "deck.notes.trend": {
        "nl": "De huidige score van {organisation} bij elk van de {count} opgeslagen metingen: {waves}. De dikke lijn "
              "is de totaalindex. Voortgang naar het doel is het deel van het gat bij de eerste meting (gewenst min "
              "huidig) dat sindsdien is gedicht.",
        "en": "The current score of {organisation} at each of the {count} saved waves: {waves}. The thick line is the "
              "overall index. Progress to target is the share of the gap at the first wave (target minus current) "
              "closed since.",
    },
    "deck.notes.trend_line": {"nl": "{name}: {first} → {latest} ({share} van het gat gedicht).",
                              "en": "{name}: {first} → {latest} ({share} of the gap closed)."},
    "report.sheet.benchmark": {"nl": "Benchmark", "en": "Benchmark"},
    "report.sheet.history": {"nl": "Historie", "en": "History"},
    "report.bench_title": {"nl": "Vergeleken met peers", "en": "Compared with peers"},
    "report.bench_n": {
        "nl": "n = {n} organisaties in de peergroep (uw eigen organisatie niet meegeteld; minimaal {minimum})",
        "en": "n = {n} organisations in the peer group (your own organisation not counted; at least {minimum})",
    },
    "report.history_title": {"nl": "Ontwikkeling over de metingen", "en": "Trend over the waves"},
    "report.overall_target": {"nl": "Totaal gewenst", "en": "Overall target"},
    "export.synthetic_all": {
        "nl": "Synthetische demo-peers: dit zijn geen echte organisaties",
        "en": "Synthetic demo peers: these are not real organisations",
    },
    "deck.template_error": {
        "nl": "Het sjabloon '{name}' kan niet als PowerPoint-bestand worden geopend ({detail}).",
        "en": "The template '{name}' cannot be opened as a PowerPoint file ({detail}).",
    },
    # --- export page -----------------------------------------------------------------------------
    "nav.export": {"nl": "Exporteren", "en": "Export"},
    "export.intro": {
        "nl": "Neem de resultaten mee de bestuurskamer in: een bewerkbare PowerPoint, een Excel-rapport, een "
              "managementrapport (PDF) en losse grafieken. Bestanden worden pas gemaakt als u op downloaden klikt.",
        "en": "Take the results into the boardroom: an editable PowerPoint deck, an Excel report, a management "
              "report (PDF) and chart images. Files are made only when you click download.",
    },
    "export.deck": {"nl": "Presentatie voor het managementteam (.pptx)", "en": "Management team deck (.pptx)"},
    "export.parts": {"nl": "Onderdelen van de presentatie", "en": "Parts of the deck"},
    "export.part.title": {"nl": "Titel", "en": "Title"},
    "export.part.summary": {"nl": "Samenvatting", "en": "Executive summary"},
    "export.part.radar": {"nl": "Radar huidig/gewenst", "en": "Current/target radar"},
    "export.part.scores": {"nl": "Scores per onderdeel", "en": "Scores by dimension"},
    "export.part.agreement": {"nl": "Eens en oneens", "en": "Agreement"},
    "export.part.roadmap": {"nl": "Roadmap", "en": "Roadmap"},
    "export.part.appendix": {"nl": "Bijlage: methode en vragen", "en": "Appendix: method and questions"},
    "export.images": {"nl": "Grafieken als afbeelding in plaats van bewerkbaar", "en": "Charts as images instead of editable"},
    "export.wave": {"nl": "Meting (bijv. 'Najaar 2026')", "en": "Wave (e.g. 'Autumn 2026')"},
    "export.template": {"nl": "Eigen huisstijlsjabloon (.pptx of .potx, optioneel)", "en": "Corporate template (.pptx or .potx, optional)"},
    "export.logo": {"nl": "Logo (PNG of JPEG, optioneel)", "en": "Logo (PNG or JPEG, optional)"},
    "export.accent": {"nl": "Accentkleur", "en": "Accent colour"},
    "export.download_deck": {"nl": "Download de presentatie", "en": "Download the deck"},
    "export.report": {"nl": "Excel-rapport (.xlsx)", "en": "Excel report (.xlsx)"},
    "export.report_text": {
        "nl": "Scores per onderdeel, vraag en respondent, de roadmap en een Excel-radargrafiek; de vergelijking "
              "met peers en de ontwikkeling over de metingen als u die hierboven kiest.",
        "en": "Scores per dimension, question and respondent, the roadmap and a native Excel radar chart; the peer "
              "comparison and the trend over the waves when chosen above.",
    },
    "export.download_report": {"nl": "Download het rapport", "en": "Download the report"},
    "export.charts": {"nl": "Grafieken", "en": "Charts"},
    "export.chart": {"nl": "Grafiek", "en": "Chart"},
    "export.format": {"nl": "Formaat", "en": "Format"},
    "export.download_chart": {"nl": "Download de grafiek", "en": "Download the chart"},
    "export.preview": {"nl": "Voorbeeld", "en": "Preview"},
    "export.part.benchmark": {"nl": "Vergeleken met peers", "en": "Compared with peers"},
    "export.part.trend": {"nl": "Ontwikkeling over de metingen", "en": "Trend over the waves"},
    "export.extra_available_benchmark": {"nl": "{group}, n = {n}", "en": "{group}, n = {n}"},
    "export.extra_available_trend": {"nl": "{n} metingen van {organisation}", "en": "{n} waves of {organisation}"},
    "export.extra_unavailable": {"nl": "niet beschikbaar: {reason}", "en": "not available: {reason}"},
    "export.extras_help": {
        "nl": "Ook in het Excel-rapport, als eigen werkbladen.",
        "en": "Also in the Excel report, as sheets of their own.",
    },
    "export.reason.no_store": {"nl": "de database is niet bereikbaar", "en": "the database cannot be reached"},
    "export.reason.few_peers": {
        "nl": "geen peergroep met minstens {minimum} andere organisaties",
        "en": "no peer group with at least {minimum} other organisations",
    },
    "export.reason.few_waves": {
        "nl": "minder dan twee opgeslagen metingen van {organisation}",
        "en": "fewer than two saved waves of {organisation}",
    },
    "export.reason.no_organisation": {
        "nl": "de enquête noemt geen organisatie", "en": "the survey names no organisation"},
    "export.cli_benchmark": {"nl": "Benchmark: {group} (n = {n})", "en": "Benchmark: {group} (n = {n})"},
    "export.cli_trend": {"nl": "Ontwikkeling: {n} metingen van {organisation}",
                         "en": "Trend: {n} waves of {organisation}"},
    "export.cli_no_benchmark": {"nl": "Benchmark niet opgenomen: {reason}", "en": "Benchmark not included: {reason}"},
    "export.cli_no_trend": {"nl": "Ontwikkeling niet opgenomen: {reason}", "en": "Trend not included: {reason}"},
    "export.cli_no_store": {
        "nl": "Benchmark en ontwikkeling niet opgenomen: de database is niet bruikbaar ({reason})",
        "en": "Benchmark and trend not included: the database cannot be used ({reason})",
    },
    # --- column and row names shared by the screen, the exports and the CLI --------------------
    "col.overall": {"nl": "Totaal", "en": "Overall"},
    "col.level": {"nl": "Niveau", "en": "Level"},
    "col.gap": {"nl": "Gat", "en": "Gap"},
    "col.spread": {"nl": "Spreiding", "en": "Spread"},
    # --- CLI ---------------------------------------------------------------------------------
    "cli.cannot_score": {
        "nl": "Kan niet scoren: {n} fouten in de invoer.",
        "en": "Cannot score: {n} errors in the input.",
    },
    "cli.written": {"nl": "Geschreven: {path}", "en": "Written: {path}"},
    "cli.respondents": {"nl": "Respondenten", "en": "Respondents"},
    "cli.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "cli.framework": {"nl": "Framework", "en": "Framework"},
    "cli.problems": {"nl": "Meldingen", "en": "Problems"},
    # --- peers, benchmark, saved assessments and history (issue 5) -------------------------------
    "nav.benchmark": {"nl": "Benchmark", "en": "Benchmark"},
    "nav.history": {"nl": "Historie", "en": "History"},
    "overview.compare_peers": {"nl": "Vergelijk met peers", "en": "Compare with peers"},
    "overview.save_wave": {"nl": "Opslaan en voortgang volgen", "en": "Save and track progress"},
    "store.unavailable": {
        "nl": "De database is niet bereikbaar; opslaan, historie en benchmark zijn nu niet beschikbaar. "
              "Controleer de database-instelling (OMNI_DATABASE_URL of secrets.toml).",
        "en": "The database cannot be reached; saving, history and the benchmark are unavailable now. "
              "Check the database setting (OMNI_DATABASE_URL or secrets.toml).",
    },
    "field.peer_sector": {"nl": "sector", "en": "sector"},
    "field.peer_size_band": {"nl": "omvang", "en": "size band"},
    "field.peer_channel_model": {"nl": "kanaalmodel", "en": "channel model"},
    "peers.problem.no_rows": {"nl": "geen peers gevonden in het bestand", "en": "no peers found in the file"},
    "peers.problem.unknown_column": {
        "nl": "kolom '{column}' wordt niet gebruikt", "en": "column '{column}' is not used"},
    "peers.problem.missing_column": {
        "nl": "kolom '{column}' ontbreekt in de kopregel", "en": "column '{column}' is missing from the header row"},
    "peers.problem.text_too_long": {
        "nl": "tekst is langer dan {limit} tekens", "en": "text is longer than {limit} characters"},
    "peers.problem.bad_code": {
        "nl": "'{value}' is geen bekende {field} (gebruik een van: {choices})",
        "en": "'{value}' is not a known {field} (use one of: {choices})",
    },
    "peers.problem.bad_year": {
        "nl": "'{value}' is geen jaartal van {first} tot en met {last}",
        "en": "'{value}' is not a year from {first} to {last}",
    },
    "peers.problem.bad_flag": {"nl": "'{value}' is geen ja of nee", "en": "'{value}' is not yes or no"},
    "peers.problem.framework_mismatch": {
        "nl": "framework '{value}' is niet '{expected}'", "en": "framework '{value}' is not '{expected}'"},
    "peers.problem.formula": {
        "nl": "de cel bevat een formule; typ de score zelf in", "en": "the cell holds a formula; type the score itself"},
    "peers.problem.missing_score": {
        "nl": "de score voor {dimension} ontbreekt", "en": "the score for {dimension} is missing"},
    "peers.problem.bad_score": {
        "nl": "'{value}' is geen score van 1 tot 5 (bijv. 3,25)", "en": "'{value}' is not a score from 1 to 5 (e.g. 3.25)"},
    "peers.problem.duplicate_row": {
        "nl": "organisatie '{organisation}' heeft al een rij voor {year} (rij {other})",
        "en": "organisation '{organisation}' already has a row for {year} (row {other})",
    },
    "peers.cli_demo_written": {
        "nl": "{n} fictieve organisaties, {rows} rijen (synthetische demo-peers)",
        "en": "{n} fictional organisations, {rows} rows (synthetic demo peers)",
    },
    "peers.cli_not_imported": {
        "nl": "Niets ingelezen: {n} fouten in het bestand.", "en": "Nothing imported: {n} errors in the file."},
    "peers.cli_imported": {
        "nl": "{n} peers ingelezen in peerset '{peer_set}'.", "en": "Imported {n} peers into peer set '{peer_set}'."},
    "peers.cli_none_pending": {"nl": "Niets te beoordelen.", "en": "Nothing waiting for approval."},
    "peers.cli_approved": {"nl": "{n} goedgekeurd.", "en": "{n} approved."},
    "peers.cli_rejected": {"nl": "{n} afgewezen.", "en": "{n} rejected."},
    "benchmark.intro": {
        "nl": "Vergelijk met organisaties zoals u. Een groep wordt alleen getoond met minstens {minimum} andere "
              "organisaties; elke organisatie telt één keer (haar laatste meting).",
        "en": "Compare with organisations like yours. A group is shown only with at least {minimum} other "
              "organisations; each organisation counts once (its latest wave).",
    },
    "benchmark.unknown": {"nl": "onbekend", "en": "unknown"},
    "benchmark.years": {"nl": "Periode", "en": "Years"},
    "benchmark.years_recent_option": {"nl": "Laatste 3 jaar", "en": "Last 3 years"},
    "benchmark.years_all_option": {"nl": "Alle jaren", "en": "All years"},
    "benchmark.years_recent": {"nl": "{first}–{last}", "en": "{first}–{last}"},
    "benchmark.years_all": {"nl": "alle jaren", "en": "all years"},
    "benchmark.all_organisations": {"nl": "Alle organisaties", "en": "All organisations"},
    "benchmark.noun_sector": {"nl": "de organisaties in {sector}", "en": "{sector} organisations"},
    "benchmark.noun_channel": {"nl": "de organisaties met model '{channel}'", "en": "'{channel}' organisations"},
    "benchmark.noun_all": {"nl": "de organisaties", "en": "organisations"},
    "benchmark.sentence_ahead": {
        "nl": "Voor op ongeveer {share}% van {group} bij {dimension} (mediaan {median}, n = {n}).",
        "en": "Ahead of about {share}% of {group} on {dimension} (median {median}, n = {n}).",
    },
    "benchmark.sentence_behind": {
        "nl": "Achter op ongeveer {share}% van {group} bij {dimension} (mediaan {median}, n = {n}).",
        "en": "Behind about {share}% of {group} on {dimension} (median {median}, n = {n}).",
    },
    "benchmark.group": {"nl": "Peergroep", "en": "Peer group"},
    "benchmark.overall_index": {"nl": "de totaalindex", "en": "the overall index"},
    "benchmark.synthetic_note": {
        "nl": "Let op: deze peers zijn synthetische demogegevens, geen echte organisaties.",
        "en": "Note: these peers are synthetic demo data, not real organisations.",
    },
    "benchmark.too_small": {
        "nl": "De groep {group} heeft minder dan {minimum} andere organisaties en wordt daarom niet getoond.",
        "en": "The group {group} has fewer than {minimum} other organisations, so it is not shown.",
    },
    "benchmark.show_broader": {"nl": "Toon de bredere groep {group} (n = {n})", "en": "Show the broader group {group} (n = {n})"},
    "benchmark.cli_try_broader": {"nl": "Probeer de bredere groep: {group}", "en": "Try the broader group: {group}"},
    "benchmark.col_score": {"nl": "Score", "en": "Score"},
    "benchmark.col_percentile": {"nl": "Percentiel", "en": "Percentile"},
    "benchmark.col_median": {"nl": "Mediaan", "en": "Median"},
    "benchmark.band": {"nl": "Middelste helft (P25–P75)", "en": "Middle half (P25–P75)"},
    "benchmark.your_index": {"nl": "Uw index", "en": "Your index"},
    "benchmark.percentile_help": {
        "nl": "Het aandeel peers met een lagere score, geschat uit de getoonde afgeronde cijfers (P10, P25, mediaan, "
              "P75, P90), in stappen van 5.",
        "en": "The share of peers with a lower score, estimated from the rounded figures shown (P10, P25, median, "
              "P75, P90), in steps of 5.",
    },
    "benchmark.comparison": {"nl": "Zo staat u ervoor", "en": "How you compare"},
    "benchmark.privacy": {
        "nl": "Getoond worden alleen percentielen, mediaan en de middelste helft, altijd met n, en alleen bij "
              "minstens {minimum} organisaties: nooit een laagste of hoogste score of iets dat één peer herkenbaar maakt.",
        "en": "Only percentiles, the median and the middle half are shown, always with n, and only with at least "
              "{minimum} organisations: never a lowest or highest score or anything that identifies one peer.",
    },
    "chart.peer_median": {"nl": "Mediaan peers", "en": "Peer median"},
    "chart.peer_distribution_title": {
        "nl": "Waar u staat (◆) tussen {n} peers (band: middelste helft; streep: mediaan)",
        "en": "Where you stand (◆) among {n} peers (band: middle half; tick: median)",
    },
    "chart.history_title": {"nl": "Ontwikkeling per onderdeel", "en": "Trend per dimension"},
    "chart.changes_title": {"nl": "Verandering van de huidige score", "en": "Change in current score"},
    "history.save_heading": {"nl": "Deze meting opslaan", "en": "Save this assessment"},
    "history.wave": {"nl": "Meting", "en": "Wave"},
    "history.version": {"nl": "Versie", "en": "Version"},
    "history.contribute": {
        "nl": "Anoniem bijdragen aan de peergroep (na goedkeuring)",
        "en": "Contribute anonymously to the peer set (after approval)",
    },
    "history.contribute_help": {
        "nl": "Alleen sector, omvang, kanaalmodel, jaar en de scores per onderdeel; geen naam, geen antwoorden.",
        "en": "Only sector, size band, channel model, year and the dimension scores; no name, no answers.",
    },
    "history.save_button": {"nl": "Opslaan", "en": "Save"},
    "history.name_required": {
        "nl": "Vul de naam van de organisatie en de meting in.", "en": "Fill in the organisation's name and the wave."},
    "history.saved": {
        "nl": "Opgeslagen: {organisation}, meting {wave}, versie {version}.",
        "en": "Saved: {organisation}, wave {wave}, version {version}.",
    },
    "history.contributed": {
        "nl": "Aangeboden aan de peergroep; telt mee na goedkeuring.",
        "en": "Offered to the peer set; it counts once approved.",
    },
    "history.contribute_failed": {
        "nl": "Niet aangeboden aan de peergroep: sector, omvang en kanaalmodel moeten bekend zijn.",
        "en": "Not offered to the peer set: sector, size band and channel model must be known.",
    },
    "history.none_saved": {
        "nl": "Nog geen opgeslagen metingen. Sla de huidige meting hierboven op.",
        "en": "No saved assessments yet. Save the current assessment above.",
    },
    "history.waves": {"nl": "Metingen", "en": "Waves"},
    "history.open_wave": {"nl": "Een opgeslagen meting openen", "en": "Open a saved wave"},
    "history.open_button": {"nl": "Openen in het dashboard", "en": "Open in the dashboard"},
    "history.one_wave": {
        "nl": "Er is één meting. Sla volgend jaar een nieuwe meting op om de ontwikkeling te zien.",
        "en": "There is one wave. Save next year's assessment to see the trend.",
    },
    "history.progress_heading": {"nl": "Voortgang naar het doel", "en": "Progress to target"},
    "history.progress_help": {
        "nl": "Het deel van het oorspronkelijke gat (gewenst min huidig bij de eerste meting) dat sindsdien is gedicht.",
        "en": "The share of the original gap (target minus current at the first wave) closed since.",
    },
    "history.closed": {"nl": "{share} van het gat gedicht", "en": "{share} of the gap closed"},
    "history.versions_differ": {
        "nl": "De metingen gebruikten verschillende versies van de vragenlijst ({waves}). Onderdelen zijn "
              "gewoon te vergelijken; vragen alleen waar de nieuwe versie zegt welke oude vraag ze vervangt.",
        "en": "The waves used different versions of the questionnaire ({waves}). Dimensions compare as they "
              "are; questions only where the newer version says which old question it replaces."},
    "history.first_current": {"nl": "Eerste meting", "en": "First wave"},
    "history.first_target": {"nl": "Doel toen", "en": "Target then"},
    "history.latest_current": {"nl": "Nu", "en": "Now"},
    "history.share_closed": {"nl": "Gat gedicht", "en": "Gap closed"},
    "history.compare_heading": {"nl": "Wat veranderde het meest", "en": "What changed most"},
    "history.before": {"nl": "Van", "en": "From"},
    "history.after": {"nl": "Naar", "en": "To"},
    "history.change": {"nl": "Verandering", "en": "Change"},
    "history.same_wave": {"nl": "Kies twee verschillende metingen.", "en": "Choose two different waves."},
    "history.questions_changed": {"nl": "Vragen die het meest veranderden", "en": "Questions that changed most"},
    "history.delete_heading": {"nl": "Een meting verwijderen", "en": "Delete a wave"},
    "history.delete_which": {"nl": "Welke meting", "en": "Which wave"},
    "history.delete_confirm": {
        "nl": "Ja, verwijder {wave} definitief", "en": "Yes, delete {wave} permanently"},
    "history.delete_button": {"nl": "Verwijderen", "en": "Delete"},
    "history.cli_saved": {
        "nl": "Opgeslagen: {organisation}, meting {wave}, versie {version} (id {id}).",
        "en": "Saved: {organisation}, wave {wave}, version {version} (id {id}).",
    },
    "history.cli_contributed": {
        "nl": "Aangeboden aan de peergroep als item {id} (wacht op goedkeuring).",
        "en": "Offered to the peer set as entry {id} (waiting for approval).",
    },
    "history.cli_none": {
        "nl": "Geen opgeslagen metingen van '{organisation}'.", "en": "No saved assessments of '{organisation}'."},
    # --- survey rounds in the browser (omni.rounds, pages/rounds.py, pages/respond.py) ---------
    "nav.rounds": {"nl": "Enquêterondes", "en": "Survey rounds"},
    "round.err.bad_link": {
        "nl": "Deze link is niet (meer) geldig. Vraag de organisator om de actuele link.",
        "en": "This link is not (or no longer) valid. Please ask the organiser for the current link."},
    "round.err.closed": {
        "nl": "Deze enquêteronde is gesloten. Dank voor uw belangstelling.",
        "en": "This survey round is closed. Thank you for your interest."},
    "round.err.full": {
        "nl": "Deze enquêteronde heeft het maximale aantal deelnemers bereikt.",
        "en": "This survey round has reached its maximum number of respondents."},
    "round.err.too_fast": {
        "nl": "Er is net iemand begonnen vanaf dit apparaat of netwerk. Probeer het over een paar seconden opnieuw.",
        "en": "Someone has just started from this device or network. Please try again in a few seconds."},
    "round.err.submitted": {
        "nl": "Uw antwoorden zijn al verstuurd en kunnen niet meer worden gewijzigd.",
        "en": "Your answers have been submitted and can no longer be changed."},
    "round.err.facts_required": {
        "nl": "Vul uw rol en afdeling in.", "en": "Please give your role and department."},
    "round.err.languages": {
        "nl": "Kies een of meer talen uit: {options}.", "en": "Choose one or more languages from: {options}."},
    "round.err.score": {
        "nl": "'{value}' is geen score van 1 tot 5 (of n.v.t.).", "en": "'{value}' is not a score from 1 to 5 (or n/a)."},
    "round.err.question": {
        "nl": "onbekende vraag '{question}' voor dit framework", "en": "unknown question '{question}' for this framework"},
    "round.err.no_round": {"nl": "Er is geen enquêteronde met id {id}.", "en": "There is no survey round with id {id}."},
    "round.err.still_open": {
        "nl": "De ronde is nog open: resultaten zijn pas te zien als de ronde gesloten is.",
        "en": "The round is still open: results can be seen once the round is closed."},
    "round.err.closes_in_past": {
        "nl": "De sluitingsdatum ligt in het verleden.", "en": "The closing date is in the past."},
    "round.err.no_answers": {
        "nl": "Niemand heeft antwoorden verstuurd in deze ronde.", "en": "Nobody submitted answers in this round."},
    "rounds.intro": {
        "nl": "Laat het managementteam de enquête in de browser invullen: open een ronde, deel één link, "
              "volg de voortgang, sluit de ronde en bekijk de resultaten in het dashboard.",
        "en": "Let the management team answer the survey in the browser: open a round, share one link, "
              "follow progress, close the round and see the results in the dashboard."},
    "rounds.open_heading": {"nl": "Nieuwe ronde openen", "en": "Open a new round"},
    "rounds.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "rounds.wave": {"nl": "Meting (bijv. 2026)", "en": "Wave (e.g. 2026)"},
    "rounds.framework": {"nl": "Framework", "en": "Framework"},
    "rounds.languages": {"nl": "Talen", "en": "Languages"},
    "rounds.has_closing": {"nl": "Sluitingsdatum instellen", "en": "Set a closing date"},
    "rounds.closes_on": {"nl": "Sluit op (einde van de dag, UTC)", "en": "Closes on (end of day, UTC)"},
    "rounds.open_button": {"nl": "Ronde openen", "en": "Open round"},
    "rounds.opened": {"nl": "Ronde {id} is geopend.", "en": "Round {id} is open."},
    "rounds.required": {"nl": "Vul organisatie en meting in.", "en": "Please give organisation and wave."},
    "rounds.none": {"nl": "Nog geen enquêterondes.", "en": "No survey rounds yet."},
    "rounds.choose": {"nl": "Ronde", "en": "Round"},
    "rounds.link": {"nl": "Link voor de respondenten", "en": "Link for respondents"},
    "rounds.link_once": {
        "nl": "Bewaar deze link: alleen een hash ervan wordt opgeslagen. Kwijt? Maak een nieuwe link "
              "(de oude werkt dan niet meer; wie al begonnen is, gaat verder via de persoonlijke link).",
        "en": "Keep this link: only a hash of it is stored. Lost it? Make a new link (the old one then stops "
              "working; whoever started continues through their personal link)."},
    "rounds.qr": {"nl": "QR-code (PNG)", "en": "QR code (PNG)"},
    "rounds.mail": {"nl": "Link (opnieuw) mailen", "en": "E-mail the link (again)"},
    "rounds.mail_subject": {"nl": "Enquête omnichannel-volwassenheid", "en": "Omnichannel maturity survey"},
    "rounds.new_link": {"nl": "Nieuwe link maken", "en": "Make a new link"},
    "rounds.status_open": {"nl": "open", "en": "open"},
    "rounds.status_closed": {"nl": "gesloten", "en": "closed"},
    "rounds.started": {"nl": "Begonnen", "en": "Started"},
    "rounds.submitted": {"nl": "Verstuurd", "en": "Submitted"},
    "rounds.by_role": {"nl": "Per rol", "en": "By role"},
    "rounds.closes": {"nl": "Sluit op {date}", "en": "Closes on {date}"},
    "rounds.privacy": {
        "nl": "Individuele antwoorden zijn niet zichtbaar; na sluiten telt ieder verstuurd antwoord mee.",
        "en": "Individual answers are not visible; after closing every submitted response counts."},
    "rounds.close": {"nl": "Ronde sluiten", "en": "Close round"},
    "rounds.reopen": {"nl": "Ronde heropenen", "en": "Reopen round"},
    "rounds.results": {"nl": "Resultaten tonen in het dashboard", "en": "Show results in the dashboard"},
    "rounds.results_shown": {
        "nl": "De resultaten staan nu in het dashboard (Overzicht, Onderdelen, Roadmap, Exporteren, Historie).",
        "en": "The results are now in the dashboard (Overview, Dimensions, Roadmap, Export, History)."},
    "rounds.cli_opened": {
        "nl": "Ronde {id} geopend voor {organisation}, meting {wave}.\nLink: {link}",
        "en": "Round {id} opened for {organisation}, wave {wave}.\nLink: {link}"},
    "rounds.cli_closed": {"nl": "Ronde {id} gesloten.", "en": "Round {id} closed."},
    "respond.title": {"nl": "Enquête omnichannel-volwassenheid", "en": "Omnichannel maturity survey"},
    "respond.intro": {
        "nl": "{organisation} · meting {wave}. Per vraag kiest u de huidige situatie en de gewenste situatie "
              "over 2-3 jaar (of n.v.t.). Uw antwoorden worden bewaard terwijl u werkt. "
              "{continuous}",
        "en": "{organisation} · wave {wave}. For each question choose the current situation and the target "
              "situation in 2-3 years (or n/a). Your answers are saved as you go. "
              "{continuous}"},
    "respond.language": {"nl": "Taal", "en": "Language"},
    "respond.department": {"nl": "Afdeling", "en": "Department"},
    "respond.start": {"nl": "Beginnen", "en": "Start"},
    "respond.resume_link": {
        "nl": "Uw persoonlijke link om later verder te gaan (bewaar hem):",
        "en": "Your personal link to continue later (keep it):"},
    "respond.current": {"nl": "huidige situatie", "en": "current situation"},
    "respond.target": {"nl": "gewenste situatie over 2-3 jaar", "en": "target situation in 2-3 years"},
    "respond.na": {"nl": "n.v.t.", "en": "n/a"},
    "respond.comment": {"nl": "Toelichting (optioneel)", "en": "Comment (optional)"},
    "respond.previous": {"nl": "Vorige", "en": "Previous"},
    "respond.next": {"nl": "Volgende", "en": "Next"},
    "respond.review": {
        "nl": "{done} van {total} vragen beantwoord. Verstuur uw antwoorden als u klaar bent; daarna "
              "kunnen ze niet meer worden gewijzigd.",
        "en": "{done} of {total} questions answered. Submit your answers when you are done; after that "
              "they can no longer be changed."},
    "respond.submit": {"nl": "Antwoorden versturen", "en": "Submit answers"},
    "respond.thanks": {
        "nl": "Dank u wel! Uw antwoorden zijn verstuurd.", "en": "Thank you! Your answers have been submitted."},
    "respond.no_token": {
        "nl": "Open deze pagina via de link die u van de organisator kreeg.",
        "en": "Please open this page through the link you received from the organiser."},
}
TEXTS.update(ACCESS_TEXTS)
TEXTS.update(STORE_TEXTS)
TEXTS.update(FORMS_TEXTS)
TEXTS.update(INTAKE_TEXTS)
TEXTS.update(BRAND_TEXTS)
TEXTS.update(SECAUTH_TEXTS)
TEXTS.update(SECBENCH_TEXTS)
TEXTS.update(SECTEXT_TEXTS)
TEXTS.update(SECHTTP_TEXTS)
TEXTS.update(ROADMAP_TEXTS)
TEXTS.update(FRAMEWORK_TEXTS)
TEXTS.update(TEXTS_CONTENT)
TEXTS.update(ACTIONS_TEXTS)
TEXTS.update(PDF_TEXTS)
TEXTS.update(MAPPING_TEXTS)
TEXTS.update(DONTKNOW_TEXTS)
TEXTS.update(TEXTS_METHODNOTES)
TEXTS.update(DETECT_TEXTS)
TEXTS.update(SAVEDMAPS_TEXTS)
TEXTS.update(GROUPS_TEXTS)
TEXTS.update(DECK_TEXTS)
TEXTS.update(DECKACT_TEXTS)
TEXTS.update(RESPOND_TEXTS)
TEXTS.update(ROUNDDELETE_TEXTS)
TEXTS.update(INVITE_TEXTS)
TEXTS.update(SCREEN_TEXTS)
TEXTS.update(TEXTS_LEVELEXPORTS)
TEXTS.update(TEXTS_UNITWAVES)
TEXTS.update(TEXTS_UNITADMIN)
TEXTS.update(TEXTS_BOARD2)
TEXTS.update(TEXTS_UNITWAVES2)

# Singular forms of texts that count something with `{n}`; the text above is the plural ('other').
SINGULAR: dict[str, dict[str, str]] = {
    "trace.respondent_dimension": {
        "nl": "{respondent}, {dimension} ({measure}): gewogen gemiddelde van {n} beantwoorde vraag "
        "= {numerator} / {denominator} = {value}",
        "en": "{respondent}, {dimension} ({measure}): weighted mean of {n} answered question "
        "= {numerator} / {denominator} = {value}"},
    "trace.organisation_dimension": {
        "nl": "{dimension} ({measure}): gemiddelde over {n} respondent = {value}",
        "en": "{dimension} ({measure}): mean over {n} respondent = {value}"},
    "trace.overall": {
        "nl": "Totaal ({measure}): gewogen gemiddelde van {n} onderdeel = {numerator} / {denominator} = {value}",
        "en": "Overall ({measure}): weighted mean of {n} dimension = {numerator} / {denominator} = {value}"},
    "trace.excluded_na": {
        "nl": "{n} vraag n.v.t. of leeg, niet meegeteld", "en": "{n} question n/a or blank, not counted"},
    "report.overall": {
        "nl": "Totaal: huidig {current}, gewenst {target}, gat {gap}; niveau {level}; {n} respondent",
        "en": "Overall: current {current}, target {target}, gap {gap}; level {level}; {n} respondent"},
    "deck.summary_level": {
        "nl": "Niveau {level}: index {current} van 5, gewenst {target} (gat {gap}), {n} respondent",
        "en": "Level {level}: index {current} of 5, target {target} (gap {gap}), {n} respondent"},
    "deck.notes.title": {
        "nl": "Dit rapport vat de enquête samen die {n} lid van het managementteam heeft ingevuld, op het {framework}.",
        "en": "This deck summarises the survey {n} member of the management team completed, on the {framework}."},
    "deck.bench_group": {
        "nl": "Peergroep: {group} · n = {n} organisatie", "en": "Peer group: {group} · n = {n} organisation"},
    "report.bench_n": {
        "nl": "n = {n} organisatie in de peergroep (uw eigen organisatie niet meegeteld; minimaal {minimum})",
        "en": "n = {n} organisation in the peer group (your own organisation not counted; at least {minimum})"},
    "export.extra_available_trend": {"nl": "{n} meting van {organisation}", "en": "{n} wave of {organisation}"},
    "export.cli_trend": {"nl": "Ontwikkeling: {n} meting van {organisation}", "en": "Trend: {n} wave of {organisation}"},
    "cli.cannot_score": {"nl": "Kan niet scoren: {n} fout in de invoer.", "en": "Cannot score: {n} error in the input."},
    "peers.cli_demo_written": {
        "nl": "{n} fictieve organisatie, {rows} rijen (synthetische demo-peers)",
        "en": "{n} fictional organisation, {rows} rows (synthetic demo peers)"},
    "peers.cli_not_imported": {
        "nl": "Niets ingelezen: {n} fout in het bestand.", "en": "Nothing imported: {n} error in the file."},
    "peers.cli_imported": {
        "nl": "{n} peer ingelezen in peerset '{peer_set}'.", "en": "Imported {n} peer into peer set '{peer_set}'."},
    "admin.waiting": {
        "nl": "{n} gebruiker ingelogd zonder organisatie: voeg die hieronder toe.",
        "en": "{n} user signed in without an organisation: add them below."},
    "problem.several_roles": {
        "nl": "{n} respondent koos meer dan één rol: {respondent} ({source}: '{value}'); in de uitsplitsing per rol vormt "
              "deze persoon een eigen groep - vraag in het formulier naar één rol, of kies per persoon één rol in het bestand",
        "en": "{n} respondent chose more than one role: {respondent} ({source}: '{value}'); in the breakdown by role this "
              "person forms a group of their own - ask for one role in the form, or choose one role per person in the file"},
    "start.intake_files": {"nl": "{n} bestand", "en": "{n} file"},
    "start.intake_respondents": {"nl": "{n} respondent", "en": "{n} respondent"},
}
SINGULAR.update(GROUPS_SINGULAR)
SINGULAR.update(SINGULAR_BOARD2)
for _key, _forms in SINGULAR.items():
    for _lang, _one in _forms.items():
        TEXTS[_key][_lang] = {"one": _one, "other": TEXTS[_key][_lang]}


def t(key: str, lang: str, **params: object) -> str:
    """Return the text for `key` in `lang`, formatted with `params`.

    A text with plural forms is a mapping of CLDR categories ('one', 'other') chosen by the
    parameter `n`: "1 vraag", "2 vragen"."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if isinstance(text, dict):
        text = text.get(plural_form(_count(params.get("n")), lang)) or text["other"]
    return text.format(**params) if params else text


def _count(value: object) -> float:
    """The number a plural form is chosen by (`n` may arrive formatted, "1.048")."""
    if isinstance(value, int | float):
        return value
    try:
        return float(str(value).replace(".", "").replace(",", "."))
    except ValueError:
        return 0


class TranslatedError(ValueError):
    """An error a person can act on, carrying a text key and parameters; `message(lang)` says it in
    their language, `str()` in English (for logs). Subclasses set the key prefix."""

    prefix = ""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(f"{self.prefix}{key}", "en", **params))

    def message(self, lang: str) -> str:
        return t(f"{self.prefix}{self.key}", lang, **self.params)


def check_language(lang: str) -> str:
    """Return `lang` if supported, else raise ValueError naming the options."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang
