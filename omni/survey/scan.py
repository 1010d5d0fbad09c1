"""Checks on the unpacked content of a workbook, run in the parser process before the parser.

`omni.survey.preflight` trusted what a zip package declares; here the parts are really
unpacked (in bounded chunks), so a package that lies about its sizes is caught by what it
produces. The scan also finds what the parser must not be given or must not be trusted with:
XML document type definitions (entity tricks), cells beyond the row/column limits (a single
cell at XFD1048576 makes python-calamine allocate the whole grid and abort the process), and
cells holding formulas (whose cached value is never taken as an answer).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from omni.survey.cfb import CompoundFile, CompoundFileError
from omni.survey.limits import IntakeLimits
from omni.survey.problems import ERROR, Problem, cell_ref, column_letter

_CHUNK = 1 << 20
_RATIO_FLOOR = 2**20
_MB = 2**20
_MAX_ROW_BYTES = 16 * _MB  # one worksheet row larger than this is not a survey


class ScanRefused(Exception):
    """The content breaks a limit or a rule; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.key)
        self.problem = problem


@dataclass
class ScanResult:
    """What the parser may rely on: where formulas are, per sheet (0-based row, column)."""

    formulas: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    hidden_sheets: set[str] = field(default_factory=set)


def column_index(letters: str) -> int:
    """Excel column letters to a 0-based index: A -> 0, XFD -> 16383."""
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _mb(n: float) -> float:
    return round(n / _MB, 1)


class _Extent:
    """Tracks the used area of one sheet and refuses it as soon as it breaks a limit."""

    def __init__(self, file: str, sheet: str, limits: IntakeLimits) -> None:
        self.file, self.sheet, self.limits = file, sheet, limits
        self.rows = 0  # 1-based last row
        self.cols = 0  # 1-based last column

    def refuse(self, key: str, cell: str = "", **params: object) -> ScanRefused:
        return ScanRefused(Problem.make(ERROR, key, file=self.file, sheet=self.sheet, cell=cell, **params))

    def see(self, row: int, col: int) -> None:
        """A cell with content at 0-based row/col."""
        limits = self.limits
        if row >= limits.max_rows:
            raise self.refuse("problem.limit_rows", cell=cell_ref(row, col), row=row + 1,
                              limit=limits.max_rows)
        if col >= limits.max_columns:
            raise self.refuse("problem.limit_columns", cell=cell_ref(row, col), column=column_letter(col),
                              limit=limits.max_columns)
        self.rows = max(self.rows, row + 1)
        self.cols = max(self.cols, col + 1)

    def check_cells(self) -> None:
        if self.rows * self.cols > self.limits.max_cells:
            raise self.refuse("problem.limit_cells", rows=self.rows, columns=self.cols,
                              cells=self.rows * self.cols, limit=self.limits.max_cells)

    def check_claim(self, rows: int, cols: int, ref: str) -> None:
        limits = self.limits
        if rows > limits.max_rows or cols > limits.max_columns:
            raise self.refuse("problem.limit_claimed", ref=ref, rows=rows, columns=cols,
                              max_rows=limits.max_rows, max_columns=limits.max_columns)


class _Budget:
    """Counts the bytes really unpacked, against the total and per-part limits."""

    def __init__(self, file: str, limits: IntakeLimits) -> None:
        self.file, self.limits, self.total = file, limits, 0

    def read_parts(self, package: zipfile.ZipFile, info: zipfile.ZipInfo):
        """Yield the unpacked chunks of one part, refusing it when a limit is passed."""
        produced = 0
        try:
            with package.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    produced += len(chunk)
                    self.total += len(chunk)
                    if self.total > self.limits.max_uncompressed_bytes:
                        raise ScanRefused(Problem.make(
                            ERROR, "problem.limit_uncompressed", file=self.file,
                            size=_mb(self.total),
                            limit=_mb(self.limits.max_uncompressed_bytes)))
                    ratio = produced / max(info.compress_size, 1)
                    if produced > _RATIO_FLOOR and ratio > self.limits.max_compression_ratio:
                        raise ScanRefused(Problem.make(
                            ERROR, "problem.limit_ratio", file=self.file, part=info.filename,
                            ratio=round(ratio), limit=round(self.limits.max_compression_ratio)))
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
                RuntimeError) as exc:
            raise ScanRefused(Problem.make(ERROR, "problem.damaged_part", file=self.file,
                                           part=info.filename)) from exc


# --- XML rules ----------------------------------------------------------------------------------

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_xml_chunk(file: str, part: str, chunk: bytes) -> None:
    if _DTD.search(chunk):
        raise ScanRefused(Problem.make(ERROR, "problem.xml_dtd", file=file, part=part))


_XML_PARTS = (".xml", ".rels", ".vml")
# The first four bytes of XML in a wide encoding (with or without a byte-order mark) -> codec.
_WIDE_XML = {b"\xff\xfe<\x00": "utf-16", b"\xfe\xff\x00<": "utf-16", b"<\x00?\x00": "utf-16-le",
             b"\x00<\x00?": "utf-16-be", b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32",
             b"<\x00\x00\x00": "utf-32-le", b"\x00\x00\x00<": "utf-32-be"}


def unpack_package(file: str, data: bytes, limits: IntakeLimits) -> dict[str, bytes]:
    """Every part of a zip package, really unpacked within the limits (a package lying about its
    sizes is caught by what it produces), with every XML part checked for a DTD. For packages that
    are opened whole afterwards (a corporate template); raises ScanRefused."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ScanRefused(Problem.make(ERROR, "problem.damaged", file=file)) from exc
    if len(members) > limits.max_zip_members:
        raise ScanRefused(Problem.make(ERROR, "problem.limit_zip_members", file=file, count=len(members),
                                       limit=limits.max_zip_members))
    budget = _Budget(file, limits)
    parts: dict[str, bytes] = {}
    for info in members:
        if info.is_dir():
            continue
        chunks, tail = [], b""
        xml = info.filename.lower().endswith(_XML_PARTS) or info.filename == "[Content_Types].xml"
        for chunk in budget.read_parts(package, info):
            if xml:
                _check_xml_chunk(file, info.filename, tail + chunk)
                tail = chunk[-16:]
            chunks.append(chunk)
        content = parts[info.filename] = b"".join(chunks)
        if xml and content[:4] in _WIDE_XML:  # UTF-16/32 XML hides '<!DOCTYPE' from a byte search
            _check_xml_chunk(file, info.filename, content.decode(_WIDE_XML[content[:4]], "replace").encode())
    return parts


# --- .xlsx --------------------------------------------------------------------------------------

_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,4})([0-9]{1,8})(?::([A-Z]{1,4})([0-9]{1,8}))?"')
_ROW_AT = re.compile(rb'<row\b[^>]*?\sr="([0-9]+)"')
_FORMULA = re.compile(rb"<f[\s>/]")
_CELL_START = b'<c r="'
_REF = re.compile(rb'([A-Z]{1,4})([0-9]{1,8})"')


def _workbook_sheets(package: zipfile.ZipFile, budget: _Budget) -> tuple[dict[str, str], set[str]]:
    """Worksheet part path -> sheet name, and the names of hidden sheets."""
    import defusedxml.ElementTree as SafeET

    def read(name: str) -> bytes:
        try:
            info = package.getinfo(name)
        except KeyError:
            return b""
        data = b"".join(budget.read_parts(package, info))
        _check_xml_chunk(budget.file, name, data)
        return data

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        workbook = SafeET.fromstring(read("xl/workbook.xml"))
        rels_data = read("xl/_rels/workbook.xml.rels")
        rels = SafeET.fromstring(rels_data) if rels_data else None
    except ScanRefused:
        raise
    except Exception as exc:  # defusedxml and expat raise several types for broken XML
        raise ScanRefused(Problem.make(ERROR, "problem.damaged_part", file=budget.file,
                                       part="xl/workbook.xml")) from exc
    targets = {}
    if rels is not None:
        for rel in rels:
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id")] = target
    paths, hidden = {}, set()
    for sheet in workbook.iter(ns_main + "sheet"):
        name = sheet.get("name", "")
        path = targets.get(sheet.get(ns_rel + "id"))
        if path:
            paths[path] = name
        if sheet.get("state") in ("hidden", "veryHidden"):
            hidden.add(name)
    return paths, hidden


def scan_xlsx(file: str, data: bytes, limits: IntakeLimits, exact: bool = False) -> ScanResult:
    """Unpack every part within the limits; check XML, the sheets' extent, and find formulas.

    The quick scan places every row and the last cell of every row (Excel, LibreOffice and
    other writers put cells in order); `exact` places every cell as a parser would, and is used
    to name the limit a file broke when it made a parser process fail.
    """
    package = zipfile.ZipFile(io.BytesIO(data))
    budget = _Budget(file, limits)
    sheet_paths, hidden = _workbook_sheets(package, budget)
    result = ScanResult(hidden_sheets=hidden)
    for info in package.infolist():
        part = info.filename
        if part in sheet_paths:
            sheet = sheet_paths[part]
            extent = _Extent(file, sheet, limits)
            scanner = _scan_sheet_exactly if exact else _scan_sheet
            formulas = scanner(package, info, budget, extent)
            extent.check_cells()
            if formulas:
                result.formulas[sheet] = formulas
        elif part.lower().endswith((".xml", ".rels", ".vml")):
            tail = b""
            for chunk in budget.read_parts(package, info):
                _check_xml_chunk(file, part, tail + chunk)
                tail = chunk[-16:]
        else:
            for _ in budget.read_parts(package, info):
                pass
    return result


def _scan_sheet(package: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget,
                extent: _Extent) -> set[tuple[int, int]]:
    formulas: set[tuple[int, int]] = set()
    carry, first = b"", True
    for chunk in budget.read_parts(package, info):
        data = carry + chunk
        if first:
            _check_head(data, extent, info.filename)
            first = False
        last = data.rfind(b"</row>")
        if last < 0:
            if len(data) > _MAX_ROW_BYTES:
                raise extent.refuse("problem.limit_columns", column="?", limit=extent.limits.max_columns)
            carry = data
            continue
        cut = last + len(b"</row>")
        _segment(data[:cut], extent, formulas)
        carry = data[cut:]
    if carry:
        _segment(carry, extent, formulas)
    return formulas


def _check_head(head: bytes, extent: _Extent, part: str) -> None:
    """The prolog may not hold a DTD; the claimed dimension must be within the limits."""
    _check_xml_chunk(extent.file, part, head[:4096])
    match = _DIMENSION.search(head[:8192])
    if not match:
        return
    c1, r1, c2, r2 = match.groups()
    c2, r2 = c2 or c1, r2 or r1
    rows = int(r2) - int(r1) + 1
    cols = column_index(c2.decode()) - column_index(c1.decode()) + 1
    extent.check_claim(rows, cols, match.group(0)[len(b'<dimension ref="'):-1].decode())


def _segment(segment: bytes, extent: _Extent, formulas: set[tuple[int, int]]) -> None:
    """Whole rows: each row's last (rightmost) cell, or its number; the cells holding formulas."""
    find, rfind, ref_at = segment.find, segment.rfind, _REF.match
    position = 0
    while (end := find(b"</row>", position)) >= 0:
        cell = rfind(_CELL_START, position, end)
        ref = ref_at(segment, cell + 6) if cell >= 0 else None
        if ref is not None:
            extent.see(int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
        elif (row := _ROW_AT.search(segment, position, end)) is not None:
            extent.see(int(row.group(1)) - 1, 0)
        position = end + 6
    if find(b"<f", 0) >= 0:
        for match in _FORMULA.finditer(segment):
            cell = rfind(_CELL_START, 0, match.start())
            ref = ref_at(segment, cell + 6) if cell >= 0 else None
            if ref is not None:
                formulas.add((int(ref.group(2)) - 1, column_index(ref.group(1).decode())))


def _scan_sheet_exactly(package: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget,
                        extent: _Extent) -> set[tuple[int, int]]:
    """Place every cell as a parser would (references optional), for sheets the quick scan can't."""
    formulas: set[tuple[int, int]] = set()
    state = {"row": -1, "col": -1}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "row":
            state["row"] = int(attrs["r"]) - 1 if attrs.get("r", "").isdigit() else state["row"] + 1
            state["col"] = -1
        elif local == "c":
            ref = _REF.match((attrs.get("r", "") + '"').encode())
            if ref:
                state["row"] = int(ref.group(2)) - 1
                state["col"] = column_index(ref.group(1).decode())
            else:
                state["col"] += 1
            extent.see(max(state["row"], 0), max(state["col"], 0))
        elif local == "f":
            formulas.add((max(state["row"], 0), max(state["col"], 0)))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.buffer_text = True
    try:
        for chunk in budget.read_parts(package, info):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ScanRefused(Problem.make(ERROR, "problem.damaged_part", file=extent.file,
                                       part=info.filename)) from exc
    return formulas


# --- .ods ---------------------------------------------------------------------------------------

_ODS_TOKEN = re.compile(
    rb"<table:table(?=[\s>])([^>]*)>|</table:table>"
    rb"|<table:table-row(?=[\s>/])([^>]*?)(/?)>|</table:table-row>"
    rb"|<table:(?:covered-)?table-cell(?=[\s>/])([^>]*?)(/?)>")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="([0-9]+)"')
_ODS_COLS = re.compile(rb'table:number-columns-repeated="([0-9]+)"')


def scan_ods(file: str, data: bytes, limits: IntakeLimits) -> ScanResult:
    """Unpack every part within the limits; place content cells (with repeats) and formulas."""
    package = zipfile.ZipFile(io.BytesIO(data))
    budget = _Budget(file, limits)
    result = ScanResult()
    for info in package.infolist():
        chunks = []
        tail = b""
        for chunk in budget.read_parts(package, info):
            if info.filename.lower().endswith((".xml", ".rdf")):
                _check_xml_chunk(file, info.filename, tail + chunk)
                tail = chunk[-16:]
            if info.filename == "content.xml":
                chunks.append(chunk)
        if info.filename == "content.xml":
            _scan_ods_content(file, b"".join(chunks), limits, result)
    return result


def _scan_ods_content(file: str, content: bytes, limits: IntakeLimits, result: ScanResult) -> None:
    from html import unescape

    extent: _Extent | None = None
    formulas: set[tuple[int, int]] = set()
    row = col = 0
    row_repeat, row_content = 1, False
    for match in _ODS_TOKEN.finditer(content):
        table_attrs, row_attrs, row_closed, cell_attrs, cell_closed = match.groups()
        if table_attrs is not None:
            name = _ODS_NAME.search(table_attrs)
            extent = _Extent(file, unescape(name.group(1).decode("utf-8", "replace")) if name else "", limits)
            formulas, row = set(), 0
        elif match.group(0) == b"</table:table>":
            if extent is not None:
                extent.check_cells()
                if formulas:
                    result.formulas[extent.sheet] = formulas
            extent = None
        elif extent is None:
            continue
        elif row_attrs is not None:
            repeat = _ODS_ROWS.search(row_attrs)
            row_repeat, row_content, col = int(repeat.group(1)) if repeat else 1, False, 0
            if row_closed:
                row += row_repeat
        elif match.group(0) == b"</table:table-row>":
            if row_content:
                extent.see(row + row_repeat - 1, 0)
            row += row_repeat
        elif cell_attrs is not None:
            repeat = _ODS_COLS.search(cell_attrs)
            span = int(repeat.group(1)) if repeat else 1
            has_formula = b"table:formula=" in cell_attrs
            if b"office:value-type=" in cell_attrs or has_formula or not cell_closed:
                row_content = True
                extent.see(row + row_repeat - 1, col + span - 1)
                if has_formula:
                    formulas.update((r, c) for r in range(row, row + row_repeat) for c in range(col, col + span))
            col += span


# --- .xls ---------------------------------------------------------------------------------------

_BOF, _BOUNDSHEET, _FILEPASS, _EOF = 0x0809, 0x0085, 0x002F, 0x000A
_CELL_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6}  # number, rk, sst, ...
_FORMULA_RECORD = 0x0006
_MULRK = 0x00BD


def scan_xls(file: str, data: bytes, limits: IntakeLimits) -> ScanResult:
    """Walk the BIFF records of the Workbook stream: password, cells' extent, formulas."""
    try:
        stream = CompoundFile(data).stream("Workbook", limits.max_uncompressed_bytes)
    except KeyError:
        try:
            stream = CompoundFile(data).stream("Book", limits.max_uncompressed_bytes)
        except (KeyError, CompoundFileError) as exc:
            raise ScanRefused(Problem.make(ERROR, "problem.damaged", file=file)) from exc
    except (CompoundFileError, struct.error, ValueError, IndexError) as exc:
        raise ScanRefused(Problem.make(ERROR, "problem.damaged", file=file)) from exc
    result = ScanResult()
    names: dict[int, tuple[str, bool]] = {}
    extents: dict[str, _Extent] = {}
    extent: _Extent | None = None
    pos, size = 0, len(stream)
    while pos + 4 <= size:
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + length]
        if kind == _FILEPASS:
            raise ScanRefused(Problem.make(ERROR, "problem.password_protected", file=file))
        if kind == _BOUNDSHEET and len(body) >= 8:
            offset, state = struct.unpack_from("<IB", body, 0)
            names[offset] = (_short_string(body[6:]), state & 0x3 != 0)
        elif kind == _BOF:
            sheet = names.get(pos)
            extent = None if sheet is None else extents.setdefault(sheet[0], _Extent(file, sheet[0], limits))
            if sheet and sheet[1]:
                result.hidden_sheets.add(sheet[0])
        elif extent is not None and kind in _CELL_RECORDS and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body, 0)
            extent.see(r, c)
            if kind == _FORMULA_RECORD:
                result.formulas.setdefault(extent.sheet, set()).add((r, c))
        elif extent is not None and kind == _MULRK and len(body) >= 6:
            r, c = struct.unpack_from("<HH", body, 0)
            extent.see(r, struct.unpack_from("<H", body, len(body) - 2)[0])
        pos += 4 + length
    for each in extents.values():
        each.check_cells()
    return result


def _short_string(body: bytes) -> str:
    if len(body) < 2:
        return ""
    count, flags = body[0], body[1]
    raw = body[2:2 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
