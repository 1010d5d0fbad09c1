"""Reading survey files into a tidy table of answers, respondent facts and precise problems."""

from omni.survey.limits import IntakeLimits
from omni.survey.model import ERROR, WARNING, Problem, Survey
from omni.survey.reader import SurveyFile, read_survey

__all__ = ["ERROR", "WARNING", "IntakeLimits", "Problem", "Survey", "SurveyFile", "read_survey"]
