"""The maturity framework model: loaded from a YAML file in data/frameworks and validated.

A framework is data (see docs/framework-format.md). Loading turns it into immutable domain
objects; anything wrong raises FrameworkError naming the file and the entry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from omni.i18n import LANGUAGES

FRAMEWORK_DIR = Path(__file__).resolve().parent.parent / "data" / "frameworks"
DEFAULT_FRAMEWORK_ID = "omnichannel-maturity"
LEVELS = (1, 2, 3, 4, 5)

_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_DIMENSION_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_QUESTION_ID_RE = re.compile(r"^[A-Z]{2,5}-[0-9]{1,3}$")


class FrameworkError(ValueError):
    """A framework definition is broken; the message names the file and the entry."""

    def __init__(self, path: Path | str, entry: str, message: str) -> None:
        self.path = str(path)
        self.entry = entry
        super().__init__(f"{path}: {entry}: {message}")


@dataclass(frozen=True)
class LocalText:
    """A text in every product language."""

    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Level:
    level: int
    name: LocalText
    description: LocalText


@dataclass(frozen=True)
class Question:
    id: str
    dimension: str
    topic: LocalText
    text: LocalText
    options: tuple[LocalText, ...]  # index 0 is level 1
    weight: float = 1.0

    def option(self, level: int) -> LocalText:
        return self.options[level - 1]


@dataclass(frozen=True)
class Dimension:
    id: str
    name: LocalText
    description: LocalText
    sequence: int
    questions: tuple[Question, ...]
    advice: tuple[tuple[LocalText, ...], ...]  # per current level 1..5: steps to the next
    weight: float = 1.0
    requires: tuple[str, ...] = ()

    def advice_for(self, level: int) -> tuple[LocalText, ...]:
        return self.advice[level - 1]


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    name: LocalText
    description: LocalText
    source: LocalText
    levels: tuple[Level, ...]
    dimensions: tuple[Dimension, ...]
    path: str = ""

    @functools.cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for d in self.dimensions for q in d.questions)

    @functools.cached_property
    def _question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @functools.cached_property
    def _dimension_index(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    def question(self, question_id: str) -> Question:
        return self._question_index[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._question_index

    def dimension(self, dimension_id: str) -> Dimension:
        return self._dimension_index[dimension_id]

    def level(self, level: int) -> Level:
        return self.levels[level - 1]


# --- loading ----------------------------------------------------------------------------------


class _Reader:
    """Validating accessors over the raw YAML, each naming the entry it checks."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, entry: str, message: str) -> FrameworkError:
        return FrameworkError(self.path, entry, message)

    def mapping(self, raw: Any, entry: str) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            raise self.fail(entry, "expected a mapping")
        return raw

    def items(self, raw: Any, entry: str) -> list[Any]:
        if not isinstance(raw, list) or not raw:
            raise self.fail(entry, "expected a non-empty list")
        return raw

    def text(self, raw: Any, entry: str) -> LocalText:
        mapping = self.mapping(raw, entry)
        values = {}
        for lang in LANGUAGES:
            value = mapping.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{entry}.{lang}", "missing or empty text")
            values[lang] = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
        return LocalText(**values)

    def weight(self, raw: Mapping[str, Any], entry: str) -> float:
        value = raw.get("weight", 1)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise self.fail(f"{entry}.weight", f"must be a positive number, not {value!r}")
        return float(value)

    def ident(self, raw: Any, entry: str, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(raw, str) or not pattern.match(raw):
            raise self.fail(entry, f"{what} {raw!r} does not match {pattern.pattern}")
        return raw


def _load_level(r: _Reader, raw: Any, position: int) -> Level:
    entry = f"levels[{position}]"
    raw = r.mapping(raw, entry)
    if raw.get("level") != position + 1:
        raise r.fail(f"{entry}.level", f"expected {position + 1}, found {raw.get('level')!r}")
    return Level(position + 1, r.text(raw.get("name"), f"{entry}.name"),
                 r.text(raw.get("description"), f"{entry}.description"))


def _load_question(r: _Reader, raw: Any, dimension_id: str, position: int) -> Question:
    entry = f"dimensions.{dimension_id}.questions[{position}]"
    raw = r.mapping(raw, entry)
    qid = r.ident(raw.get("id"), f"{entry}.id", _QUESTION_ID_RE, "question id")
    entry = f"dimensions.{dimension_id}.questions.{qid}"
    options = r.items(raw.get("options"), f"{entry}.options")
    if len(options) != len(LEVELS):
        raise r.fail(f"{entry}.options", f"expected 5 options, found {len(options)}")
    return Question(
        id=qid,
        dimension=dimension_id,
        topic=r.text(raw.get("topic"), f"{entry}.topic"),
        text=r.text(raw.get("text"), f"{entry}.text"),
        options=tuple(r.text(o, f"{entry}.options[{i + 1}]") for i, o in enumerate(options)),
        weight=r.weight(raw, entry),
    )


def _load_advice(r: _Reader, raw: Any, entry: str) -> tuple[tuple[LocalText, ...], ...]:
    raw = r.mapping(raw, entry)
    advice = []
    for level in LEVELS:
        steps = r.mapping(raw.get(level, raw.get(str(level))), f"{entry}.{level}")
        lists = {lang: r.items(steps.get(lang), f"{entry}.{level}.{lang}") for lang in LANGUAGES}
        if len({len(v) for v in lists.values()}) != 1:
            raise r.fail(f"{entry}.{level}", "every language needs the same number of steps")
        advice.append(tuple(
            r.text(dict(zip(LANGUAGES, texts)), f"{entry}.{level}[{i + 1}]")
            for i, texts in enumerate(zip(*lists.values()))
        ))
    return tuple(advice)


def _load_dimension(r: _Reader, raw: Any, position: int) -> Dimension:
    raw = r.mapping(raw, f"dimensions[{position}]")
    did = r.ident(raw.get("id"), f"dimensions[{position}].id", _DIMENSION_ID_RE, "dimension id")
    entry = f"dimensions.{did}"
    sequence = raw.get("sequence", position + 1)
    if isinstance(sequence, bool) or not isinstance(sequence, int):
        raise r.fail(f"{entry}.sequence", f"must be a whole number, not {sequence!r}")
    questions = tuple(
        _load_question(r, q, did, i)
        for i, q in enumerate(r.items(raw.get("questions"), f"{entry}.questions"))
    )
    return Dimension(
        id=did,
        name=r.text(raw.get("name"), f"{entry}.name"),
        description=r.text(raw.get("description"), f"{entry}.description"),
        sequence=sequence,
        questions=questions,
        advice=_load_advice(r, raw.get("advice"), f"{entry}.advice"),
        weight=r.weight(raw, entry),
        requires=_load_requires(r, raw.get("requires"), f"{entry}.requires"),
    )


def _load_requires(r: _Reader, raw: Any, entry: str) -> tuple[str, ...]:
    """The dimension ids a dimension builds on (checked against the framework once all are loaded)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise r.fail(entry, f"expected a list of dimension ids, not {raw!r}")
    if len(set(raw)) != len(raw):
        raise r.fail(entry, "lists a dimension twice")
    return tuple(raw)


def _check_requires(r: _Reader, dimensions: tuple[Dimension, ...]) -> None:
    """Every required dimension exists, is not the dimension itself, and there is no cycle."""
    known = {d.id for d in dimensions}
    for d in dimensions:
        for other in d.requires:
            if other == d.id:
                raise r.fail(f"dimensions.{d.id}.requires", "a dimension cannot require itself")
            if other not in known:
                raise r.fail(f"dimensions.{d.id}.requires",
                             f"unknown dimension {other!r}; known: {', '.join(sorted(known))}")
    requires = {d.id: d.requires for d in dimensions}
    done: set[str] = set()

    def visit(did: str, path: tuple[str, ...]) -> None:
        if did in path:
            cycle = " -> ".join((*path[path.index(did):], did))
            raise r.fail(f"dimensions.{path[-1]}.requires", f"dependencies form a cycle: {cycle}")
        if did in done:
            return
        for other in requires[did]:
            visit(other, (*path, did))
        done.add(did)

    for d in dimensions:
        visit(d.id, ())


def load_framework(path: Path | str) -> Framework:
    """Load and validate a framework definition file."""
    path = Path(path)
    r = _Reader(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise r.fail("file", f"cannot be read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise r.fail("file", f"is not valid YAML ({exc})") from exc
    raw = r.mapping(raw, "file")
    fid = r.ident(raw.get("id"), "id", _ID_RE, "framework id")
    version = raw.get("version")
    if not isinstance(version, (str, int, float)) or not str(version).strip():
        raise r.fail("version", "missing")
    levels = r.items(raw.get("levels"), "levels")
    if len(levels) != len(LEVELS):
        raise r.fail("levels", f"expected 5 levels, found {len(levels)}")
    dimensions = tuple(
        _load_dimension(r, d, i) for i, d in enumerate(r.items(raw.get("dimensions"), "dimensions"))
    )
    seen_dimensions: set[str] = set()
    seen_questions: set[str] = set()
    for d in dimensions:
        if d.id in seen_dimensions:
            raise r.fail(f"dimensions.{d.id}", "duplicate dimension id")
        seen_dimensions.add(d.id)
        for q in d.questions:
            if q.id in seen_questions:
                raise r.fail(f"dimensions.{d.id}.questions.{q.id}", "duplicate question id")
            seen_questions.add(q.id)
    _check_requires(r, dimensions)
    return Framework(
        id=fid,
        version=str(version),
        name=r.text(raw.get("name"), "name"),
        description=r.text(raw.get("description"), "description"),
        source=r.text(raw.get("source"), "source"),
        levels=tuple(_load_level(r, lv, i) for i, lv in enumerate(levels)),
        dimensions=dimensions,
        path=str(path),
    )


@functools.cache
def builtin_frameworks() -> dict[str, Framework]:
    """All framework files shipped in data/frameworks, by id (default first)."""
    loaded = [load_framework(p) for p in sorted(FRAMEWORK_DIR.glob("*.yaml"))]
    loaded.sort(key=lambda f: (f.id != DEFAULT_FRAMEWORK_ID, f.id))
    found: dict[str, Framework] = {}
    for fw in loaded:
        if fw.id in found:
            raise FrameworkError(fw.path, "id", f"framework id {fw.id!r} is used by {found[fw.id].path} too")
        found[fw.id] = fw
    return found


def get_framework(framework_id: str = DEFAULT_FRAMEWORK_ID) -> Framework:
    """A built-in framework by id; KeyError names the ids available."""
    frameworks = builtin_frameworks()
    if framework_id not in frameworks:
        raise KeyError(f"unknown framework {framework_id!r}; available: {', '.join(frameworks)}")
    return frameworks[framework_id]
