"""Dutch and English texts that define the questionnaire's recurring words once (merged into
omni.i18n.TEXTS). tests/unit/test_framework_content.py checks that the instructions of the workbook,
the web questionnaire and generated forms state them word for word."""

from __future__ import annotations

TEXTS_CONTENT: dict[str, dict[str, str]] = {
    # "doorlopend" is the level-5 marker (docs/framework-format.md, "Markers"): what it means
    "framework.continuous": {
        "nl": "'Doorlopend' betekent: een vaste meting die we minstens elke maand bekijken en die tot "
              "aanpassingen leidt, als gewoon werk en niet als project.",
        "en": "'Continuously' means: a standing measurement reviewed at least monthly that leads to "
              "changes, as routine work rather than a project."},
    # consent is a baseline at every level, never a step on a ladder
    "framework.consent": {"nl": "Toestemming van de klant (AVG) is op elk niveau het uitgangspunt.",
                          "en": "Customer consent (GDPR) is the baseline at every level."},
}
