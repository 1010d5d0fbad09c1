"""Dutch and English texts for the published benchmark figures (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

BENCHMARK_TEXTS: dict[str, dict[str, str]] = {
    "benchmark.published_note": {
        "nl": "Zo blijft elke peer onherkenbaar: uw eigen organisatie telt nooit mee (de organisatie waarmee u bent "
              "ingelogd, niet de naam in een bestand); P25, mediaan en P75 zijn afgerond op {step}, n is een bereik, "
              "en uw percentiel is een schatting op stappen van {position} uit deze afgeronde cijfers. Elk bestand in "
              "dezelfde groep krijgt precies dezelfde cijfers te zien.",
        "en": "This keeps every peer unrecognisable: your own organisation never counts (the organisation you are "
              "signed in with, not the name in a file); P25, median and P75 are rounded to {step}, n is a range, and "
              "your percentile is an estimate in steps of {position} from these rounded figures. Every file in the "
              "same group sees exactly the same figures."},
    "export.synthetic_some_share": {
        "nl": "Een deel van de peers zijn synthetische demogegevens, geen echte organisaties",
        "en": "Some of the peers are synthetic demo data, not real organisations"},
}
