"""Peer data: the synthetic demo peer set, reading and validating a real peer file, importing it.

A peer file (CSV or XLSX) has one row per organisation and year: `peer_id` (optional: the
organisation's name or code, kept only as a keyed hash), `sector`, `size_band`, `channel_model` (codes or labels, Dutch or English),
`country`, `year`, one column per dimension (a score from 1 to 5, decimal point or comma) and
optionally `synthetic` (yes/no). The file goes through the same checks as a survey upload
(omni.survey.preflight and the content scan); every problem names the file, sheet and cell, and
nothing is imported while any error remains.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy import text as sql_text

from omni.attributes import VOCABULARIES, normalise_label, to_code
from omni.framework import DEFAULT_FRAMEWORK_ID, Framework, builtin_frameworks
from omni.store import get_setting, organisation_keyer, set_setting
from omni.store.engine import writing
from omni.store.peer_entries import OVERALL, add_entries, encode_scores, remove_peer_set
from omni.store.schema import APPROVED, peer_entries
from omni.store.scope import require_admin
from omni.survey.limits import IntakeLimits
from omni.survey.problems import ERROR, WARNING, Problem, cell_ref

DEMO_SET = "demo"
DEMO_SEED = 2026
DEMO_ORGANISATIONS = 600
FIRST_YEAR = 2000
MAX_TEXT = 200
ATTRIBUTES = ("sector", "size_band", "channel_model")
_ALIASES = {
    # not "organisation": that is a dimension of the default framework
    "peer_id": ("peer_id", "peer id", "peer", "org_id", "organisation id", "organization id", "organisatie-id"),
    "sector": ("sector", "branche"),
    "size_band": ("size_band", "size band", "size", "omvang", "grootte"),
    "channel_model": ("channel_model", "channel model", "kanaalmodel"),
    "country": ("country", "land"),
    "year": ("year", "jaar"),
    "framework": ("framework",),
    "synthetic": ("synthetic", "synthetisch", "demo"),
}
_REQUIRED = ("sector", "size_band", "channel_model", "year")
_SCORE = re.compile(r"^\s*([0-9]+)(?:[.,]([0-9]+))?\s*$")
_YES = {"yes", "y", "ja", "j", "true", "waar", "1", "x"}
_NO = {"no", "n", "nee", "false", "onwaar", "0", ""}


@dataclass
class PeerFile:
    """A peer file read and validated: one row per organisation and year, and every problem found."""

    name: str
    framework: Framework
    frame: pd.DataFrame  # peer_id, sector, size_band, channel_model, country, year, synthetic, row, <dimensions>
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors and len(self.frame) > 0


# --- the demo peer set -------------------------------------------------------------------------

# How sector, size and channel model shift maturity (points on the 1-5 scale), and per dimension.
_SECTOR_WEIGHT = {"fashion": 20, "food": 9, "electronics": 9, "home": 16, "diy": 7, "health_beauty": 10,
                  "sports": 10, "books_media": 8, "other": 11}
_SECTOR_SHIFT = {"fashion": 0.15, "food": -0.25, "electronics": 0.3, "home": -0.05, "diy": -0.2,
                 "health_beauty": 0.1, "sports": 0.05, "books_media": 0.0, "other": -0.1}
_SIZE_WEIGHT = {"s": 30, "m": 33, "l": 24, "xl": 13}
_SIZE_SHIFT = {"s": -0.3, "m": -0.05, "l": 0.15, "xl": 0.35}
_CHANNEL_WEIGHT = {"store_led": 45, "online_led": 18, "pure_player": 20, "brand": 17}
_CHANNEL_SHIFT = {
    "store_led": {"vision": 0.0, "organisation": -0.2, "audiences": -0.3, "activation": -0.1, "martech": -0.35},
    "online_led": {"vision": 0.15, "organisation": 0.1, "audiences": 0.3, "activation": 0.3, "martech": 0.3},
    "pure_player": {"vision": 0.1, "organisation": 0.2, "audiences": 0.55, "activation": 0.45, "martech": 0.6},
    "brand": {"vision": 0.25, "organisation": 0.0, "audiences": 0.1, "activation": -0.15, "martech": 0.0},
}
_BASE = {"vision": 2.7, "organisation": 2.3, "audiences": 2.2, "activation": 2.6, "martech": 2.2}
_TREND = 0.12  # points per year: the market matures


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def demo_peers(framework: Framework, n: int = DEMO_ORGANISATIONS, seed: int = DEMO_SEED,
               last_year: int = 2026) -> pd.DataFrame:
    """A synthetic peer set of `n` Dutch retail and brand organisations, some with several yearly waves.

    Plausible, not real: sector, size and channel model shift the scores (pure players lead on
    audiences and technology, large organisations on organisation), every organisation has its own
    level and every dimension its own noise, and the market improves a little each year.
    """
    if n < 1:
        raise ValueError("at least one organisation")
    rng = random.Random(seed)
    rows = []
    for index in range(1, n + 1):
        sector = _pick(rng, _SECTOR_WEIGHT)
        size = _pick(rng, _SIZE_WEIGHT)
        channel = _pick(rng, _CHANNEL_WEIGHT if sector != "food" else {**_CHANNEL_WEIGHT, "pure_player": 6})
        level = rng.gauss(0, 0.45) + _SECTOR_SHIFT[sector] + _SIZE_SHIFT[size]
        waves = rng.choices((1, 2, 3), weights=(55, 32, 13))[0]
        first = last_year - rng.randint(waves - 1, 4)
        own = {d.id: rng.gauss(0, 0.3) for d in framework.dimensions}
        for wave in range(waves):
            year = first + wave
            row = {"peer_id": f"demo-{index:04d}", "sector": sector, "size_band": size, "channel_model": channel,
                   "country": "NL", "year": year, "synthetic": True}
            for dimension in framework.dimensions:
                value = (_BASE.get(dimension.id, 2.4) + level + own[dimension.id]
                         + _CHANNEL_SHIFT[channel].get(dimension.id, 0.0)
                         + _TREND * (year - 2022) + 0.1 * wave + rng.gauss(0, 0.25))
                row[dimension.id] = round(min(5.0, max(1.0, value)), 2)
            rows.append(row)
    return pd.DataFrame(rows)


def write_peer_file(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a peer set as CSV (UTF-8, comma, decimal point) or XLSX, by the file name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = frame.assign(synthetic=frame["synthetic"].map({True: "yes", False: "no"})) if "synthetic" in frame else frame
    if path.suffix.lower() == ".xlsx":
        out.to_excel(path, index=False, sheet_name="Peers")
    else:
        out.to_csv(path, index=False)
    return path


# --- reading a peer file --------------------------------------------------------------------


def _rows_of(name: str, data: bytes, limits: IntakeLimits) -> tuple[list[list[object]], str, set, list[Problem]]:
    """The cells of the file's first worksheet (or CSV), after the survey intake's safety checks."""
    import python_calamine as calamine

    from omni.survey import scan as scans
    from omni.survey.preflight import preflight
    from omni.survey.scan import ScanRefused
    from omni.survey.textfile import read_csv_rows

    checked = preflight(name, data, limits)
    problems = list(checked.problems)
    if checked.refused:
        return [], "", set(), problems
    try:
        if checked.kind == "csv":
            return read_csv_rows(name, data, limits), "", set(), problems
        scanner = {"xlsx": scans.scan_xlsx, "ods": scans.scan_ods, "xls": scans.scan_xls}[checked.kind]
        scan = scanner(name, data, limits)
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [m.name for m in book.sheets_metadata
                  if m.typ == calamine.SheetTypeEnum.WorkSheet and m.visible == calamine.SheetVisibleEnum.Visible]
        if not sheets:
            return [], "", set(), [*problems, Problem.make(ERROR, "peers.problem.no_rows", file=name)]
        preferred = [s for s in sheets if normalise_label(s) in ("peers", "peergroep", "peer group")]
        sheet = (preferred or sheets)[0]
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        return rows, sheet, scan.formulas.get(sheet, set()), problems
    except ScanRefused as refused:
        return [], "", set(), [*problems, refused.problem]
    except calamine.PasswordError:
        return [], "", set(), [*problems, Problem.make(ERROR, "problem.password_protected", file=name)]
    except Exception:  # noqa: BLE001 - calamine and zipfile raise many types for broken files
        return [], "", set(), [*problems, Problem.make(ERROR, "problem.damaged", file=name)]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def _display(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_peer_score(value: object) -> float | None:
    """A peer's dimension score: a number from 1 to 5 (decimal point or comma); None if it is not one."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        match = _SCORE.match(str(value))
        if not match:
            return None
        number = float(f"{match.group(1)}.{match.group(2) or 0}")
    return number if 1.0 <= number <= 5.0 and not math.isnan(number) else None


def _parse_year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= dt.date.today().year + 1 else None


def _columns(header: list[object], framework: Framework) -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Map the header row to known fields and dimensions; return (found, unknown headers)."""
    lookup = {normalise_label(alias): name for name, aliases in _ALIASES.items() for alias in aliases}
    for dimension in framework.dimensions:
        for label in (dimension.id, dimension.name("nl"), dimension.name("en")):
            lookup[normalise_label(label)] = dimension.id
    found: dict[str, int] = {}
    unknown: list[tuple[str, int]] = []
    for col, raw in enumerate(header):
        if _blank(raw):
            continue
        name = lookup.get(normalise_label(str(raw)))
        if name is None or name in found:
            unknown.append((str(raw).strip(), col))
        else:
            found[name] = col
    return found, unknown


def validate_peer_rows(rows: list[list[object]], *, file: str, sheet: str = "", framework: Framework,
                       formulas: set[tuple[int, int]] | None = None) -> PeerFile:
    """Check every cell of a peer table (header row first); problems name file, sheet and cell."""
    formulas = formulas or set()
    problems: list[Problem] = []

    def problem(key: str, row: int = -1, col: int = -1, severity: str = ERROR, **params: object) -> None:
        problems.append(Problem.make(severity, key, file=file, sheet=sheet, cell=cell_ref(row, col), **params))

    top = next((i for i, r in enumerate(rows) if any(not _blank(v) for v in r)), None)
    if top is None:
        problem("peers.problem.no_rows")
        return PeerFile(file, framework, pd.DataFrame(), problems)
    columns, unknown = _columns(list(rows[top]), framework)
    for text, col in unknown:
        problem("peers.problem.unknown_column", top, col, WARNING, column=text)
    needed = [*_REQUIRED, *(d.id for d in framework.dimensions)]
    for name in needed:
        if name not in columns:
            problem("peers.problem.missing_column", top, 0, column=name)
    if any(p.is_error for p in problems):
        return PeerFile(file, framework, pd.DataFrame(), problems)

    records = []
    seen: dict[tuple[str, int], int] = {}
    for r in range(top + 1, len(rows)):
        cells = list(rows[r])
        if not any(not _blank(v) for v in cells):
            continue

        def cell(name: str, cells: list[object] = cells) -> object:
            col = columns.get(name)
            return cells[col] if col is not None and col < len(cells) else None

        record: dict[str, object] = {"row": r + 1}
        bad = False
        for name in ("peer_id", "country"):
            text = "" if _blank(cell(name)) else _display(cell(name))
            if len(text) > MAX_TEXT:
                problem("peers.problem.text_too_long", r, columns[name], limit=MAX_TEXT)
                bad = True
            record[name] = text
        for name in ATTRIBUTES:
            raw = cell(name)
            code = "" if _blank(raw) else to_code(name, _display(raw))
            if code not in {c.code for c in VOCABULARIES[name]}:
                problem("peers.problem.bad_code", r, columns[name], value=_display(raw) if not _blank(raw) else "",
                        field=f"field.peer_{name}", choices=", ".join(c.code for c in VOCABULARIES[name]))
                bad = True
            record[name] = code
        year = _parse_year(cell("year"))
        if year is None:
            problem("peers.problem.bad_year", r, columns["year"], value=_display(cell("year") or ""),
                    first=str(FIRST_YEAR), last=str(dt.date.today().year + 1))
            bad = True
        record["year"] = year
        flag = cell("synthetic")
        flag_text = "" if _blank(flag) else normalise_label(_display(flag))
        if flag_text not in _YES | _NO and not isinstance(flag, bool):
            problem("peers.problem.bad_flag", r, columns["synthetic"], value=_display(flag))
            bad = True
        record["synthetic"] = bool(flag) if isinstance(flag, bool) else flag_text in _YES
        fw_value = cell("framework")
        if not _blank(fw_value) and _display(fw_value) != framework.id:
            problem("peers.problem.framework_mismatch", r, columns["framework"], value=_display(fw_value),
                    expected=framework.id)
            bad = True
        for dimension in framework.dimensions:
            col = columns[dimension.id]
            raw = cell(dimension.id)
            if (r, col) in formulas:
                problem("peers.problem.formula", r, col)
                bad = True
                continue
            if _blank(raw):
                problem("peers.problem.missing_score", r, col, dimension=dimension.id)
                bad = True
                continue
            value = parse_peer_score(raw)
            if value is None:
                problem("peers.problem.bad_score", r, col, value=_display(raw))
                bad = True
            record[dimension.id] = value
        if record["peer_id"] and year is not None:
            key = (normalise_label(str(record["peer_id"])), year)
            if key in seen:
                problem("peers.problem.duplicate_row", r, columns["peer_id"],
                        organisation=record["peer_id"], year=str(year), other=str(seen[key]))
                bad = True
            seen[key] = r + 1
        if not bad:
            records.append(record)
    if not records and not any(p.is_error for p in problems):
        problem("peers.problem.no_rows")
    frame = pd.DataFrame(records, columns=["peer_id", "country", *ATTRIBUTES, "year", "synthetic", "row",
                                           *(d.id for d in framework.dimensions)])
    return PeerFile(file, framework, frame, problems)


def read_peer_file(source: Path | str | tuple[str, bytes], framework: Framework | None = None,
                   limits: IntakeLimits | None = None) -> PeerFile:
    """Read and validate a peer file (path, or (name, bytes)); never raises for bad input."""
    limits = limits or IntakeLimits.from_env()
    framework = framework or builtin_frameworks()[DEFAULT_FRAMEWORK_ID]
    if isinstance(source, tuple):
        name, data = source
    else:
        path = Path(source)
        name = path.name
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                return PeerFile(name, framework, pd.DataFrame(), [Problem.make(
                    ERROR, "problem.limit_file_size", file=name, size=f"{size / 2**20:,.1f}",
                    limit=f"{limits.max_file_mb:,.1f}")])
            data = path.read_bytes()
        except OSError as exc:
            return PeerFile(name, framework, pd.DataFrame(), [Problem.make(
                ERROR, "problem.unreadable", file=str(path), detail=exc.strerror or type(exc).__name__)])
    rows, sheet, formulas, problems = _rows_of(name, data, limits)
    if any(p.is_error for p in problems):
        return PeerFile(name, framework, pd.DataFrame(), problems)
    checked = validate_peer_rows(rows, file=name, sheet=sheet, framework=framework, formulas=formulas)
    checked.problems[:0] = problems
    return checked


# --- into the store -----------------------------------------------------------------------------


def overall_scores(frame: pd.DataFrame, framework: Framework) -> np.ndarray:
    """Each peer's overall index: the weighted mean of its dimension scores (framework weights)."""
    ids = [d.id for d in framework.dimensions]
    weights = np.array([d.weight for d in framework.dimensions])
    values = frame[ids].to_numpy(dtype="float64")
    present = ~np.isnan(values)
    total = (np.nan_to_num(values) * weights * present).sum(axis=1)
    weight = (weights * present).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, total / weight, np.nan)


def entry_rows(connection, peer_file: PeerFile, peer_set: str, status: str = APPROVED,
               synthetic: bool | None = None) -> list[dict[str, object]]:
    """The store rows of a validated peer file (organisation names replaced by keyed hashes)."""
    fw = peer_file.framework
    frame = peer_file.frame
    names = [d.id for d in fw.dimensions] + [OVERALL]
    layout = ",".join(names)
    overall = overall_scores(frame, fw)
    org_key = organisation_keyer(connection)
    rows = []
    for i, record in enumerate(frame.to_dict("records")):
        organisation = str(record["peer_id"]) or f"{peer_set}#row{record['row']}"
        rows.append({
            "org_key": org_key(organisation), "peer_set": peer_set, "framework_id": fw.id,
            "framework_version": fw.version,
            "sector": record["sector"], "size_band": record["size_band"], "channel_model": record["channel_model"],
            "country": record["country"], "year": int(record["year"]), "status": status,
            "synthetic": bool(record["synthetic"]) if synthetic is None else synthetic,
            "dimensions": layout,
            "scores": encode_scores([record[d.id] for d in fw.dimensions] + [overall[i]])})
    return rows


def import_peers(engine: Engine, peer_files: PeerFile | Iterable[PeerFile], *, peer_set: str,
                 replace: bool = False, status: str = APPROVED, synthetic: bool | None = None) -> int:
    """Store validated peer files as one peer set, in one transaction. Refuses files with errors and an
    existing set unless `replace` (which swaps the whole set atomically). Returns the entries stored."""
    files = [peer_files] if isinstance(peer_files, PeerFile) else list(peer_files)
    for peer_file in files:
        if not peer_file.ok:
            raise ValueError(f"{peer_file.name}: has errors; nothing imported")
    with writing(engine) as connection:
        require_admin(connection)
        exists = connection.scalar(select(func.count()).select_from(peer_entries)
                                   .where(peer_entries.c.peer_set == peer_set))
        if exists and not replace:
            raise ValueError(f"peer set {peer_set!r} exists already ({exists} entries); use replace to swap it")
        if exists:
            remove_peer_set(connection, peer_set)
        rows = [row for f in files for row in entry_rows(connection, f, peer_set, status, synthetic)]
        return add_entries(connection, rows)


def ensure_demo_peers(engine: Engine) -> bool:
    """Load the synthetic demo peer set (every built-in framework) on a store's first start; True if loaded.

    Runs once per database (a setting records it), so an administrator who removes the demo set
    does not get it back on the next start.
    """
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":  # two app processes starting on a new database
            connection.execute(sql_text("SELECT pg_advisory_xact_lock(7261536002)"))
        if get_setting(connection, "demo_peers_loaded"):
            return False
        rows = []
        for framework in builtin_frameworks().values():
            frame = demo_peers(framework)
            peer_file = PeerFile("demo", framework, frame.assign(row=range(2, len(frame) + 2)))
            rows += entry_rows(connection, peer_file, DEMO_SET, APPROVED, synthetic=True)
        add_entries(connection, rows)
        set_setting(connection, "demo_peers_loaded", dt.datetime.now(dt.UTC).isoformat())
        return True

