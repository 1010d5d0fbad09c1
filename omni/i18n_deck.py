"""Texts of the deck's executive one-pager (omni.export.deck_onepager) and message titles, Dutch and English."""

from __future__ import annotations

DECK_TEXTS: dict[str, dict[str, str]] = {
    "onepager.title": {
        "nl": "Niveau {level}, {name}: index {current} nu, {target} gewenst; begin met {names}",
        "en": "Level {level}, {name}: index {current} now, {target} wanted; start with {names}",
    },
    "onepager.title_no_priority": {
        "nl": "Niveau {level}, {name}: index {current} nu, {target} gewenst",
        "en": "Level {level}, {name}: index {current} now, {target} wanted",
    },
    "onepager.level": {"nl": "Niveau {level}", "en": "Level {level}"},
    "onepager.index": {
        "nl": "Index {current} → {target} · gat {gap} · n = {n}",
        "en": "Index {current} → {target} · gap {gap} · n = {n}",
    },
    "onepager.findings": {"nl": "Bevindingen", "en": "Key findings"},
    "onepager.priorities": {"nl": "Top drie prioriteiten", "en": "Top three priorities"},
    "onepager.priority": {
        "nl": "{dimension} ({phase}, {current} → {target})",
        "en": "{dimension} ({phase}, {current} → {target})",
    },
    "onepager.no_priorities": {
        "nl": "Geen onderdeel ligt onder het gewenste niveau.",
        "en": "No dimension is below its target.",
    },
    "onepager.actions": {"nl": "Eerstvolgende acties", "en": "Next actions"},
    "onepager.action": {"nl": "{title} · {owner} · {due} · {status}", "en": "{title} · {owner} · {due} · {status}"},
    "onepager.no_due": {"nl": "geen deadline", "en": "no due date"},
    "onepager.no_owner": {"nl": "geen eigenaar", "en": "no owner"},
    "onepager.notes": {
        "nl": "De hele uitkomst op één pagina: het niveau en de index, het radarbeeld van huidig en gewenst, "
              "de bevindingen en de drie onderdelen die de roadmap eerst aanpakt{actions}. "
              "De volgende dia's werken elk punt uit.",
        "en": "The whole result on one page: the level and index, the radar of current and target, the key "
              "findings and the three dimensions the roadmap takes on first{actions}. The next slides work "
              "out each point.",
    },
    "onepager.notes_actions": {
        "nl": ", en de open acties met de vroegste deadline",
        "en": ", and the open actions due first",
    },
    "deck.title_benchmark": {
        "nl": "Boven de peermediaan op {above} van {total} onderdelen",
        "en": "Above the peer median on {above} of {total} dimensions",
    },
    "deck.title_benchmark_below": {
        "nl": "Boven de peermediaan op {above} van {total} onderdelen; het verst eronder: {dimension}",
        "en": "Above the peer median on {above} of {total} dimensions; furthest below on {dimension}",
    },
    "deck.title_benchmark_nowhere": {
        "nl": "Nergens boven de peermediaan; het verst eronder: {dimension}",
        "en": "Nowhere above the peer median; furthest below on {dimension}",
    },
    "deck.title_trend": {
        "nl": "De index ging van {first} ({first_wave}) naar {latest} ({latest_wave})",
        "en": "The index went from {first} ({first_wave}) to {latest} ({latest_wave})",
    },
}
