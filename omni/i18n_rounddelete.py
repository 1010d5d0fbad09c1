"""Dutch and English texts for deleting a survey round (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

ROUNDDELETE_TEXTS: dict[str, dict[str, str]] = {
    "round.err.delete_unconfirmed": {
        "nl": "Bevestig eerst dat de ronde met alle antwoorden en uitnodigingen weg mag.",
        "en": "First confirm that the round may go, with all its answers and invitations."},
    "rounds.delete_heading": {"nl": "Ronde verwijderen", "en": "Delete round"},
    "rounds.delete_explain": {
        "nl": "Verwijdert de ronde met de antwoorden van alle respondenten, de uitnodigingen en de "
              "e-mailadressen, en de persoonlijke links. Opgeslagen metingen blijven bestaan.",
        "en": "Deletes the round with every respondent's answers, the invitations and their e-mail "
              "addresses, and the personal links. Saved waves stay."},
    "rounds.delete_confirm": {
        "nl": "Ja, verwijder ronde {id} ({wave}) voorgoed",
        "en": "Yes, delete round {id} ({wave}) for good"},
    "rounds.delete_button": {"nl": "Ronde verwijderen", "en": "Delete round"},
    "rounds.deleted": {"nl": "Ronde {id} is verwijderd.", "en": "Round {id} was deleted."},
    "audit.action.round_delete": {"nl": "Ronde verwijderd", "en": "Round deleted"},
}
