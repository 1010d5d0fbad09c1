"""Vocabularies for respondent and organisation facts: roles, sectors, size bands, channel models.

Each value has a stable code (stored and used for peer groups) and a label per language. The
template offers the labels as drop-down lists; the reader maps any label or code back to its code
and keeps unknown free text as it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from omni.i18n import LocalText


@dataclass(frozen=True)
class Choice:
    """One entry of a vocabulary: its code (stored) and its label in every language."""

    code: str
    text: LocalText

    def label(self, lang: str) -> str:
        return self.text(lang)


def _choice(code: str, nl: str, en: str) -> Choice:
    return Choice(code, LocalText(nl=nl, en=en))


ROLES: tuple[Choice, ...] = (
    _choice("executive", "Directie / bestuur", "Executive board"),
    _choice("marketing", "Marketing", "Marketing"),
    _choice("ecommerce", "E-commerce / online", "E-commerce / online"),
    _choice("stores", "Winkels / retail operations", "Stores / retail operations"),
    _choice("sales", "Sales / accountmanagement", "Sales / account management"),
    _choice("customer_service", "Klantenservice", "Customer service"),
    _choice("it", "IT / technologie", "IT / technology"),
    _choice("finance", "Finance", "Finance"),
    _choice("supply_chain", "Logistiek / supply chain", "Logistics / supply chain"),
    _choice("hr", "HR", "HR"),
    _choice("other", "Anders", "Other"),
)

SECTORS: tuple[Choice, ...] = (
    _choice("fashion", "Mode en schoenen", "Fashion and footwear"),
    _choice("food", "Food en supermarkten", "Food and grocery"),
    _choice("electronics", "Elektronica", "Consumer electronics"),
    _choice("home", "Wonen en interieur", "Home and interior"),
    _choice("diy", "Doe-het-zelf en tuin", "DIY and garden"),
    _choice("health_beauty", "Gezondheid en beauty", "Health and beauty"),
    _choice("sports", "Sport en outdoor", "Sports and outdoor"),
    _choice("books_media", "Boeken, media en speelgoed", "Books, media and toys"),
    _choice("other", "Overig", "Other"),
)

SIZE_BANDS: tuple[Choice, ...] = (
    _choice("s", "Minder dan 50", "Fewer than 50"),
    _choice("m", "50 tot 250", "50 to 250"),
    _choice("l", "250 tot 1.000", "250 to 1,000"),
    _choice("xl", "1.000 of meer", "1,000 or more"),
)

CHANNEL_MODELS: tuple[Choice, ...] = (
    _choice("store_led", "Winkels voorop, online erbij", "Store-led with online"),
    _choice("online_led", "Online voorop, winkels erbij", "Online-led with stores"),
    _choice("pure_player", "Alleen online", "Online only"),
    _choice("brand", "Merk / fabrikant (eigen kanalen en wederverkopers)", "Brand / manufacturer (own channels and resellers)"),
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
        for label in (choice.code, *choice.text.values())
    }
    for field, choices in VOCABULARIES.items()
}


def single_choice(text: str) -> str:
    """A Microsoft Forms multiple-answer cell ends each choice with ";": one choice so written
    ("Directie / bestuur;") is that choice; any other text is returned as it is."""
    one = text.rstrip("; ")
    return one if text.endswith(";") and one and ";" not in one else text


_SEVERAL = re.compile(r"\s*[;,]\s*")


def several_choices(field: str, value: str) -> bool:
    """True when `value` is two or more choices of `field`'s vocabulary in one cell, as a Forms
    question that allows several answers writes them: "Marketing;IT / technologie;" (Microsoft
    Forms) or "Marketing, IT / technologie" (Google Forms checkboxes)."""
    parts = [part for part in _SEVERAL.split(value.strip()) if part]
    if len(parts) < 2:
        return False
    index = _INDEX[field]
    return all(normalise_label(part) in index for part in parts)


def to_code(field: str, value: str) -> str:
    """Map a label in any language (or a code) to its code; unknown text is returned stripped. A
    Forms multiple-answer cell with one choice is that choice (`single_choice`); several are kept as
    text, without the last ";"."""
    value = value.strip()
    index = _INDEX[field]
    code = index.get(normalise_label(value))
    if code is None and value.endswith(";"):
        code = index.get(normalise_label(single_choice(value)))
        value = value.rstrip("; ") or value
    return value if code is None else code


def label(field: str, code: str, lang: str) -> str:
    """The label of `code` in `lang`; unknown codes (free text) are returned as they are."""
    for choice in VOCABULARIES[field]:
        if choice.code == code:
            return choice.label(lang)
    return code
