"""Survey rounds answered in the browser: tokens, links, limits, answer checks and the round's Survey.

Plain Python (never imports streamlit). Persistence is in omni.store.rounds; a closed round's
answers become a Survey through `survey_from_answers`, validated exactly like an upload, so the
dashboard, the exports and the history treat it like any uploaded survey.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import secrets
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from omni.framework import Framework
from omni.i18n import LANGUAGES, t
from omni.survey.model import RespondentAnswers, Survey
from omni.survey.reader import survey_from_answers

DEFAULT_PUBLIC_URL = "http://localhost:8501"
RESPOND_PATH = "respond"
NA = "na"
MAX_TEXT = 200  # name, role, department
MAX_COMMENT = 2000
TOKEN_BYTES = 32


class RoundError(ValueError):
    """Something a respondent or manager asked that cannot be done; `message(lang)` says why."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(f"round.err.{key}", "en", **params))

    def message(self, lang: str) -> str:
        return t(f"round.err.{self.key}", lang, **self.params)


@dataclass(frozen=True)
class RoundLimits:
    """Flood limits per round: respondents in all, and seconds between two new respondents."""

    max_respondents: int = 200
    min_interval_seconds: float = 3.0

    @classmethod
    def from_env(cls) -> RoundLimits:
        """Defaults, overridden by OMNI_ROUND_MAX_RESPONDENTS / OMNI_ROUND_MIN_INTERVAL_SECONDS."""
        limits = cls()
        try:
            maximum = int(os.environ.get("OMNI_ROUND_MAX_RESPONDENTS", limits.max_respondents))
            interval = float(os.environ.get("OMNI_ROUND_MIN_INTERVAL_SECONDS", limits.min_interval_seconds))
        except ValueError:
            return limits
        return cls(max(1, maximum), max(0.0, interval))


# --- tokens and links ----------------------------------------------------------------------------


def new_token() -> str:
    """An unguessable token for a link (256 bits from the operating system's cryptographic source)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Compare a presented token with a stored hash in constant time."""
    return hmac.compare_digest(token_hash(token), stored_hash)


def plausible_token(token: object) -> bool:
    """Cheap shape check before touching the database (URL-safe base64, sensible length)."""
    return (isinstance(token, str) and 20 <= len(token) <= 100
            and all(c.isascii() and (c.isalnum() or c in "-_") for c in token))


def public_url() -> str:
    """The base URL respondents reach the app at (OMNI_PUBLIC_URL, default http://localhost:8501)."""
    return (os.environ.get("OMNI_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/")


def round_link(token: str, base: str | None = None) -> str:
    """The link shared with the whole team."""
    return f"{base or public_url()}/{RESPOND_PATH}?{urllib.parse.urlencode({'token': token})}"


def resume_link(token: str, base: str | None = None) -> str:
    """One respondent's personal link to come back to their answers."""
    return f"{base or public_url()}/{RESPOND_PATH}?{urllib.parse.urlencode({'resume': token})}"


def qr_png(url: str, scale: int = 8) -> bytes:
    """A QR code of `url` as PNG bytes (to put on a slide)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


# --- answers ------------------------------------------------------------------------------------


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Respondent text as stored: control characters removed, white space folded, bounded."""
    text = "" if value is None else str(value)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = " ".join(text.split()) if limit <= MAX_TEXT else text.strip()
    return text[:limit]


def check_languages(languages: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(lang for lang in languages if lang))
    if not chosen or any(lang not in LANGUAGES for lang in chosen):
        raise RoundError("languages", options=", ".join(LANGUAGES))
    return chosen


def check_score(value: object) -> int | str | None:
    """A web answer: 1..5, "na" (not applicable) or None (not answered)."""
    if value is None or value == "":
        return None
    if value == NA:
        return NA
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in (1, 2, 3, 4, 5):
        raise RoundError("score", value=value)
    return int(value)


def check_answers(framework: Framework, answers: Mapping[str, tuple[object, object, object]]
                  ) -> dict[str, tuple[int | str | None, int | str | None, str]]:
    """Answers as the store keeps them; unknown questions and bad scores are refused."""
    checked = {}
    for qid, (current, target, comment) in answers.items():
        if not framework.has_question(qid):
            raise RoundError("question", question=qid)
        checked[framework.canonical_id(qid)] = (check_score(current), check_score(target), clean_text(comment, MAX_COMMENT))
    return checked


def progress(framework: Framework, answers: Mapping[str, tuple[object, object, str]]) -> float:
    """Share of questions with both current and target given (n/a counts as given)."""
    done = sum(1 for q in framework.questions
               if q.id in answers and answers[q.id][0] is not None and answers[q.id][1] is not None)
    return done / len(framework.questions)


def round_survey(framework: Framework, respondents: Iterable[RespondentAnswers], source: str) -> Survey:
    """The round's answers as a Survey, read and validated like an uploaded file."""
    return survey_from_answers(framework, list(respondents), source=source)


def first_open_step(framework: Framework, saved: dict) -> int:
    """Where a returning respondent continues: the first dimension not fully answered (or review)."""
    return next((i for i, d in enumerate(framework.dimensions)
                 if any(saved.get(q.id, (None, None))[:2].count(None) for q in d.questions)),
                len(framework.dimensions))
