"""Survey rounds answered in the browser: tokens, links, limits, answer checks and the round's Survey.

Plain Python (never imports streamlit). Persistence is in omni.store.rounds; a closed round's
answers become a Survey through `survey_from_answers`, validated exactly like an upload, so the
dashboard, the exports and the history treat it like any uploaded survey.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import ipaddress
import os
import secrets
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from omni.framework import Framework
from omni.i18n import LANGUAGES, TranslatedError
from omni.settings import env_number
from omni.survey.model import RespondentAnswers, Survey, importance_dimension, importance_key
from omni.survey.reader import survey_from_answers

DEFAULT_PUBLIC_URL = "http://localhost:8501"
RESPOND_PATH = "respond"
NA = "na"
DK = "dk"  # don't know: out of the scores like n/a, counted apart
MAX_TEXT = 200  # name, role, department
MAX_COMMENT = 2000
TOKEN_BYTES = 32


class RoundError(TranslatedError):
    """Something a respondent or manager asked that cannot be done; `message(lang)` says why."""

    prefix = "round.err."


@dataclass(frozen=True)
class RoundLimits:
    """Flood limits of a round (issue 15, finding 5).

    Per client, not per round: one script must not be able to lock real respondents out. A client
    is the browser's cookie and the address it comes from (see `Client`); the round-wide limit is
    only the cap, which a manager can raise up to `ceiling`.
    """

    max_respondents: int = 200  # the cap of a new round
    min_interval_seconds: float = 3.0  # between two new respondents of one browser (or one address without cookie)
    address_interval_seconds: float = 1.0  # between two new respondents from one address, any browser
    max_per_client: int = 3  # new respondents one browser may start in a round
    max_per_address: int = 30  # ... and one address (an office behind one address is one team)
    ceiling: int = 5000  # the highest cap a manager can set

    @classmethod
    def from_env(cls) -> RoundLimits:
        """Defaults, overridden by OMNI_ROUND_MAX_RESPONDENTS, OMNI_ROUND_MIN_INTERVAL_SECONDS,
        OMNI_ROUND_ADDRESS_INTERVAL_SECONDS, OMNI_ROUND_MAX_PER_CLIENT, OMNI_ROUND_MAX_PER_ADDRESS and
        OMNI_ROUND_MAX_RESPONDENTS_CEILING; a value that is not a number is an error naming it."""
        d = cls()
        maximum = env_number("OMNI_ROUND_MAX_RESPONDENTS", d.max_respondents, minimum=1)
        return cls(maximum, env_number("OMNI_ROUND_MIN_INTERVAL_SECONDS", d.min_interval_seconds, minimum=0.0),
                   env_number("OMNI_ROUND_ADDRESS_INTERVAL_SECONDS", d.address_interval_seconds, minimum=0.0),
                   env_number("OMNI_ROUND_MAX_PER_CLIENT", d.max_per_client, minimum=1),
                   env_number("OMNI_ROUND_MAX_PER_ADDRESS", d.max_per_address, minimum=1),
                   max(maximum, env_number("OMNI_ROUND_MAX_RESPONDENTS_CEILING", d.ceiling, minimum=1)))


# --- who is asking: the client of a new respondent ----------------------------------------------

LOCAL_ADDRESS = "127.0.0.1"


@dataclass(frozen=True)
class Client:
    """Who asks to start a respondent: the address and the browser's cookie (None when it sent none).

    The cookie is Streamlit's XSRF cookie, which every browser gets with the page and presents on
    its websocket; the store keeps only keyed hashes of both. A script can drop or rotate a cookie,
    so the cookie only tells browsers behind one address apart: the address is what limits a script.
    """

    address: str = LOCAL_ADDRESS
    cookie: str | None = None


def trusted_proxies(setting: str | None = None) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The proxies whose X-Forwarded-For is believed: OMNI_TRUSTED_PROXIES, addresses or networks
    separated by commas (e.g. "127.0.0.1, ::1" for nginx on the same machine); none by default."""
    text = os.environ.get("OMNI_TRUSTED_PROXIES", "") if setting is None else setting
    found = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part:
            try:
                found.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                continue  # a typo trusts nothing rather than everything
    return tuple(found)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: str | None, trusted=None) -> str:
    """The respondent's address: the connection's peer, unless the peer is a trusted proxy; then the
    right-most address in X-Forwarded-For that is not itself a trusted proxy (the left part of the
    header is whatever the client wrote and is never believed)."""
    proxies = trusted_proxies() if trusted is None else trusted
    parsed = _ip(peer) if isinstance(peer, str) else None
    address = str(parsed) if parsed is not None else LOCAL_ADDRESS  # Streamlit reports a loopback peer as None

    def is_trusted(text: str) -> bool:
        ip = _ip(text)
        return ip is not None and any(ip in network for network in proxies)

    if not forwarded_for or not is_trusted(address):
        return address
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if _ip(hop) is None:
            return address  # a malformed header: keep the proxy's own address
        if not is_trusted(hop):
            return str(_ip(hop))
        address = hop
    return address


def xsrf_identity(cookie: str | None) -> str | None:
    """The stable part of Streamlit's XSRF cookie ("2|mask|masked token|time": the unmasked token),
    or the cookie as it is in another format; None without one."""
    if not cookie:
        return None
    parts = cookie.split("|")
    if len(parts) == 4 and parts[0] == "2":
        try:
            mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
        except ValueError:
            return cookie[:200]
        if len(mask) == 4 and masked:
            return bytes(b ^ mask[i % 4] for i, b in enumerate(masked)).hex()
    return cookie[:200]


def client_from_request(peer: str | None, headers: Mapping[str, str], cookies: Mapping[str, str]) -> Client:
    """The Client of a request from what Streamlit reports (`st.context.ip_address`, `.headers`, `.cookies`)."""
    forwarded = next((v for k, v in headers.items() if k.lower() == "x-forwarded-for"), None)
    return Client(client_address(peer, forwarded), xsrf_identity(cookies.get("_streamlit_xsrf")))


# --- suspect respondents: what the manager is shown to decide whom to remove ------------------

SUSPECT_SAME_BROWSER = 2  # one browser rarely starts twice for real
SUSPECT_SAME_ADDRESS = 10  # many from one address: an office, or a script
SUSPECT_EMPTY_AFTER_SECONDS = 600  # started, nothing answered after 10 minutes
SUSPECT_SECONDS_PER_QUESTION = 2.0  # submitted faster than this per answered question
SUSPECT_FLAGS = ("same_browser", "same_address", "no_cookie", "empty", "very_fast")


def suspect_flags(*, same_browser: int, same_address: int, has_cookie: bool, answered: int, submitted: bool,
                  seconds: float, age_seconds: float) -> tuple[str, ...]:
    """Why a respondent looks like part of a flood (none: looks real). `seconds` runs from the start to
    the last save, `age_seconds` from the start to now."""
    flags = []
    very_fast = submitted and answered and seconds < SUSPECT_SECONDS_PER_QUESTION * answered
    if has_cookie and same_browser >= SUSPECT_SAME_BROWSER:
        flags.append("same_browser")
    if same_address >= SUSPECT_SAME_ADDRESS and (answered == 0 or very_fast):
        flags.append("same_address")  # an office behind one address answers; a script mostly does not
    if not has_cookie:
        flags.append("no_cookie")
    if answered == 0 and (submitted or age_seconds >= SUSPECT_EMPTY_AFTER_SECONDS):
        flags.append("empty")
    if very_fast:
        flags.append("very_fast")
    return tuple(flags)


# --- tokens and links ----------------------------------------------------------------------------


def closes_at_end_of(day: dt.date) -> dt.datetime:
    """When a round set to close on `day` closes: the last second of that day, UTC."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


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
    """A web answer: 1..5, "na" (not applicable), "dk" (don't know) or None (not answered)."""
    if value is None or value == "":
        return None
    if value in (NA, DK):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in (1, 2, 3, 4, 5):
        raise RoundError("score", value=value)
    return int(value)


def check_answers(framework: Framework, answers: Mapping[str, tuple[object, object, object]]
                  ) -> dict[str, tuple[int | str | None, int | str | None, str]]:
    """Answers as the store keeps them; unknown questions and bad scores are refused."""
    checked = {}
    dimensions = {d.id for d in framework.dimensions}
    for qid, (current, target, comment) in answers.items():
        dimension = importance_dimension(qid)
        if dimension is not None:  # a dimension's importance: 1-5 or don't know (n/a: saved before) in `current`
            if dimension not in dimensions or target is not None:
                raise RoundError("importance", dimension=dimension)
            checked[qid] = (check_score(current), None, "")
            continue
        if not framework.has_question(qid):
            raise RoundError("question", question=qid)
        checked[framework.canonical_id(qid)] = (check_score(current), check_score(target), clean_text(comment, MAX_COMMENT))
    return checked


def progress(framework: Framework, answers: Mapping[str, tuple[object, object, str]]) -> float:
    """Share of questions with both current and target given (n/a counts as given)."""
    done = sum(1 for q in framework.questions
               if q.id in answers and answers[q.id][0] is not None and answers[q.id][1] is not None)
    return done / len(framework.questions)


def split_importance(answers: Mapping[str, tuple[object, object, str]]
                     ) -> tuple[dict[str, tuple[object, object, str]], dict[str, object]]:
    """Saved web answers as (question answers, importance per dimension)."""
    questions, importance = {}, {}
    for key, value in answers.items():
        dimension = importance_dimension(key)
        if dimension is None:
            questions[key] = value
        else:
            importance[dimension] = value[0]
    return questions, importance


def round_survey(framework: Framework, respondents: Iterable[RespondentAnswers], source: str) -> Survey:
    """The round's answers as a Survey, read and validated like an uploaded file."""
    return survey_from_answers(framework, list(respondents), source=source)


# --- the respondent's screens: one question per screen, each dimension's importance after it ----

READING_WORDS_PER_MINUTE = 238  # average silent reading of non-fiction (Brysbaert 2019, 190 studies)
SECONDS_PER_TAP = 1.5  # choosing and tapping one mark or button on a phone
TAPS_PER_QUESTION = 3  # the current mark, the target mark, "next"
TAPS_PER_IMPORTANCE = 2  # one choice, "next"


@dataclass(frozen=True)
class Screen:
    """One screen of the web questionnaire: a question, a dimension's importance, or the review."""

    kind: str  # "question" | "importance" | "review"
    dimension: str = ""
    question: str = ""
    number: int = 0  # the question's number (1..n) on a question screen


def respond_screens(framework: Framework) -> tuple[Screen, ...]:
    """The screens in order: each dimension's questions, then its importance; the review last."""
    screens, number = [], 0
    for dimension in framework.dimensions:
        for question in dimension.questions:
            number += 1
            screens.append(Screen("question", dimension.id, question.id, number))
        screens.append(Screen("importance", dimension.id))
    screens.append(Screen("review"))
    return tuple(screens)


def _open(saved: Mapping, screen: Screen) -> bool:
    if screen.kind == "question":
        return any(v is None for v in saved.get(screen.question, (None, None))[:2])
    if screen.kind == "importance":
        return saved.get(importance_key(screen.dimension), (None,))[0] is None
    return True


def first_open_screen(framework: Framework, saved: Mapping) -> int:
    """Where a returning respondent continues: the first screen with something not answered (or the review)."""
    screens = respond_screens(framework)
    return next((i for i, s in enumerate(screens) if _open(saved, s)), len(screens) - 1)


def words_to_read(framework: Framework, lang: str) -> int:
    """The words of every question's topic, text and five options: what a respondent reads."""
    return sum(len(q.topic(lang).split()) + len(q.text(lang).split())
               + sum(len(q.option(s)(lang).split()) for s in range(1, 6)) for q in framework.questions)


def taps_to_complete(framework: Framework) -> int:
    """Taps a respondent needs when answering everything: marks and "next" on every screen, then submit."""
    return TAPS_PER_QUESTION * len(framework.questions) + TAPS_PER_IMPORTANCE * len(framework.dimensions) + 1


def estimated_minutes(framework: Framework, lang: str) -> int:
    """The time to complete shown up front: reading every question once plus the taps, rounded up."""
    seconds = words_to_read(framework, lang) / READING_WORDS_PER_MINUTE * 60 + taps_to_complete(framework) * SECONDS_PER_TAP
    return max(1, -(-int(seconds) // 60))
