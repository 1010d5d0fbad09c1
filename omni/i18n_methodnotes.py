"""Dutch and English texts that explain the framework's own choices on screen: why a question
weighs other than 1 (method page) and what the advice plan covers (Roadmap page). Merged into
omni.i18n.TEXTS."""

from __future__ import annotations

TEXTS_METHODNOTES: dict[str, dict[str, object]] = {
    # one line per weighted question beside the weights table; {reason} is the framework's weight_note
    "method.question_weight": {
        "nl": "{question} {topic} telt ×{weight} mee in zijn onderdeel. {reason}",
        "en": "{question} {topic} counts ×{weight} in its dimension. {reason}"},
    # under the Roadmap page's advice heading: the plan is one step for the whole dimension
    "roadmap.advice_scope": {
        "nl": "De eerste stap voor dit onderdeel als geheel, niet voor één vraag.",
        "en": "The first step for this dimension as a whole, not for one question."},
}
