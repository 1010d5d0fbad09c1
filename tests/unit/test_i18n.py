"""The product's texts cannot drift: both languages, the same placeholders, no key used that does not
exist, no key that nothing uses; plural forms and locale formatting of numbers and dates."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from omni import format as fmt
from omni.i18n import LANGUAGES, TEXTS, t

ROOT = Path(__file__).resolve().parents[2]

# Keys reached only through a computed name, e.g. t(f"roadmap.phase.{phase}"): a key starting with one of
# these prefixes counts as used. Keep this list short; prefer literal keys.
DYNAMIC_PREFIXES = (
    "agreement.", "export.part.", "fact.", "field.", "method.", "roadmap.phase.", "round.err.", "severity.",
    "respond.current", "respond.target", "benchmark.years_", "peers.cli_", "rounds.status_", "col.",
    "intake.matched.", "kind.", "problem.", "chart.by_", "store.err.", "brand.limit_", "brand.xml_", "brand.zip_", "rounds.flag.", "audit.action.", "importance.level.", "roadmap.importance_source.", "advice.effort.",
    "actions.err.", "actions.col.", "actions.status.", "actions.verdict.", "mapping.field.", "mapping.err.",
    "invite.err.", "invite.col.", "invite.status.", "invite.mail.subject_", "invite.mail.body_",
    "framework.horizon",  # the one statement of the target horizon, checked by test_framework_content
)
_LITERAL = re.compile(r"""["']([a-z][a-z0-9_.]*)["']""")
_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']\s*[,)]""")


def _sources() -> str:
    files = [*ROOT.glob("omni/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if not p.name.startswith("i18n"))


def _forms(text: str | dict[str, str]) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def _placeholders(text: str) -> set[str]:
    """The text's parameters; a parameter given per language (`candidates_nl`, `candidates_en`) counts once."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {n.removesuffix(f"_{lang}") for n in names for lang in LANGUAGES if n.endswith(f"_{lang}")} | {
        n for n in names if not n.endswith(tuple(f"_{lang}" for lang in LANGUAGES))}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    entry = TEXTS[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    seen = {lang: [_placeholders(form) for form in _forms(entry[lang])] for lang in LANGUAGES}
    reference = seen[LANGUAGES[0]][-1]
    for lang, sets in seen.items():
        for placeholders in sets:
            assert placeholders == reference, f"{key} ({lang}): {placeholders} != {reference}"
        if isinstance(entry[lang], dict):
            assert set(entry[lang]) >= {"one", "other"} and "n" in reference, f"{key}: plural forms need n"


def test_every_literal_key_the_code_asks_for_exists():
    missing = sorted(k for k in set(_CALL.findall(_sources())) if k not in TEXTS)
    assert not missing, f"t() called with unknown keys: {missing}"


def test_no_text_is_unused():
    literals = set(_LITERAL.findall(_sources()))
    unused = sorted(k for k in TEXTS if k not in literals and not k.startswith(DYNAMIC_PREFIXES))
    assert not unused, f"texts nothing uses (delete them, or name the dynamic prefix): {unused}"


def test_plural_forms_follow_the_count():
    assert t("trace.excluded_na", "nl", n=1) == "1 vraag n.v.t. of leeg, niet meegeteld"
    assert t("trace.excluded_na", "nl", n=2) == "2 vragen n.v.t. of leeg, niet meegeteld"
    assert t("trace.excluded_na", "en", n=1) == "1 question n/a or blank, not counted"
    assert t("trace.excluded_na", "en", n=0) == "0 questions n/a or blank, not counted"
    assert t("start.intake_files", "nl", n=1) == "1 bestand"
    assert t("start.intake_respondents", "en", n=12) == "12 respondents"


def test_numbers_percentages_and_dates_in_the_readers_language():
    assert fmt.number(2.534, "nl") == "2,53" and fmt.number(2.534, "en") == "2.53"
    assert fmt.number(1234.5, "nl", 1) == "1.234,5" and fmt.number(1234.5, "en", 1) == "1,234.5"
    assert fmt.number(float("nan"), "nl") == fmt.MISSING == fmt.number(None, "en")
    assert fmt.integer(1048576, "nl") == "1.048.576"
    assert fmt.flexible_number(0.5, "nl") == "0,5" and fmt.flexible_number(3.0, "en") == "3"
    assert fmt.percent(0.5, "nl") == "50%" and fmt.percent(0.125, "en", 1) == "12.5%"
    assert fmt.date(dt.date(2026, 12, 1), "nl") == "1 december 2026"
    assert fmt.date(dt.date(2026, 12, 1), "en") == "1 December 2026"


def test_numbers_written_once_read_the_same_as_babel_writes_them_each_time():
    """omni.format keeps each number's text (a page writes the same scores again and again): whatever
    came before, every call reads as Babel writes that value, type and sign included."""
    import decimal

    import numpy as np
    from babel.numbers import format_decimal, format_percent

    values = [2.534, 2.535, 2.545, -0.0, 0.0, -0.001, 0.001, 1234.5, 3, np.float64(2.675),
              np.float32(2.345), 2.345, np.int64(7), decimal.Decimal("2.675"), 2.675, 1e-12]
    for _ in range(2):  # the second round reads what the first kept
        for value in values + values[::-1]:
            for lang, locale in (("nl", "nl_NL"), ("en", "en_GB")):
                assert fmt.number(value, lang) == format_decimal(value, format="#,##0.00", locale=locale)
                assert fmt.number(value, lang, 0) == format_decimal(value, format="#,##0", locale=locale)
                assert fmt.flexible_number(value, lang) == format_decimal(value, format="#,##0.##", locale=locale)
                assert fmt.percent(value, lang, 1) == format_percent(value, format="#,##0.0%", locale=locale)
    assert fmt.number(-0.0, "nl") == "-0,00" and fmt.number(0.0, "nl") == "0,00"  # zero is never kept
    assert fmt.number(np.array(2.534), "nl") == "2,53"  # unhashable: written, not kept


def test_store_errors_reach_a_dutch_user_in_dutch(tmp_path):
    from omni.store import StoreError, open_store
    from omni.store.access import create_organisation

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    create_organisation(engine, "Voorbeeld BV")
    with pytest.raises(StoreError) as caught:
        create_organisation(engine, "Voorbeeld BV")
    assert caught.value.message("nl") == "er bestaat al een organisatie met de naam 'Voorbeeld BV'"
    assert caught.value.message("en") == str(caught.value) == "an organisation named 'Voorbeeld BV' already exists"
