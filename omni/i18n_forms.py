"""Dutch and English texts for the generated Google Forms and Microsoft Forms surveys (merged into
omni.i18n.TEXTS)."""

from __future__ import annotations

FORMS_TEXTS: dict[str, dict[str, str]] = {
    # --- inside the generated forms ------------------------------------------------------------
    "forms.description": {
        "nl": "Per vraag leest u vijf beschrijvingen, van 1 (beginpunt) tot 5 (verst ontwikkeld). Kies bij "
              "'Huidig' wat nu het best past en bij 'Gewenst' waar uw organisatie over 2-3 jaar wil staan. "
              "Weet u het niet of past de vraag niet bij uw organisatie, kies dan 'Weet ik niet' of 'Niet van "
              "toepassing'; dat verlaagt de score niet. Invullen duurt ongeveer 20 minuten. "
              "{continuous}",
        "en": "Each question has five descriptions, from 1 (starting point) to 5 (most developed). Under "
              "'Current' choose what fits best today, and under 'Target' where your organisation wants to be "
              "in 2-3 years. If you don't know or the question does not apply to your organisation, choose "
              "'Don't know' or 'Not applicable'; it does not lower the score. It takes about 20 minutes. "
              "{continuous}"},
    "forms.confirmation": {
        "nl": "Dank u wel! Uw antwoorden zijn ontvangen.",
        "en": "Thank you! Your answers have been received."},
    "forms.facts_section": {"nl": "Over u", "en": "About you"},
    "forms.ask_current": {"nl": "Hoe is het nu?", "en": "Where are we today?"},
    "forms.ask_target": {"nl": "Waar willen we over 2-3 jaar staan?", "en": "Where do we want to be in 2-3 years?"},
    "forms.not_applicable": {"nl": "Niet van toepassing", "en": "Not applicable"},
    "forms.dont_know": {"nl": "Weet ik niet", "en": "Don't know"},
    "forms.script_howto": {
        "nl": "Zo maakt u het formulier: open script.google.com en kies 'Nieuw project'. Vervang de code door "
              "dit hele bestand, sla op en klik op 'Uitvoeren' (functie createSurveyForm). Geef toestemming "
              "als Google daarom vraagt. Het formulier staat daarna in uw Google Drive; de links staan in het "
              "uitvoeringslogboek. Verander de titels van de vragen en de antwoorden niet: de vraagcode "
              "(bijv. VIS-1) en het nummer voor elk antwoord zorgen dat de export direct te scoren is.",
        "en": "How to build the form: open script.google.com and choose 'New project'. Replace the code with "
              "this whole file, save and click 'Run' (function createSurveyForm). Allow access when Google "
              "asks. The form is then in your Google Drive; the links are in the execution log. Do not change "
              "the question titles or the answers: the question code (e.g. VIS-1) and the number in front of "
              "each answer make the export score as it is."},
    "forms.made_for": {
        "nl": "Gemaakt voor {framework}, versie {version}",
        "en": "Made for {framework}, version {version}"},
    # --- Start page ----------------------------------------------------------------------------
    "start.forms_heading": {"nl": "Liever een online formulier?", "en": "Prefer an online form?"},
    "start.forms_text": {
        "nl": "Dezelfde vragen voor Google Forms of Microsoft Forms. De export van zo'n formulier kunt u hier "
              "direct uploaden. Laat de vraagcodes en de nummers voor de antwoorden staan.",
        "en": "The same questions for Google Forms or Microsoft Forms. You can upload the export of such a "
              "form here as it is. Keep the question codes and the numbers in front of the answers."},
    "start.forms_language": {"nl": "Taal van het formulier", "en": "Language of the form"},
    "start.forms_google": {"nl": "Google Forms (Apps Script)", "en": "Google Forms (Apps Script)"},
    "start.forms_google_help": {
        "nl": "Plak het script op script.google.com en klik op 'Uitvoeren': het formulier wordt in uw Google "
              "Drive gemaakt.",
        "en": "Paste the script at script.google.com and click 'Run': the form is created in your Google Drive."},
    "start.forms_microsoft": {"nl": "Microsoft Forms (Word, snel importeren)",
                              "en": "Microsoft Forms (Word, Quick import)"},
    "start.forms_microsoft_help": {
        "nl": "Kies in Microsoft Forms 'Snel importeren' en upload dit Word-document. Controleer de vragen "
              "voordat u het formulier deelt.",
        "en": "In Microsoft Forms choose 'Quick import' and upload this Word document. Check the questions "
              "before you share the form."},
    "start.forms_text_list": {"nl": "Vragen en antwoorden als tekst", "en": "Questions and answers as text"},
    "start.forms_text_list_help": {
        "nl": "Om vragen en antwoorden zelf in een formulier te plakken.",
        "en": "To paste questions and answers into a form yourself."},
}
