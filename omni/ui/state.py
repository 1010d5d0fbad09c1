"""Session state under plain keys (widget keys are dropped when a widget is not rendered)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from omni.i18n import DEFAULT_LANGUAGE, LANGUAGES
from omni.scoring import Assessment, score
from omni.survey import Survey

LANG = "lang"
FRAMEWORK = "framework_id"
RESULT = "result"
INTAKE = "intake"  # the last upload read, shown on Start even when it cannot be scored
WHAT_IF = "what_if"
UPLOAD_FILES = "upload_files"  # ((name, bytes), ...) of the last upload, to read again with a mapping
MAPPING = "column_mapping"  # the user's corrected column map (ColumnRule tuple), applied to uploads
WHAT_IF_IMPORTANCE = "what_if_importance"


@dataclass(frozen=True, eq=False)
class Result:
    """What the pages show: the survey read, its assessment (None if it cannot be scored), where from."""

    survey: Survey
    assessment: Assessment | None
    source: str  # "demo", "upload", "saved" or "round" (a closed survey round answered in the browser)
    files: tuple[str, ...] = ()
    organisation_id: int | None = None  # the stored organisation, for a saved wave (its own peers are left out)

    @classmethod
    def of(cls, survey: Survey, source: str, files: tuple[str, ...] = (), organisation_id: int | None = None) -> Result:
        """The survey with its assessment, scored when the survey is usable (else None)."""
        return cls(survey, score(survey) if survey.ok else None, source, tuple(files), organisation_id)


def language() -> str:
    """The chosen language; first visit: ?lang= in the URL, else Dutch."""
    if LANG not in st.session_state:
        asked = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state[LANG] = asked if asked in LANGUAGES else DEFAULT_LANGUAGE
    return st.session_state[LANG]


def set_language(lang: str) -> None:
    st.session_state[LANG] = lang


def result() -> Result | None:
    return st.session_state.get(RESULT)


def set_result(value: Result) -> None:
    st.session_state[RESULT] = value
    st.session_state[WHAT_IF] = {}
    st.session_state[WHAT_IF_IMPORTANCE] = {}


def what_if() -> dict[str, float]:
    return st.session_state.setdefault(WHAT_IF, {})


def importance_what_if() -> dict[str, float]:
    """Importance per dimension set by the management team on the Roadmap page (what-if)."""
    return st.session_state.setdefault(WHAT_IF_IMPORTANCE, {})
