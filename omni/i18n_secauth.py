"""Dutch and English texts for a sign-in configuration that cannot be used, sessions that ended, refused
uploads and an unreachable database (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

SECAUTH_TEXTS: dict[str, dict[str, str]] = {
    "secauth.cfg_title": {"nl": "Het dashboard is niet goed ingesteld", "en": "The dashboard is not set up correctly"},
    "secauth.cfg_intro": {
        "nl": "De instellingen voor inloggen zijn onvolledig of fout. Daarom laat het dashboard niemand binnen "
              "tot de beheerder van de server dit heeft hersteld. Wat er mis is:",
        "en": "The sign-in settings are incomplete or wrong, so the dashboard lets nobody in until the server's "
              "administrator has fixed them. What is wrong:"},
    "secauth.cfg_outro": {
        "nl": "Beheerder: pas .streamlit/secrets.toml of de OMNI_-omgevingsvariabelen aan en start de app opnieuw "
              "(zie docs/deploy.md). Zonder enige instelling voor inloggen draait de app in lokale modus.",
        "en": "Administrator: correct .streamlit/secrets.toml or the OMNI_ environment variables and restart the app "
              "(see docs/deploy.md). With no sign-in setting at all, the app runs in local mode."},
    "secauth.cfg_unreadable": {
        "nl": "Het secrets-bestand kan niet worden gelezen: {error}",
        "en": "The secrets file cannot be read: {error}"},
    "secauth.cfg_missing": {"nl": "'{setting}' ontbreekt of is leeg.", "en": "'{setting}' is missing or empty."},
    "secauth.cfg_placeholder": {
        "nl": "'{setting}' bevat nog de voorbeeldwaarde CHANGE-ME.", "en": "'{setting}' still holds the example value CHANGE-ME."},
    "secauth.cfg_url": {
        "nl": "'{setting}' is geen volledig webadres (https://...).", "en": "'{setting}' is not a full web address (https://...)."},
    "secauth.cfg_https": {
        "nl": "'{setting}' moet https gebruiken (http alleen op deze computer zelf).",
        "en": "'{setting}' must use https (http only on this computer itself)."},
    "secauth.cfg_redirect_path": {
        "nl": "'{setting}' moet eindigen op {path}.", "en": "'{setting}' must end with {path}."},
    "secauth.cfg_short_secret": {
        "nl": "'{setting}' is te kort: gebruik minstens {n} willekeurige tekens.",
        "en": "'{setting}' is too short: use at least {n} random characters."},
    "secauth.cfg_not_table": {
        "nl": "'{setting}' moet een sectie zijn ([{setting}]).", "en": "'{setting}' must be a section ([{setting}])."},
    "secauth.cfg_unknown_key": {
        "nl": "'{setting}' is geen bekende instelling (een tikfout?).", "en": "'{setting}' is not a known setting (a typo?)."},
    "secauth.cfg_provider_name": {
        "nl": "'{setting}': de naam van een provider mag geen liggend streepje (_) bevatten.",
        "en": "'{setting}': a provider's name may not contain an underscore (_)."},
    "secauth.cfg_no_provider": {
        "nl": "In [auth] staat geen identiteitsprovider (client_id, client_secret, server_metadata_url, of een "
              "sectie [auth.NAAM] met die drie).",
        "en": "[auth] names no identity provider (client_id, client_secret, server_metadata_url, or an "
              "[auth.NAME] section with those three)."},
    "secauth.cfg_lookalike": {
        "nl": "De sectie [{setting}] lijkt bedoeld voor inloggen, maar heet niet [auth].",
        "en": "The section [{setting}] looks meant for sign-in but is not called [auth]."},
    "secauth.cfg_admins": {
        "nl": "De beheerders (admins / OMNI_ADMINS) zijn niet als \"UITGEVER SUBJECT\" opgegeven.",
        "en": "The administrators (admins / OMNI_ADMINS) are not given as \"ISSUER SUBJECT\"."},
    "secauth.cfg_unknown_env": {
        "nl": "De omgevingsvariabele {setting} is geen bekende instelling voor inloggen.",
        "en": "The environment variable {setting} is not a known sign-in setting."},
    "secauth.cfg_session_hours": {
        "nl": "De sessieduur (OMNI_SESSION_HOURS / session_hours) moet een aantal uren zijn, groter dan 0 en "
              "hoogstens {max}.",
        "en": "The session lifetime (OMNI_SESSION_HOURS / session_hours) must be a number of hours above 0 and "
              "at most {max}."},
    "secauth.cfg_no_auth": {
        "nl": "Er zijn instellingen voor inloggen, maar er is geen sectie [auth].",
        "en": "There are sign-in settings but no [auth] section."},
    "secauth.local_only_title": {"nl": "Alleen op deze computer", "en": "Only on this computer"},
    "secauth.local_only_text": {
        "nl": "Dit dashboard draait in lokale modus, zonder inloggen, en is daarom alleen te gebruiken op de "
              "computer waarop het draait. Wilt u het via het netwerk aanbieden, stel dan inloggen in "
              "(zie docs/deploy.md).",
        "en": "This dashboard runs in local mode, without sign-in, so it can only be used on the computer it runs "
              "on. To offer it over the network, set up sign-in (see docs/deploy.md)."},
    "secauth.session_ended": {
        "nl": "U bent uitgelogd of uw sessie is verlopen. Log opnieuw in.",
        "en": "You signed out or your session has expired. Please sign in again."},
    "secauth.login_no_iat": {
        "nl": "Inloggen is niet gelukt: de identiteitsprovider gaf geen tijdstip van uitgifte (iat) door.",
        "en": "Signing in failed: the identity provider gave no time of issue (iat)."},
    "secauth.db_down": {
        "nl": "De database is nu niet bereikbaar. Uw gegevens zijn niet gewijzigd. Probeer het over een paar "
              "minuten opnieuw; blijft dit zo, meld het dan aan de beheerder.",
        "en": "The database cannot be reached right now. Your data has not changed. Try again in a few minutes; "
              "if this persists, tell your administrator."},
}
