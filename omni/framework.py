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

from omni.i18n import LANGUAGES, LocalText, t

FRAMEWORK_DIR = Path(__file__).resolve().parent.parent / "data" / "frameworks"
DEFAULT_FRAMEWORK_ID = "omnichannel-maturity"
LEVELS = (1, 2, 3, 4, 5)

_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_DIMENSION_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_QUESTION_ID_RE = re.compile(r"^[A-Z]{2,5}-[0-9]{1,3}$")
_VERSION_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
EFFORTS = ("S", "M", "L")


class FrameworkError(ValueError):
    """A framework definition is broken; the message names the file and the entry."""

    def __init__(self, path: Path | str, entry: str, message: str) -> None:
        self.path = str(path)
        self.entry = entry
        super().__init__(f"{path}: {entry}: {message}")


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
    replaces: tuple[str, ...] = ()  # ids in the previous version this question is comparable with
    aliases: tuple[str, ...] = ()  # earlier ids of this same question (old files and stored rows)
    # earlier wordings within this version (`was` in the file): still read in uploaded answers
    earlier_texts: tuple[LocalText, ...] = ()
    earlier_options: tuple[tuple[int, LocalText], ...] = ()  # (level, text)
    # why the question weighs other than 1, in one sentence (`weight_note`; shown on the method page)
    weight_note: LocalText | None = None

    def option(self, level: int) -> LocalText:
        return self.options[level - 1]

    def option_texts(self) -> tuple[tuple[int, LocalText], ...]:
        """Every text that names a level: the current options, then earlier wordings."""
        return (*enumerate(self.options, start=1), *self.earlier_options)

    def question_texts(self) -> tuple[LocalText, ...]:
        """The question text, then earlier wordings of it."""
        return (self.text, *self.earlier_texts)


@dataclass(frozen=True)
class AdvicePlan:
    """Advice for one dimension at one current level: what to do in the next 90 days to climb."""

    step: LocalText  # the first concrete step for the next 90 days
    owner: LocalText  # the role that owns it
    prerequisite: LocalText  # what must be in place first
    effort: str  # S, M or L
    done_when: LocalText  # the check that says the step is done

    def lines(self) -> tuple[LocalText, ...]:
        """The plan as readable lines (what pages, deck and report that list advice steps show)."""

        def line(key: str, value: str | LocalText) -> LocalText:
            return LocalText(**{lang: t(key, lang, value=value(lang) if isinstance(value, LocalText)
                                        else t(f"advice.effort.{value}", lang)) for lang in LANGUAGES})

        return (self.step, line("advice.owner", self.owner), line("advice.prerequisite", self.prerequisite),
                line("advice.effort", self.effort), line("advice.done_when", self.done_when))


@dataclass(frozen=True)
class Dimension:
    id: str
    name: LocalText
    description: LocalText
    sequence: int
    questions: tuple[Question, ...]
    advice: tuple[tuple[LocalText, ...], ...]  # per current level 1..5: steps to the next
    weight: float = 1.0
    # one line per level 1..5: what that level looks like for this dimension (empty: none given)
    level_descriptors: tuple[LocalText, ...] = ()
    # per current level 1..5: the structured 90-day plan (empty when the file lists plain steps)
    advice_plans: tuple[AdvicePlan, ...] = ()
    requires: tuple[str, ...] = ()  # dimensions that must come first on the roadmap

    def advice_for(self, level: int) -> tuple[LocalText, ...]:
        return self.advice[level - 1]

    def advice_plan(self, level: int) -> AdvicePlan | None:
        return self.advice_plans[level - 1] if self.advice_plans else None

    def level_descriptor(self, level: int) -> LocalText | None:
        return self.level_descriptors[level - 1] if self.level_descriptors else None


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
        index = {alias: q for q in self.questions for alias in q.aliases}
        index.update({q.id: q for q in self.questions})
        return index

    @functools.cached_property
    def _dimension_index(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    def weight_notes(self, lang: str) -> list[str]:
        """One sentence per question that weighs other than 1: its weight and why (`weight_note`), as
        the method page, the deck's method slide and the PDF report's method section say it."""
        from omni.format import flexible_number

        return [t("method.question_weight", lang, question=q.id, topic=q.topic(lang),
                  weight=flexible_number(q.weight, lang), reason=q.weight_note(lang))
                for q in self.questions if q.weight_note is not None]

    def question(self, question_id: str) -> Question:
        """A question by its id, or by an earlier id it was known under (`aliases`)."""
        return self._question_index[question_id]

    def canonical_id(self, question_id: str) -> str:
        """The current id of a question named by its id or an alias; unknown ids come back as given."""
        question = self._question_index.get(question_id)
        return question.id if question is not None else question_id

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
        if raw is None:
            raise self.fail(entry, "missing text (expected nl and en)")
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
    weight = r.weight(raw, entry)
    return Question(
        id=qid,
        dimension=dimension_id,
        topic=r.text(raw.get("topic"), f"{entry}.topic"),
        text=r.text(raw.get("text"), f"{entry}.text"),
        options=tuple(r.text(o, f"{entry}.options[{i + 1}]") for i, o in enumerate(options)),
        weight=weight,
        weight_note=_load_weight_note(r, raw, entry, weight),
        replaces=_id_list(r, raw.get("replaces"), f"{entry}.replaces", _QUESTION_ID_RE, "question id"),
        aliases=_id_list(r, raw.get("aliases"), f"{entry}.aliases", _QUESTION_ID_RE, "question id"),
        **_load_was(r, raw.get("was"), f"{entry}.was"),
    )


def _load_weight_note(r: _Reader, raw: Mapping[str, Any], entry: str, weight: float) -> LocalText | None:
    """The reason for a question weight other than 1; a note on a question that weighs 1 explains nothing."""
    if raw.get("weight_note") is None:
        return None
    if weight == 1:
        raise r.fail(f"{entry}.weight_note", "explains a weight other than 1, but the question weighs 1")
    return r.text(raw["weight_note"], f"{entry}.weight_note")


def _load_was(r: _Reader, raw: Any, entry: str) -> dict[str, tuple]:
    """Earlier wordings of a question's text and options in this same version (a text correction
    that keeps each level's meaning): one mapping, or a list of them, with `text` and/or
    `options` (level -> text)."""
    if raw is None:
        return {}
    texts: list[LocalText] = []
    options: list[tuple[int, LocalText]] = []
    for i, was in enumerate([raw] if isinstance(raw, Mapping) else r.items(raw, entry)):
        here = f"{entry}[{i + 1}]" if isinstance(raw, list) else entry
        was = r.mapping(was, here)
        unknown = set(was) - {"text", "options"}
        if unknown or not was:
            raise r.fail(here, f"expected text and/or options, found {', '.join(map(str, unknown)) or 'nothing'}")
        if "text" in was:
            texts.append(r.text(was["text"], f"{here}.text"))
        for level, text in r.mapping(was.get("options", {}), f"{here}.options").items():
            if level not in LEVELS:
                raise r.fail(f"{here}.options", f"level {level!r} is not one of 1-5")
            options.append((level, r.text(text, f"{here}.options.{level}")))
    return {"earlier_texts": tuple(texts), "earlier_options": tuple(options)}


def _id_list(r: _Reader, raw: Any, entry: str, pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
    """An optional id or list of ids."""
    if raw is None:
        return ()
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list):
        raise r.fail(entry, f"expected a {what} or a list of them")
    return tuple(r.ident(v, f"{entry}[{i + 1}]", pattern, what) for i, v in enumerate(values))


def _load_plan(r: _Reader, raw: Mapping[str, Any], entry: str) -> AdvicePlan:
    effort = raw.get("effort")
    if effort not in EFFORTS:
        raise r.fail(f"{entry}.effort", f"must be one of {', '.join(EFFORTS)}, not {effort!r}")
    return AdvicePlan(step=r.text(raw.get("step"), f"{entry}.step"), owner=r.text(raw.get("owner"), f"{entry}.owner"),
                      prerequisite=r.text(raw.get("prerequisite"), f"{entry}.prerequisite"), effort=effort,
                      done_when=r.text(raw.get("done_when"), f"{entry}.done_when"))


def _load_advice(r: _Reader, raw: Any, entry: str) -> tuple[tuple[tuple[LocalText, ...], ...],
                                                            tuple[AdvicePlan, ...]]:
    """Advice per level 1..5: either lists of steps per language, or a structured plan per level."""
    raw = r.mapping(raw, entry)
    levels = [r.mapping(raw.get(level, raw.get(str(level))), f"{entry}.{level}") for level in LEVELS]
    structured = ["step" in lv for lv in levels]
    if any(structured):
        if not all(structured):
            raise r.fail(entry, "give a structured plan (step, owner, prerequisite, effort, done_when) "
                                "for every level, or plain steps for every level")
        plans = tuple(_load_plan(r, lv, f"{entry}.{level}") for level, lv in zip(LEVELS, levels))
        return tuple(p.lines() for p in plans), plans
    advice = []
    for level in LEVELS:
        steps = levels[level - 1]
        lists = {lang: r.items(steps.get(lang), f"{entry}.{level}.{lang}") for lang in LANGUAGES}
        if len({len(v) for v in lists.values()}) != 1:
            raise r.fail(f"{entry}.{level}", "every language needs the same number of steps")
        advice.append(tuple(
            r.text(dict(zip(LANGUAGES, texts)), f"{entry}.{level}[{i + 1}]")
            for i, texts in enumerate(zip(*lists.values()))
        ))
    return tuple(advice), ()


def _load_descriptors(r: _Reader, raw: Any, entry: str) -> tuple[LocalText, ...]:
    if raw is None:
        return ()
    raw = r.mapping(raw, entry)
    return tuple(r.text(raw.get(level, raw.get(str(level))), f"{entry}.{level}") for level in LEVELS)


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
    advice, plans = _load_advice(r, raw.get("advice"), f"{entry}.advice")
    return Dimension(
        id=did,
        name=r.text(raw.get("name"), f"{entry}.name"),
        description=r.text(raw.get("description"), f"{entry}.description"),
        sequence=sequence,
        questions=questions,
        advice=advice,
        weight=r.weight(raw, entry),
        level_descriptors=_load_descriptors(r, raw.get("level_descriptors"), f"{entry}.level_descriptors"),
        advice_plans=plans,
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


# libyaml's safe loader when PyYAML has it (its wheels do): the same documents, about 9x faster. Every
# process that scores, serves a page or checks a file's version reads all shipped frameworks once
# (0.65 -> 0.07 CPU-s), so a server, a worker and each CLI run start that much sooner.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_framework(path: Path | str) -> Framework:
    """Load and validate a framework definition file."""
    path = Path(path)
    r = _Reader(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except OSError as exc:
        raise r.fail("file", f"cannot be read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise r.fail("file", f"is not valid YAML ({exc})") from exc
    raw = r.mapping(raw, "file")
    fid = r.ident(raw.get("id"), "id", _ID_RE, "framework id")
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, (str, int, float)) or not str(version).strip():
        raise r.fail("version", "missing")
    if not _VERSION_RE.match(str(version).strip()):
        raise r.fail("version", f"{version!r} is not a version number such as \"2.0\"")
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
            for qid in (q.id, *q.aliases):
                if qid in seen_questions:
                    raise r.fail(f"dimensions.{d.id}.questions.{q.id}", f"duplicate question id {qid}")
                seen_questions.add(qid)
    _check_requires(r, dimensions)
    return Framework(
        id=fid,
        version=str(version).strip(),
        name=r.text(raw.get("name"), "name"),
        description=r.text(raw.get("description"), "description"),
        source=r.text(raw.get("source"), "source"),
        levels=tuple(_load_level(r, lv, i) for i, lv in enumerate(levels)),
        dimensions=dimensions,
        path=str(path),
    )


def version_key(version: str) -> tuple[int, ...]:
    """"1.10" sorts after "1.9"."""
    return tuple(int(part) for part in version.split("."))


@functools.cache
def _all_builtin() -> dict[str, dict[str, Framework]]:
    """Every framework file shipped in data/frameworks: id -> version -> framework (oldest first)."""
    loaded = [load_framework(p) for p in sorted(FRAMEWORK_DIR.glob("*.yaml"))]
    found: dict[str, dict[str, Framework]] = {}
    for fw in loaded:
        versions = found.setdefault(fw.id, {})
        if fw.version in versions:
            raise FrameworkError(fw.path, "version",
                                 f"framework {fw.id!r} version {fw.version} is in {versions[fw.version].path} too")
        versions[fw.version] = fw
    for fid, versions in found.items():
        found[fid] = dict(sorted(versions.items(), key=lambda item: version_key(item[0])))
        _check_replaces(list(found[fid].values()))
    return found


def _check_replaces(versions: list[Framework]) -> None:
    """A question's `replaces` names a question of an earlier version of the same framework."""
    for position, fw in enumerate(versions):
        earlier = versions[:position]
        for q in fw.questions:
            for old in q.replaces:
                if not any(e.has_question(old) for e in earlier):
                    raise FrameworkError(fw.path, f"dimensions.{q.dimension}.questions.{q.id}.replaces",
                                         f"{old} is not a question of an earlier version of {fw.id}")


@functools.cache
def builtin_frameworks() -> dict[str, Framework]:
    """The newest version of every built-in framework, by id (default first)."""
    found = {fid: list(versions.values())[-1] for fid, versions in _all_builtin().items()}
    return dict(sorted(found.items(), key=lambda item: (item[0] != DEFAULT_FRAMEWORK_ID, item[0])))


def framework_versions(framework_id: str = DEFAULT_FRAMEWORK_ID) -> tuple[str, ...]:
    """The shipped versions of a framework, oldest first (empty for an unknown id)."""
    return tuple(_all_builtin().get(framework_id, {}))


def get_framework(framework_id: str = DEFAULT_FRAMEWORK_ID, version: str | None = None) -> Framework:
    """A built-in framework by id, in `version` (None: the newest); KeyError names what is available."""
    everything = _all_builtin()
    if framework_id not in everything:
        raise KeyError(f"unknown framework {framework_id!r}; available: {', '.join(builtin_frameworks())}")
    versions = everything[framework_id]
    if version is None:
        return list(versions.values())[-1]
    version = str(version).strip()
    if version not in versions:
        raise KeyError(f"framework {framework_id!r} has no version {version!r}; available: {', '.join(versions)}")
    return versions[version]


def framework_for(framework_id: str, version: str | None) -> Framework:
    """The framework a saved wave, round or file was made with: that version when it is shipped,
    else the newest (an unknown id raises KeyError)."""
    if version is not None and str(version).strip() in framework_versions(framework_id):
        return get_framework(framework_id, str(version).strip())
    return get_framework(framework_id)


def same_version_of(framework: Framework, version: str | None) -> Framework:
    """`framework` in `version` when that version of it is shipped, otherwise `framework` itself."""
    if version is None or str(version).strip() == framework.version:
        return framework
    if str(version).strip() in framework_versions(framework.id):
        return get_framework(framework.id, str(version).strip())
    return framework
