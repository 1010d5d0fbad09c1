"""Reading survey files into a tidy table of answers, respondent facts and precise problems.

The names below are loaded on first use, so the parser worker (`python -m omni.survey.worker`), which
imports only omni.survey.isolation and what it needs, does not pay for pandas and the validator.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from omni.survey.limits import IntakeLimits
    from omni.survey.model import ERROR, WARNING, Problem, Survey
    from omni.survey.reader import SurveyFile, read_survey

__all__ = ["ERROR", "WARNING", "IntakeLimits", "Problem", "Survey", "SurveyFile", "read_survey"]

_HOMES = {"IntakeLimits": "limits", "ERROR": "model", "WARNING": "model", "Problem": "model",
          "Survey": "model", "SurveyFile": "reader", "read_survey": "reader"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'omni.survey' has no attribute {name!r}")
    return getattr(importlib.import_module(f"omni.survey.{_HOMES[name]}"), name)
