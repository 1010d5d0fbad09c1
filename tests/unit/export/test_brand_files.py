"""Corporate templates and logos: hostile files refused with a translated message naming the file
and the limit, opened only in the bounded parser worker, and external links taken out of a template.

Every file is generated here: templates saved by python-pptx (as PowerPoint writes them: linked
pictures as `a:blip r:link` with an external image relationship, hyperlinks as `a:hlinkClick`),
then turned into zip bombs, packages with too many parts or lying sizes, parts with a DTD; and a
169-megapixel PNG that is half a megabyte on disk.
"""

from __future__ import annotations

import dataclasses
import io
import random
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from helpers import run_cli
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Inches

from omni.export.brand import (
    DEFAULT_LOGO_MAX_PIXELS,
    brand_limits,
    check_logo,
    check_template,
    logo_max_pixels,
    memory_mb,
)
from omni.export.deck import DeckOptions, build_deck
from omni.scoring import score
from omni.survey import IntakeLimits, read_survey
from omni.survey.isolation import pool_for
from omni.template import template_bytes as survey_template

LIMITS = IntakeLimits()
ROOT = Path(__file__).resolve().parents[3]
TRACKER = "http://tracker.example/pixel.png"


@pytest.fixture(scope="module")
def demo_assessment():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


def template_bytes(*, example_slide: bool = True, external: bool = False) -> bytes:
    """A corporate template saved by python-pptx: 16:9, an example slide, optionally a layout with a
    picture linked to a web address and a hyperlink on the master (what makes PowerPoint fetch)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    if example_slide:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Voorbeeldslide"
        run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
        run.hyperlink.address = "https://example.com/voorbeeld"
    if external:
        layout = prs.slide_layouts[5]
        r_id = layout.part.relate_to(TRACKER, RT.IMAGE, is_external=True)
        pic = CT_Picture.new_pic(99, "Linked logo", "", r_id, Inches(1), Inches(1), Inches(1), Inches(1))
        blip = pic.xpath(".//a:blip")[0]
        blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link",
                 blip.attrib.pop("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"))
        layout.shapes._spTree.append(pic)  # noqa: SLF001 - python-pptx adds no pictures to layouts
        master = prs.slide_master
        title = next(ph for ph in master.placeholders if ph.placeholder_format.type == 1)
        title.text_frame.text = "Titel"
        title.text_frame.paragraphs[0].runs[0].hyperlink.address = "https://tracker.example/master"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def repack(data: bytes, extra: dict[str, bytes | str] | None = None, replace: dict[str, bytes | str] | None = None,
           compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item.filename)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def lie_about_size(data: bytes, part: str, declared: int = 5000) -> bytes:
    """Write a small unpacked size for `part` in both the local header and the central directory."""
    package = bytearray(data)
    for signature, size_at, len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = package.find(signature)
        while at >= 0:
            name_len = struct.unpack_from("<H", package, at + len_at)[0]
            if package[at + name_at:at + name_at + name_len] == part.encode():
                struct.pack_into("<I", package, at + size_at, declared)
            at = package.find(signature, at + 4)
    return bytes(package)


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (31, 78, 121)).save(out, "PNG")
    return out.getvalue()


def only_problem(checked):
    assert not checked.ok and checked.data is None
    assert len(checked.problems) == 1, checked.message("en")
    problem = checked.problems[0]
    assert problem.file == checked.name and checked.name in checked.message("nl")
    assert problem.message("nl") != problem.message("en")
    assert "Traceback" not in checked.message("en")
    return problem


def with_peak(call):
    """`call()` and the most memory this process's Python allocations held meanwhile (tracemalloc)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def assert_pool_healthy() -> None:
    good = check_template("goed.pptx", template_bytes())
    assert good.ok, good.message("en")


# --- good files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pptx", "potx"])
def test_a_good_template_comes_back_clean_without_its_slides(demo_assessment, kind):
    data = template_bytes()
    if kind == "potx":
        data = repack(data, replace={"[Content_Types].xml": zipfile.ZipFile(io.BytesIO(data)).read(
            "[Content_Types].xml").replace(b"presentation.main+xml", b"template.main+xml")})
    checked = check_template(f"huisstijl.{kind}", data)
    assert checked.ok and checked.problems == () and checked.removed_links == 0
    prs = Presentation(io.BytesIO(checked.data))
    assert len(prs.slides) == 0 and prs.slide_width == Inches(13.333)
    deck = Presentation(io.BytesIO(build_deck(demo_assessment, "nl", DeckOptions(
        template=checked.data, template_name=f"huisstijl.{kind}", parts=("title", "summary")))))
    assert len(deck.slides) == 2


def test_a_good_logo_is_kept_as_it_is():
    data = png(400, 120)
    checked = check_logo("logo.png", data)
    assert checked.ok and checked.data == data
    jpeg = io.BytesIO()
    Image.new("RGB", (4096, 4096)).save(jpeg, "JPEG")
    assert check_logo("logo.jpg", jpeg.getvalue()).ok  # exactly at the limit


# --- external relationships -------------------------------------------------------------------------


def test_external_relationships_are_removed_from_a_template(demo_assessment):
    data = template_bytes(external=True)
    before = zipfile.ZipFile(io.BytesIO(data))
    assert sum(before.read(n).count(b'TargetMode="External"') for n in before.namelist() if n.endswith(".rels")) == 3
    checked = check_template("huisstijl.pptx", data)
    assert checked.ok, checked.message("en")
    assert checked.removed_links == 2  # the linked picture and the master's hyperlink; the slide's went with it
    after = zipfile.ZipFile(io.BytesIO(checked.data))
    for name in after.namelist():
        content = after.read(name)
        assert b'TargetMode="External"' not in content, name
        assert b"tracker.example" not in content and b"example.com" not in content, name
        if name.endswith(".xml"):
            assert b"r:link=" not in content, name
    prs = Presentation(io.BytesIO(checked.data))
    layout = prs.slide_layouts[5]
    assert any(s.name == "Linked logo" for s in layout.shapes)  # the shape stays, without its link
    assert all(not r.is_external for part in prs.part.package.iter_parts() for r in part.rels.values())
    deck = build_deck(demo_assessment, "en", DeckOptions(template=checked.data, template_name="huisstijl.pptx",
                                                         parts=("title", "radar")))
    built = zipfile.ZipFile(io.BytesIO(deck))
    assert not any(b'TargetMode="External"' in built.read(n) for n in built.namelist() if n.endswith(".rels"))


# --- hostile templates -------------------------------------------------------------------------------


def test_zip_bomb_template_is_refused_by_its_headers():
    bomb = repack(template_bytes(), {"ppt/media/image9.png": b"\0" * (60 * 2**20)})
    assert len(bomb) < 200_000
    problem = only_problem(check_template("bom.pptx", bomb))
    assert problem.key == "problem.limit_ratio" and "ppt/media/image9.png" in problem.message("en")
    assert "the limit is 100 times" in problem.message("en") and "zip-bom" in problem.message("nl")


def test_template_with_too_many_parts():
    many = repack(template_bytes(), {f"ppt/media/x{i}.bin": b"x" for i in range(LIMITS.max_zip_members)})
    problem = only_problem(check_template("veel.pptx", many))
    assert problem.key == "brand.limit_zip_members"
    assert "the template consists of" in problem.message("en") and "het sjabloon bestaat uit" in problem.message("nl")
    assert f"{LIMITS.max_zip_members:,}".replace(",", ".") in problem.message("nl")


def test_template_lying_about_its_sizes_is_caught_in_the_worker_and_the_caller_does_not_grow():
    """A layout part declares 5,000 bytes (so its headers pass) but unpacks to 100 MB: the worker
    counts what it produces and refuses it. The caller never unpacks anything."""
    prs = zipfile.ZipFile(io.BytesIO(template_bytes()))
    layout = prs.read("ppt/slideLayouts/slideLayout1.xml").replace(
        b"</p:cSld>", b"<!-- " + b"a" * (100 * 2**20) + b" --></p:cSld>")
    liar = lie_about_size(repack(template_bytes(), replace={"ppt/slideLayouts/slideLayout1.xml": layout}),
                          "ppt/slideLayouts/slideLayout1.xml")
    del layout
    assert len(liar) < 2**20
    checked, peak = with_peak(lambda: check_template("liegt.pptx", liar))
    problem = only_problem(checked)
    assert problem.key == "brand.damaged_part" and "ppt/slideLayouts/slideLayout1.xml" in problem.message("en")
    assert "van het sjabloon is beschadigd" in problem.message("nl")
    # The caller held the file and pickled it once for the worker: a few times its size, never 100 MB.
    assert peak < 3 * len(liar) + 5 * 2**20, (peak, len(liar))
    assert_pool_healthy()


def test_template_above_the_unpacked_limit_counted_in_the_worker():
    """Honest headers under the limit, but the unpacked parts together are over it: refused by what
    the worker really unpacks (a part's sizes declared as 1 byte each, so the sum looks small)."""
    parts = {f"ppt/media/image{i}.bin": bytes(random.Random(i).randbytes(2**20)) for i in range(12)}
    data = repack(template_bytes(), parts, compression=zipfile.ZIP_STORED)
    for name in parts:
        data = lie_about_size(data, name, declared=2**20 // 4)
    tight = dataclasses.replace(LIMITS, max_uncompressed_mb=8.0)
    problem = only_problem(check_template("groot.pptx", data, tight))
    assert problem.key in ("brand.limit_uncompressed", "brand.damaged_part"), problem.key


def test_template_with_a_dtd_entity_in_a_part():
    laughs = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
                        for i in range(10))
              + ']><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="&lol9;"/>')
    hostile = repack(template_bytes(), replace={"ppt/theme/theme1.xml": laughs})
    problem = only_problem(check_template("lachen.pptx", hostile))
    assert problem.key == "brand.xml_dtd" and "ppt/theme/theme1.xml" in problem.message("en")
    assert "DTD" in problem.message("nl") and "presentaties" in problem.message("nl")
    # The same in UTF-16, where a byte search for '<!DOCTYPE' finds nothing.
    wide = repack(template_bytes(), replace={"ppt/theme/theme1.xml": laughs.replace("UTF-8", "UTF-16").encode("utf-16")})
    assert only_problem(check_template("breed.pptx", wide)).key == "brand.xml_dtd"


def test_template_that_needs_too_much_memory_is_refused_by_the_worker():
    """A layout with a million small elements (ratio ~4, within every size limit) costs python-pptx
    far more than its bytes: the worker hits its address-space limit and is replaced; the caller
    gets the limit's message and never opened the file."""
    rng = random.Random(3)
    elements = "".join(f'<x:e v="{rng.getrandbits(40):x}"/>' for _ in range(1_000_000))
    prs = zipfile.ZipFile(io.BytesIO(template_bytes()))
    layout = prs.read("ppt/slideLayouts/slideLayout2.xml").replace(
        b"</p:cSld>", f'<x:pile xmlns:x="urn:x">{elements}</x:pile></p:cSld>'.encode())
    heavy = repack(template_bytes(), replace={"ppt/slideLayouts/slideLayout2.xml": layout})
    pool = pool_for(brand_limits(LIMITS))  # templates: the survey limits, with 256 MB of memory
    restarts = pool.restarts
    checked, peak = with_peak(lambda: check_template("zwaar.pptx", heavy))
    problem = only_problem(checked)
    assert problem.key == "problem.limit_memory" and "more than 256 MB of memory" in problem.message("en")
    assert pool.restarts == restarts + 1  # the worker that ran out was replaced
    assert peak < 3 * len(heavy) + 5 * 2**20
    assert check_template("goed.pptx", template_bytes()).ok  # the next file gets a fresh worker
    # A tighter survey limit is also the template's.
    tight = dataclasses.replace(LIMITS, parse_memory_mb=100)
    assert "more than 100 MB" in only_problem(check_template("zwaar.pptx", heavy, tight)).message("en")


def test_memory_limit_from_the_environment():
    assert memory_mb({}) == 256 and memory_mb({"OMNI_TEMPLATE_MEMORY_MB": "512"}) == 512
    with pytest.raises(ValueError, match="OMNI_TEMPLATE_MEMORY_MB"):
        memory_mb({"OMNI_TEMPLATE_MEMORY_MB": "0"})
    assert brand_limits(dataclasses.replace(LIMITS, parse_memory_mb=64)).parse_memory_mb == 64


@pytest.mark.parametrize("name, data, expected", [
    ("rapport.pptx", b"%PDF-1.7\n%%EOF", "it is a PDF document"),
    ("team.pptx", None, "it is an Excel workbook"),
    ("half.pptx", "half", "damaged"),
    ("huisstijl.key", b"PK\x03\x04", "not .key"),
])
def test_files_that_are_not_templates(name, data, expected, framework):
    if data is None:
        data = survey_template(framework, "en", "respondent")
    elif data == "half":
        full = template_bytes()
        data = full[:len(full) // 2]
    assert expected in only_problem(check_template(name, data)).message("en")


# --- logos ---------------------------------------------------------------------------------------------


def test_a_169_megapixel_logo_that_is_small_on_disk_is_refused():
    data = png(13_000, 13_000)
    assert len(data) < 1_000_000
    checked, peak = with_peak(lambda: check_logo("logo.png", data))
    problem = only_problem(checked)
    assert problem.key == "brand.logo_too_large"
    assert problem.describe("en").startswith("logo.png: the logo is 13,000 × 13,000 pixels (169 megapixels); "
                                             "the limit is 16.8 megapixels")
    assert "13.000 × 13.000 pixels (169 megapixel); de limiet is 16,8 megapixel" in problem.message("nl")
    assert peak < 5 * 2**20  # decoding 169 MP would take ~500 MB; nothing was decoded here


def test_logo_limits_and_broken_images(monkeypatch):
    assert logo_max_pixels({}) == DEFAULT_LOGO_MAX_PIXELS == 4096 * 4096
    assert logo_max_pixels({"OMNI_LOGO_MAX_PIXELS": "1000000"}) == 1_000_000
    with pytest.raises(ValueError, match="OMNI_LOGO_MAX_PIXELS"):
        logo_max_pixels({"OMNI_LOGO_MAX_PIXELS": "veel"})
    monkeypatch.setenv("OMNI_LOGO_MAX_PIXELS", "10000")
    assert only_problem(check_logo("logo.png", png(101, 100))).key == "brand.logo_too_large"
    assert check_logo("logo.png", png(100, 100)).ok
    monkeypatch.delenv("OMNI_LOGO_MAX_PIXELS")
    good = png(300, 100)
    assert "cannot be read as a PNG or JPEG" in only_problem(check_logo("kapot.png", good[:200])).message("en")
    assert "cannot be read as a PNG or JPEG" in only_problem(check_logo("logo.png", b"%PDF-1.7")).message("en")
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    assert only_problem(check_logo("logo.gif", gif.getvalue())).key == "brand.logo_extension"
    assert only_problem(check_logo("logo.png", gif.getvalue())).key == "brand.logo_not_an_image"


def test_cli_checks_template_and_logo(tmp_path):
    (tmp_path / "logo.png").write_bytes(png(13_000, 13_000))
    (tmp_path / "huisstijl.pptx").write_bytes(template_bytes(external=True))
    base = ["export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
            "--pptx", str(tmp_path / "deck.pptx"), "--no-store", "--lang", "en"]
    bad = run_cli(*base, "--logo", str(tmp_path / "logo.png"))
    assert bad.returncode == 2 and "logo.png: the logo is 13,000 × 13,000 pixels" in bad.stderr
    assert "Traceback" not in bad.stderr
    good = run_cli(*base, "--template", str(tmp_path / "huisstijl.pptx"))
    assert good.returncode == 0, good.stderr
    assert "2 external link(s) removed from the template 'huisstijl.pptx'" in good.stdout
    deck = zipfile.ZipFile(tmp_path / "deck.pptx")
    assert not any(b"tracker.example" in deck.read(n) for n in deck.namelist())
