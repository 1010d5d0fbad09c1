"""What an organisation calls its units (#19), and the words the screens and exports use for them.

An organisation names its one level of units in its own words: "merk", "land", "regio", or anything
else. The label is kept as one short text (organisations.unit_label, see omni.store.units):

- "" : the generic word ("eenheid" / "unit");
- a known kind ("brand", "country", "region", "business_unit", "store_cluster", "division", "store"),
  however it was typed, in Dutch or English, singular or plural ("Merken", "brand"): said in the
  reader's language, so an English colleague reads "Brands" where the Dutch team typed "Merk";
- anything else: the organisation's own word, shown as typed in both languages; "singular/plural"
  ("Cluster/Clusters") gives the plural too, else the plural is the word itself.

`UnitWord` turns the label into the singular and plural for a language, and the headings that carry
it (`heading`); the Units page, the breakdown headings, the Excel report and the deck use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from omni.attributes import normalise_label
from omni.i18n import t

MAX_LABEL = 64  # omni.store.units.MAX_UNIT_LABEL: the column's width

# kind -> per language (singular, plural); the kinds the issue names, and a few more retail ones
KINDS: dict[str, dict[str, tuple[str, str]]] = {
    "brand": {"nl": ("Merk", "Merken"), "en": ("Brand", "Brands")},
    "country": {"nl": ("Land", "Landen"), "en": ("Country", "Countries")},
    "region": {"nl": ("Regio", "Regio's"), "en": ("Region", "Regions")},
    "business_unit": {"nl": ("Bedrijfsonderdeel", "Bedrijfsonderdelen"), "en": ("Business unit", "Business units")},
    "store_cluster": {"nl": ("Winkelcluster", "Winkelclusters"), "en": ("Store cluster", "Store clusters")},
    "division": {"nl": ("Divisie", "Divisies"), "en": ("Division", "Divisions")},
    "store": {"nl": ("Winkel", "Winkels"), "en": ("Store", "Stores")},
}
_KIND_OF = {normalise_label(word): kind for kind, langs in KINDS.items()
            for word in (kind, kind.replace("_", " "), *(w for pair in langs.values() for w in pair))}


def kind_of(label: str) -> str | None:
    """The known kind `label` names (any language, singular or plural), or None for the organisation's own word."""
    return _KIND_OF.get(normalise_label(label or ""))


def clean_label(label: str | None) -> str:
    """The label as it is kept: a known kind by its key, else the text with its spaces folded (at most
    MAX_LABEL characters, one "/" between singular and plural)."""
    text = " ".join(str(label or "").split())
    if not text:
        return ""
    if kind := kind_of(text):
        return kind
    parts = [" ".join(p.split()) for p in text.split("/", 1)]
    text = "/".join(p for p in parts if p)
    return text[:MAX_LABEL].strip(" /")


@dataclass(frozen=True)
class UnitWord:
    """The organisation's word for its units in a language (see the module's docstring)."""

    label: str = ""  # as kept: "", a kind's key, or the organisation's own "singular[/plural]"

    @property
    def is_default(self) -> bool:
        return not self.label

    def typed(self, lang: str) -> str:
        """The label as a person would type it back: "" (generic), a kind's singular, or the own word."""
        return KINDS[self.label][lang][0] if self.label in KINDS else self.label

    def one(self, lang: str) -> str:
        """The singular as a heading: "Merk", "Brand", "Eenheid"."""
        if not self.label:
            return t("unitadmin.word_one", lang)
        if self.label in KINDS:
            return KINDS[self.label][lang][0]
        return self.label.split("/", 1)[0]

    def many(self, lang: str) -> str:
        """The plural as a heading: "Merken", "Brands", "Eenheden"."""
        if not self.label:
            return t("unitadmin.word_many", lang)
        if self.label in KINDS:
            return KINDS[self.label][lang][1]
        parts = self.label.split("/", 1)
        return parts[1] if len(parts) == 2 else parts[0]

    def heading(self, key: str, lang: str) -> str:
        """A heading that names the units, with the organisation's word: `key` in omni.i18n_unitadmin
        takes {units} (the plural) and {unit} (the singular), written as headings (capitalised), and
        {unit_lower} for the singular inside a sentence."""
        return t(key, lang, units=self.many(lang), unit=self.one(lang), unit_lower=self._lower(self.one(lang)))

    def _lower(self, word: str) -> str:
        """The singular inside a sentence: a known kind or the generic word in lower case, an own word as typed."""
        return word.lower() if self.is_default or self.label in KINDS else word

    def column(self, lang: str) -> str:
        """The column heading over unit names: the organisation's word, else the generic explained one."""
        return t("fact.unit", lang) if self.is_default else self.one(lang)
