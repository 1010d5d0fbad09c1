"""Dutch and English texts for framework versions, level descriptors and structured advice
(merged into omni.i18n.TEXTS)."""

from __future__ import annotations

FRAMEWORK_TEXTS: dict[str, dict[str, str]] = {
    "advice.owner": {"nl": "Trekker: {value}", "en": "Led by: {value}"},
    "advice.prerequisite": {"nl": "Eerst nodig: {value}", "en": "Needed first: {value}"},
    "advice.effort": {"nl": "Inspanning: {value}", "en": "Effort: {value}"},
    "advice.done_when": {"nl": "Klaar als: {value}", "en": "Done when: {value}"},
    "advice.effort.S": {"nl": "S (klein: binnen het team, weinig budget)",
                        "en": "S (small: within the team, little budget)"},
    "advice.effort.M": {"nl": "M (middel: meerdere afdelingen of een externe partij)",
                        "en": "M (medium: several departments or an outside party)"},
    "advice.effort.L": {"nl": "L (groot: een project met eigen budget)",
                        "en": "L (large: a project with its own budget)"},
    "problem.mixed_framework_versions": {
        "nl": "de bestanden horen bij verschillende versies van framework {framework} ({found}); "
              "lees ze per versie in",
        "en": "the files belong to different versions of framework {framework} ({found}); read them per version"},
    "levels.title": {"nl": "Wat het niveau per onderdeel betekent", "en": "What the level means per dimension"},
    "levels.line": {"nl": "**{name}** · niveau {level} ({level_name}): {text}",
                    "en": "**{name}** · level {level} ({level_name}): {text}"},
    "levels.next": {"nl": "Niveau {level} ziet er zo uit: {text}", "en": "Level {level} looks like this: {text}"},
    # The target horizon, stated once; tests/unit/test_framework_content.py checks every text states it so.
    "framework.horizon": {"nl": "over 2-3 jaar", "en": "in 2-3 years"},
}
