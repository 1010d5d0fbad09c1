"""Vocabularies for respondent and organisation facts: roles, sectors, size bands, channel models.

Each value has a stable code (stored and used for peer groups) and a label per language. The
template offers the labels as drop-down lists; the reader maps any label or code back to its code
and keeps unknown free text as it was typed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: str
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


ROLES: tuple[Choice, ...] = (
    Choice("executive", "Directie / bestuur", "Executive board"),
    Choice("marketing", "Marketing", "Marketing"),
    Choice("ecommerce", "E-commerce / online", "E-commerce / online"),
    Choice("stores", "Winkels / retail operations", "Stores / retail operations"),
    Choice("sales", "Sales / accountmanagement", "Sales / account management"),
    Choice("customer_service", "Klantenservice", "Customer service"),
    Choice("it", "IT / technologie", "IT / technology"),
    Choice("finance", "Finance", "Finance"),
    Choice("supply_chain", "Logistiek / supply chain", "Logistics / supply chain"),
    Choice("hr", "HR", "HR"),
    Choice("other", "Anders", "Other"),
)

SECTORS: tuple[Choice, ...] = (
    Choice("fashion", "Mode en schoenen", "Fashion and footwear"),
    Choice("food", "Food en supermarkten", "Food and grocery"),
    Choice("electronics", "Elektronica", "Consumer electronics"),
    Choice("home", "Wonen en interieur", "Home and interior"),
    Choice("diy", "Doe-het-zelf en tuin", "DIY and garden"),
    Choice("health_beauty", "Gezondheid en beauty", "Health and beauty"),
    Choice("sports", "Sport en outdoor", "Sports and outdoor"),
    Choice("books_media", "Boeken, media en speelgoed", "Books, media and toys"),
    Choice("other", "Overig", "Other"),
)

SIZE_BANDS: tuple[Choice, ...] = (
    Choice("s", "Minder dan 50", "Fewer than 50"),
    Choice("m", "50 tot 250", "50 to 250"),
    Choice("l", "250 tot 1.000", "250 to 1,000"),
    Choice("xl", "1.000 of meer", "1,000 or more"),
)

CHANNEL_MODELS: tuple[Choice, ...] = (
    Choice("store_led", "Winkels voorop, online erbij", "Store-led with online"),
    Choice("online_led", "Online voorop, winkels erbij", "Online-led with stores"),
    Choice("pure_player", "Alleen online", "Online only"),
    Choice("brand", "Merk / fabrikant (eigen kanalen en wederverkopers)", "Brand / manufacturer (own channels and resellers)"),
)

VOCABULARIES: dict[str, tuple[Choice, ...]] = {
    "role": ROLES,
    "sector": SECTORS,
    "size_band": SIZE_BANDS,
    "channel_model": CHANNEL_MODELS,
}


def normalise_label(text: str) -> str:
    """Fold case, accents, non-breaking spaces and runs of white space for matching."""
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


_INDEX: dict[str, dict[str, str]] = {
    field: {
        normalise_label(label): choice.code
        for choice in choices
        for label in (choice.code, choice.nl, choice.en)
    }
    for field, choices in VOCABULARIES.items()
}


def to_code(field: str, value: str) -> str:
    """Map a label in any language (or a code) to its code; unknown text is returned stripped."""
    value = value.strip()
    return _INDEX[field].get(normalise_label(value), value)


def label(field: str, code: str, lang: str) -> str:
    """The label of `code` in `lang`; unknown codes (free text) are returned as they are."""
    for choice in VOCABULARIES[field]:
        if choice.code == code:
            return choice.label(lang)
    return code
