"""Dutch and English texts of invitations and reminders by e-mail (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

INVITE_TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    # the invitee list's columns (header words recognised in either language; named in problems)
    "invite.col.name": {"nl": "Naam", "en": "Name"},
    "invite.col.email": {"nl": "E-mail", "en": "E-mail"},
    "invite.col.role": {"nl": "Rol", "en": "Role"},
    "invite.col.department": {"nl": "Afdeling", "en": "Department"},
    "invite.col.language": {"nl": "Taal", "en": "Language"},
    # problems (omni.invitees.InviteError)
    "invite.err.at_cell": {"nl": "{file}, blad {sheet}, cel {cell}: {text}",
                           "en": "{file}, sheet {sheet}, cell {cell}: {text}"},
    "invite.err.at_row": {"nl": "{file}, regel {row}, kolom {column}: {text}",
                          "en": "{file}, line {row}, column {column}: {text}"},
    "invite.err.email_required": {"nl": "e-mailadres ontbreekt", "en": "the e-mail address is missing"},
    "invite.err.email_bad": {"nl": "{value!r} is geen e-mailadres (verwacht naam@voorbeeld.nl)",
                             "en": "{value!r} is not an e-mail address (expected name@example.org)"},
    "invite.err.too_long": {"nl": "is langer dan {limit} tekens", "en": "is longer than {limit} characters"},
    "invite.err.language": {"nl": "{value!r} is geen taal van deze ronde (verwacht een van: {options})",
                            "en": "{value!r} is not a language of this round (expected one of: {options})"},
    "invite.err.duplicate": {"nl": "{value} staat al op regel {row}", "en": "{value} is already on line {row}"},
    "invite.err.empty": {"nl": "{file} bevat geen namen.", "en": "{file} holds no names."},
    "invite.err.no_email_column": {
        "nl": "{file}: geen kolom E-mail gevonden. Zet in de eerste regel de kolomnamen (Naam, E-mail, Rol), "
              "of geef per regel: naam, e-mailadres, rol.",
        "en": "{file}: no E-mail column found. Put the column names in the first line (Name, E-mail, Role), "
              "or give per line: name, e-mail address, role."},
    "invite.err.too_many": {"nl": "{file} heeft meer dan {limit} namen.", "en": "{file} has more than {limit} names."},
    "invite.err.file_type": {"nl": "{file}: verwacht een .xlsx- of .csv-bestand.",
                             "en": "{file}: expected an .xlsx or .csv file."},
    "invite.err.file_unreadable": {"nl": "{file} kan niet gelezen worden ({reason}).",
                                   "en": "{file} cannot be read ({reason})."},
    "invite.err.no_invitee": {"nl": "Er is geen genodigde met id {id} in deze ronde.",
                              "en": "There is no invitee with id {id} in this round."},
    "invite.err.schedule_days": {
        "nl": "{value!r} is geen aantal dagen (verwacht een heel getal van 1 tot 60)",
        "en": "{value!r} is not a number of days (expected a whole number from 1 to 60)"},
    "invite.err.schedule_many": {"nl": "Hoogstens {limit} herinneringen.", "en": "At most {limit} reminders."},
    "invite.err.schedule_needs_closing": {
        "nl": "Een herinneringsschema heeft een sluitingsdatum nodig; heropen de ronde met een sluitingsdatum.",
        "en": "A reminder schedule needs a closing date; reopen the round with a closing date."},
    # the mails (omni.invitations.compose)
    "invite.mail.subject_invite": {
        "nl": "Uitnodiging: enquête omnichannel-volwassenheid van {organisation} ({wave})",
        "en": "Invitation: {organisation}'s omnichannel maturity survey ({wave})"},
    "invite.mail.subject_reminder": {
        "nl": "Herinnering: enquête omnichannel-volwassenheid van {organisation} ({wave})",
        "en": "Reminder: {organisation}'s omnichannel maturity survey ({wave})"},
    "invite.mail.greeting": {"nl": "Beste {name},", "en": "Dear {name},"},
    "invite.mail.greeting_team": {"nl": "Beste collega,", "en": "Dear colleague,"},
    "invite.mail.body_invite": {
        "nl": "{organisation} vraagt u mee te doen aan de enquête over omnichannel-volwassenheid ({wave}). "
              "Per vraag kiest u hoe het nu is en waar u over twee à drie jaar wilt staan. "
              "Uw antwoorden worden bewaard terwijl u invult; u kunt stoppen en later met dezelfde link verder. "
              "Open uw persoonlijke link:",
        "en": "{organisation} asks you to take part in the omnichannel maturity survey ({wave}). "
              "For each question you choose where things stand now and where you want to be in two to three "
              "years. Your answers are saved as you go; you can stop and continue later with the same link. "
              "Open your personal link:"},
    "invite.mail.body_reminder": {
        "nl": "Uw antwoorden op de enquête over omnichannel-volwassenheid van {organisation} ({wave}) zijn nog "
              "niet verstuurd. Met uw persoonlijke link gaat u verder waar u was:",
        "en": "Your answers to {organisation}'s omnichannel maturity survey ({wave}) have not been submitted "
              "yet. Your personal link takes you back to where you were:"},
    "invite.mail.closes": {"nl": "De enquête sluit op {date}.", "en": "The survey closes on {date}."},
    "invite.mail.personal": {
        "nl": "Deze link is alleen voor u: stuur hem niet door. Uw antwoorden ziet niemand afzonderlijk; het "
              "dashboard toont alleen de uitkomsten van de groep.",
        "en": "This link is for you only: please do not forward it. Nobody sees your answers on their own; "
              "the dashboard shows only the group's results."},
    "invite.mail.unsubscribe": {
        "nl": "Geen herinneringen meer? Open {link} (of negeer deze e-mail).",
        "en": "No more reminders? Open {link} (or ignore this e-mail)."},
    # the respondent's side of a personal link (omni.ui.invite_start)
    "invite.welcome": {"nl": "Welkom, {name}. {organisation} nodigt u uit voor meting {wave}.",
                       "en": "Welcome, {name}. {organisation} invites you to wave {wave}."},
    "invite.welcome_team": {"nl": "{organisation} nodigt u uit voor meting {wave}.",
                            "en": "{organisation} invites you to wave {wave}."},
    "invite.stop_ask": {"nl": "Wilt u geen herinneringen meer krijgen voor deze enquête?",
                        "en": "Would you like to get no more reminders for this survey?"},
    "invite.unsubscribed": {
        "nl": "U krijgt geen herinneringen meer voor deze enquête. Uw persoonlijke link blijft werken als u "
              "toch nog wilt meedoen.",
        "en": "You will get no more reminders for this survey. Your personal link keeps working should you "
              "still want to take part."},
    # the manager's side (omni.ui.invite_panel, pages/rounds.py)
    "invite.heading": {"nl": "Uitnodigen per e-mail", "en": "Invite by e-mail"},
    "invite.intro": {
        "nl": "Iedere genodigde krijgt een persoonlijke link per e-mail; de gedeelde link blijft werken voor "
              "wie niet is uitgenodigd. E-mailadressen ziet alleen u; ze worden gewist met de ronde.",
        "en": "Each invitee gets a personal link by e-mail; the shared link keeps working for those not "
              "invited. Only you see the e-mail addresses; they are erased with the round."},
    "invite.no_smtp": {
        "nl": "Er is geen mailserver ingesteld ([omni.smtp] in secrets.toml of OMNI_SMTP_HOST); uitnodigen per "
              "e-mail kan nog niet. De gedeelde link werkt wel.",
        "en": "No mail server is set up ([omni.smtp] in secrets.toml or OMNI_SMTP_HOST), so inviting by e-mail "
              "is not possible yet. The shared link works."},
    "invite.paste": {"nl": "Plak een lijst: per regel naam, e-mailadres, rol",
                     "en": "Paste a list: per line name, e-mail address, role"},
    "invite.paste_help": {
        "nl": "Regels uit Excel plakken kan direct. Een kopregel (Naam, E-mail, Rol, Afdeling, Taal) mag.",
        "en": "Rows copied from Excel can be pasted as they are. A header line (Name, E-mail, Role, "
              "Department, Language) is allowed."},
    "invite.pasted": {"nl": "geplakte lijst", "en": "pasted list"},
    "invite.upload": {"nl": "Of upload een lijst (Excel of CSV)", "en": "Or upload a list (Excel or CSV)"},
    "invite.send": {"nl": "Uitnodigingen versturen", "en": "Send invitations"},
    "invite.nothing": {"nl": "Plak een lijst of kies een bestand.", "en": "Paste a list or choose a file."},
    "invite.problems": {
        "nl": "Er is niemand toegevoegd: verbeter eerst deze regels.",
        "en": "Nobody was added: please correct these lines first."},
    "invite.progress": {"nl": {"one": "{done} van {n} e-mail verwerkt", "other": "{done} van {n} e-mails verwerkt"},
                        "en": {"one": "{done} of {n} e-mail processed", "other": "{done} of {n} e-mails processed"}},
    "invite.done": {"nl": {"one": "{sent} van {n} e-mail verstuurd.", "other": "{sent} van {n} e-mails verstuurd."},
                    "en": {"one": "{sent} of {n} e-mail sent.", "other": "{sent} of {n} e-mails sent."}},
    "invite.already": {"nl": "Al uitgenodigd (niet opnieuw gemaild): {emails}",
                       "en": "Already invited (not mailed again): {emails}"},
    "invite.failed": {"nl": "Niet verstuurd (blijft op de lijst, probeer het later opnieuw):",
                      "en": "Not sent (kept on the list; try again later):"},
    "invite.run_error": {"nl": "Versturen gestopt: {reason}", "en": "Sending stopped: {reason}"},
    "invite.retry": {"nl": "Niet verstuurde uitnodigingen opnieuw versturen",
                     "en": "Send the unsent invitations again"},
    "invite.list": {"nl": "Genodigden", "en": "Invitees"},
    "invite.col.status": {"nl": "Status", "en": "Status"},
    "invite.col.reminders": {"nl": "Herinneringen", "en": "Reminders"},
    "invite.col.stopped": {"nl": "Geen herinneringen", "en": "No reminders"},
    "invite.col.problem": {"nl": "Probleem", "en": "Problem"},
    "invite.status.pending": {"nl": "nog niet gemaild", "en": "not mailed yet"},
    "invite.status.failed": {"nl": "mail mislukt", "en": "mail failed"},
    "invite.status.invited": {"nl": "uitgenodigd", "en": "invited"},
    "invite.status.opened": {"nl": "link geopend", "en": "link opened"},
    "invite.status.started": {"nl": "begonnen", "en": "started"},
    "invite.status.submitted": {"nl": "verstuurd", "en": "submitted"},
    "invite.choose": {"nl": "Genodigden kiezen om te wijzigen", "en": "Choose invitees to change"},
    "invite.stop": {"nl": "Geen herinneringen meer", "en": "No more reminders"},
    "invite.resume": {"nl": "Weer herinneringen sturen", "en": "Send reminders again"},
    "invite.remove": {"nl": "Verwijderen (met e-mailadres)", "en": "Remove (with e-mail address)"},
    "invite.remind": {"nl": "Herinnering sturen aan wie nog niet verstuurde ({n})",
                      "en": "Remind those who have not submitted ({n})"},
    "invite.schedule": {"nl": "Herinneringen, dagen vóór de sluitingsdatum", "en": "Reminders, days before closing"},
    "invite.schedule_help": {
        "nl": "Gaat uit wanneer een beheerder deze pagina opent of wanneer `python -m omni round remind --due` "
              "draait (bijv. elk uur via cron); alleen aan wie nog niet verstuurde en zich niet afmeldde.",
        "en": "Goes out when a manager opens this page or when `python -m omni round remind --due` runs (e.g. "
              "hourly from cron); only to those who have not submitted nor unsubscribed."},
    "invite.schedule_save": {"nl": "Schema opslaan", "en": "Save schedule"},
    "invite.schedule_saved": {"nl": "Herinneringsschema opgeslagen.", "en": "Reminder schedule saved."},
    "invite.schedule_none": {"nl": "Zet een sluitingsdatum om herinneringen te plannen.",
                             "en": "Set a closing date to schedule reminders."},
    "invite.cli_done": {
        "nl": {"one": "Ronde {id}: {sent} van {n} e-mail verstuurd.", "other": "Ronde {id}: {sent} van {n} e-mails verstuurd."},
        "en": {"one": "Round {id}: {sent} of {n} e-mail sent.", "other": "Round {id}: {sent} of {n} e-mails sent."}},
    "invite.cli_failed": {"nl": "niet verstuurd: {email}: {reason}", "en": "not sent: {email}: {reason}"},
    "invite.cli_no_smtp": {
        "nl": "geen mailserver ingesteld: zet OMNI_SMTP_HOST en OMNI_SMTP_FROM, of [omni.smtp] in secrets.toml",
        "en": "no mail server set up: set OMNI_SMTP_HOST and OMNI_SMTP_FROM, or [omni.smtp] in secrets.toml"},
    "invite.cli_due": {"nl": {"one": "Geplande herinneringen: {n} ronde.", "other": "Geplande herinneringen: {n} rondes."},
                       "en": {"one": "Scheduled reminders: {n} round.", "other": "Scheduled reminders: {n} rounds."}},
    "audit.action.invite": {"nl": "Uitnodigingen", "en": "Invitations"},
}
