"""A user's correction of the column map, fed back into `read_survey`.

A mapping says, per column header (as written in the file), what the column holds: a question
and field (current / target / comment), a dimension's importance for the strategy, a respondent
fact, or nothing (ignored). It wins over
every automatic match, shows in the column map with the reason "mapping", and is keyed on the
header text so one mapping serves every file with the same headers. `mapping_from_column_map`
turns a Survey's column map into a mapping to edit; `load_mapping` / `dump_mapping` read and
write it as YAML:

    columns:
      "Hoe ver zijn we? [Nu]": {question: VIS-1, field: current}
      "Wat is uw rol?": {fact: role}
      "Hoe belangrijk is Visie en draagvlak?": {importance: vision}
      "Overige opmerkingen": ignored
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from omni.i18n import TranslatedError
from omni.survey.headers import fold, header_text
from omni.survey.model import FACT_FIELDS
from omni.survey.raw import COMMENT, CURRENT, TARGET

if TYPE_CHECKING:  # the parser worker reads mappings without pandas
    import pandas as pd

QUESTION_FIELDS = (CURRENT, TARGET, COMMENT)
IMPORTANCE = "importance"  # a column map's field for a dimension's importance (question "importance:<dimension>")


class MappingError(TranslatedError):
    """A mapping file that cannot be used; the message names the file and the entry, in the user's
    language (`message(lang)`; `str()` is English, for the CLI)."""

    prefix = "mapping.err."


@dataclass(frozen=True)
class ColumnRule:
    """What one header is read as: kind "question" (question + field), "importance" (field: the
    dimension), "fact" (field) or "ignored"."""

    header: str
    kind: str
    question: str = ""
    field: str = ""


def rules_by_header(rules: Iterable[ColumnRule]) -> dict[str, ColumnRule]:
    """Rules keyed by the folded header (case, spacing and punctuation do not matter)."""
    return {fold(rule.header): rule for rule in rules}


def parse_mapping(raw: object, source: str = "mapping") -> tuple[ColumnRule, ...]:
    """Rules from a mapping as plain data ({"columns": {header: spec}}); MappingError if malformed."""
    columns = raw.get("columns") if isinstance(raw, Mapping) else None
    if not isinstance(columns, Mapping):
        raise MappingError("no_columns", source=source)
    rules = []
    for header, spec in columns.items():
        text = header_text(header)
        where = f"{source}: columns['{text}']"
        if not text:
            raise MappingError("empty_header", where=where)
        if spec in ("ignored", "ignore", None) or (isinstance(spec, Mapping) and spec.get("ignored")):
            rules.append(ColumnRule(text, "ignored"))
            continue
        if not isinstance(spec, Mapping):
            raise MappingError("bad_spec", where=where)
        if "fact" in spec:
            fact = str(spec["fact"])
            if fact not in FACT_FIELDS:
                raise MappingError("unknown_fact", where=where, fact=fact, facts=", ".join(FACT_FIELDS))
            rules.append(ColumnRule(text, "fact", field=fact))
            continue
        question = str(spec.get("question", "")).strip()
        field = str(spec.get("field", CURRENT)).strip().lower()
        if IMPORTANCE in spec or field == IMPORTANCE:  # also as mappings written before: importance:<dimension>
            named = spec.get(IMPORTANCE) if IMPORTANCE in spec else question.rpartition(":")[2]
            if not isinstance(named, str) or not named.strip():
                raise MappingError("bad_spec", where=where)
            rules.append(ColumnRule(text, IMPORTANCE, field=named.strip().lower()))
            continue
        question = question.upper()
        if not question:
            raise MappingError("no_question", where=where)
        if field not in QUESTION_FIELDS:
            raise MappingError("bad_field", where=where, fields=", ".join(QUESTION_FIELDS), field=field)
        rules.append(ColumnRule(text, "question", question, field))
    return tuple(rules)


def load_mapping(path: Path | str) -> tuple[ColumnRule, ...]:
    """Rules from a YAML mapping file; MappingError names the file and the entry."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MappingError("unreadable", source=str(path), reason=exc.strerror or type(exc).__name__) from None
    return loads_mapping(data, path.name)


def loads_mapping(data: bytes | str, source: str = "mapping") -> tuple[ColumnRule, ...]:
    """Rules from a mapping file's content (an upload); MappingError names `source` and the entry."""
    try:
        raw = yaml.safe_load(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MappingError("not_yaml", source=source, reason=type(exc).__name__) from None
    return parse_mapping(raw, source)


def mapping_data(rules: Iterable[ColumnRule]) -> dict[str, dict[str, object]]:
    """Rules as plain data (what `parse_mapping` reads)."""
    columns: dict[str, object] = {}
    for rule in rules:
        if rule.kind == "question":
            columns[rule.header] = {"question": rule.question, "field": rule.field}
        elif rule.kind == "fact":
            columns[rule.header] = {"fact": rule.field}
        elif rule.kind == IMPORTANCE:
            columns[rule.header] = {IMPORTANCE: rule.field}
        else:
            columns[rule.header] = "ignored"
    return {"columns": columns}


def dump_mapping(rules: Iterable[ColumnRule]) -> str:
    return yaml.safe_dump(mapping_data(rules), allow_unicode=True, sort_keys=False)


def mapping_from_column_map(column_map: pd.DataFrame) -> tuple[ColumnRule, ...]:
    """A Survey's column map as rules (one per header, the first occurrence), to correct and
    feed back into `read_survey(mapping=...)`; unmapped columns become "ignored"."""
    rules: dict[str, ColumnRule] = {}
    seen: set[str] = set()  # the folded headers in `rules` (folding them all again per row was quadratic)
    for row in column_map.itertuples(index=False):
        header = str(row.header)
        if row.matched_by == "summary row" or not header or (folded := fold(header)) in seen:
            continue
        seen.add(folded)
        if row.field == IMPORTANCE and str(row.question).startswith(IMPORTANCE + ":"):
            rules[header] = ColumnRule(header, IMPORTANCE, field=str(row.question).partition(":")[2])
        elif row.question:
            rules[header] = ColumnRule(header, "question", str(row.question), str(row.field))
        elif row.matched_by == "fact":
            rules[header] = ColumnRule(header, "fact", field=str(row.field))
        else:
            rules[header] = ColumnRule(header, "ignored")
    return tuple(rules.values())
