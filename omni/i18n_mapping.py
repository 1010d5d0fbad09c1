"""Dutch and English texts for correcting the column map on Start (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

MAPPING_TEXTS: dict[str, dict[str, str]] = {
    "mapping.heading": {"nl": "Kolommen controleren en verbeteren ({n})",
                        "en": "Check and correct the columns ({n})"},
    "mapping.intro": {
        "nl": "Per kolom ziet u hoe we hem hebben gelezen en waarom. Klopt een regel niet? Kies in de kolom "
              "'Lezen als' wat er wel in staat en klik op 'Toepassen'. De scores worden dan opnieuw berekend.",
        "en": "For each column you see how we read it and why. Is a row wrong? Choose what the column holds in "
              "'Read as' and click 'Apply'. The scores are then calculated again."},
    "mapping.field.current": {"nl": "huidig", "en": "current"},
    "mapping.field.target": {"nl": "gewenst", "en": "target"},
    "mapping.field.comment": {"nl": "toelichting", "en": "comment"},
    "mapping.fact": {"nl": "Gegeven over de invuller: {fact}", "en": "Respondent fact: {fact}"},
    "mapping.importance": {"nl": "Belang voor de strategie · {dimension}", "en": "Importance for the strategy · {dimension}"},
    "mapping.ignored": {"nl": "Niet gebruiken", "en": "Do not use"},
    "mapping.apply": {"nl": "Toepassen", "en": "Apply"},
    "mapping.applied": {"nl": "Uw indeling is toegepast: de scores hieronder gebruiken hem.",
                        "en": "Your mapping is applied: the scores below use it."},
    "mapping.reset": {"nl": "Terug naar automatisch lezen", "en": "Back to automatic reading"},
    "mapping.download": {"nl": "Indeling downloaden (YAML)", "en": "Download mapping (YAML)"},
    "mapping.download_help": {
        "nl": "Hetzelfde bestand werkt op de opdrachtregel: omni score --mapping indeling.yaml",
        "en": "The same file works on the command line: omni score --mapping mapping.yaml"},
    "mapping.upload": {"nl": "Een eerder opgeslagen indeling gebruiken (YAML)",
                       "en": "Use a mapping saved earlier (YAML)"},
    "mapping.bad_file": {
        "nl": "{file} kan niet als indeling worden gebruikt. Verwacht: een YAML-bestand met 'columns:' en per "
              "kop een vraag en veld, een gegeven of 'ignored'. Wat er mis is: {detail}",
        "en": "{file} cannot be used as a mapping. Expected: a YAML file with 'columns:' and for each header a "
              "question and field, a fact or 'ignored'. What is wrong: {detail}"},
    "mapping.no_files": {"nl": "Upload het bestand opnieuw om een indeling toe te passen.",
                         "en": "Upload the file again to apply a mapping."},
    "store.err.mapping_name_empty": {"nl": "de naam van de indeling is leeg", "en": "mapping name is empty"},
    "store.err.mapping_name_long": {"nl": "de naam van de indeling is langer dan {limit} tekens",
                                    "en": "mapping name is longer than {limit} characters"},
    "mapping.save_heading": {"nl": "Indeling bewaren voor de volgende keer", "en": "Keep the mapping for next time"},
    "mapping.save_organisation": {"nl": "Organisatie", "en": "Organisation"},
    "mapping.save_name": {"nl": "Naam van de indeling", "en": "Name of the mapping"},
    "mapping.save": {"nl": "Indeling bewaren", "en": "Save mapping"},
    "mapping.saved": {"nl": "Indeling '{name}' bewaard voor {organisation}.",
                      "en": "Mapping '{name}' saved for {organisation}."},
    "mapping.save_failed": {"nl": "De indeling is niet bewaard: {reason}.", "en": "The mapping was not saved: {reason}."},
    "mapping.offer": {
        "nl": "Voor een bestand met dezelfde kolommen is eerder de indeling '{name}' ({organisation}) bewaard.",
        "en": "The mapping '{name}' ({organisation}) was saved earlier for a file with the same columns."},
    "mapping.use_saved": {"nl": "Indeling '{name}' gebruiken", "en": "Use mapping '{name}'"},
    "mapping.err.no_columns": {
        "nl": "{source}: verwacht een onderdeel 'columns:' dat per kop zegt wat de kolom bevat",
        "en": "{source}: expected a 'columns:' section mapping each header to what it holds"},
    "mapping.err.empty_header": {"nl": "{where}: een lege kop kan niet worden ingedeeld",
                                 "en": "{where}: an empty header cannot be mapped"},
    "mapping.err.bad_spec": {
        "nl": "{where}: verwacht {{question: ID, field: current|target|comment}}, {{importance: ONDERDEEL}}, "
              "{{fact: NAAM}} of 'ignored'",
        "en": "{where}: expected {{question: ID, field: current|target|comment}}, {{importance: DIMENSION}}, "
              "{{fact: NAME}} or 'ignored'"},
    "mapping.err.unknown_fact": {"nl": "{where}: onbekend gegeven '{fact}'; een van {facts}",
                                 "en": "{where}: unknown fact '{fact}'; one of {facts}"},
    "mapping.err.no_question": {"nl": "{where}: geen vraag opgegeven", "en": "{where}: no question given"},
    "mapping.err.bad_field": {"nl": "{where}: field moet een van {fields} zijn, niet '{field}'",
                              "en": "{where}: field must be one of {fields}, not '{field}'"},
    "mapping.err.unreadable": {"nl": "{source}: kan niet worden gelezen ({reason})",
                               "en": "{source}: cannot be read ({reason})"},
    "mapping.err.not_yaml": {"nl": "{source}: geen YAML-bestand ({reason})", "en": "{source}: not a YAML file ({reason})"},
    "intake.matched.mapping": {"nl": "uw indeling", "en": "your mapping"},
    "intake.matched.importance": {"nl": "belang van een onderdeel", "en": "a dimension's importance"},
    # why a column was read so (omni.survey.reasons)
    "why.id": {"nl": "vraag-ID in de kop", "en": "question id in the header"},
    "why.exact": {"nl": "dezelfde tekst", "en": "the same text"},
    "why.shortened": {"nl": "ingekorte tekst", "en": "shortened text"},
    "why.fuzzy": {"nl": "bijna dezelfde tekst ({score}%)", "en": "nearly the same text ({score}%)"},
    "why.words": {"nl": "dezelfde woorden ({share})", "en": "the same words ({share})"},
    "why.form": {"nl": "vaste kolom van het formulier", "en": "a form's own column"},
    "why.fact_label": {"nl": "naam van een gegeven", "en": "a fact's name"},
    "why.fact_question": {"nl": "vraag naar een gegeven", "en": "a question for a fact"},
    "why.quiz": {"nl": "kolom van een quiz", "en": "a quiz column"},
    "why.none": {"nl": "geen vraag of gegeven herkend", "en": "no question or fact recognised"},
    "why.dimension_name": {"nl": "naam van een onderdeel, geen vraag", "en": "a dimension's name, no question"},
    "why.dimension_statement": {"nl": "onderdeel als stelling in een vraag naar belang",
                                "en": "a dimension as a statement of an importance question"},
    "why.importance": {"nl": "vraag naar belang", "en": "importance question"},
    "why.option": {"nl": "tekst van een antwoord", "en": "an option's text"},
    "why.level": {"nl": "naam van een niveau", "en": "a level's name"},
    "why.shortened_option": {"nl": "ingekorte antwoordtekst", "en": "shortened option text"},
    "why.not_read": {"nl": "niet gelezen", "en": "not read"},
    "why.na": {"nl": "n.v.t.", "en": "n/a"},
    "why.dk": {"nl": "weet ik niet", "en": "don't know"},
    "why.ambiguous_plain": {"nl": "twijfel", "en": "ambiguous"},
    "why.ambiguous": {"nl": "twijfel tussen {candidates}", "en": "ambiguous between {candidates}"},
    "why.grid_row": {"nl": "rij van een raster: {why}", "en": "row of a grid: {why}"},
    "why.grid_title": {"nl": "titel van een raster: {why}", "en": "title of a grid: {why}"},
    "why.asked_again": {"nl": "{why}, tweede keer gevraagd (gewenst)", "en": "{why}, asked again (target)"},
    "why.repeated": {"nl": "{why}, herhaald ({n}: gewenst)", "en": "{why}, repeated ({n}: target)"},
    "why.version": {"nl": "{why} (versie {version})", "en": "{why} (version {version})"},
    "why.other_column": {"nl": "{why}; {fact} komt uit een andere kolom", "en": "{why}; {fact} read from another column"},
}
