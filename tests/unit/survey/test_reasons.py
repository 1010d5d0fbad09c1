"""The column map's reasons and answer counts read in the user's language on Start (they are English codes
in the map itself, for the CLI and the logs): no code may reach a Dutch page untranslated."""

from __future__ import annotations

import csv
import io
import re

import pytest

from omni.demo import demo_respondents
from omni.survey import read_survey
from omni.survey.reasons import matched_text, reason_text, values_text


@pytest.mark.parametrize("code, nl, en", [
    ("id", "vraag-ID in de kop", "question id in the header"),
    ("fuzzy 93", "bijna dezelfde tekst (93%)", "nearly the same text (93%)"),
    ("words 0.85", "dezelfde woorden (85%)", "the same words (85%)"),
    ("grid row: exact text", "rij van een raster: dezelfde tekst", "row of a grid: the same text"),
    ("exact text, asked again", "dezelfde tekst, tweede keer gevraagd (gewenst)", "the same text, asked again (target)"),
    ("shortened text, repeated (2)", "ingekorte tekst, herhaald (2: gewenst)", "shortened text, repeated (2: target)"),
    ("ambiguous: VIS-1, VIS-2", "twijfel tussen VIS-1, VIS-2", "ambiguous between VIS-1, VIS-2"),
    ("form column; date read from another column", "vaste kolom van het formulier; Datum komt uit een andere kolom",
     "a form's own column; Date read from another column"),
    ("exact text (v1.0)", "dezelfde tekst (versie 1.0)", "the same text (version 1.0)"),
])
def test_each_reason_in_both_languages(code, nl, en):
    assert (reason_text(code, "nl"), reason_text(code, "en")) == (nl, en)


def test_answer_counts_and_verdicts():
    assert values_text("option text ×12, n/a ×2, don't know ×1", "nl") == \
        "tekst van een antwoord ×12, n.v.t. ×2, weet ik niet ×1"
    assert values_text("", "nl") == "" and reason_text("", "en") == ""
    assert matched_text("importance", "nl") == "belang van een onderdeel" and matched_text("text", "en") == "question text"
    assert reason_text("something new", "nl") == "something new"  # an unknown code as it is


ENGLISH = re.compile(r"\b(text|fuzzy|words|grid|column|row|asked|repeated|ambiguous|option|level|match|form|"
                     r"fact|mapping|importance|statement|read)\b")


def _csv(path, rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(["" if v is None else v for v in row] for row in rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def test_a_real_column_map_reads_in_dutch(tmp_path, framework):
    """Every reason and count of the column map of a Dutch Google Forms export - facts asked as questions,
    the form's own columns, a grid, option texts, n.v.t. and weet ik niet, a column of its own - written
    out in Dutch, without an English code left in it."""
    people = demo_respondents(framework, n=4, seed=50, lang="nl")
    questions = framework.questions
    header = ["Tijdstempel", "E-mailadres", "Wat is uw rol?", "Opmerkingen over de sessie"]
    header += [f"Waar staan we nu? [{q.topic('nl')}]" for q in questions]
    header += [f"{q.text('nl')} (gewenst)" for q in questions]
    rows = [header]
    for n, person in enumerate(people, start=1):
        row = [f"2026/11/2{n} 9:0{n}:00 a.m. CET", f"p{n}@voorbeeld.nl", "Marketing", "prima"]
        for i in (0, 1):
            row += [{"na": "n.v.t.", "dk": "weet ik niet"}.get(v) if isinstance(v, str) else
                    (None if v is None else q.option(v)("nl")) for q in questions for v in [person.answers[q.id][i]]]
        rows.append(row)
    cmap = read_survey([_csv(tmp_path / "antwoorden.csv", rows)]).column_map
    assert {"text", "fact", "ignored", "unmapped"} <= set(cmap["matched_by"])
    for row in cmap.itertuples(index=False):
        shown = " · ".join((matched_text(row.matched_by, "nl"), reason_text(row.reason, "nl"),
                            values_text(row.values, "nl")))
        assert not ENGLISH.search(shown), (row.header, row.reason, row.values, shown)
