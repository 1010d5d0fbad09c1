"""CSV files as spreadsheet programs and forms tools write them.

Dutch Excel writes `;`-separated values with decimal commas, in Windows-1252 or UTF-8 with a
byte-order mark; "Unicode text" is UTF-16 with tabs; Google Forms writes UTF-8 with commas.
The encoding and the separator are detected, never assumed. Every value stays text: "3,5" in
an answer column is a problem reported by the validation, not a number converted here.
"""

from __future__ import annotations

import codecs
import csv
import io

from omni.survey.limits import IntakeLimits
from omni.survey.problems import ERROR, Problem
from omni.survey.scan import ScanRefused

DELIMITERS = (";", ",", "\t", "|")


def decode_text(data: bytes) -> str:
    """The text of a CSV file: BOM first (UTF-8/UTF-16), then strict UTF-8, then Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines into the most, and most consistent, columns."""
    sample = [line for line in lines if line.strip()][:20]
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        if not counts or counts[0] < 2:
            continue
        consistent = sum(1 for c in counts if c == counts[0])
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(file: str, data: bytes, limits: IntakeLimits) -> list[list[str]]:
    """The rows of a CSV file as lists of text, refused past the row and column limits."""
    text = decode_text(data)
    lines = text.splitlines()
    delimiter = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        delimiter = lines[0].strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
    delimiter = delimiter or sniff_delimiter(lines[:50])
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) >= limits.max_rows:
                raise ScanRefused(Problem.make(ERROR, "problem.limit_rows", file=file, cell=f"A{len(rows) + 1}",
                                               row=len(rows) + 1, limit=limits.max_rows))
            if len(row) > limits.max_columns:
                raise ScanRefused(Problem.make(ERROR, "problem.limit_columns", file=file,
                                               cell=f"A{len(rows) + 1}", column=len(row), limit=limits.max_columns))
            rows.append(row)
    except csv.Error as exc:
        raise ScanRefused(Problem.make(ERROR, "problem.damaged", file=file)) from exc
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > limits.max_cells:
        raise ScanRefused(Problem.make(ERROR, "problem.limit_cells", file=file, rows=len(rows),
                                       columns=width, cells=len(rows) * width, limit=limits.max_cells))
    return rows
