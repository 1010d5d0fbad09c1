"""Matching the header row of a one-row-per-respondent sheet to questions and facts.

Headers come from our own respondents sheet ("VIS-1 Huidig"), from a Microsoft Forms or Google
Forms export (the question text, perhaps shortened, with or without "Current"/"Huidig" or
"[Target]"/"[Gewenst]"; a Google grid's "Title [Row]"; a Microsoft Forms Likert statement asked
twice, which Excel exports as "Statement" and "Statement 2"), or from a consultant's own sheet.
Matching goes: question id first, then known form columns (ID, Start time, Timestamp, Email
Address: ignored) and respondent facts, then the question text in either language and in every
shipped version of the framework (exact, then a shortened prefix, then fuzzy with rapidfuzz,
then word overlap), each with a threshold and a margin so that a header never maps to two
questions. Every column gets a verdict, with the reason, for the column map the user sees.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from rapidfuzz import fuzz, process

from omni.framework import Framework
from omni.i18n import LANGUAGES, t
from omni.survey.model import FACT_FIELDS
from omni.survey.raw import COMMENT, CURRENT, TARGET
from omni.survey.versions import text_versions

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
    "last modified time": "", "tijd van laatste wijziging": "", "tijdstip van laatste wijziging": "",
    "laatst gewijzigd": "",
    "email": "_email", "e-mail": "_email", "email address": "_email", "e-mailadres": "_email",
    "e-mail address": "_email", "emailadres": "_email",
    "name": "name", "naam": "name", "full name": "name", "volledige naam": "name",
    "total points": "", "totaal aantal punten": "", "score": "", "quiz feedback": "", "grade posted time": "",
    "feedback": "", "punten": "", "ip address": "", "ip-adres": "", "user agent": "",
    "language": "", "taal": "",
}
# A Microsoft Forms quiz adds, after every question, "Points - <question>" and "Feedback - <question>"
# (in English also in a Dutch or French export): never an answer, whatever question it names.
_QUIZ_COLUMN = re.compile(r"^\s*(?:points|feedback)\s+-\s+\S", re.IGNORECASE)
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
    "unit": ("eenheid", "unit", "business unit", "bedrijfsonderdeel"),
    "name": ("naam", "name", "uw naam", "your name"),
}
_FACT_PATTERNS = {name: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
                  for name, keys in _FACT_WORDS.items()}
_NUMBERING = re.compile(r"^(?:(?:vraag|question|q)\s*)?\d{1,3}\s+")  # "3. ...", "Vraag 3: ..."
# The same numbering on a header as typed ("3. VIS-1 ...", "Vraag 3: Organisatie", "Q3 ..."): a number with
# its word, or followed by a full stop, bracket or colon.
_TYPED_NUMBERING = re.compile(r"^\s*(?:(?:vraag|question|q)\s*\d{1,3}\s*[.):]?\s+|\d{1,3}\s*[.):]\s*)(?=[^\W\d_])",
                              re.IGNORECASE)
_STOPWORDS = frozenset("de het een en of van in op voor met te is zijn we wij onze ons uw die dat "
                       "the a an and or of in on for with to is are we our us your that this".split())
TEXT_THRESHOLD = 0.72  # word-overlap score a text match needs
TEXT_MARGIN = 0.08  # and its lead over the next question
FUZZY_THRESHOLD = 90.0  # rapidfuzz ratio (0-100) a fuzzy header match needs
FUZZY_MARGIN = 6.0  # and its lead over the next question
# Excel makes a repeated header unique by appending a number: "Statement", "Statement 2".
_EXCEL_SUFFIX = re.compile(r"^(.*\S)\s?([2-9])$")
# A Google Forms grid: "Question title [Row text]".
_GRID = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$", re.DOTALL)


QUESTION_VERDICTS = ("id", "text", "mapping")  # verdicts that read a column as a question
STATEMENT = "dimension as a statement"  # the reason of an importance column headed by a dimension's name alone


@dataclass(frozen=True)
class ColumnMatch:
    """The verdict on one column: what it holds and how that was decided."""

    col: int
    header: str
    matched_by: str  # id / text / mapping / fact / ignored / unmapped
    question: str = ""
    field: str = ""  # current / target / comment, or a fact name
    candidates: tuple[str, ...] = ()  # for an ambiguous text: the questions it could be
    reason: str = ""  # why: "id", "exact text", "shortened text", "fuzzy 93", "grid row", ...
    version: str = ""  # the framework version whose text matched


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
# Within a grid's title, how a form asks for now and for later (our forms' "Where are we today?" / "Where do
# we want to be in 2-3 years?", and the field words themselves).
_TITLE_FIELD_WORDS = [*((w, f) for w, f in _FIELD_FOLDED if f in (CURRENT, TARGET)),
                      *((fold(w), TARGET) for w in ("want to be", "2-3 years", "2-3 jaar", "willen we", "willen staan",
                                                    "in 3 years", "over 3 jaar", "ambition", "ambitie"))]


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


def _asks_importance(folded: str) -> bool:
    """A folded header that asks how important something is ("belang", "importance")."""
    return "belang" in folded or "importan" in folded


def _field_beside_id(qid: str, rest: str, index: QuestionIndex) -> str:
    """The field the words beside a question id name ("(Current)", "gewenst"), "" for none - and none when
    those words are the question's own topic or text ("TEC-4 Future-readiness": no target)."""
    found = index.exact.get(fold(rest))
    if found is not None and found[0] == qid:
        return ""
    return split_field(rest)[1]


def _title_field(title: str) -> str:
    """The field a grid's title names anywhere in it ("Where are we today? - Vision", "Waar willen we over
    2-3 jaar staan?"): current or target when the title holds words of one of them only, else ""."""
    folded = f" {fold(title)} "
    found = {fld for word, fld in _TITLE_FIELD_WORDS if f" {word} " in folded}
    return found.pop() if len(found) == 1 else ""


@dataclass(frozen=True)
class TextMatch:
    """The question a header text names (or "" and the near ones), how, and from which version."""

    question: str = ""
    how: str = ""
    version: str = ""
    candidates: tuple[str, ...] = ()


class QuestionIndex:
    """A framework's question texts in both languages and every shipped version, folded."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.exact: dict[str, tuple[str, str]] = {}  # folded text -> (question, version)
        self.variants: list[tuple[str, str, frozenset[str], str]] = []  # (question, folded, words, version)
        for version in text_versions(framework):
            for q in version.questions:
                if not framework.has_question(q.id):
                    continue  # a question the current version no longer asks
                for lang, stem in ((lang, stem) for stem in q.question_texts() for lang in LANGUAGES):
                    topic, text = fold(q.topic(lang)), fold(stem(lang))
                    for variant in (text, topic, f"{topic} {text}"):
                        self.exact.setdefault(variant, (q.id, version.version))
                        self.variants.append((q.id, variant, _words(variant), version.version))
        self.texts = [v for _, v, _, _ in self.variants]
        self.memo: dict[str, ColumnMatch] = {}  # header text -> verdict (column 0)
        # "Organisatie (huidig)": a dimension's own score (a column of averages), never one of its questions
        self.dimension_names = {fold(d.name(lang)): d.id for d in framework.dimensions for lang in LANGUAGES}
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

    def match_text(self, body: str) -> TextMatch:
        """The question the folded text names, or no question and the near ones."""
        if not body:
            return TextMatch()
        body = re.sub(r"\s*(?:\.\.\.|…)$", "", body).strip()
        if body in self.exact:
            return TextMatch(*self.exact[body][:1], "exact text", self.exact[body][1])
        if len(body) >= 15:
            prefixed = {(q, v) for q, variant, _, v in self.variants if variant.startswith(body)}
            if len({q for q, _ in prefixed}) == 1:
                question, version = sorted(prefixed)[0]
                rivals = self._near(body) - {question}
                if rivals:  # a shortened text that is also near another question in full: no guess
                    return TextMatch(how="ambiguous", candidates=(question, *sorted(rivals)))
                return TextMatch(question, "shortened text", version)
        found = self._fuzzy(body)
        if found is not None:
            return found
        return self._overlap(body)

    def _fuzzy(self, body: str) -> TextMatch | None:
        """rapidfuzz over whole texts: other quotes, dashes, a typo or a word changed."""
        if len(body) < 12:
            return None
        best: dict[str, tuple[float, str]] = {}
        for _, score, i in process.extract(body, self.texts, scorer=fuzz.ratio, limit=12,
                                           score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN):
            qid, _, _, version = self.variants[i]
            if score > best.get(qid, (-1.0, ""))[0]:
                best[qid] = (score, version)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        if not ranked or ranked[0][1][0] < FUZZY_THRESHOLD:
            return None
        if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < FUZZY_MARGIN:
            return TextMatch(how="ambiguous", candidates=tuple(q for q, _ in ranked[:3]))
        qid, (score, version) = ranked[0]
        return TextMatch(qid, f"fuzzy {score:.0f}", version)

    def _near(self, body: str) -> set[str]:
        """Questions one of whose texts is within the fuzzy threshold of the whole body."""
        hits = process.extract(body, self.texts, scorer=fuzz.ratio, limit=12, score_cutoff=FUZZY_THRESHOLD)
        return {self.variants[i][0] for _, _, i in hits}

    def _overlap(self, body: str) -> TextMatch:
        words = _words(body)
        if not words:
            return TextMatch()
        best: dict[str, tuple[float, str]] = {}
        for qid, _, variant_words, version in self.variants:
            common = len(words & variant_words)
            if not common:
                continue
            # How much of the header the question explains, and how much of the question is there.
            score = 0.6 * common / len(words) + 0.4 * common / len(variant_words)
            if score > best.get(qid, (0.0, ""))[0]:
                best[qid] = (score, version)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        if not ranked or ranked[0][1][0] < TEXT_THRESHOLD:
            return TextMatch()
        top = ranked[0][1][0]
        if len(ranked) > 1 and top - ranked[1][1][0] < TEXT_MARGIN:
            return TextMatch(how="ambiguous", candidates=tuple(q for q, (s, _) in ranked[:3] if top - s < TEXT_MARGIN))
        return TextMatch(ranked[0][0], f"words {top:.2f}", ranked[0][1][1])


_IMPORTANCE_MARKERS = ("belang", "importance")
# How forms generated earlier asked importance (before the horizon was worded once, and before the
# question asked about improving the dimension); such forms are still out there.
_EARLIER_IMPORTANCE_QUESTIONS = (
    "Hoe belangrijk is {dimension} voor de strategie van uw organisatie in de komende 2-3 jaar?",
    "How important is {dimension} for your organisation's strategy in the next 2-3 years?",
    "Hoe belangrijk is {dimension} voor de strategie van uw organisatie over 2-3 jaar?",
    "How important is {dimension} for your organisation's strategy in 2-3 years?",
    "Hoe belangrijk is verbetering op {dimension} voor de strategie van uw organisatie over 2-3 jaar?",
    "How important is improvement in {dimension} for your organisation's strategy in 2-3 years?")


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
                for earlier in _EARLIER_IMPORTANCE_QUESTIONS:
                    headers[fold(earlier.format(dimension=name))] = d.id
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
    if _QUIZ_COLUMN.match(header):
        return ColumnMatch(col, header, "ignored", reason="quiz column")
    core = _TYPED_NUMBERING.sub("", header)  # "3. VIS-1 ...", "2. Organisatie": the form's numbering is no part
    folded = fold(core)
    dimension = index.importance_dimension(folded) if _asks_importance(folded) else ""
    if dimension:
        return ColumnMatch(col, header, "importance", field=dimension)
    found = ID_PATTERN.search(core)
    if found and (not core[:found.start()].strip(" ([") or not core[found.end():].strip(" )]")):
        rest = (core[:found.start()] + " " + core[found.end():]).strip(" -–—:_.()[]")
        qid = found.group(1).upper()
        return ColumnMatch(col, header, "id", qid, _field_beside_id(qid, rest, index) or CURRENT, reason="id")
    if folded in _FORM_COLUMNS:
        fact = _FORM_COLUMNS[folded]
        if fact and not fact.startswith("_"):
            return ColumnMatch(col, header, "fact", field=fact, reason="form column")
        return ColumnMatch(col, header, "ignored", field=fact, reason="form column")
    labels = _fact_labels()
    if folded in labels:
        return ColumnMatch(col, header, "fact", field=labels[folded], reason="fact label")
    verdict = _question_column(header, index)
    if verdict.question and verdict.reason == "exact text":
        return verdict
    suffixed = _EXCEL_SUFFIX.match(header)
    if suffixed:  # "Statement 2": Excel's second column of a statement asked twice (the target)
        base = _question_column(suffixed.group(1), index)
        if base.question and (not verdict.question or base.question == verdict.question):
            explicit = split_field(suffixed.group(1))[1]
            return dataclasses.replace(base, header=header, field=explicit or TARGET,
                                       reason=f"{base.reason}, repeated ({suffixed.group(2)})")
    if verdict.question and verdict.reason.startswith("words ") and len(folded.split()) <= 3:
        # a short header that shares a word with a question ("Your role" ~ "Role of each channel") and
        # asks for a fact is that fact: a few words in common are no evidence against it
        fact = next((name for name, pattern in _FACT_PATTERNS.items() if pattern.search(folded)), "")
        if fact:
            return ColumnMatch(col, header, "fact", field=fact, reason="fact question")
    if verdict.question or verdict.candidates or verdict.reason == "dimension name":
        return verdict
    if len(folded.split()) <= 8:
        for name, pattern in _FACT_PATTERNS.items():
            if pattern.search(folded):
                return ColumnMatch(col, header, "fact", field=name, reason="fact question")
    return ColumnMatch(col, header, "unmapped", reason="no match")


def _question_column(header: str, index: QuestionIndex) -> ColumnMatch:
    """The question (and field) a header names, or "unmapped" with the candidates."""
    folded = fold(header)
    plain = _NUMBERING.sub("", folded)
    if plain in index.exact:  # the whole header is a question (even one ending in "nu" or "doel")
        qid, version = index.exact[plain]
        return ColumnMatch(0, header, "text", qid, CURRENT, reason="exact text", version=version)
    grid = _GRID.match(header)
    if grid:  # Google grid "Title [Row]": the row is the question and the title the field, or the reverse
        title, row = grid.group(1), grid.group(2)
        row_body, row_field = split_field(row)
        title_body, title_field = split_field(title)
        title_field = title_field or _title_field(title)  # "Where are we today? - Vision and support"
        found = ID_PATTERN.match(row.strip())  # "[VIS-1 Distinctive strengths]"
        if found:
            qid = found.group(1).upper()
            rest_field = _field_beside_id(qid, row.strip()[found.end():].strip(" -–—:_.()"), index)
            return ColumnMatch(0, header, "id", qid, rest_field or title_field or CURRENT, reason="grid row: id")
        whole = index.exact.get(_NUMBERING.sub("", fold(row)))
        if whole is not None and row_field:  # a topic holding a field word ("Future-readiness") is the topic
            return ColumnMatch(0, header, "text", whole[0], title_field or CURRENT, reason="grid row: exact text",
                               version=whole[1])
        if row_body:
            found = index.match_text(_NUMBERING.sub("", row_body))
            if found.question:
                return ColumnMatch(0, header, "text", found.question, row_field or title_field or CURRENT,
                                   reason=f"grid row: {found.how}", version=found.version)
        if row_field and not row_body and title_body:
            found = index.match_text(_NUMBERING.sub("", title_body))
            if found.question:
                return ColumnMatch(0, header, "text", found.question, row_field,
                                   reason=f"grid title: {found.how}", version=found.version)
    body, fld = split_field(header)
    if fld and (named := _NUMBERING.sub("", body)) in index.dimension_names and named not in index.exact:
        return ColumnMatch(0, header, "unmapped", reason="dimension name")
    found = index.match_text(_NUMBERING.sub("", body))
    if found.question:
        return ColumnMatch(0, header, "text", found.question, fld or CURRENT, reason=found.how,
                           version=found.version)
    if found.candidates:
        return ColumnMatch(0, header, "unmapped", candidates=found.candidates,
                           reason="ambiguous: " + ", ".join(found.candidates))
    return ColumnMatch(0, header, "unmapped", reason="no match")


def match_header(headers: list[str], framework: Framework, rules: Mapping[str, object] | None = None
                 ) -> list[ColumnMatch]:
    """Verdicts for a whole header row; a question field claimed twice keeps the first column.

    `rules` (folded header -> omni.survey.mapping.ColumnRule) is the user's mapping: it wins."""
    index = question_index(framework)
    matches = [_ruled(c, h, rules[fold(h)]) if rules and h and fold(h) in rules else match_column(c, h, index)
               for c, h in enumerate(headers)]
    # A Microsoft Forms Likert question "How important is improving ... ?" with the dimensions as its
    # statements is exported as one column per statement, headed by the dimension's name alone: three or
    # more such columns side by side are that question ("Organisatie" among them is then no organisation's
    # name; an "Organisatie" column elsewhere still is).
    named = [m.matched_by != "mapping" and fold(m.header) in index.dimension_names for m in matches]
    for is_named, run in groupby(range(len(matches)), key=named.__getitem__):
        run = list(run)
        if is_named and len(run) >= 3:
            for i in run:
                m = matches[i]
                matches[i] = ColumnMatch(m.col, m.header, "importance", field=index.dimension_names[fold(m.header)],
                                         reason=STATEMENT)
    _section_importance(matches, index)
    # Two unsuffixed columns of one question (a form asking it twice): current, then target.
    seen: dict[tuple[str, str], int] = {}
    out = []
    for m in matches:
        if m.question and m.field:
            key = (m.question, m.field)
            if key in seen and m.field == CURRENT and (m.question, TARGET) not in seen and not split_field(
                    m.header)[1] and m.matched_by != "mapping":
                m = dataclasses.replace(m, field=TARGET, reason=f"{m.reason}, asked again")
                key = (m.question, TARGET)
            seen.setdefault(key, m.col)
        out.append(m)
    return out


# "Hoe belangrijk is dit onderdeel voor ons?" at the end of every section of a form: this section's importance.
_THIS_PART = re.compile(r"\b(?:dit|deze) (?:onderdeel|deel|thema|sectie|hoofdstuk|gebied)\b|\bthis "
                        r"(?:dimension|part|section|topic|area|theme)\b")
SECTION_IMPORTANCE = "importance of the section"


def _section_importance(matches: list[ColumnMatch], index: QuestionIndex) -> None:
    """An importance question that names no dimension but "this part" (asked the same at the end of every
    section; Excel numbers the repeats "...ons?2") is the importance of the dimension of the questions just
    before it; without a question before it, or for a dimension that already has one, it stays unread."""
    taken = {m.field for m in matches if m.matched_by == "importance"}
    dimension = ""
    for i, m in enumerate(matches):
        if m.question and m.matched_by in QUESTION_VERDICTS and index.framework.has_question(m.question):
            dimension = index.framework.question(m.question).dimension
            continue
        folded = fold(m.header)
        if (m.matched_by == "unmapped" and dimension and dimension not in taken
                and _asks_importance(folded) and _THIS_PART.search(folded)):
            matches[i] = ColumnMatch(m.col, m.header, "importance", field=dimension, reason=SECTION_IMPORTANCE)
            taken.add(dimension)


def _ruled(col: int, header: str, rule) -> ColumnMatch:
    """The verdict the user's mapping gives a column."""
    if rule.kind == "question":
        return ColumnMatch(col, header, "mapping", rule.question, rule.field, reason="mapping")
    if rule.kind == "fact":
        return ColumnMatch(col, header, "fact", field=rule.field, reason="mapping")
    if rule.kind == "importance":
        return ColumnMatch(col, header, "importance", field=rule.field, reason="mapping")
    return ColumnMatch(col, header, "ignored", reason="mapping")


def question_slots(matches: list[ColumnMatch]) -> int:
    """How many answer columns a header row maps (to choose the header row and the sheet)."""
    return sum(1 for m in matches if m.question and m.field in (CURRENT, TARGET)
               and m.matched_by in QUESTION_VERDICTS)
