"""The column map's reasons and answer counts in the reader's language.

The column map keeps how each column was read as short English codes ("exact text", "fuzzy 93",
"grid row: id", "option text ×12, n/a ×2"): the CLI's `--mapping-out`, the tests and the logs read them
as they are. On screen they are written out in the user's language (Start's "Check and correct the
columns"); a code this module does not know is shown as it is.
"""

from __future__ import annotations

import re

from omni import format as fmt
from omni.i18n import TEXTS, t

_PLAIN = {"id": "why.id", "exact text": "why.exact", "shortened text": "why.shortened", "form column": "why.form",
          "fact label": "why.fact_label", "fact question": "why.fact_question", "quiz column": "why.quiz",
          "no match": "why.none", "mapping": "intake.matched.mapping", "dimension name": "why.dimension_name",
          "dimension as a statement": "why.dimension_statement", "importance": "why.importance",
          "importance of the section": "why.section_importance",
          "option text": "why.option", "level name": "why.level", "shortened option": "why.shortened_option",
          "not read": "why.not_read", "n/a": "why.na", "don't know": "why.dk", "ambiguous": "why.ambiguous_plain"}
_FUZZY = re.compile(r"^fuzzy (\d+)$")
_WORDS = re.compile(r"^words (0?\.\d+|1\.0+)$")
_VERSION = re.compile(r"^(.*) \(v([\w.]+)\)$")
_COUNT = re.compile(r"^(.*) ×(\d+)$")


def matched_text(verdict: str, lang: str) -> str:
    """How a column was matched (question id, question text, ...), in `lang`."""
    key = f"intake.matched.{verdict}"
    return t(key, lang) if key in TEXTS else verdict


def reason_text(reason: str, lang: str) -> str:
    """Why a column was read so ("fuzzy 93" -> "bijna dezelfde tekst (93%)"), in `lang`."""
    reason = reason.strip()
    if not reason:
        return ""
    if "; " in reason:
        head, _, rest = reason.partition("; ")
        if rest.endswith(" read from another column"):
            field = rest.removesuffix(" read from another column")
            return t("why.other_column", lang, why=reason_text(head, lang), fact=t(f"fact.{field}", lang)
                     if f"fact.{field}" in TEXTS else field)
        return f"{reason_text(head, lang)}; {reason_text(rest, lang)}"
    if reason.endswith(", asked again"):
        return t("why.asked_again", lang, why=reason_text(reason.removesuffix(", asked again"), lang))
    if match := re.match(r"^(.*), repeated \((\d)\)$", reason):
        return t("why.repeated", lang, why=reason_text(match.group(1), lang), n=match.group(2))
    for prefix, key in (("grid row: ", "why.grid_row"), ("grid title: ", "why.grid_title")):
        if reason.startswith(prefix):
            return t(key, lang, why=reason_text(reason.removeprefix(prefix), lang))
    if reason.startswith("ambiguous: "):
        return t("why.ambiguous", lang, candidates=reason.removeprefix("ambiguous: "))
    if match := _VERSION.match(reason):
        return t("why.version", lang, why=reason_text(match.group(1), lang), version=match.group(2))
    if match := _FUZZY.match(reason):
        return t("why.fuzzy", lang, score=match.group(1))
    if match := _WORDS.match(reason):
        return t("why.words", lang, share=fmt.percent(float(match.group(1)), lang))
    key = _PLAIN.get(reason)
    return t(key, lang) if key else reason


def values_text(values: str, lang: str) -> str:
    """How a column's answers were read ("option text ×12, n/a ×2"), in `lang`."""
    parts = []
    for part in (values or "").split(", "):
        match = _COUNT.match(part)
        parts.append(f"{reason_text(match.group(1), lang)} ×{match.group(2)}" if match else reason_text(part, lang))
    return ", ".join(p for p in parts if p)
