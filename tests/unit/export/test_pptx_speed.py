"""python-pptx with compiled XPath and cached tag names (omni.export.pptx_speed) builds the same
decks, byte for byte, as python-pptx as it comes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml import ns, xmlchemy

from omni.export import pptx_speed
from omni.export.deck import DeckOptions, build_deck
from omni.scoring import score
from omni.survey import read_survey

ROOT = Path(__file__).resolve().parents[3]


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part; a chart's embedded workbook as its parts but the one with the time it was written."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name, part in parts.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(part)) as book:
                parts[name] = b"|".join(inner.encode() + b"=" + book.read(inner)
                                        for inner in book.namelist() if inner != "docProps/core.xml")
    return parts


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data" / "samples" / "demo-survey-nl.xlsx"]))


def test_importing_the_deck_installs_it():
    assert pptx_speed.installed()
    assert xmlchemy.BaseOxmlElement.xpath is pptx_speed._xpath  # noqa: SLF001
    assert ns.qn is pptx_speed._qn  # noqa: SLF001


@pytest.mark.parametrize(("lang", "images"), [("nl", False), ("en", True)])
def test_decks_are_byte_identical_with_and_without(demo, lang, images):
    options = DeckOptions(charts_as_images=images, wave="2026")
    fast = build_deck(demo, lang, options)
    pptx_speed.uninstall()
    try:
        assert ns.qn is not pptx_speed._qn  # noqa: SLF001
        plain = build_deck(demo, lang, options)
    finally:
        pptx_speed.install()
    fast_parts, plain_parts = _parts(fast), _parts(plain)
    assert list(fast_parts) == list(plain_parts)
    assert [name for name in fast_parts if fast_parts[name] != plain_parts[name]] == []
    assert len(fast_parts) > 60  # slides, notes, charts: a whole deck was compared
    assert images or any(name.endswith(".xlsx") for name in fast_parts)  # native charts with their data


def test_xpath_answers_as_lxml_does():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    tree = slide.shapes._spTree  # noqa: SLF001
    for expression in ("./*[1]/p:nvPr/p:ph", "//@id", "./p:sp", "//a:t", "count(./p:sp)", "./p:nothing"):
        for element in [tree, *tree.iterchildren()]:
            assert element.xpath(expression) == super(xmlchemy.BaseOxmlElement, element).xpath(
                expression, namespaces=ns._nsmap)  # noqa: SLF001


def test_expressions_beyond_the_bound_are_answered_uncompiled():
    import threading

    prs = Presentation()
    tree = prs.slides.add_slide(prs.slide_layouts[1]).shapes._spTree  # noqa: SLF001
    results, sizes = [], []

    def ask() -> None:  # a thread of its own: a fresh cache
        for i in range(pptx_speed.MAX_EXPRESSIONS + 20):
            results.append(len(tree.xpath(f"./*[position() > {i % 3}]")) + len(tree.xpath(f"./p:sp[{i + 1}]")))
        sizes.append(len(pptx_speed._compiled.cache))  # noqa: SLF001

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    assert sizes == [pptx_speed.MAX_EXPRESSIONS]
    plain = [len(super(xmlchemy.BaseOxmlElement, tree).xpath(f"./*[position() > {i % 3}]", namespaces=ns._nsmap))  # noqa: SLF001
             + len(super(xmlchemy.BaseOxmlElement, tree).xpath(f"./p:sp[{i + 1}]", namespaces=ns._nsmap))  # noqa: SLF001
             for i in range(pptx_speed.MAX_EXPRESSIONS + 20)]
    assert results == plain


def test_a_python_pptx_without_what_is_replaced_is_left_as_it_is(monkeypatch):
    import logging

    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())
    logging.getLogger("omni.export").addHandler(handler)
    pptx_speed.uninstall()
    try:
        monkeypatch.setattr(pptx_speed, "_NSMAP", None)
        pptx_speed.install()
        assert not pptx_speed.installed()
        assert xmlchemy.BaseOxmlElement.xpath is pptx_speed._ORIGINAL_XPATH  # noqa: SLF001
        assert any("left as it is" in message for message in said)
    finally:
        logging.getLogger("omni.export").removeHandler(handler)
        monkeypatch.undo()
        pptx_speed.install()
    assert pptx_speed.installed()
