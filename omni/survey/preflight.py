"""Cheap checks on an upload before any parser sees it: what the bytes really are, and
whether the package is within the limits by what it declares.

Runs in the server process and reads only headers: the magic bytes, a zip package's central
directory (number of parts, declared unpacked size and compression ratio, encryption,
compression methods) and a compound file's directory (password protection). The checks that
need the unpacked bytes run in the parser process (omni.survey.scan), before the parser.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from omni.survey.cfb import MAGIC as CFB_MAGIC
from omni.survey.cfb import CompoundFile, CompoundFileError
from omni.survey.limits import IntakeLimits
from omni.survey.problems import ERROR, WARNING, Problem

# What each accepted file name extension is expected to hold.
EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx", ".xls": "xls",
              ".ods": "ods", ".csv": "csv", ".txt": "csv", ".tsv": "csv"}
WORKBOOK_KINDS = ("xlsx", "xls", "ods")
_RATIO_FLOOR = 2**20  # parts smaller than this unpacked may compress as well as they like

_MB = 2**20


@dataclass
class Preflight:
    """The verdict: the format to parse with (`kind`), or problems that refuse the file."""

    kind: str = ""
    macros: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(p.is_error for p in self.problems)


def _mb(n: float) -> float:
    return round(n / _MB, 1)


def preflight(name: str, data: bytes, limits: IntakeLimits) -> Preflight:
    """Decide from headers alone whether and how to parse `data`; never raises for bad bytes."""
    try:
        return _preflight(name, data, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, ValueError, EOFError, OSError,
            KeyError, IndexError, OverflowError, RuntimeError, NotImplementedError, UnicodeError):
        result = Preflight()
        result.problems.append(Problem.make(ERROR, "problem.damaged", file=name))
        return result


def _preflight(name: str, data: bytes, limits: IntakeLimits) -> Preflight:
    result = Preflight()

    def refuse(key: str, **params: object) -> Preflight:
        result.problems.append(Problem.make(ERROR, key, file=name, **params))
        return result

    ext = Path(name).suffix.lower()
    if ext and ext not in EXTENSIONS:
        return refuse("problem.unsupported_format", ext=ext)
    if len(data) > limits.max_file_bytes:
        return refuse("problem.limit_file_size", size=round(len(data) / _MB, 2), limit=float(limits.max_file_mb))
    if not data.strip():
        return refuse("problem.empty_file")
    kind = content_kind(data)
    if kind == "zip":
        kind = _check_zip(data, limits, result, refuse)
    elif kind == "cfb":
        kind = _check_compound(data, refuse)
    if result.refused:
        return result
    if kind.startswith("kind."):
        return refuse("problem.not_a_spreadsheet", kind=kind)
    expected = EXTENSIONS.get(ext)
    if kind == "csv" and expected in WORKBOOK_KINDS:
        return refuse("problem.text_named_as_workbook", ext=ext)
    if expected and expected != kind:
        result.problems.append(Problem.make(WARNING, "problem.extension_mismatch", file=name, ext=ext,
                                            actual="." + kind))
    result.kind = kind
    return result


def content_kind(data: bytes) -> str:
    """What the bytes are by their magic and first characters: zip, cfb, csv or a `kind.` text key."""
    head = data[:4096]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(CFB_MAGIC):
        return "cfb"
    if head.startswith(b"%PDF"):
        return "kind.pdf"
    if head.startswith(b"{\\rtf"):
        return "kind.rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "kind.image"
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh", b"\xfd7zXZ")):
        return "kind.archive"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[2:].decode("utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be", "ignore")
    elif b"\0" in head:
        return "kind.binary"
    else:
        text = head.decode("utf-8", "ignore") or head.decode("cp1252", "ignore")
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html", "<head", "<body", "<table", "<meta")) or (
            lowered.startswith("<") and "<html" in lowered):
        return "kind.html"
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return "kind.xml_spreadsheet" if "excel.sheet" in lowered or "<workbook" in lowered else "kind.xml"
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000])
    if text and printable / len(text[:2000]) < 0.9:
        return "kind.binary"
    return "csv"


def check_zip_directory(package: zipfile.ZipFile, limits: IntakeLimits, refuse) -> bool:
    """A zip package's central directory within the limits: number of parts, no duplicate names,
    declared unpacked size, compression ratio per part, no encrypted or unusual parts. Calls
    `refuse(key, **params)` with the first problem and returns False; True when it passes.
    Shared by every Office package we accept (surveys, corporate templates)."""
    try:
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        refuse("problem.damaged")
        return False
    if len(members) > limits.max_zip_members:
        refuse("problem.limit_zip_members", count=len(members), limit=limits.max_zip_members)
        return False
    names = [m.filename for m in members]
    if len(set(names)) != len(names):
        refuse("problem.damaged")
        return False
    declared = sum(m.file_size for m in members)
    if declared > limits.max_uncompressed_bytes:
        refuse("problem.limit_uncompressed", size=_mb(declared), limit=_mb(limits.max_uncompressed_bytes))
        return False
    for m in members:
        if m.flag_bits & 0x1 or m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse("problem.zip_part_unsupported", part=m.filename)
            return False
        if m.file_size > _RATIO_FLOOR and m.file_size / max(m.compress_size, 1) > limits.max_compression_ratio:
            refuse("problem.limit_ratio", part=m.filename, ratio=round(m.file_size / max(m.compress_size, 1)),
                   limit=round(limits.max_compression_ratio))
            return False
    return True


def _check_zip(data: bytes, limits: IntakeLimits, result: Preflight, refuse) -> str:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        refuse("problem.damaged")
        return ""
    if not check_zip_directory(package, limits, refuse):
        return ""
    names = package.namelist()
    present = set(names)
    if "xl/workbook.xml" in present:
        result.macros = "xl/vbaProject.bin" in present or any(n.startswith("xl/macrosheets/") for n in names)
        return "xlsx"
    if "xl/workbook.bin" in present:
        return "kind.xlsb"
    if "mimetype" in present:
        info = package.getinfo("mimetype")
        mimetype = package.read(info).decode("ascii", "replace").strip() if info.file_size < 200 else ""
        if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
        return "kind.opendocument"
    if "word/document.xml" in present:
        return "kind.word"
    if "ppt/presentation.xml" in present:
        return "kind.powerpoint"
    return "kind.zip"


def _check_compound(data: bytes, refuse) -> str:
    try:
        streams = {s.lower() for s in CompoundFile(data).stream_names}
    except (CompoundFileError, KeyError, ValueError, IndexError, OverflowError, struct.error):
        refuse("problem.damaged")
        return ""
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        refuse("problem.password_protected")
        return ""
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "worddocument" in streams:
        return "kind.word"
    if "powerpoint document" in streams:
        return "kind.powerpoint"
    return "kind.office"
