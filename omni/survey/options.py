"""Answers given as the option text itself (a Forms choice or Likert column) read as scores.

Microsoft Forms and Google Forms export the chosen option's text, as whoever built the form typed
or pasted it: with trailing spaces, other quotes or dashes, shortened, in Dutch or English, from
this year's or an earlier framework version, or the maturity level's name as a Likert column label
("Crosschannel"). Per question the text is matched against that question's five options and the
five level names: exact after folding, then a unique prefix (a shortened option), then fuzzy
(rapidfuzz) with a threshold and a margin, so that a text never maps to two levels. An ambiguous
or unknown text is a problem naming the cell and the candidates, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from omni.framework import Framework
from omni.i18n import LANGUAGES
from omni.survey.headers import fold
from omni.survey.versions import text_versions

FUZZY_THRESHOLD = 88.0  # rapidfuzz ratio (0-100) a fuzzy option match needs
FUZZY_MARGIN = 6.0  # and its lead over the best other level
MIN_PREFIX = 16  # characters a shortened option must keep to be recognised
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")


@dataclass(frozen=True)
class OptionMatch:
    """What a text is: `level` (1..5) and how it was found, or 0 with the candidates."""

    level: int
    how: str  # "option text", "level name", "shortened option", "fuzzy 93"; "" when no match
    version: str = ""
    candidates: tuple[tuple[int, str], ...] = ()  # (level, text) it could be, nearest first
    ambiguous: bool = False


@dataclass
class _Choices:
    texts: list[str] = field(default_factory=list)  # folded
    levels: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "option text" / "level name"
    versions: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)  # as written, for messages
    exact: dict[str, int] = field(default_factory=dict)  # folded -> index

    def add(self, text: str, level: int, kind: str, version: str) -> None:
        folded = fold(text)
        if not folded:
            return
        self.exact.setdefault(folded, len(self.texts))
        self.texts.append(folded)
        self.levels.append(level)
        self.kinds.append(kind)
        self.versions.append(version)
        self.shown.append(text.strip())


class OptionIndex:
    """One framework's option texts (every shipped version, both languages) per question."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._choices: dict[str, _Choices] = {}
        for version in text_versions(framework):
            names = [(lvl.level, lvl.name(lang)) for lvl in version.levels for lang in LANGUAGES]
            for question in version.questions:
                if not framework.has_question(question.id):
                    continue  # a question no longer asked: its texts cannot score
                choices = self._choices.setdefault(question.id, _Choices())
                for level, option in question.option_texts():
                    for lang in LANGUAGES:
                        choices.add(option(lang), level, "option text", version.version)
                for level, name in names:
                    choices.add(name, level, "level name", version.version)
        self._memo: dict[tuple[str, str], OptionMatch] = {}

    def match(self, question: str, text: str) -> OptionMatch:
        """The level a text names for `question` (each distinct text decided once)."""
        key = (question, text)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._match(question, text)
        return found

    def _match(self, question: str, text: str) -> OptionMatch:
        choices = self._choices.get(question)
        folded = fold(_ELLIPSIS.sub("", text))
        if choices is None or not folded:
            return OptionMatch(0, "")
        hit = choices.exact.get(folded)
        if hit is not None:
            levels = {choices.levels[i] for i, t in enumerate(choices.texts) if t == folded}
            if len(levels) == 1:
                return OptionMatch(choices.levels[hit], choices.kinds[hit], choices.versions[hit])
            return self._ambiguous(choices, sorted((lvl, 100.0) for lvl in levels))
        if len(folded) >= MIN_PREFIX:
            starts = [i for i, t in enumerate(choices.texts) if t.startswith(folded)]
            levels = {choices.levels[i] for i in starts}
            if len(levels) == 1:
                level = choices.levels[starts[0]]
                near = {choices.levels[i] for _, _, i in process.extract(
                    folded, choices.texts, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_THRESHOLD)}
                if near - {level}:  # also near another level's full text: no guess
                    return self._ambiguous(choices, sorted((lvl, 100.0) for lvl in near | {level}))
                return OptionMatch(level, "shortened option", choices.versions[starts[0]])
            if len(levels) > 1:
                return self._ambiguous(choices, sorted((lvl, 100.0) for lvl in levels))
        best: dict[int, tuple[float, int]] = {}
        for _, score, i in process.extract(folded, choices.texts, scorer=fuzz.ratio, limit=None):
            level = choices.levels[i]
            if score > best.get(level, (-1.0, 0))[0]:
                best[level] = (score, i)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        if not ranked:
            return OptionMatch(0, "")
        (level, (score, i)), rest = ranked[0], ranked[1:]
        runner_up = rest[0][1][0] if rest else 0.0
        if score >= FUZZY_THRESHOLD and score - runner_up >= FUZZY_MARGIN:
            return OptionMatch(level, f"fuzzy {score:.0f}", choices.versions[i])
        near = [(lvl, s) for lvl, (s, _) in ranked[:3] if s >= FUZZY_THRESHOLD - FUZZY_MARGIN]
        if score >= FUZZY_THRESHOLD and len(near) > 1:
            return self._ambiguous(choices, near)
        return OptionMatch(0, "", candidates=self._shown(choices, [lvl for lvl, _ in ranked[:2]]))

    def _ambiguous(self, choices: _Choices, levels: list[tuple[int, float]]) -> OptionMatch:
        return OptionMatch(0, "", candidates=self._shown(choices, [lvl for lvl, _ in levels]), ambiguous=True)

    @staticmethod
    def _shown(choices: _Choices, levels: list[int]) -> tuple[tuple[int, str], ...]:
        out = []
        for level in levels:
            i = next(i for i, lvl in enumerate(choices.levels) if lvl == level and choices.kinds[i] == "option text")
            out.append((level, choices.shown[i]))
        return tuple(out)

    def option_texts(self, question: str, level: int) -> tuple[str, str]:
        """The current version's option text for a level, in Dutch and English (for messages)."""
        option = self.framework.question(question).option(level)
        return option("nl"), option("en")


@lru_cache(maxsize=16)
def option_index(framework: Framework) -> OptionIndex:
    return OptionIndex(framework)
