"""Dutch and English texts for the PDF management report (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

PDF_TEXTS: dict[str, dict[str, str]] = {
    "pdf.title": {"nl": "Omnichannel-volwassenheid: managementrapport", "en": "Omnichannel maturity: management report"},
    "pdf.framework": {"nl": "Framework: {name}, versie {version}", "en": "Framework: {name}, version {version}"},
    "pdf.date": {"nl": "Datum: {date}", "en": "Date: {date}"},
    "pdf.respondents": {"nl": "Respondenten: {n}", "en": "Respondents: {n}"},
    "pdf.summary": {"nl": "Samenvatting", "en": "Executive summary"},
    "pdf.findings": {"nl": "Belangrijkste bevindingen", "en": "Key findings"},
    "pdf.priorities": {"nl": "Eerst aanpakken", "en": "First priorities"},
    "pdf.no_priorities": {"nl": "Geen onderdeel hoeft nu eerst aangepakt te worden.",
                          "en": "No dimension needs to be tackled first right now."},
    "pdf.scores": {"nl": "Scores per onderdeel", "en": "Scores by dimension"},
    "pdf.radar_alt": {"nl": "Radargrafiek: huidig en gewenst per onderdeel",
                      "en": "Radar chart: current and target by dimension"},
    "pdf.answers": {"nl": "Wat het team antwoordde", "en": "What the team answered"},
    "pdf.answers_intro": {
        "nl": "Per vraag het antwoord dat hoort bij het afgeronde gemiddelde van het team, het gemiddelde zelf "
              "en hoe eensgezind het team was.",
        "en": "Per question the answer that matches the team's rounded mean, the mean itself and how far the "
              "team agreed."},
    "pdf.answer": {"nl": "Antwoord van het team (afgerond gemiddelde)", "en": "The team's answer (rounded mean)"},
    "pdf.mean": {"nl": "Gem.", "en": "Mean"},
    "pdf.comments": {"nl": "Toelichtingen", "en": "Comments"},
    "pdf.no_comments": {"nl": "Geen toelichtingen.", "en": "No comments."},
    "pdf.more_comments": {
        "nl": {"one": "… en nog {n} toelichting (zie het Excel-rapport).",
               "other": "… en nog {n} toelichtingen (zie het Excel-rapport)."},
        "en": {"one": "… and {n} more comment (see the Excel report).",
               "other": "… and {n} more comments (see the Excel report)."}},
    "pdf.roadmap": {"nl": "Roadmap en advies", "en": "Roadmap and advice"},
    "pdf.benchmark": {"nl": "Vergeleken met peers", "en": "Compared with peers"},
    "pdf.trend": {"nl": "Ontwikkeling over de metingen", "en": "Trend over the waves"},
    "pdf.method": {"nl": "Methode", "en": "Method"},
    "pdf.page": {"nl": "Pagina", "en": "Page"},
    "export.pdf": {"nl": "Managementrapport (.pdf)", "en": "Management report (.pdf)"},
    "export.pdf_text": {
        "nl": "Een rapport om voor de vergadering rond te sturen: samenvatting, radar, scores, de antwoorden en "
              "toelichtingen per onderdeel, de roadmap met advies, benchmark en ontwikkeling (als die er zijn) en "
              "de methode.",
        "en": "A report to send ahead of the meeting: summary, radar, scores, the answers and comments per "
              "dimension, the roadmap with advice, benchmark and trend (when available) and the method."},
    "export.download_pdf": {"nl": "Download het managementrapport", "en": "Download the management report"},
}
