"""Dutch and English texts for "don't know" counts (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

DONTKNOW_TEXTS: dict[str, dict[str, object]] = {
    "dontknow.col": {"nl": "weet het niet", "en": "don't know"},
    # the answer itself, in the template's drop-down and the web questionnaire (the reader knows both)
    "dontknow.answer": {"nl": "weet ik niet", "en": "don't know"},
    # per question or dimension: n answers "don't know" out of total answers given
    "dontknow.of": {
        "nl": {"one": "{n} van {total} weet het niet", "other": "{n} van {total} weet het niet"},
        "en": {"one": "{n} of {total} doesn't know", "other": "{n} of {total} don't know"}},
    "dontknow.dimension": {
        "nl": {"one": "{n} van de {total} antwoorden in dit onderdeel is ‘weet ik niet’ ({share}); "
                      "die tellen niet mee in de score.",
               "other": "{n} van de {total} antwoorden in dit onderdeel zijn ‘weet ik niet’ ({share}); "
                        "die tellen niet mee in de score."},
        "en": {"one": "{n} of the {total} answers in this dimension is ‘don't know’ ({share}); "
                      "they do not count in the score.",
               "other": "{n} of the {total} answers in this dimension are ‘don't know’ ({share}); "
                        "they do not count in the score."}},
    "finding.dont_know": {
        "nl": {"one": "{share} van het team weet niet hoe ver {dimension} is: {n} van {total} antwoorden is "
                      "‘weet ik niet’. Dat is zelf een bevinding.",
               "other": "{share} van het team weet niet hoe ver {dimension} is: {n} van {total} antwoorden zijn "
                        "‘weet ik niet’. Dat is zelf een bevinding."},
        "en": {"one": "{share} of the team does not know how far {dimension} is: {n} of {total} answers is "
                      "‘don't know’. That is a finding in itself.",
               "other": "{share} of the team does not know how far {dimension} is: {n} of {total} answers are "
                        "‘don't know’. That is a finding in itself."}},
    "dontknow.share.third": {"nl": "Een derde", "en": "A third"},
    "dontknow.share.half": {"nl": "De helft", "en": "Half"},
    "dontknow.share.two_thirds": {"nl": "Twee derde", "en": "Two thirds"},
    "dontknow.share.most": {"nl": "Het grootste deel", "en": "Most"},
}
