"""Texts for the level descriptors in the exports (deck slide, Excel summary, PDF report)."""

TEXTS_LEVELEXPORTS = {
    "deck.title_levels": {
        "nl": "Van {low} (niveau {low_level}) tot {high} (niveau {high_level}): zo ziet ons niveau eruit",
        "en": "From {low} (level {low_level}) to {high} (level {high_level}): what our levels look like"},
    "deck.title_levels_same": {
        "nl": "Alle onderdelen op niveau {level}: zo ziet dat eruit",
        "en": "Every dimension at level {level}: what that looks like"},
    "deck.notes.levels": {
        "nl": "Per onderdeel wat het huidige niveau in de praktijk betekent, en hoe het volgende niveau eruitziet. "
              "De omschrijvingen komen uit het framework; het niveau is het afgeronde gemiddelde van het team.",
        "en": "For each dimension what the current level means in practice, and what the next level looks like. "
              "The descriptions come from the framework; the level is the team's rounded mean."},
    "levels.now": {"nl": "Zo ziet dit niveau eruit: {text}", "en": "What this level looks like: {text}"},
    "deck.levels_now": {"nl": "Zo ziet het er nu uit", "en": "What it looks like now"},
    "deck.levels_next": {"nl": "Het volgende niveau", "en": "The next level"},
}
