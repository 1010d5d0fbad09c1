"""Dutch and English texts for the audit log's actions, our own CSV downloads and plain-text user input
(merged into omni.i18n.TEXTS)."""

from __future__ import annotations

SECTEXT_TEXTS: dict[str, dict[str, str]] = {
    "audit.action.login": {"nl": "Ingelogd", "en": "Signed in"},
    "audit.action.logout": {"nl": "Uitgelogd", "en": "Signed out"},
    "audit.action.upload": {"nl": "Enquête geüpload", "en": "Survey uploaded"},
    "audit.action.save": {"nl": "Meting opgeslagen", "en": "Wave saved"},
    "audit.action.delete": {"nl": "Meting verwijderd", "en": "Wave deleted"},
    "audit.action.export": {"nl": "Export gedownload", "en": "Export downloaded"},
    "audit.action.admin": {"nl": "Beheer", "en": "Administration"},
    "audit.action.round_open": {"nl": "Ronde geopend", "en": "Round opened"},
    "audit.action.round_relink": {"nl": "Nieuwe link voor ronde", "en": "Round given a new link"},
    "audit.action.round_close": {"nl": "Ronde gesloten", "en": "Round closed"},
    "audit.action.round_reopen": {"nl": "Ronde heropend", "en": "Round reopened"},
    "audit.action.round_results": {"nl": "Resultaten van ronde getoond", "en": "Round results shown"},
    "audit.action.peer_approve": {"nl": "Vergelijkingsgegevens goedgekeurd", "en": "Peer entries approved"},
    "audit.action.peer_reject": {"nl": "Vergelijkingsgegevens afgewezen", "en": "Peer entries rejected"},
    "audit.action.peer_opt_in": {"nl": "Toestemming voor vergelijking gegeven", "en": "Opted in to the peer set"},
    "audit.action.peer_opt_out": {"nl": "Toestemming voor vergelijking ingetrokken",
                                  "en": "Opted out of the peer set"},
    "audit.action.peer_contribute": {"nl": "Meting aangeboden voor vergelijking",
                                     "en": "Assessment offered to the peer set"},
    "audit.action.template_upload": {"nl": "Huisstijlsjabloon geüpload", "en": "Corporate template uploaded"},
    "audit.action.logo_upload": {"nl": "Logo geüpload", "en": "Logo uploaded"},
    "audit.action.plan": {"nl": "Actieplan gewijzigd", "en": "Action plan changed"},
    "admin.audit_unprotected": {
        "nl": "Het auditlogboek is nog niet beschermd tegen de databaserol van de app: wie die rol heeft, kan "
              "regels wijzigen of wissen. Laat de beheerder van de server eenmalig "
              "`python -m omni store protect-audit` uitvoeren (zie docs/deploy.md).",
        "en": "The audit log is not yet protected from the app's own database role: whoever holds that role can "
              "change or remove entries. Ask the server's operator to run `python -m omni store protect-audit` "
              "once (see docs/deploy.md)."},
    "csv.download": {"nl": "Download als CSV", "en": "Download as CSV"},
    "csv.download_help": {
        "nl": "Tekst die met = + - @ begint, krijgt een apostrof ervoor, zodat Excel er geen formule van maakt.",
        "en": "Text starting with = + - @ gets an apostrophe in front, so Excel never turns it into a formula."},
}
