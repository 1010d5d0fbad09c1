"""The framework's level descriptors reach the exports, as the issue asks ("shown where the level is
shown"): a deck slide after the scores, a column on the Excel summary, a line per dimension in the PDF."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from helpers import ROOT, requires
from openpyxl import load_workbook
from pptx import Presentation

from omni.export.deck import build_deck
from omni.export.pdf_report import build_pdf
from omni.export.report import build_report
from omni.level_view import level_lines
from omni.scoring import score
from omni.survey import read_survey


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_deck_says_what_each_level_looks_like_after_the_scores(demo, lang):
    lines = level_lines(demo, lang)
    assert lines and all(line.descriptor for line in lines)
    prs = Presentation(io.BytesIO(build_deck(demo, lang)))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    kicker = {"nl": "Wat het niveau per onderdeel betekent", "en": "What the level means per dimension"}[lang]
    slide = next(s for s in prs.slides if any(sh.has_text_frame and sh.text_frame.text == kicker for sh in s.shapes))
    index = list(prs.slides).index(slide)
    before = [sh.text_frame.text for sh in prs.slides[index - 1].shapes if sh.has_text_frame]
    assert {"nl": "Scores per onderdeel", "en": "Scores by dimension"}[lang] in before  # right after the scores
    low, high = min(line.level for line in lines), max(line.level for line in lines)
    assert f"{low})" in titles[index] and f"{high})" in titles[index]  # the title states the range
    table = next(sh for sh in slide.shapes if sh.has_table).table
    body = {row.cells[0].text: [c.text for c in row.cells] for row in list(table.rows)[1:]}
    for line in lines:
        assert body[line.name][1].startswith(str(line.level))
        assert body[line.name][2] == line.descriptor
        assert body[line.name][3] == (line.next_descriptor or "–")


def test_a_framework_without_descriptors_gets_no_levels_slide(demo):
    import dataclasses

    fw = demo.framework
    bare = dataclasses.replace(fw, dimensions=tuple(dataclasses.replace(d, level_descriptors=())
                                                     for d in fw.dimensions))
    plain = dataclasses.replace(demo, survey=dataclasses.replace(demo.survey, framework=bare))
    prs = Presentation(io.BytesIO(build_deck(plain, "nl")))
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert "Wat het niveau per onderdeel betekent" not in texts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_excel_summary_has_the_descriptor_beside_each_level(demo, lang):
    wb = load_workbook(io.BytesIO(build_report(demo, lang)))
    ws = wb.worksheets[0]
    header_row = next(r for r in ws.iter_rows(values_only=True) if r and "n" in r)
    column = header_row.index({"nl": "Zo ziet het er nu uit", "en": "What it looks like now"}[lang])
    names = {line.name: line.descriptor for line in level_lines(demo, lang)}
    found = {r[0]: r[column] for r in ws.iter_rows(values_only=True) if r and r[0] in names}
    assert found == names


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_names_this_level_and_the_next_per_dimension(demo, lang):
    requires(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=build_pdf(demo, lang), capture_output=True,
                          check=True)
    text = " ".join(done.stdout.decode("utf-8").split())
    for line in level_lines(demo, lang):
        assert " ".join(line.descriptor.split()) in text
        if line.next_descriptor:
            assert " ".join(line.next_descriptor.split()) in text
