"""Dutch and English texts for importance and the roadmap's rules (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

ROADMAP_TEXTS: dict[str, dict[str, str]] = {
    # --- importance: asking it (template, web questionnaire) ------------------------------------
    "importance.heading": {"nl": "Belang voor de strategie (over 2-3 jaar)",
                           "en": "Importance for the strategy (in 2-3 years)"},
    "importance.question": {
        "nl": "Hoe belangrijk is verbetering op {dimension} voor onze strategie over 2-3 jaar?",
        "en": "How important is improvement in {dimension} for our strategy in 2-3 years?"},
    "importance.help": {
        "nl": "Los van waar u nu staat: hoeveel moet verbetering op dit onderdeel bijdragen aan de strategie? "
              "1 = nauwelijks belangrijk, 5 = doorslaggevend. Geef niet elk onderdeel een 5: het belang bepaalt "
              "de volgorde van de roadmap. Weet u het niet, kies dan 'weet ik niet'.",
        "en": "Apart from where you stand today: how much must improvement in this dimension contribute to the "
              "strategy? 1 = hardly important, 5 = critical. Do not give every dimension a 5: importance sets the "
              "order of the roadmap. If you don't know, choose 'don't know'."},
    "importance.scale": {
        "nl": "1 – nauwelijks belangrijk\n2 – beperkt belangrijk\n3 – belangrijk\n4 – zeer belangrijk\n5 – doorslaggevend",
        "en": "1 – hardly important\n2 – of limited importance\n3 – important\n4 – very important\n5 – critical"},
    "importance.level.1": {"nl": "nauwelijks belangrijk", "en": "hardly important"},
    "importance.level.2": {"nl": "beperkt belangrijk", "en": "of limited importance"},
    "importance.level.3": {"nl": "belangrijk", "en": "important"},
    "importance.level.4": {"nl": "zeer belangrijk", "en": "very important"},
    "importance.level.5": {"nl": "doorslaggevend", "en": "critical"},
    "importance.column": {"nl": "Belang (1-5)", "en": "Importance (1-5)"},
    "importance.wide_header": {"nl": "Belang {dimension}", "en": "Importance {dimension}"},
    "field.importance": {"nl": "belang", "en": "importance"},
    "problem.not_an_importance": {
        "nl": "'{value}' is geen belang van 1 tot 5 (of 'weet ik niet') voor onderdeel {dimension}",
        "en": "'{value}' is not an importance from 1 to 5 (or 'don't know') for dimension {dimension}"},
    "problem.importance_all_same": {
        "nl": "respondent {respondent} gaf elk onderdeel hetzelfde belang ({value}); dat telt mee, maar zegt "
              "niets over de volgorde",
        "en": "respondent {respondent} gave every dimension the same importance ({value}); it counts, but says "
              "nothing about the order"},
    "round.err.importance": {
        "nl": "Onbekend onderdeel '{dimension}' of ongeldig belang.",
        "en": "Unknown dimension '{dimension}' or invalid importance."},
    # --- roadmap ----------------------------------------------------------------------------------
    "roadmap.phase.kept_low": {"nl": "Bewust laag gehouden", "en": "Kept low by choice"},
    "roadmap.phase.no_score": {"nl": "Te weinig antwoorden", "en": "Too few answers"},
    "roadmap.priority_trace": {
        "nl": "Prioriteit {priority} = gat {gap} × belang {importance} ({source}) × gewicht {weight}",
        "en": "Priority {priority} = gap {gap} × importance {importance} ({source}) × weight {weight}"},
    "roadmap.importance_source.respondents": {
        "nl": "gemiddelde van {n} respondenten, spreiding {spread}",
        "en": "mean of {n} respondents, spread {spread}"},
    "roadmap.importance_source.what_if": {"nl": "aangepast bij 'wat als'", "en": "set under 'what if'"},
    "roadmap.importance_dk": {"nl": "; weet ik niet: {n}", "en": "; don't know: {n}"},
    "roadmap.importance_source.equal": {"nl": "niet opgegeven: gelijk belang",
                                        "en": "not given: equal importance"},
    "roadmap.moved": {
        "nl": "Verschoven van '{planned}' naar '{phase}': dit onderdeel bouwt op {required}. Een fundament gaat "
              "voor zolang het een gat heeft of onder niveau 3 zit ({details}).",
        "en": "Moved from '{planned}' to '{phase}': this dimension builds on {required}. A foundation comes first "
              "while it has a gap or is below level 3 ({details})."},
    "roadmap.brought_forward": {
        "nl": "Naar voren gehaald van '{planned}' naar '{phase}': onderdelen met een hogere prioriteit bouwen "
              "hierop ({dependents}), dus dit fundament gaat voor.",
        "en": "Brought forward from '{planned}' to '{phase}': dimensions with a higher priority build on it "
              "({dependents}), so this foundation comes first."},
    "roadmap.displaced": {
        "nl": "Op prioriteit alleen hoorde dit in '{planned}'; het staat in '{phase}' omdat fundamenten waarop "
              "andere onderdelen bouwen naar voren zijn gehaald.",
        "en": "By priority alone this belonged in '{planned}'; it is in '{phase}' because foundations that other "
              "dimensions build on were brought forward."},
    "roadmap.waits_for": {
        "nl": "Let op: dit onderdeel bouwt op {required}, dat het team bewust laag houdt ({details}). "
              "Bespreek of de ambitie voor {dimension} daarbij past.",
        "en": "Note: this dimension builds on {required}, which the team keeps low by choice ({details}). "
              "Discuss whether the ambition for {dimension} fits that choice."},
    "roadmap.kept_low_note": {
        "nl": "Het team wil dit onderdeel op niveau {level} houden (gewenst {target}). Dat is een keuze, "
              "geen 'op koers': bespreek of die past bij de strategie.",
        "en": "The team wants to keep this dimension at level {level} (target {target}). That is a choice, "
              "not 'on target': discuss whether it fits the strategy."},
    "roadmap.required_state": {"nl": "{dimension}: nu {current}, niveau {level}, gat {gap}",
                               "en": "{dimension}: now {current}, level {level}, gap {gap}"},
    "roadmap.equal_importance": {
        "nl": "Niemand heeft het belang per onderdeel ingevuld (bijvoorbeeld een bestand van vóór versie 2.0). "
              "Alle onderdelen tellen daarom even zwaar (belang 3). Pas het belang hieronder aan bij 'wat als'.",
        "en": "Nobody rated the importance per dimension (for example a file made before version 2.0). "
              "Every dimension therefore counts equally (importance 3). Adjust importance below under 'what if'."},
    "roadmap.importance_used": {"nl": "Belang", "en": "Importance"},
    "roadmap.what_if_importance": {"nl": "Belang voor de strategie (1-5)", "en": "Importance for the strategy (1-5)"},
    "roadmap.what_if_targets": {"nl": "Gewenste score", "en": "Target"},
    "roadmap.why": {"nl": "Waarom hier", "en": "Why here"},
    "deck.roadmap_item": {"nl": "{dimension} ({current} → {target}, belang {importance})",
                          "en": "{dimension} ({current} → {target}, importance {importance})"},
    "deck.roadmap_moved": {"nl": "↳ wacht op {required} (op prioriteit: {planned})",
                           "en": "↳ waits for {required} (by priority: {planned})"},
    "deck.roadmap_kept_low": {"nl": "Bewust laag gehouden (op niveau 1-2, geen gat): {names}",
                              "en": "Kept low by choice (level 1-2, no gap): {names}"},
    "deck.roadmap_equal": {"nl": "Belang niet opgegeven: alle onderdelen tellen even zwaar.",
                           "en": "Importance not given: every dimension counts equally."},
    "method.roadmap": {
        "nl": "**Belang en roadmap.** Elke respondent geeft per onderdeel aan hoe belangrijk het is voor de strategie "
              "over 2-3 jaar (1 tot 5). Het belang van de organisatie is het gemiddelde, met spreiding; het "
              "verandert geen enkele score. Prioriteit = gat × belang × gewicht; zonder opgegeven belang telt elk "
              "onderdeel even zwaar (3). De onderdelen met een gat van 0,25 of meer worden op prioriteit in drie "
              "fasen verdeeld: nu, daarna, later. Een onderdeel komt nooit in een eerdere fase dan een onderdeel "
              "waarop het bouwt, zolang dat nog een gat heeft of onder niveau 3 zit: het wacht daarop, of dat "
              "fundament komt naar voren. De roadmap zegt steeds waarom. "
              "Een onderdeel zonder gat op niveau 1 of 2 heet 'bewust laag gehouden', niet 'op koers'.",
        "en": "**Importance and roadmap.** Every respondent rates per dimension how important it is for the strategy "
              "in 2-3 years (1 to 5). The organisation's importance is the mean, with its spread; it never "
              "changes a score. Priority = gap × importance × weight; without importance every dimension counts "
              "equally (3). Dimensions with a gap of 0.25 or more are split by priority into three phases: now, "
              "next, later. A dimension is never placed in an earlier phase than one it builds on while that one "
              "still has a gap or is below level 3: it waits for it, or that foundation comes forward. The roadmap always says "
              "why. A dimension without a gap at level 1 "
              "or 2 is 'kept low by choice', not 'on target'."},
    "method.requires": {"nl": "Bouwt op", "en": "Builds on"},
    "method.importance": {"nl": "Belang (team)", "en": "Importance (team)"},
    "report.importance_source": {"nl": "Herkomst belang", "en": "Importance from"},
    "report.moved_from": {"nl": "Fase op prioriteit", "en": "Phase by priority"},
}
