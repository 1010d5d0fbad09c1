"""Dutch and English texts of the action plan (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

ACTIONS_TEXTS: dict[str, dict[str, str]] = {
    # errors (omni.actions.ActionError)
    "actions.err.at_row": {"nl": "rij {row}: {text}", "en": "row {row}: {text}"},
    "actions.err.required": {"nl": "is verplicht", "en": "is required"},
    "actions.err.too_long": {"nl": "is langer dan {limit} tekens", "en": "is longer than {limit} characters"},
    "actions.err.bad_date": {
        "nl": "{value!r} is geen datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)",
        "en": "{value!r} is not a date (expected YYYY-MM-DD or DD-MM-YYYY)"},
    "actions.err.bad_level": {
        "nl": "{value!r} is geen niveau (verwacht een heel getal van 1 tot 5)",
        "en": "{value!r} is not a level (expected a whole number from 1 to 5)"},
    "actions.err.bad_dimension": {
        "nl": "{value!r} is geen onderdeel van het model (verwacht een van: {options})",
        "en": "{value!r} is not a dimension of the framework (expected one of: {options})"},
    "actions.err.bad_questions": {
        "nl": "{value} hoort niet bij onderdeel {dimension}", "en": "{value} does not belong to dimension {dimension}"},
    "actions.err.too_many_questions": {"nl": "meer dan {limit} vragen", "en": "more than {limit} questions"},
    "actions.err.bad_status": {
        "nl": "{value!r} is geen status (verwacht een van: {options})",
        "en": "{value!r} is not a status (expected one of: {options})"},
    "actions.err.due_before_start": {
        "nl": "de deadline ligt vóór de startdatum", "en": "the due date is before the start date"},
    "actions.err.unknown_field": {"nl": "onbekend veld: {value}", "en": "unknown field: {value}"},
    "actions.err.bad_number": {
        "nl": "{value!r} is geen nummer (verwacht een heel getal, zoals in de export)",
        "en": "{value!r} is not a number (expected a whole number, as in the export)"},
    "actions.err.not_found": {"nl": "geen actie met nummer {id}", "en": "no action with id {id}"},
    "actions.err.stale": {
        "nl": "De actie {title!r} is intussen gewijzigd door {actor} ({at}). Uw wijziging is niet opgeslagen: "
              "laad het actieplan opnieuw en breng uw wijziging nogmaals aan.",
        "en": "The action {title!r} was changed by {actor} ({at}) in the meantime. Your change was not saved: "
              "reload the action plan and make your change again."},
    "actions.err.file_type": {
        "nl": "{file}: verwacht een .xlsx- of .csv-bestand", "en": "{file}: expected an .xlsx or .csv file"},
    "actions.err.file_unreadable": {
        "nl": "{file}: kan het bestand niet lezen ({reason})", "en": "{file}: cannot read the file ({reason})"},
    "actions.err.no_sheet": {
        "nl": "{file}: geen werkblad '{sheet}' gevonden", "en": "{file}: no sheet named '{sheet}'"},
    "actions.err.missing_columns": {
        "nl": "{file}: kolommen ontbreken: {columns}", "en": "{file}: columns missing: {columns}"},
    "actions.err.cell": {
        "nl": "{file}, werkblad {sheet}, cel {cell}: {text}", "en": "{file}, sheet {sheet}, cell {cell}: {text}"},
    "actions.err.csv_cell": {
        "nl": "{file}, rij {row}, kolom {column}: {text}", "en": "{file}, row {row}, column {column}: {text}"},
    "actions.err.too_many_rows": {
        "nl": "{file}: meer dan {limit} acties", "en": "{file}: more than {limit} actions"},
    "actions.err.no_wave": {
        "nl": "{organisation} heeft nog geen opgeslagen meting; sla eerst een meting op (pagina Historie) of geef "
              "een meting op", "en": "{organisation} has no saved wave yet; save one first (History page) or give a wave"},
    # columns (file headers and the table)
    "actions.col.id": {"nl": "Nr", "en": "Id"},
    "actions.col.wave": {"nl": "Meting", "en": "Wave"},
    "actions.col.title": {"nl": "Actie", "en": "Action"},
    "actions.col.dimension": {"nl": "Onderdeel", "en": "Dimension"},
    "actions.col.questions": {"nl": "Vragen", "en": "Questions"},
    "actions.col.target_level": {"nl": "Doelniveau", "en": "Target level"},
    "actions.col.owner_name": {"nl": "Eigenaar", "en": "Owner"},
    "actions.col.owner_role": {"nl": "Rol eigenaar", "en": "Owner role"},
    "actions.col.start_date": {"nl": "Start", "en": "Start"},
    "actions.col.due_date": {"nl": "Deadline", "en": "Due"},
    "actions.col.status": {"nl": "Status", "en": "Status"},
    "actions.col.notes": {"nl": "Toelichting", "en": "Notes"},
    "actions.col.overdue": {"nl": "Te laat", "en": "Overdue"},
    "actions.col.version": {"nl": "Versie", "en": "Version"},
    "actions.col.delete": {"nl": "Verwijderen", "en": "Delete"},
    "actions.status.planned": {"nl": "Gepland", "en": "Planned"},
    "actions.status.in_progress": {"nl": "Bezig", "en": "In progress"},
    "actions.status.done": {"nl": "Klaar", "en": "Done"},
    "actions.status.dropped": {"nl": "Vervallen", "en": "Dropped"},
    "actions.sheet": {"nl": "Acties", "en": "Actions"},
    "actions.sheet_lists": {"nl": "Keuzelijsten", "en": "Lists"},
    "actions.from_roadmap_title": {"nl": "{dimension}: {topic} verbeteren", "en": "{dimension}: improve {topic}"},
    "actions.from_roadmap_title_plain": {
        "nl": "{dimension} naar niveau {level}", "en": "{dimension} to level {level}"},
    "actions.ics_summary": {"nl": "Deadline: {title}", "en": "Due: {title}"},
    "actions.ics_description": {
        "nl": "Onderdeel: {dimension}. Eigenaar: {owner}. Status: {status}.",
        "en": "Dimension: {dimension}. Owner: {owner}. Status: {status}."},
    # the Action plan page and the roadmap button
    "nav.actions": {"nl": "Actieplan", "en": "Action plan"},
    "actions.intro": {
        "nl": "Wat gaan we doen, wie is eigenaar en wanneer is het klaar? Pas acties aan in de tabel en klik op "
              "Opslaan. Acties die te laat zijn, staan bovenaan gemeld.",
        "en": "What will we do, who owns it and when is it due? Edit actions in the table and click Save. "
              "Overdue actions are reported at the top."},
    "actions.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "actions.none_org": {
        "nl": "Er is nog geen organisatie opgeslagen. Sla een meting op (Historie) of voeg een actie toe vanaf de "
              "Roadmap.", "en": "No organisation is saved yet. Save a wave (History) or add an action from the "
              "Roadmap."},
    "actions.filter_status": {"nl": "Status", "en": "Status"},
    "actions.filter_all": {"nl": "Alle", "en": "All"},
    "actions.filter_owner": {"nl": "Eigenaar bevat", "en": "Owner contains"},
    "actions.filter_dimension": {"nl": "Onderdeel", "en": "Dimension"},
    "actions.filter_overdue": {"nl": "Alleen te laat", "en": "Overdue only"},
    "actions.overdue_banner": {
        "nl": "Te laat ({n}): {titles}", "en": "Overdue ({n}): {titles}"},
    "actions.overdue_days": {"nl": "⚠ te laat: {n} d", "en": "⚠ overdue: {n} d"},
    "actions.empty": {
        "nl": "Nog geen acties. Voeg een regel toe in de tabel of gebruik de knop bij een onderdeel op de Roadmap.",
        "en": "No actions yet. Add a row to the table or use the button at a dimension on the Roadmap."},
    "actions.save": {"nl": "Opslaan", "en": "Save"},
    "actions.reload": {"nl": "Opnieuw laden", "en": "Reload"},
    "actions.saved": {"nl": "Wijzigingen opgeslagen: {n}.", "en": "Changes saved: {n}."},
    "actions.nothing_changed": {"nl": "Niets gewijzigd.", "en": "Nothing changed."},
    "actions.row_failed": {"nl": "{title}: {text}", "en": "{title}: {text}"},
    "actions.wave_caption": {
        "nl": "Nieuwe acties horen bij meting {wave}.", "en": "New actions belong to wave {wave}."},
    "actions.add_button": {"nl": "Zet op het actieplan", "en": "Add to action plan"},
    "actions.added": {
        "nl": "Actie '{title}' staat op het actieplan van {organisation} (meting {wave}).",
        "en": "Action '{title}' is on the action plan of {organisation} (wave {wave})."},
    "actions.open_plan": {"nl": "Naar het actieplan", "en": "Open the action plan"},
    "actions.history": {"nl": "Statusgeschiedenis", "en": "Status history"},
    "actions.history_line": {"nl": "{at}: {status} ({actor})", "en": "{at}: {status} ({actor})"},
    "actions.download_xlsx": {"nl": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "actions.download_csv": {"nl": "CSV", "en": "CSV"},
    "actions.download_ics": {"nl": "Agenda (.ics)", "en": "Calendar (.ics)"},
    "actions.files": {"nl": "Exporteren en importeren", "en": "Export and import"},
    "actions.upload": {
        "nl": "Actieplan inlezen (.xlsx of .csv, zoals de export)", "en": "Import an action plan (.xlsx or .csv, as exported)"},
    "actions.import_button": {"nl": "Inlezen", "en": "Import"},
    "actions.imported": {
        "nl": "Ingelezen: {added} nieuw, {changed} gewijzigd.", "en": "Imported: {added} new, {changed} changed."},
    "actions.import_failed": {
        "nl": "Niets ingelezen. Fouten in het bestand: {n}.", "en": "Nothing imported. Errors in the file: {n}."},
    # check at the next wave (omni.action_review)
    "actions.review": {"nl": "Controle bij de volgende meting", "en": "Check at the next wave"},
    "actions.review_intro": {
        "nl": "Per actie: de score van het onderdeel en de gekoppelde vragen in de meting waarin de actie is "
              "gepland en in de volgende opgeslagen meting, en of het beoogde niveau is gehaald.",
        "en": "Per action: the score of its dimension and linked questions in the wave it was planned in and in "
              "the next saved wave, and whether it reached the level it aimed for."},
    "actions.review_waiting": {
        "nl": "Nog geen latere meting opgeslagen: de controle volgt zodra de volgende meting is opgeslagen.",
        "en": "No later wave saved yet: the check follows once the next wave is saved."},
    "actions.review_col.waves": {"nl": "Metingen", "en": "Waves"},
    "actions.review_col.dimension_change": {"nl": "Onderdeel voor → na", "en": "Dimension before → after"},
    "actions.review_col.questions_change": {"nl": "Vragen voor → na", "en": "Questions before → after"},
    "actions.review_col.level": {"nl": "Niveau beoogd / gehaald", "en": "Level aimed / reached"},
    "actions.review_col.verdict": {"nl": "Oordeel", "en": "Verdict"},
    "actions.verdict.reached": {"nl": "Doel gehaald", "en": "Target reached"},
    "actions.verdict.reached_unmoved": {"nl": "Niveau gehaald, maar deze actie bewoog niets",
                                        "en": "Level reached, but this action moved nothing"},
    "actions.verdict.moved": {"nl": "Verbeterd, doel nog niet gehaald", "en": "Improved, target not yet reached"},
    "actions.verdict.not_moved": {"nl": "Niet bewogen", "en": "Did not move"},
    "actions.verdict.waiting": {"nl": "Wacht op volgende meting", "en": "Waiting for the next wave"},
    "actions.finding.done_not_moved": {
        "nl": "Afgerond maar de scores bewogen niet: {titles}", "en": "Done, but the scores did not move: {titles}"},
    "actions.finding.moved_without": {
        "nl": "Bewogen zonder actie ({before} → {after}): {questions}",
        "en": "Moved without an action ({before} → {after}): {questions}"},
    "actions.finding.overdue_gaps": {
        "nl": "Te laat op de onderdelen met het grootste gat: {titles}",
        "en": "Overdue on the dimensions with the largest gap: {titles}"},
}
