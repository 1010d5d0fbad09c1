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
    # the same for the target answers: not knowing where the organisation should be
    "dontknow.target_of": {
        "nl": {"one": "doel: {n} weet het niet", "other": "doel: {n} weten het niet"},
        "en": {"one": "target: {n} doesn't know", "other": "target: {n} don't know"}},
    "dontknow.dimension_target": {
        "nl": {"one": "Bij de gewenste situatie is {n} van de {total} antwoorden ‘weet ik niet’ ({share}).",
               "other": "Bij de gewenste situatie zijn {n} van de {total} antwoorden ‘weet ik niet’ ({share})."},
        "en": {"one": "For the target, {n} of the {total} answers is ‘don't know’ ({share}).",
               "other": "For the target, {n} of the {total} answers are ‘don't know’ ({share})."}},
    "dontknow.col_target": {"nl": "doel: weet het niet", "en": "target: don't know"},
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
