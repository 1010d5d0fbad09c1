"""Dutch and English texts for signing in, organisations and administration (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

ACCESS_TEXTS: dict[str, dict[str, str]] = {
    "admin.pending_ids": {"nl": "Nummers van de peergegevens", "en": "Peer entry ids"},
    "auth.local_mode": {
        "nl": "Lokale modus: één gebruiker, zonder inloggen. Alle opgeslagen gegevens op deze computer zijn zichtbaar.",
        "en": "Local mode: a single user, no sign-in. All data saved on this computer is visible."},
    "auth.login_title": {"nl": "Inloggen", "en": "Sign in"},
    "auth.login_text": {
        "nl": "Log in met het account van uw organisatie. U ziet daarna alleen de gegevens van uw eigen organisatie.",
        "en": "Sign in with your organisation's account. You will then see only your own organisation's data."},
    "auth.login_button": {"nl": "Inloggen met {provider}", "en": "Sign in with {provider}"},
    "auth.login_button_plain": {"nl": "Inloggen", "en": "Sign in"},
    "auth.signed_in_as": {"nl": "Ingelogd als {name}", "en": "Signed in as {name}"},
    "auth.logout": {"nl": "Uitloggen", "en": "Sign out"},
    "auth.role_admin": {"nl": "Beheerder: ziet alle organisaties", "en": "Administrator: sees every organisation"},
    "auth.organisations": {"nl": "Organisatie: {names}", "en": "Organisation: {names}"},
    "auth.no_membership_title": {"nl": "Nog geen organisatie", "en": "No organisation yet"},
    "auth.no_membership_text": {
        "nl": "U bent ingelogd, maar nog niet aan een organisatie gekoppeld. Vraag uw beheerder om u toe te "
              "voegen. De beheerder ziet u op de beheerpagina staan; ter controle zijn dit uw gegevens:",
        "en": "You are signed in but not yet a member of an organisation. Ask your administrator to add you. "
              "They will find you on the administration page; for reference, these are your details:"},
    "auth.issuer": {"nl": "Uitgever (issuer)", "en": "Issuer"},
    "auth.subject": {"nl": "Gebruikers-ID (subject)", "en": "Subject"},
    "auth.login_incomplete": {
        "nl": "Inloggen is niet gelukt: de identiteitsprovider gaf geen uitgever (iss) of gebruikers-ID (sub) door.",
        "en": "Signing in failed: the identity provider gave no issuer (iss) or subject (sub)."},
    "auth.not_yours": {
        "nl": "'{name}' is niet een van uw organisaties. U kunt alleen opslaan voor: {names}.",
        "en": "'{name}' is not one of your organisations. You can only save for: {names}."},
    "nav.admin": {"nl": "Beheer", "en": "Administration"},
    "admin.only_admins": {
        "nl": "Alleen beheerders kunnen deze pagina gebruiken.", "en": "Only administrators can use this page."},
    "admin.local_note": {
        "nl": "Lokale modus: er wordt niet ingelogd, dus gebruikers en lidmaatschappen spelen geen rol. "
              "Organisaties, peerdata en het auditlog beheert u hier wel.",
        "en": "Local mode: nobody signs in, so users and memberships play no part. Organisations, peer data "
              "and the audit log are managed here all the same."},
    "admin.tab_orgs": {"nl": "Organisaties", "en": "Organisations"},
    "admin.tab_users": {"nl": "Gebruikers", "en": "Users"},
    "admin.tab_peers": {"nl": "Peerdata", "en": "Peer data"},
    "admin.tab_audit": {"nl": "Auditlog", "en": "Audit log"},
    "admin.new_org": {"nl": "Nieuwe organisatie", "en": "New organisation"},
    "admin.create": {"nl": "Aanmaken", "en": "Create"},
    "admin.col_name": {"nl": "Naam", "en": "Name"},
    "admin.col_members": {"nl": "Leden", "en": "Members"},
    "admin.col_saved": {"nl": "Opgeslagen metingen", "en": "Saved waves"},
    "admin.delete_org": {"nl": "Organisatie verwijderen", "en": "Delete an organisation"},
    "admin.delete_confirm": {
        "nl": "Ja, verwijder {name} met al haar metingen, rondes en lidmaatschappen",
        "en": "Yes, delete {name} with all its waves, rounds and memberships"},
    "admin.delete_button": {"nl": "Definitief verwijderen", "en": "Delete for good"},
    "admin.col_email": {"nl": "E-mail", "en": "E-mail"},
    "admin.col_admin": {"nl": "Beheerder", "en": "Administrator"},
    "admin.col_orgs": {"nl": "Organisaties", "en": "Organisations"},
    "admin.col_last_login": {"nl": "Laatst ingelogd (UTC)", "en": "Last sign-in (UTC)"},
    "admin.waiting": {
        "nl": "{n} gebruikers ingelogd zonder organisatie: voeg ze hieronder toe.",
        "en": "{n} users signed in without an organisation: add them below."},
    "admin.user": {"nl": "Gebruiker", "en": "User"},
    "admin.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "admin.add_member": {"nl": "Toevoegen aan organisatie", "en": "Add to organisation"},
    "admin.remove_member": {"nl": "Uit organisatie halen", "en": "Remove from organisation"},
    "admin.make_admin": {"nl": "Beheerder maken", "en": "Make administrator"},
    "admin.revoke_admin": {"nl": "Beheerrol intrekken", "en": "Revoke administrator"},
    "admin.done": {"nl": "Gedaan.", "en": "Done."},
    "admin.register_heading": {"nl": "Gebruiker vooraf registreren", "en": "Register a user in advance"},
    "admin.register_help": {
        "nl": "Met de uitgever (issuer) en gebruikers-ID (subject) van de identiteitsprovider, nooit alleen op "
              "e-mailadres: dat kan onbevestigd zijn of veranderen.",
        "en": "By the identity provider's issuer and subject, never by e-mail address alone: that can be "
              "unverified or change."},
    "admin.register_button": {"nl": "Registreren", "en": "Register"},
    "admin.peer_sets": {"nl": "Peersets", "en": "Peer sets"},
    "admin.pending": {"nl": "Bijdragen die op beoordeling wachten", "en": "Contributions awaiting review"},
    "admin.no_pending": {"nl": "Er wacht niets op beoordeling.", "en": "Nothing awaits review."},
    "admin.approve": {"nl": "Goedkeuren", "en": "Approve"},
    "admin.reject": {"nl": "Afwijzen", "en": "Reject"},
    "admin.audit_action": {"nl": "Actie", "en": "Action"},
    "admin.audit_all": {"nl": "Alle acties", "en": "All actions"},
    "admin.col_at": {"nl": "Tijd (UTC)", "en": "Time (UTC)"},
    "admin.col_actor": {"nl": "Wie", "en": "Who"},
    "admin.col_detail": {"nl": "Details", "en": "Details"},
    "admin.failed": {"nl": "Dat kon niet: {message}", "en": "That could not be done: {message}"},
}
