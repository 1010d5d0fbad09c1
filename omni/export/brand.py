"""The corporate template and the logo a user adds to the deck, checked before anything uses them.

A template (.pptx/.potx) is a zip package like a workbook, so it gets the same defences as a survey
upload, and it is never opened in the calling (web) process:

1. here, headers only (omni.survey.preflight): the extension, the size, the magic bytes and the
   central directory (number of parts, declared unpacked size, compression ratio, encrypted parts);
2. in a parser worker process (omni.survey.isolation: an address-space limit, a deadline, replaced
   when it dies): every part really unpacked within the limits and every XML part with a DTD
   refused (omni.survey.scan.unpack_package); relationships to anything outside the package
   (`TargetMode="External"`: linked pictures, media, objects, hyperlinks) removed together with the
   references to them, so a deck we hand out fetches nothing when it is opened; then python-pptx
   opens it and saves it again without the template's own slides.

The caller gets those clean bytes back and builds the deck from them. A logo must be a PNG or JPEG
of at most `logo_max_pixels()` (OMNI_LOGO_MAX_PIXELS, default 4096 x 4096); it is decoded in the
worker too, under Pillow's own decompression-bomb limit set to ours. For both, the worker may add at
most OMNI_TEMPLATE_MEMORY_MB (default 256 MB) of address space: what passes also opens within that
when the deck is built.
"""

from __future__ import annotations

import dataclasses
import io
import os
import pickle
import zipfile
from dataclasses import dataclass
from pathlib import Path

from omni.survey.limits import IntakeLimits
from omni.survey.preflight import check_zip_directory, content_kind
from omni.survey.problems import ERROR, Problem
from omni.survey.scan import ScanRefused, unpack_package

TEMPLATE_EXTENSIONS = (".pptx", ".potx")
LOGO_EXTENSIONS = (".png", ".jpg", ".jpeg")
LOGO_FORMATS = ("PNG", "JPEG")
DEFAULT_LOGO_MAX_PIXELS = 4096 * 4096
LOGO_PIXELS_ENV = "OMNI_LOGO_MAX_PIXELS"
# A corporate template opens in a few tens of MB; the deck is later built from it in the export worker
# (or the web process), so what the check lets through must stay small there too.
DEFAULT_MEMORY_MB = 256
MEMORY_ENV = "OMNI_TEMPLATE_MEMORY_MB"

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PPT_MAIN = b"presentationml.presentation.main+xml"
_POTX_MAIN = b"presentationml.template.main+xml"
# Survey problems that call the file a workbook, and their wording for a template.
_TEMPLATE_WORDING = ("problem.limit_zip_members", "problem.limit_uncompressed", "problem.damaged_part",
                     "problem.zip_part_unsupported", "problem.xml_dtd")


def _positive_int(name: str, default: int, environ: dict[str, str] | None) -> int:
    raw = (os.environ if environ is None else environ).get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, not {value}")
    return value


def memory_mb(environ: dict[str, str] | None = None) -> int:
    """Address space the worker may add while it checks a template or logo: OMNI_TEMPLATE_MEMORY_MB,
    default 256 (never more than the survey parser's own limit)."""
    return _positive_int(MEMORY_ENV, DEFAULT_MEMORY_MB, environ)


def brand_limits(limits: IntakeLimits) -> IntakeLimits:
    """The intake limits for a template or logo: the same sizes, the smaller memory limit, one worker."""
    return dataclasses.replace(limits, parse_memory_mb=min(limits.parse_memory_mb, memory_mb()), workers=1)


def logo_max_pixels(environ: dict[str, str] | None = None) -> int:
    """The largest logo accepted, in pixels (width x height): OMNI_LOGO_MAX_PIXELS, default 4096 x 4096."""
    return _positive_int(LOGO_PIXELS_ENV, DEFAULT_LOGO_MAX_PIXELS, environ)


_OUT_OF_BAND = 1 << 16  # byte strings larger than this travel beside the pickle, not inside it


class _BytesOutOfBand:
    """Pickled with protocol 5, large byte fields are handed out as buffers (omni.survey.isolation
    sends them beside the pickle and reads them straight into place: no extra copies of a 20 MB
    template in the web process); they come back as a bytearray."""

    def __reduce_ex__(self, protocol):
        values = [getattr(self, f.name) for f in dataclasses.fields(self)]
        if protocol >= 5:
            values = [pickle.PickleBuffer(v) if isinstance(v, (bytes, bytearray)) and len(v) > _OUT_OF_BAND else v
                      for v in values]
        return _rebuild, (type(self), *values)


def _rebuild(cls, *values):
    return cls(*(v.obj if isinstance(v, memoryview) and isinstance(v.obj, bytearray) else
                 bytes(v) if isinstance(v, memoryview) else v for v in values))


@dataclass(frozen=True)
class CheckedFile(_BytesOutOfBand):
    """A template or logo after its checks: the bytes to use (None when refused) and why not."""

    name: str
    data: bytes | None
    problems: tuple[Problem, ...] = ()
    removed_links: int = 0  # external relationships taken out of a template

    @property
    def ok(self) -> bool:
        return self.data is not None

    def message(self, lang: str) -> str:
        """What the user reads when the file is refused: file name and reason, in their language."""
        return "\n".join(p.describe(lang) for p in self.problems)


def _refused(name: str, key: str, **params: object) -> CheckedFile:
    return CheckedFile(name, None, (Problem.make(ERROR, key, file=name, **params),))


def _as_template(problem: Problem) -> Problem:
    """The same problem, worded for a presentation instead of a workbook where that matters."""
    if problem.key not in _TEMPLATE_WORDING:
        return problem
    return Problem(problem.severity, "brand." + problem.key.split(".", 1)[1], problem.params, problem.file)


# --- in the calling process: headers only --------------------------------------------------------


def check_template(name: str, data: bytes, limits: IntakeLimits | None = None) -> CheckedFile:
    """The template's clean bytes (slides and external links removed), or the problems that refuse it.

    Only headers are read here; unpacking and opening happen in a bounded worker process."""
    limits = brand_limits(limits or IntakeLimits.from_env())
    ext = Path(name).suffix.lower()
    if ext not in TEMPLATE_EXTENSIONS:
        return _refused(name, "brand.template_extension", ext=ext or "?")
    if len(data) > limits.max_file_bytes:
        return _refused(name, "problem.limit_file_size", size=round(len(data) / 2**20, 2),
                        limit=float(limits.max_file_mb))
    kind = content_kind(data)
    if kind != "zip":
        shown = {"cfb": "kind.legacy_office", "csv": "kind.not_office", "kind.binary": "kind.not_office"}
        return _refused(name, "brand.not_a_presentation", kind=shown.get(kind, kind))
    problems: list[Problem] = []

    def refuse(key: str, **params: object) -> None:
        problems.append(_as_template(Problem.make(ERROR, key, file=name, **params)))

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return _refused(name, "problem.damaged")
    if not check_zip_directory(package, limits, refuse):
        return CheckedFile(name, None, tuple(problems))
    present = set(package.namelist())
    if "ppt/presentation.xml" not in present or "[Content_Types].xml" not in present:
        kind = "kind.word" if "word/document.xml" in present else (
            "kind.spreadsheet" if "xl/workbook.xml" in present else "kind.zip_no_presentation")
        return _refused(name, "brand.not_a_presentation", kind=kind)
    return _in_worker(_Job("template", name, data, limits), name, limits)


def check_logo(name: str, data: bytes, limits: IntakeLimits | None = None,
               max_pixels: int | None = None) -> CheckedFile:
    """The logo's bytes when it is a PNG or JPEG within the pixel limit, or the problem that refuses it.

    The magic bytes are read here; the header and the pixels in a bounded worker process."""
    limits = brand_limits(limits or IntakeLimits.from_env())
    max_pixels = max_pixels or logo_max_pixels()
    ext = Path(name).suffix.lower()
    if ext not in LOGO_EXTENSIONS:
        return _refused(name, "brand.logo_extension", ext=ext or "?")
    if len(data) > limits.max_file_bytes:
        return _refused(name, "problem.limit_file_size", size=round(len(data) / 2**20, 2),
                        limit=float(limits.max_file_mb))
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return _refused(name, "brand.logo_not_an_image")
    return _in_worker(_Job("logo", name, data, max_pixels), name, limits)


def _in_worker(job, name: str, limits: IntakeLimits) -> CheckedFile:
    """`job.run()` in a parser worker (address-space limit, deadline); failures become problems."""
    from omni.survey.isolation import WorkerFailed, pool_for

    if not limits.isolate:
        return job.run()
    try:
        return pool_for(limits).parse(job, limits.parse_seconds)
    except OSError:  # no worker could be started
        return _refused(name, "problem.parser_failed")
    except WorkerFailed as failed:
        params = {"limit": limits.parse_memory_mb} if failed.key == "problem.limit_memory" else (
            {"limit": float(limits.parse_seconds)} if failed.key == "problem.limit_time" else {})
        return _refused(name, failed.key, **params)


# --- in the worker process ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job(_BytesOutOfBand):
    """One file to check in the worker: `check` names the function, `setting` is its limit (the intake
    limits for a template, the pixel limit for a logo)."""

    check: str
    name: str
    data: bytes
    setting: object

    def run(self) -> CheckedFile:
        return {"template": clean_template, "logo": decode_logo}[self.check](self.name, self.data, self.setting)


def clean_template(name: str, data: bytes, limits: IntakeLimits) -> CheckedFile:
    """Unpack within the limits, refuse DTDs, drop external relationships, open with python-pptx and
    save again without the template's slides. Runs in the worker; bad input never raises."""
    from lxml import etree

    try:
        parts = unpack_package(name, data, limits)
    except ScanRefused as refused:
        return CheckedFile(name, None, (_as_template(refused.problem),))
    if "ppt/presentation.xml" not in parts or "[Content_Types].xml" not in parts:
        return _refused(name, "brand.not_a_presentation", kind="kind.zip_no_presentation")
    try:
        removed = _drop_external_relationships(parts)
    except _BrokenPart as broken:
        return _refused(name, "brand.damaged_part", part=broken.part)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(_POTX_MAIN, _PPT_MAIN)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as out:
        for part, content in parts.items():
            out.writestr(part, content)
    del parts
    try:
        clean = _without_slides(package.getvalue())
        kept = set(zipfile.ZipFile(io.BytesIO(clean)).namelist())
        # Tell the user about the links in what they get, not those that left with the example slides.
        return CheckedFile(name, clean, (), sum(n for part, n in removed.items() if part in kept))
    except MemoryError:
        raise
    except etree.LxmlError as exc:
        if _out_of_memory(exc):  # libxml2 ran out of the address space the worker may use
            raise MemoryError(str(exc)) from exc
        return _refused(name, "brand.template_unusable", detail=type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds for a package it cannot use
        return _refused(name, "brand.template_unusable", detail=type(exc).__name__)


def _without_slides(package: bytes) -> bytes:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(package))
    slides = prs.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public slide removal
    for slide_id in list(slides):
        prs.part.drop_rel(slide_id.rId)
        slides.remove(slide_id)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _out_of_memory(exc: Exception) -> bool:
    """libxml2 reports a failed allocation as a syntax error ("unknown error", ERR_NO_MEMORY)."""
    log = getattr(exc, "error_log", None) or ()
    return "memory" in str(exc).lower() or any(getattr(e, "type_name", "") == "ERR_NO_MEMORY" for e in log)


class _BrokenPart(Exception):
    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


def _xml(parts: dict[str, bytes], part: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(parts[part], parser)
    except etree.XMLSyntaxError as exc:
        if _out_of_memory(exc):
            raise MemoryError(str(exc)) from exc
        raise _BrokenPart(part) from exc


def _source_part(rels_part: str) -> str | None:
    """The part a relationships part belongs to: ppt/slides/_rels/slide1.xml.rels -> ppt/slides/slide1.xml
    (None for the package's own _rels/.rels)."""
    folder, _, file = rels_part.rpartition("_rels/")
    return folder + file[: -len(".rels")] if file.endswith(".rels") and file != ".rels" else None


def _drop_external_relationships(parts: dict[str, bytes]) -> dict[str, int]:
    """Remove every relationship with TargetMode="External" and what refers to it; how many, per
    relationships part."""
    from lxml import etree

    removed: dict[str, int] = {}
    for rels_part in [p for p in parts if p.endswith(".rels")]:
        if b"xternal" not in parts[rels_part]:
            continue
        root = _xml(parts, rels_part)
        gone = set()
        for rel in list(root):
            if rel.tag == f"{{{_REL_NS}}}Relationship" and (rel.get("TargetMode") or "").lower() == "external":
                gone.add(rel.get("Id"))
                root.remove(rel)
        if not gone:
            continue
        removed[rels_part] = len(gone)
        parts[rels_part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        source = _source_part(rels_part)
        if source in parts:
            parts[source] = _unlinked(parts, source, gone)
    return removed


def _unlinked(parts: dict[str, bytes], part: str, ids: set[str]) -> bytes:
    """The part without references to the relationships `ids`: a linked picture keeps its place
    (only the link goes), a hyperlink, linked media or linked object is removed."""
    from lxml import etree

    root = _xml(parts, part)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        linked = [a for a, v in element.attrib.items() if a.startswith(f"{{{_R_NS}}}") and v in ids]
        if not linked:
            continue
        local = etree.QName(element).localname
        if local == "blip":  # a picture whose image is linked: drop the link, keep the shape
            for attribute in linked:
                del element.attrib[attribute]
            continue
        target = element
        if local == "oleObj":  # a linked object: the whole frame that shows it
            while target.getparent() is not None and etree.QName(target).localname != "graphicFrame":
                target = target.getparent()
            if etree.QName(target).localname != "graphicFrame":
                target = element
        parent = target.getparent()
        if parent is not None:
            parent.remove(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def decode_logo(name: str, data: bytes, max_pixels: int) -> CheckedFile:
    """Refuse a logo that is not a PNG or JPEG or has more than `max_pixels`; decode it to be sure.
    Runs in the worker, with Pillow's own decompression-bomb limit set to `max_pixels`."""
    from PIL import Image

    previous = Image.MAX_IMAGE_PIXELS  # a process-wide setting: put back afterwards
    try:
        return _decode_logo(name, data, max_pixels)
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _decode_logo(name: str, data: bytes, max_pixels: int) -> CheckedFile:
    import warnings

    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # read the header first, to name the size in the message
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return _refused(name, "brand.logo_not_an_image")
    if kind not in LOGO_FORMATS:
        return _refused(name, "brand.logo_not_an_image")
    if width * height > max_pixels:
        return _too_large(name, width, height, max_pixels)
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_large(name, width, height, max_pixels)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken image
        return _refused(name, "brand.logo_not_an_image")
    return CheckedFile(name, data)


def _too_large(name: str, width: int, height: int, max_pixels: int) -> CheckedFile:
    side = int(max_pixels ** 0.5)
    return _refused(name, "brand.logo_too_large", width=width, height=height,
                    megapixels=round(width * height / 1e6, 1), limit=round(max_pixels / 1e6, 1), side=side)
