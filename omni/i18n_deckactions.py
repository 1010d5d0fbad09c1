"""Dutch and English texts of the action plan in the exports: deck slides, report sheet, export choices
(merged into omni.i18n.TEXTS)."""

from __future__ import annotations

DECKACT_TEXTS: dict[str, dict[str, object]] = {
    # deck: the action plan slide (omni.export.deck_actions)
    "deckact.plan_kicker": {"nl": "Actieplan", "en": "Action plan"},
    "deckact.review_kicker": {"nl": "Wat onze acties deden", "en": "What our actions did"},
    "deckact.title_overdue": {
        "nl": {"one": "{n} van {total} acties is te laat, bij {dimension}",
               "other": "{n} van {total} acties zijn te laat; de meeste bij {dimension}"},
        "en": {"one": "{n} of {total} actions is overdue, on {dimension}",
               "other": "{n} of {total} actions are overdue; most on {dimension}"}},
    "deckact.title_closed": {
        "nl": {"one": "{n} actie, afgerond of vervallen: {done} klaar",
               "other": "Alle {n} acties zijn afgerond of vervallen: {done} klaar"},
        "en": {"one": "{n} action, done or dropped: {done} done",
               "other": "All {n} actions are done or dropped: {done} done"}},
    "deckact.title_next": {
        "nl": {"one": "{n} actie loopt, niet te laat; deadline {date} ({dimension})",
               "other": "{n} acties lopen, geen te laat; eerstvolgende deadline {date} ({dimension})"},
        "en": {"one": "{n} action open, not overdue; due {date} ({dimension})",
               "other": "{n} actions open, none overdue; next due {date} ({dimension})"}},
    "deckact.title_open": {
        "nl": {"one": "{n} actie loopt, zonder deadline", "other": "{n} acties lopen, geen met een deadline"},
        "en": {"one": "{n} action open, without a due date", "other": "{n} actions open, none with a due date"}},
    "deckact.title_more": {
        "nl": "Actieplan ({part}): acties {first}–{last}", "en": "Action plan ({part}): actions {first}–{last}"},
    "deckact.title_review_more": {"nl": "Wat onze acties deden ({part})", "en": "What our actions did ({part})"},
    "deckact.title_done_not_moved": {
        "nl": {"one": "{n} van {total} gecontroleerde acties is klaar, maar de scores bewogen niet",
               "other": "{n} van {total} gecontroleerde acties zijn klaar, maar de scores bewogen niet"},
        "en": {"one": "{n} of {total} checked actions is done, but its scores did not move",
               "other": "{n} of {total} checked actions are done, but their scores did not move"}},
    "deckact.title_reached": {
        "nl": {"one": "{n} van {total} acties haalde het beoogde niveau",
               "other": "{n} van {total} acties haalden het beoogde niveau"},
        "en": {"one": "{n} of {total} actions reached the level it aimed for",
               "other": "{n} of {total} actions reached the level they aimed for"}},
    "deckact.title_moved": {
        "nl": {"one": "{n} van {total} acties bracht de scores in beweging",
               "other": "{n} van {total} acties brachten de scores in beweging"},
        "en": {"one": "{n} of {total} actions moved its scores", "other": "{n} of {total} actions moved their scores"}},
    "deckact.today": {"nl": "vandaag", "en": "today"},
    "deckact.legend_overdue": {"nl": "Te laat (rode rand)", "en": "Overdue (red ring)"},
    "deckact.undated": {
        "nl": {"one": "{n} actie zonder deadline: alleen in de tabel",
               "other": "{n} acties zonder deadline: alleen in de tabel"},
        "en": {"one": "{n} action without a due date: in the table only",
               "other": "{n} actions without a due date: in the table only"}},
    "deckact.overdue_days": {
        "nl": {"one": "{n} dag te laat", "other": "{n} dagen te laat"},
        "en": {"one": "{n} day overdue", "other": "{n} days overdue"}},
    "deckact.notes_plan": {
        "nl": {"one": "Actieplan van {organisation}: {n} actie, genummerd op deadline zoals op de tijdlijn; "
                      "te laat geteld op {today}.",
               "other": "Actieplan van {organisation}: {n} acties, genummerd op deadline zoals op de tijdlijn; "
                        "te laat geteld op {today}."},
        "en": {"one": "Action plan of {organisation}: {n} action, numbered by due date as on the timeline; "
                      "overdue counted on {today}.",
               "other": "Action plan of {organisation}: {n} actions, numbered by due date as on the timeline; "
                        "overdue counted on {today}."}},
    "deckact.notes_review": {
        "nl": "Elke actie vergeleken tussen de meting waarin zij is gepland en de volgende opgeslagen meting: "
              "beoogd is het doelniveau, gerealiseerd zijn de scores voor en na en het gehaalde niveau. De "
              "bevindingen vergelijken {before} met {after}.",
        "en": "Each action compared between the wave it was planned in and the next saved wave: projected is the "
              "level aimed for, realised are the scores before and after and the level reached. The findings "
              "compare {before} with {after}."},
    # the Export page and the CLI (omni.services.export_extras)
    "export.part.actions": {"nl": "Actieplan", "en": "Action plan"},
    "export.extra_available_actions": {
        "nl": {"one": "{n} actie van {organisation}", "other": "{n} acties van {organisation}"},
        "en": {"one": "{n} action of {organisation}", "other": "{n} actions of {organisation}"}},
    "export.extra_available_review": {
        "nl": "gecontroleerd bij de volgende meting", "en": "checked at the next wave"},
    "export.reason.no_actions": {
        "nl": "{organisation} heeft geen acties op het actieplan",
        "en": "{organisation} has no actions on its action plan"},
    "export.cli_actions": {"nl": "Actieplan: {what}", "en": "Action plan: {what}"},
    "export.cli_no_actions": {"nl": "Actieplan niet opgenomen: {reason}", "en": "Action plan not included: {reason}"},
    # the Excel report's Actions sheet (omni.export.report)
    "reportact.title": {"nl": "Actieplan van {organisation}", "en": "Action plan of {organisation}"},
    "reportact.counted": {"nl": "Te laat geteld op {today}", "en": "Overdue counted on {today}"},
    "reportact.col_overdue_days": {"nl": "Dagen te laat", "en": "Days overdue"},
    "reportact.col_next_wave": {"nl": "Volgende meting", "en": "Next wave"},
    "reportact.col_dim_before": {"nl": "Onderdeel voor", "en": "Dimension before"},
    "reportact.col_dim_after": {"nl": "Onderdeel na", "en": "Dimension after"},
    "reportact.col_level_after": {"nl": "Niveau gehaald", "en": "Level reached"},
    "reportact.findings": {"nl": "Bevindingen", "en": "Findings"},
}
