"""Hostile and broken uploads: each gives a clear, translated message and the process lives on.

Every file is generated here: PDFs, Word and web pages under a spreadsheet's name, empty and
cut-off files, password-protected workbooks (encrypted by msoffcrypto-tool, as Excel does),
zip bombs, XML entity tricks, sheets claiming or holding millions of rows and columns, and the
single cell at XFD1048576 that makes python-calamine abort the whole process.
"""

from __future__ import annotations

import dataclasses
import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
from helpers import ROOT

from omni.demo import demo_respondents
from omni.survey import IntakeLimits, SurveyFile, read_survey
from omni.survey.isolation import pool_for
from omni.template import write_workbook

LIMITS = IntakeLimits()

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook '
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
            f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>{rows}'
            '</sheetData></worksheet>')


def header_and_rows(n: int, start: int = 2) -> str:
    """A small but valid survey sheet: VIS-1 current/target for `n` respondents."""
    head = ('<row r="1"><c r="A1" t="inlineStr"><is><t>VIS-1 Current</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>VIS-1 Target</t></is></c></row>')
    body = "".join(f'<row r="{r}"><c r="A{r}"><v>3</v></c><c r="B{r}"><v>4</v></c></row>'
                   for r in range(start, start + n))
    return head + body


def xlsx_bytes(sheet: str, parts: dict[str, str | bytes] | None = None, workbook: str = WORKBOOK) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        package.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (parts or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors, streams of 4 KB or more, up to 3)."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    fat, body, entries = [fat_sector, end], b"", []
    for name, content in streams.items():
        content = content.ljust(4096, b"\0")
        count = -(-len(content) // 512)
        start = len(fat)
        fat += [start + i + 1 for i in range(count - 1)] + [end]
        entries.append((name, start, len(content)))
        body += content.ljust(count * 512, b"\0")

    def entry(name: str, kind: int, start: int, size: int, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, free, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size)).ljust(128, b"\0")

    directory = entry("Root Entry", 5, end, 0, child=1)
    for i, (name, start, size) in enumerate(entries):
        directory += entry(name, 2, start, size, right=i + 2 if i + 1 < len(entries) else free)
    directory = directory.ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, end, 0, end) + struct.pack("<I", 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *([free] * 108)))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return header[:512].ljust(512, b"\0") + fat_bytes + directory + body


def read_one(name: str, data: bytes, limits: IntakeLimits = LIMITS):
    survey = read_survey([SurveyFile(name, data)], limits=limits)
    assert not survey.ok
    return survey.errors


def only_error(name: str, data: bytes, limits: IntakeLimits = LIMITS):
    errors = read_one(name, data, limits)
    assert len(errors) == 1, [p.describe("en") for p in errors]
    error = errors[0]
    assert error.file == name
    assert error.message("nl") != error.message("en")  # both languages exist
    return error


@pytest.fixture(scope="module")
def good_workbook(framework, tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "team.xlsx"
    write_workbook(path, framework, "en", "respondents", demo_respondents(framework, n=4, seed=1, lang="en"))
    return path.read_bytes()


def assert_healthy(good_workbook: bytes) -> None:
    """The process (and its parser pool) still reads a good workbook afterwards."""
    survey = read_survey([SurveyFile("good.xlsx", good_workbook)])
    assert survey.ok and len(survey.respondents) == 4


# --- not a spreadsheet at all -----------------------------------------------------------------


@pytest.mark.parametrize("name, data, kind", [
    ("enquete.xlsx", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "a PDF document"),
    ("enquete.xlsx", b"<!DOCTYPE html><html><body><table><tr><td>3</td></tr></table></body></html>",
     "a web page (HTML)"),
    ("enquete.xls", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "an image"),
])
def test_other_documents_under_a_spreadsheet_name(name, data, kind, good_workbook):
    error = only_error(name, data)
    assert error.key == "problem.not_a_spreadsheet"
    assert error.message("en") == (f"the file cannot be read as an Excel workbook: it is {kind}; "
                                   "expected .xlsx, .xlsm, .xls, .ods or .csv")
    assert "kan niet als Excel-werkmap worden gelezen" in error.message("nl")


def test_word_documents_renamed_to_xlsx():
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    assert "a Word document" in only_error("verslag.xlsx", docx.getvalue()).message("en")
    doc = compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 100})
    assert "een Word-document" in only_error("verslag.xls", doc).message("nl")


def test_csv_renamed_to_xlsx_is_named_for_what_it_is():
    error = only_error("antwoorden.xlsx", "VIS-1 Huidig;VIS-1 Gewenst\r\n3;4\r\n".encode("cp1252"))
    assert error.key == "problem.text_named_as_workbook"
    assert "named .xlsx but is a text file (CSV?)" in error.message("en")


def test_empty_and_truncated_files(good_workbook):
    assert only_error("leeg.xlsx", b"").key == "problem.empty_file"
    assert only_error("leeg.csv", b"  \r\n ").key == "problem.empty_file"
    for cut in (len(good_workbook) // 2, 100, len(good_workbook) - 30):
        error = only_error("half.xlsx", good_workbook[:cut])
        assert error.key in ("problem.damaged", "problem.damaged_part"), error.describe("en")
        assert "damaged" in error.message("en") and "beschadigd" in error.message("nl")
    broken_xls = compound_file({"Workbook": b"\x09\x08\x10\x00" + b"\0" * 16})[:1000]
    assert only_error("oud.xls", broken_xls).key == "problem.damaged"
    assert_healthy(good_workbook)


# --- password-protected and macro workbooks ---------------------------------------------------


def test_password_protected_workbooks(good_workbook):
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(good_workbook)).encrypt("geheim", encrypted)
    error = only_error("beveiligd.xlsx", encrypted.getvalue())
    assert error.key == "problem.password_protected"
    assert "password-protected" in error.message("en") and "wachtwoord" in error.message("nl")
    # A legacy .xls saved with a password carries a FILEPASS record in its Workbook stream.
    records = struct.pack("<HHHH", 0x0809, 16, 0x0600, 0x0005) + b"\0" * 12
    records += struct.pack("<HH", 0x002F, 6) + b"\x01\0\x01\0\x01\0" + struct.pack("<HH", 0x000A, 0)
    assert only_error("oud.xls", compound_file({"Workbook": records})).key == "problem.password_protected"


# --- zip bombs and decompression bombs -------------------------------------------------------


def test_zip_with_too_many_parts():
    parts = {f"xl/media/image{i}.png": b"x" for i in range(LIMITS.max_zip_members + 5)}
    error = only_error("veel.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2)), parts))
    assert error.key == "problem.limit_zip_members"
    assert f"the limit is {LIMITS.max_zip_members:,}" in error.message("en")
    assert f"de limiet is {LIMITS.max_zip_members:,}".replace(",", ".") in error.message("nl")


def test_zip_bomb_by_compression_ratio(good_workbook):
    bomb = xlsx_bytes(sheet_xml(header_and_rows(2)), {"xl/media/image1.bin": b"\0" * (40 * 2**20)})
    assert len(bomb) < 200_000
    error = only_error("bom.xlsx", bomb)
    assert error.key == "problem.limit_ratio" and "xl/media/image1.bin" in error.message("en")
    assert "the limit is 100 times" in error.message("en") and "zip-bom" in error.message("nl")
    assert_healthy(good_workbook)


def test_zip_bomb_by_declared_size():
    package = bytearray(xlsx_bytes(sheet_xml(header_and_rows(2))))
    # Declare 4 GB for the sheet in the central directory, as a bomb does.
    at = package.rfind(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", package, at + 28)[0]
        if package[at + 46:at + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", package, at + 24, 0xFFFFFFF0)
        at = package.rfind(b"PK\x01\x02", 0, at)
    error = only_error("groot.xlsx", bytes(package))
    assert error.key in ("problem.limit_uncompressed", "problem.limit_ratio")
    assert "MB" in error.message("en") or "times" in error.message("en")


def test_decompression_bomb_that_lies_about_its_size(good_workbook):
    """The sheet declares a small size but unpacks to 60 MB: caught by counting real bytes."""
    rows = '<row r="2"><c r="A2"><v>3</v></c></row>' * (60 * 2**20 // 40)
    package = bytearray(xlsx_bytes(sheet_xml(header_and_rows(1) + rows)))
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = package.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            name_len = struct.unpack_from("<H", package, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            if package[name_at:name_at + name_len] == b"xl/worksheets/sheet1.xml":
                struct.pack_into("<I", package, at + size_at, 5000)
            at = package.find(signature, at + 4)
    error = only_error("liegt.xlsx", bytes(package))
    assert error.key in ("problem.limit_ratio", "problem.damaged_part", "problem.limit_uncompressed")
    assert_healthy(good_workbook)


# --- XML entity tricks -----------------------------------------------------------------------


def test_billion_laughs_and_external_entities_are_refused(good_workbook):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
                        for i in range(10))
              + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
              '<si><t>&lol9;</t></si></sst>')
    error = only_error("lachen.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2)), {"xl/sharedStrings.xml": laughs}))
    assert error.key == "problem.xml_dtd" and "xl/sharedStrings.xml" in error.message("en")
    external = WORKBOOK.replace('<?xml version="1.0" encoding="UTF-8"?>',
                                '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    external = external.replace('name="Data"', 'name="&x;"')
    error = only_error("extern.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2)), workbook=external))
    assert error.key == "problem.xml_dtd" and "documenttypedefinitie" in error.message("nl")
    assert_healthy(good_workbook)


# --- millions of rows and columns ------------------------------------------------------------


def test_sheet_claiming_millions_of_rows_and_columns():
    error = only_error("claim.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2), dimension="A1:XFD1048576")))
    assert error.key == "problem.limit_claimed" and error.sheet == "Data"
    assert error.message("en") == ("the sheet claims to span A1:XFD1048576 (1,048,576 rows × 16,384 columns); "
                                   "the limit is 100,000 rows × 1,000 columns")


@pytest.mark.parametrize("cell", ["XFD1048576", "A1048576", "XFD2"])
def test_a_single_cell_at_the_end_of_the_grid(cell, good_workbook):
    """python-calamine aborts the process on this one; it must never get to see it."""
    row = int("".join(ch for ch in cell if ch.isdigit()))
    data = xlsx_bytes(sheet_xml(header_and_rows(2) + f'<row r="{row}"><c r="{cell}"><v>1</v></c></row>'))
    error = only_error("einde.xlsx", data)
    assert error.key in ("problem.limit_rows", "problem.limit_columns")
    assert (error.sheet, error.cell) == ("Data", cell)
    assert_healthy(good_workbook)


def test_a_cell_hidden_out_of_order_kills_only_a_worker(good_workbook):
    """Cells out of order slip past the quick scan; the parser process dies (python-calamine
    aborts), the server does not, and a second, exact scan names the limit."""
    pool = pool_for(LIMITS)
    before = pool.restarts
    rows = header_and_rows(2) + '<row r="4"><c r="XFD1048576"><v>1</v></c><c r="A4"><v>1</v></c></row>'
    error = only_error("verstopt.xlsx", xlsx_bytes(sheet_xml(rows)))
    assert error.key in ("problem.limit_rows", "problem.limit_columns", "problem.limit_memory")
    assert error.cell == "XFD1048576" or error.key == "problem.limit_memory"
    assert pool.restarts > before
    assert_healthy(good_workbook)


def test_rows_and_columns_beyond_the_limits():
    many_rows = '<row r="150000"><c r="A150000"><v>1</v></c></row>'
    error = only_error("rijen.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2) + many_rows)))
    assert error.key == "problem.limit_rows" and "the limit is 100,000 rows" in error.message("en")
    wide = '<row r="3"><c r="A3"><v>3</v></c><c r="ZZ3"><v>1</v></c></row>'
    small = dataclasses.replace(LIMITS, max_columns=100)
    error = only_error("breed.xlsx", xlsx_bytes(sheet_xml(header_and_rows(1) + wide)), small)
    assert (error.key, error.cell) == ("problem.limit_columns", "ZZ3")
    cells = dataclasses.replace(LIMITS, max_cells=50)
    error = only_error("cellen.xlsx", xlsx_bytes(sheet_xml(header_and_rows(40))), cells)
    assert error.key == "problem.limit_cells" and "41 rows × 2 columns = 82 cells" in error.message("en")


# --- memory and time limits of the parser process --------------------------------------------


def big_sheet(respondents: int) -> bytes:
    return xlsx_bytes(sheet_xml(header_and_rows(respondents)))


def test_memory_limit_of_the_parser(good_workbook):
    tight = dataclasses.replace(LIMITS, parse_memory_mb=24, workers=1)
    error = only_error("zwaar.xlsx", big_sheet(400_000 // 2), dataclasses.replace(tight, max_rows=1_000_000))
    assert error.key == "problem.limit_memory"
    assert "more than 24 MB of memory" in error.message("en") and "geheugenlimiet" in error.message("nl")
    assert_healthy(good_workbook)


def test_time_limit_of_the_parser(good_workbook):
    hurried = dataclasses.replace(LIMITS, parse_seconds=0.05, workers=1)
    error = only_error("traag.xlsx", big_sheet(60_000), hurried)
    assert error.key == "problem.limit_time"
    assert error.message("en").startswith("reading this file took longer than 0.05 seconds")
    assert pool_for(hurried).restarts >= 1
    assert_healthy(good_workbook)


def test_upload_size_and_count_limits(good_workbook):
    small = dataclasses.replace(LIMITS, max_file_mb=0.01)
    error = only_error("groot.xlsx", good_workbook, small)
    assert error.key == "problem.limit_file_size" and "the limit is 0.01 MB" in error.message("en")
    assert "de limiet is 0,01 MB" in error.message("nl")
    few = dataclasses.replace(LIMITS, max_files=2)
    files = [SurveyFile(f"f{i}.xlsx", good_workbook + bytes(i)) for i in range(3)]
    survey = read_survey(files, limits=few)
    assert "problem.limit_files" in [p.key for p in survey.errors]


def test_limits_come_from_the_environment():
    limits = IntakeLimits.from_env({"OMNI_INTAKE_MAX_ROWS": "500", "OMNI_INTAKE_PARSE_SECONDS": "2.5",
                                    "OMNI_INTAKE_ISOLATE": "yes"})
    assert (limits.max_rows, limits.parse_seconds, limits.isolate) == (500, 2.5, True)
    with pytest.raises(ValueError, match="OMNI_INTAKE_MAX_ROWS"):
        IntakeLimits.from_env({"OMNI_INTAKE_MAX_ROWS": "many"})


# --- the command line: exit status 2, every problem, no traceback ----------------------------


def test_cli_reports_hostile_files_with_exit_status_2(tmp_path, good_workbook):
    files = {
        "leeg.xlsx": b"",
        "rapport.xlsx": b"%PDF-1.4 hello",
        "einde.xlsx": xlsx_bytes(sheet_xml(header_and_rows(2) + '<row r="1048576"><c r="XFD1048576"><v>1</v>'
                                           "</c></row>")),
        "bom.xlsx": xlsx_bytes(sheet_xml(header_and_rows(2)), {"xl/media/x.bin": b"\0" * (8 * 2**20)}),
        "team.xlsx": good_workbook,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    env = {**os.environ, "OMNI_INTAKE_MAX_ROWS": "50000"}
    result = subprocess.run([sys.executable, "-m", "omni", "score", *(str(tmp_path / n) for n in files),
                             "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    for expected in ("leeg.xlsx: the file is empty", "rapport.xlsx: the file cannot be read as an Excel workbook",
                     "einde.xlsx: Data!XFD1048576: there is content in row 1,048,576; the limit is 50,000 rows",
                     "bom.xlsx: part 'xl/media/x.bin' grows"):
        assert expected in result.stderr, result.stderr
    assert zlib.crc32(good_workbook)  # the good file was read alongside without trouble
