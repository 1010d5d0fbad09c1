"""A realistic filled survey for a fictional retailer: the demo organisation.

Realistic means what a real management team produces: each role sees the organisation a little
differently (the board is more optimistic about the vision, IT more critical about technology,
store managers about how online and stores work together), people far from a topic mostly say
they don't know (store managers on marketing technology) and sometimes that it does not apply,
a few questions are not applicable to someone close to them, a few are left blank, and some answers carry a
comment, each under the question it is about. The same seed always gives the same survey.
"""

from __future__ import annotations

import datetime as dt
import random

from omni.framework import Framework
from omni.survey.model import RespondentAnswers

DEMO_ORGANISATION = "Huis & Haard Wonen"
DEMO_FACTS = {"organisation": DEMO_ORGANISATION, "sector": "home", "size_band": "l",
              "channel_model": "store_led"}

# (role code, department nl, department en, first name for some respondents)
_TEAM = (
    ("executive", "Directie", "Board", "Marieke"),
    ("finance", "Financiën", "Finance", ""),
    ("marketing", "Marketing", "Marketing", "Joost"),
    ("ecommerce", "E-commerce", "E-commerce", "Sanne"),
    ("stores", "Winkels", "Stores", ""),
    ("it", "IT", "IT", "Ahmed"),
    ("customer_service", "Klantenservice", "Customer service", ""),
    ("supply_chain", "Logistiek", "Logistics", "Pieter"),
    ("marketing", "Marketing", "Marketing", ""),
    ("stores", "Winkels", "Stores", "Esra"),
    ("hr", "HR", "HR", ""),
    ("ecommerce", "E-commerce", "E-commerce", ""),
)

# How far each role's view of a dimension sits from the organisation's true level.
_ROLE_BIAS = {
    "executive": {"vision": 0.9, "organisation": 0.6, "activation": 0.3},
    "finance": {"vision": 0.2, "activation": -0.3},
    "marketing": {"audiences": 0.4, "activation": 0.5},
    "ecommerce": {"activation": 0.6, "organisation": -0.8, "martech": 0.4},
    "stores": {"organisation": -0.9, "activation": -0.7, "vision": -0.6},
    "it": {"martech": -1.0, "audiences": -0.4},
    "customer_service": {"activation": -0.3, "audiences": -0.2},
    "supply_chain": {"martech": -0.4},
    "hr": {"organisation": 0.3},
}
# Topics people far from them tend to mark "don't know" or not-applicable.
_FAR_FROM = {
    "hr": {"martech", "audiences", "activation"},
    "finance": {"audiences", "activation"},
    "supply_chain": {"audiences", "vision"},
    "stores": {"martech"},
}
_DONT_KNOW = 0.65  # of the unscored answers far from one's topic, the share that is "don't know"
_TRUE_CURRENT = 2.4
_TRUE_TARGET = 4.0
_DIMENSION_SHIFT = {"vision": 0.9, "organisation": -0.2, "audiences": -0.4, "activation": 0.5,
                    "martech": -0.5}

# How important each dimension is for the strategy (1-5) in the team's eyes, and how roles lean.
_IMPORTANCE = {"vision": 4.3, "organisation": 4.0, "audiences": 3.6, "activation": 3.9, "martech": 3.3}
_IMPORTANCE_TILT = {
    "executive": {"vision": 0.5, "martech": -0.4},
    "it": {"martech": 1.2, "organisation": -0.4},
    "marketing": {"audiences": 0.8, "activation": 0.5},
    "ecommerce": {"martech": 0.7, "activation": 0.5},
    "stores": {"activation": 0.6, "martech": -0.6},
    "finance": {"vision": 0.3, "audiences": -0.5},
}

# What some respondents wrote, each under the one question it is about (default framework,
# version 2.0 ids): (question id, respondent index, Dutch, English). Every comment is used once.
_COMMENTS = (
    ("VIS-5", 0, "De roadmap bestaat, maar we hebben hem dit jaar nog niet herzien.",
     "The roadmap exists, but we have not reviewed it this year."),
    ("VIS-3", 1, "Online en winkels maken nog elk een eigen jaarplan met eigen omzetdoelen.",
     "Online and stores still each make their own annual plan with their own revenue targets."),
    ("AUD-2", 2, "Onze persona's zijn drie jaar oud en nooit naast aankoopgegevens gelegd.",
     "Our personas are three years old and have never been checked against purchase data."),
    ("ORG-3", 3, "We missen mensen die data kunnen vertalen naar actie in de winkels.",
     "We lack people who can turn data into action in the stores."),
    ("ACT-3", 3, "Prijzen in de folder en online lopen soms uiteen.",
     "Prices in the leaflet and online sometimes differ."),
    ("VIS-6", 4, "In de winkels zien collega's de webshop nog vaak als concurrent.",
     "In the stores, colleagues still often see the webshop as a competitor."),
    ("AUD-8", 4, "Alleen de drie grootste winkels hebben een bezoekersteller.",
     "Only the three largest stores have a footfall counter."),
    ("TEC-1", 5, "Kassasysteem en webshop wisselen één keer per nacht gegevens uit.",
     "The till system and the webshop exchange data once a night."),
    ("TEC-3", 5, "Het CRM-systeem gebruiken we vooral voor de nieuwsbrief.",
     "We use the CRM system mostly for the newsletter."),
    ("AUD-4", 6, "Aan de telefoon zien we webshopbestellingen, maar niet wat iemand in de winkel kocht.",
     "On the phone we see webshop orders, but not what someone bought in the store."),
    ("ACT-5", 6, "Online bestellen en in de winkel afhalen werkt; bezorgen vanuit de winkel kan nog niet.",
     "Ordering online and collecting in store works; delivery from the store is not possible yet."),
    ("ORG-7", 7, "In december halen we winkelpersoneel naar het magazijn, maar dat regelen we elke week opnieuw.",
     "In December we bring store staff into the warehouse, but we arrange it anew every week."),
    ("TEC-7", 7, "Artikelgegevens verschillen tussen webshop en kassa, vooral maten en kleuren.",
     "Item data differ between webshop and till, especially sizes and colours."),
    ("AUD-7", 8, "Het klantpanel van vorig jaar is niet meer herhaald.",
     "Last year's customer panel was never repeated."),
    ("ORG-2", 9, "Winkelmanagers worden alleen beoordeeld op de omzet van hun eigen winkel.",
     "Store managers are assessed only on their own store's revenue."),
    ("ACT-7", 9, "Klanten brengen webshopretouren naar de winkel, maar we boeken ze met de hand terug.",
     "Customers bring webshop returns to the store, but we book them back by hand."),
)
# the framework versions whose questions the comments talk about (2.1 asks them in the same words)
_COMMENTS_FRAMEWORK = ("omnichannel-maturity", ("2.0", "2.1"))


def demo_comments(framework: Framework, lang: str) -> dict[tuple[int, str], str]:
    """(respondent index, question id) -> comment, for the framework the comments were written for."""
    if framework.id != _COMMENTS_FRAMEWORK[0] or framework.version not in _COMMENTS_FRAMEWORK[1]:
        return {}
    return {(index, qid): nl if lang == "nl" else en for qid, index, nl, en in _COMMENTS
            if framework.has_question(qid)}


def _clip(value: float) -> int:
    return int(min(5, max(1, round(value))))


def demo_respondents(framework: Framework, n: int = 10, seed: int = 7,
                     lang: str = "nl") -> list[RespondentAnswers]:
    """`n` respondents of the demo organisation answering every question of `framework`."""
    if n < 1:
        raise ValueError("at least one respondent")
    rng = random.Random(seed)
    dimension_shift = {d.id: _DIMENSION_SHIFT.get(d.id, rng.uniform(-0.5, 0.5)) for d in framework.dimensions}
    # Questions differ in how far along the organisation is, consistently for all respondents.
    question_shift = {q.id: rng.gauss(0, 0.45) for q in framework.questions}
    date = dt.date(2026, 10, 12)
    # A separate generator for importance: the answers stay exactly as they were without it.
    weigh = random.Random(seed * 7919 + 1)
    # And one for don't-know versus n/a: both stay out of the scores, so the scores are as before.
    unsure = random.Random(seed * 104729 + 3)
    comments = demo_comments(framework, lang)
    people = []
    for index in range(n):
        role, dep_nl, dep_en, first = _TEAM[index % len(_TEAM)]
        facts = {**DEMO_FACTS, "role": role, "department": dep_nl if lang == "nl" else dep_en,
                 "name": first if index < len(_TEAM) else "",
                 "date": date + dt.timedelta(days=rng.randint(0, 9))}
        optimism = rng.gauss(0, 0.45)
        answers = {}
        for dimension in framework.dimensions:
            bias = _ROLE_BIAS.get(role, {}).get(dimension.id, 0.0)
            far = dimension.id in _FAR_FROM.get(role, set())
            for question in dimension.questions:
                if (index, question.id) not in comments and rng.random() < (0.3 if far else 0.03):
                    answer = "dk" if far and unsure.random() < _DONT_KNOW else "na"
                    answers[question.id] = (answer, answer if rng.random() < 0.7 else None, "")
                    continue
                true = _TRUE_CURRENT + dimension_shift[dimension.id] + question_shift[question.id]
                current = _clip(true + bias + optimism + rng.gauss(0, 0.55))
                ambition = _TRUE_TARGET + 0.4 * dimension_shift[dimension.id] + rng.gauss(0, 0.5)
                target = max(current, _clip(ambition))
                target_cell: object = target if rng.random() > 0.02 else None
                answers[question.id] = (current, target_cell, comments.get((index, question.id), ""))
        importance: dict[str, object] = {}
        for dimension in framework.dimensions:
            if dimension.id in _FAR_FROM.get(role, set()) and weigh.random() < 0.5:
                importance[dimension.id] = "dk"  # far from it: doesn't know how much it matters
                continue
            tilt = _IMPORTANCE_TILT.get(role, {}).get(dimension.id, 0.0)
            importance[dimension.id] = _clip(_IMPORTANCE.get(dimension.id, 3.5) + tilt + weigh.gauss(0, 0.6))
        people.append(RespondentAnswers(facts=facts, answers=answers, importance=importance))
    return people
