"""Dutch and English texts for the published benchmark figures and the survey rounds' flood limits
(issue 15, findings 4 and 5; merged into omni.i18n.TEXTS)."""

from __future__ import annotations

SECBENCH_TEXTS: dict[str, dict[str, str]] = {
    "benchmark.published_note": {
        "nl": "Zo blijft elke peer onherkenbaar: uw eigen organisatie telt nooit mee (de organisatie waarmee u bent "
              "ingelogd, niet de naam in een bestand); P25, mediaan en P75 zijn afgerond op {step}, n is een bereik, "
              "en uw percentiel is een schatting op stappen van {position} uit deze afgeronde cijfers. Elk bestand in "
              "dezelfde groep krijgt precies dezelfde cijfers te zien.",
        "en": "This keeps every peer unrecognisable: your own organisation never counts (the organisation you are "
              "signed in with, not the name in a file); P25, median and P75 are rounded to {step}, n is a range, and "
              "your percentile is an estimate in steps of {position} from these rounded figures. Every file in the "
              "same group sees exactly the same figures."},
    "export.synthetic_some_share": {
        "nl": "Een deel van de peers zijn synthetische demogegevens, geen echte organisaties",
        "en": "Some of the peers are synthetic demo data, not real organisations"},
    # --- survey rounds: flood limits and suspect respondents (omni.rounds, omni.ui.round_guard) ------
    "round.err.client_limit": {
        "nl": "Vanaf dit apparaat zijn al meerdere deelnemers begonnen. Gebruikt u de persoonlijke link die u na het "
              "beginnen kreeg? Vraag anders de organisator om hulp.",
        "en": "Several respondents have already started from this device. Do you have the personal link you got "
              "after starting? Otherwise, please ask the organiser for help."},
    "round.err.address_limit": {
        "nl": "Vanaf dit netwerk zijn al zoveel deelnemers begonnen als is toegestaan. Vraag de organisator om hulp.",
        "en": "As many respondents as allowed have already started from this network. Please ask the organiser "
              "for help."},
    "round.err.cap_range": {
        "nl": "Kies een maximum van 1 tot {ceiling} deelnemers.",
        "en": "Choose a maximum from 1 to {ceiling} respondents."},
    "rounds.guard_heading": {"nl": "Verdachte deelnemers en maximum", "en": "Suspect respondents and maximum"},
    "rounds.guard_intro": {
        "nl": "Een script kan één link vaak gebruiken. Hier ziet u deelnemers die daarop lijken (veel vanaf één "
              "apparaat of netwerk, zonder cookie, leeg of erg snel ingevuld), nooit hun antwoorden of naam. "
              "Verwijderen maakt hun plaats vrij; hun persoonlijke link werkt dan niet meer.",
        "en": "A script can use one link many times. Here you see respondents who look like that (many from one "
              "device or network, without a cookie, empty or answered very fast), never their answers or name. "
              "Removing them frees their places; their personal links stop working."},
    "rounds.guard_count": {
        "nl": "{suspects} van de {total} deelnemers zijn verdacht · maximum {maximum}",
        "en": "{suspects} of {total} respondents are suspect · maximum {maximum}"},
    "rounds.guard_none": {"nl": "Geen verdachte deelnemers.", "en": "No suspect respondents."},
    "rounds.guard_col_id": {"nl": "Nr.", "en": "No."},
    "rounds.guard_col_started": {"nl": "Begonnen (UTC)", "en": "Started (UTC)"},
    "rounds.guard_col_answered": {"nl": "Beantwoord", "en": "Answered"},
    "rounds.guard_col_seconds": {"nl": "Seconden", "en": "Seconds"},
    "rounds.guard_col_browser": {"nl": "Zelfde apparaat", "en": "Same device"},
    "rounds.guard_col_address": {"nl": "Zelfde netwerk", "en": "Same network"},
    "rounds.guard_col_why": {"nl": "Waarom verdacht", "en": "Why suspect"},
    "rounds.flag.same_browser": {"nl": "meerdere vanaf één apparaat", "en": "several from one device"},
    "rounds.flag.same_address": {"nl": "veel vanaf één netwerk", "en": "many from one network"},
    "rounds.flag.no_cookie": {"nl": "geen cookie (geen gewone browser)", "en": "no cookie (not a normal browser)"},
    "rounds.flag.empty": {"nl": "niets beantwoord", "en": "nothing answered"},
    "rounds.flag.very_fast": {"nl": "erg snel verstuurd", "en": "submitted very fast"},
    "rounds.guard_pick": {"nl": "Te verwijderen deelnemers", "en": "Respondents to remove"},
    "rounds.guard_remove": {"nl": "Gekozen deelnemers verwijderen", "en": "Remove the chosen respondents"},
    "rounds.guard_remove_all": {"nl": "Alle verdachte deelnemers kiezen", "en": "Choose all suspect respondents"},
    "rounds.guard_removed": {"nl": "{n} deelnemers verwijderd.", "en": "{n} respondents removed."},
    "rounds.guard_cap": {"nl": "Maximum aantal deelnemers", "en": "Maximum number of respondents"},
    "rounds.guard_cap_button": {"nl": "Maximum aanpassen", "en": "Change the maximum"},
    "rounds.guard_cap_set": {"nl": "Het maximum is nu {n}.", "en": "The maximum is now {n}."},
}
