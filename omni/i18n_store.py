"""Dutch and English texts of the store's errors (omni.store.StoreError), shown to the user as they are."""

STORE_TEXTS: dict[str, dict[str, str]] = {
    "store.err.admin_only": {
        "nl": "alleen een beheerder kan dit doen", "en": "only an administrator can do this"},
    "store.err.cannot_open": {"nl": "de opslag kan niet worden geopend", "en": "the store cannot be opened"},
    "store.err.no_salt": {
        "nl": "de opslag heeft geen sleutel; open hem met open_store()",
        "en": "the store has no key salt; open it with open_store()"},
    "store.err.admin_entry": {
        "nl": "beheerdersregel {entry!r}: verwacht 'UITGEVER ONDERWERP'",
        "en": "administrator entry {entry!r}: expected 'ISSUER SUBJECT'"},
    "store.err.no_identity": {
        "nl": "de inlogdienst gaf geen uitgever of onderwerp door",
        "en": "the identity provider gave no issuer or subject"},
    "store.err.audit_action": {"nl": "onbekende auditactie {action!r}", "en": "unknown audit action {action!r}"},
    "store.err.organisation_exists": {
        "nl": "er bestaat al een organisatie met de naam {name!r}",
        "en": "an organisation named {name!r} already exists"},
    "store.err.confirm_delete_organisation": {
        "nl": "bevestig eerst dat u de organisatie wilt verwijderen",
        "en": "deleting an organisation needs confirmation"},
    "store.err.no_organisation": {"nl": "geen organisatie met nummer {id}", "en": "no organisation with id {id}"},
    "store.err.no_user": {"nl": "geen gebruiker met nummer {id}", "en": "no user with id {id}"},
    "store.err.issuer_subject": {
        "nl": "uitgever en onderwerp zijn allebei nodig", "en": "issuer and subject are both needed"},
    "store.err.own_admin": {
        "nl": "u kunt uw eigen beheerdersrol niet afnemen", "en": "you cannot take away your own administrator role"},
    "store.err.no_peer_entry": {"nl": "geen peergegevens met nummer {ids}", "en": "no peer entry with id {ids}"},
    "store.err.no_assessment": {
        "nl": "geen opgeslagen meting met nummer {id}", "en": "no saved assessment with id {id}"},
    "store.err.not_opted_in": {
        "nl": "{name} heeft niet ingestemd met bijdragen aan de peergroep (eerst aanmelden)",
        "en": "{name} has not agreed to contribute to the peer set (opt in first)"},
    "store.err.peer_facts_missing": {
        "nl": "de meting heeft geen {missing}; een peer heeft alle drie nodig",
        "en": "the assessment has no {missing}; a peer needs all three"},
    "store.err.organisation_empty": {"nl": "de naam van de organisatie is leeg", "en": "organisation name is empty"},
    "store.err.organisation_long": {
        "nl": "de naam van de organisatie is langer dan {limit} tekens",
        "en": "organisation name is longer than {limit} characters"},
    "store.err.wave_empty": {"nl": "de naam van de meting is leeg", "en": "wave label is empty"},
    "store.err.wave_long": {
        "nl": "de naam van de meting is langer dan {limit} tekens", "en": "wave label is longer than {limit} characters"},
    "store.err.not_yours": {
        "nl": "{name!r} is niet een van uw organisaties", "en": "{name!r} is not one of your organisations"},
    "store.err.confirm_delete_assessment": {
        "nl": "bevestig eerst dat u de meting wilt verwijderen",
        "en": "deleting a saved assessment needs confirmation"},
    "store.err.no_saved_organisation": {
        "nl": "geen opgeslagen organisatie met de naam {name!r}", "en": "no saved organisation named {name!r}"},
}
