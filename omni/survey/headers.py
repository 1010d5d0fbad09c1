"""Matching the header row of a one-row-per-respondent sheet to questions and facts.

Headers come from our own respondents sheet ("VIS-1 Huidig"), from a Microsoft Forms or Google
Forms export (the question text, perhaps shortened, with or without "Current"/"Huidig" or
"[Target]"/"[Gewenst]"), or from a consultant's own sheet. Matching goes: question id first,
then known form columns (ID, Start time, Timestamp, Email Address: ignored) and respondent
facts, then the question text in either language (exact, then a shortened prefix, then word
overlap with a clear winner). Every column gets a verdict for the column map the user sees.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from omni.framework import Framework
from omni.i18n import LANGUAGES, t
from omni.survey.model import FACT_FIELDS
from omni.survey.raw import COMMENT, CURRENT, TARGET

ID_PATTERN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2,5}-\d{1,3})(?![0-9])")

# Field words that may follow (or precede) a question in a header; longest first when matching.
_FIELD_WORDS = {
    CURRENT: ("huidige situatie", "huidige stand", "huidig", "nu", "vandaag", "current state",
              "current situation", "current", "today", "now", "as is", "ist"),
    TARGET: ("gewenste situatie", "gewenste stand", "gewenst", "doel", "ambitie", "over 3 jaar",
             "target state", "desired state", "target situation", "target", "desired", "goal",
             "ambition", "future", "to be", "soll"),
    COMMENT: ("toelichting", "opmerkingen", "opmerking", "commentaar", "comments", "comment",
              "remarks", "explanation", "notes"),
}
# Columns that forms tools add: read as a fact, or ignored (the e-mail only to spot duplicates).
_FORM_COLUMNS = {
    "id": "", "respondent id": "", "response id": "", "antwoord id": "", "nr": "", "#": "",
    "start time": "", "starttijd": "", "begintijd": "", "start date": "",
    "completion time": "date", "tijd van voltooien": "date", "voltooiingstijd": "date",
    "end date": "date", "einddatum": "date", "submitted at": "date", "ingediend op": "date",
    "timestamp": "date", "tijdstempel": "date",
    "last modified time": "", "tijdstip van laatste wijziging": "", "laatst gewijzigd": "",
    "email": "_email", "e-mail": "_email", "email address": "_email", "e-mailadres": "_email",
    "e-mail address": "_email", "emailadres": "_email",
    "name": "name", "naam": "name", "full name": "name", "volledige naam": "name",
    "total points": "", "totaal aantal punten": "", "score": "", "quiz feedback": "",
    "feedback": "", "punten": "", "ip address": "", "ip-adres": "", "user agent": "",
    "language": "", "taal": "",
}
# Words that mark a form question asking for a respondent fact ("Wat is uw rol?").
_FACT_WORDS = {
    "role": ("rol", "role", "functie", "job title", "position"),
    "department": ("afdeling", "department", "team"),
    "organisation": ("organisatie", "organisation", "organization", "bedrijf", "company",
                     "werkgever", "employer", "bedrijfsnaam", "company name"),
    "sector": ("sector", "branche", "industry"),
    "size_band": ("omvang", "size", "medewerkers", "employees", "aantal werknemers"),
    "channel_model": ("kanaalmodel", "channel model"),
    "date": ("datum", "date"),
    "name": ("naam", "name", "uw naam", "your name"),
}
_FACT_PATTERNS = {name: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
                  for name, keys in _FACT_WORDS.items()}
_NUMBERING = re.compile(r"^(?:(?:vraag|question|q)\s*)?\d{1,3}\s+")  # "3. ...", "Vraag 3: ..."
_STOPWORDS = frozenset("de het een en of van in op voor met te is zijn we wij onze ons uw die dat "
                       "the a an and or of in on for with to is are we our us your that this".split())
TEXT_THRESHOLD = 0.72  # word-overlap score a text match needs
TEXT_MARGIN = 0.08  # and its lead over the next question


@dataclass(frozen=True)
class ColumnMatch:
    """The verdict on one column: what it holds and how that was decided."""

    col: int
    header: str
    matched_by: str  # id / text / fact / ignored / unmapped
    question: str = ""
    field: str = ""  # current / target / comment, or a fact name
    candidates: tuple[str, ...] = ()  # for an ambiguous text: the questions it could be


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded away, for comparing texts."""
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^\w#]+", " ", text)
    return " ".join(text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.split() if w not in _STOPWORDS and (len(w) > 1 or w.isdigit()))


_FORM_COLUMNS = {fold(k): v for k, v in _FORM_COLUMNS.items()}
_FIELD_FOLDED = sorted(((fold(w), f) for f, words in _FIELD_WORDS.items() for w in words),
                       key=lambda item: -len(item[0]))
_TEMPLATE_FIELDS = {fold(t(f"col.{f}", lang)): f for f in (CURRENT, TARGET, COMMENT) for lang in LANGUAGES}


def split_field(header: str) -> tuple[str, str]:
    """(rest of the header, field) where a field word ends or starts it; field "" if none.

    A trailing field word wins over a leading one ("Current versus ideal ... [Target]").
    """
    folded = fold(header)
    words = [*((w, f) for w, f in _TEMPLATE_FIELDS.items()), *_FIELD_FOLDED]
    for word, fld in words:
        if folded == word:
            return "", fld
    for word, fld in words:
        if folded.endswith(" " + word):
            return folded[: -len(word) - 1].strip(), fld
    for word, fld in words:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:].strip(), fld
    return folded, ""


class QuestionIndex:
    """A framework's question texts in both languages, folded for matching."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.exact: dict[str, str] = {}
        self.variants: list[tuple[str, str, frozenset[str]]] = []  # (question, folded, words)
        for q in framework.questions:
            for lang in LANGUAGES:
                topic, text = fold(q.topic(lang)), fold(q.text(lang))
                for variant in {text, topic, f"{topic} {text}"}:
                    self.exact.setdefault(variant, q.id)
                    self.variants.append((q.id, variant, _words(variant)))
        self.memo: dict[str, ColumnMatch] = {}  # header text -> verdict (column 0)
        self.importance = _importance_headers(framework)

    def importance_dimension(self, folded: str) -> str:
        """The dimension an importance column is about ("" when the header is no importance column)."""
        found = self.importance.get(folded)
        if found:
            return found
        for marker in _IMPORTANCE_MARKERS:
            if folded.startswith(marker + " "):
                return self.importance.get(folded[len(marker) + 1:], "")
        return ""

    def match_text(self, body: str) -> tuple[str, tuple[str, ...]]:
        """(question, candidates): the question the folded text names, or "" and the near ones."""
        if not body:
            return "", ()
        body = re.sub(r"\s*(?:\.\.\.|…)$", "", body).strip()
        if body in self.exact:
            return self.exact[body], ()
        if len(body) >= 15:
            prefixed = {q for q, variant, _ in self.variants if variant.startswith(body)}
            if len(prefixed) == 1:
                return prefixed.pop(), ()
        words = _words(body)
        if not words:
            return "", ()
        best: dict[str, float] = {}
        for qid, _, variant_words in self.variants:
            common = len(words & variant_words)
            if not common:
                continue
            # How much of the header the question explains, and how much of the question is there.
            score = 0.6 * common / len(words) + 0.4 * common / len(variant_words)
            if score > best.get(qid, 0.0):
                best[qid] = score
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < TEXT_THRESHOLD:
            return "", ()
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < TEXT_MARGIN:
            return "", tuple(q for q, s in ranked[:3] if ranked[0][1] - s < TEXT_MARGIN)
        return ranked[0][0], ()


_IMPORTANCE_MARKERS = ("belang", "importance")


def _importance_headers(framework: Framework) -> dict[str, str]:
    """Folded importance headers -> dimension: ours ("Belang Visie en draagvlak", the heading and the
    name), a form's question text ("Hoe belangrijk is ... ?"), and after a marker the bare name or id."""
    headers: dict[str, str] = {}
    for d in framework.dimensions:
        names = {d.id, d.id.replace("_", " ")} | {d.name(lang) for lang in LANGUAGES}
        for name in names:
            headers[fold(name)] = d.id  # consulted only for headers with an importance word in them
        for lang in LANGUAGES:
            heading = t("importance.heading", lang)
            for name in names:
                for variant in (t("importance.wide_header", lang, dimension=name), f"{heading} {name}",
                                f"{name} {heading}", t("importance.question", lang, dimension=name)):
                    headers[fold(variant)] = d.id
    return headers


@lru_cache(maxsize=16)
def question_index(framework: Framework) -> QuestionIndex:
    return QuestionIndex(framework)


@lru_cache(maxsize=1)
def _fact_labels() -> dict[str, str]:
    labels = {}
    for name in FACT_FIELDS:
        labels[fold(name)] = name
        for lang in LANGUAGES:
            labels[fold(t(f"fact.{name}", lang))] = name
    return labels


def header_text(value: object) -> str:
    """A header cell as text ("" for an empty cell); numbers as they would be typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\u00a0", " ").split())


def match_column(col: int, header: str, index: QuestionIndex) -> ColumnMatch:
    """Decide what one column holds from its header text (each distinct text decided once)."""
    verdict = index.memo.get(header)
    if verdict is None:
        verdict = index.memo[header] = _match_column(header, index)
    return verdict if verdict.col == col else dataclasses.replace(verdict, col=col)


def _match_column(header: str, index: QuestionIndex) -> ColumnMatch:
    col = 0
    if not header:
        return ColumnMatch(col, header, "unmapped")
    folded = fold(header)
    dimension = index.importance_dimension(folded) if any(m in folded for m in ("belang", "importan")) else ""
    if dimension:
        return ColumnMatch(col, header, "importance", field=dimension)
    found = ID_PATTERN.search(header)
    if found and (not header[:found.start()].strip(" ([") or not header[found.end():].strip(" )]")):
        rest = (header[:found.start()] + " " + header[found.end():]).strip(" -–—:_.()[]")
        return ColumnMatch(col, header, "id", found.group(1).upper(), split_field(rest)[1] or CURRENT)
    if folded in _FORM_COLUMNS:
        fact = _FORM_COLUMNS[folded]
        if fact and not fact.startswith("_"):
            return ColumnMatch(col, header, "fact", field=fact)
        return ColumnMatch(col, header, "ignored", field=fact)
    labels = _fact_labels()
    if folded in labels:
        return ColumnMatch(col, header, "fact", field=labels[folded])
    plain = _NUMBERING.sub("", folded)
    if plain in index.exact:  # the whole header is a question (even one ending in "nu" or "doel")
        return ColumnMatch(col, header, "text", index.exact[plain], CURRENT)
    body, fld = split_field(header)
    body = _NUMBERING.sub("", body)
    question, candidates = index.match_text(body)
    if question:
        return ColumnMatch(col, header, "text", question, fld or CURRENT)
    if candidates:
        return ColumnMatch(col, header, "unmapped", candidates=candidates)
    if len(folded.split()) <= 8:
        for name, pattern in _FACT_PATTERNS.items():
            if pattern.search(folded):
                return ColumnMatch(col, header, "fact", field=name)
    return ColumnMatch(col, header, "unmapped")


def match_header(headers: list[str], framework: Framework) -> list[ColumnMatch]:
    """Verdicts for a whole header row; a question field claimed twice keeps the first column."""
    index = question_index(framework)
    matches = [match_column(c, h, index) for c, h in enumerate(headers)]
    # Two unsuffixed columns of one question (a form asking it twice): current, then target.
    seen: dict[tuple[str, str], int] = {}
    out = []
    for m in matches:
        if m.question and m.field:
            key = (m.question, m.field)
            if key in seen and m.field == CURRENT and (m.question, TARGET) not in seen and not split_field(
                    m.header)[1]:
                m = ColumnMatch(m.col, m.header, m.matched_by, m.question, TARGET)
                key = (m.question, TARGET)
            seen.setdefault(key, m.col)
        out.append(m)
    return out


def question_slots(matches: list[ColumnMatch]) -> int:
    """How many answer columns a header row maps (to choose the header row and the sheet)."""
    return sum(1 for m in matches if m.question and m.field in (CURRENT, TARGET)
               and m.matched_by in ("id", "text"))
