"""Saved assessments: save (one transaction, a new version per re-save), list, load, re-score, delete.

A saved wave belongs to the whole organisation (the group; `unit_id` NULL) or to one of its units (#19).
Version numbers count per organisation, unit and wave name, so "Q1 2027" of unit "NL" and of the group
are both version 1. Only group waves are ever offered to the peer set (omni.store.peer_entries): a unit
is not an organisation, and its scores next to the group's would count one organisation twice.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, and_, delete, func, null, select

from omni.attributes import normalise_label
from omni.framework import Framework, framework_for
from omni.scoring import Assessment
from omni.store import StoreError, utcnow
from omni.store.audit import AuditAction, audit
from omni.store.engine import reading, writing
from omni.store.organisations import check_name, check_wave, lock_organisation
from omni.store.peer_entries import refresh_superseded
from omni.store.schema import (
    assessment_answers,
    assessment_respondents,
    assessments,
    dimension_scores,
    organisations,
    peer_entries,
    units,
)
from omni.store.scope import visible
from omni.store.units import check_unit, register_units
from omni.survey.model import IMPORTANCE_PREFIX, RespondentAnswers, Survey, importance_key
from omni.survey.reader import survey_from_answers

_FACTS = ("name", "role", "department", "organisation", "sector", "size_band", "channel_model", "date", "source",
          "unit")


@dataclass(frozen=True)
class SavedAssessment:
    """One saved wave version of an organisation's assessment (scores as computed when saved)."""

    id: int
    organisation_id: int
    organisation: str
    wave: str
    wave_date: dt.date
    version: int
    framework_id: str
    framework_version: str
    sector: str
    size_band: str
    channel_model: str
    country: str
    respondents: int
    overall_current: float | None
    overall_target: float | None
    source: str
    created_at: dt.datetime
    unit: str = ""  # the unit whose wave this is; "" for the whole organisation (#19)

    @property
    def year(self) -> int:
        return self.wave_date.year


def _clean(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _clean(value.item())
    return value


def _text(value: object) -> str:
    value = _clean(value)
    return "" if value is None else str(value)


def organisation_facts(survey: Survey) -> dict[str, str]:
    """The organisation's sector, size band and channel model: what most respondents said."""
    facts = {}
    for name in ("sector", "size_band", "channel_model"):
        values = survey.respondents[name].dropna().astype(str).str.strip() if name in survey.respondents else []
        values = [v for v in values if v]
        facts[name] = pd.Series(values).mode().iloc[0] if values else ""
    return facts


def survey_date(survey: Survey) -> dt.date | None:
    """The latest date respondents gave (ISO text or a date), if any."""
    found = []
    for raw in survey.respondents.get("date", pd.Series(dtype=object)).dropna():
        if isinstance(raw, dt.datetime):
            found.append(raw.date())
        elif isinstance(raw, dt.date):
            found.append(raw)
        else:
            try:
                found.append(dt.date.fromisoformat(str(raw).strip()[:10]))
            except ValueError:
                continue
    return max(found) if found else None


def _unit_key(column):
    """The unit as the version numbering and the uniqueness index see it: 0 for the whole organisation."""
    return func.coalesce(column, 0)


def _other_units(survey: Survey, unit: str) -> list[str]:
    """The units respondents name that are not `unit` (a unit's wave holds only that unit's respondents)."""
    named = survey.respondents["unit"] if "unit" in survey.respondents.columns else pd.Series(dtype=object)
    named = {u.strip() for u in named.dropna().astype(str) if u.strip() and u.strip() != "?"}
    return sorted(u for u in named if normalise_label(u) != normalise_label(unit))


def save_assessment(engine: Engine, assessment: Assessment, *, wave: str, organisation: str | None = None,
                    wave_date: dt.date | None = None, country: str = "NL", source: str = "",
                    unit: str = "") -> SavedAssessment:
    """Save an assessment with its raw answers and scores in one transaction; a new version per save.

    With `unit` the wave is that unit's (the unit is added to the organisation when new): every respondent
    must belong to it (a respondent who names no unit is stored as the unit's), else StoreError."""
    survey = assessment.survey
    name = check_name(organisation or survey.organisation)
    wave = check_wave(wave)
    unit = check_unit(unit) if unit and unit.strip() else ""
    if unit and (others := _other_units(survey, unit)):
        raise StoreError("unit_wave_other_units", unit=unit, others=", ".join(others))
    wave_date = wave_date or survey_date(survey) or dt.date.today()
    facts = organisation_facts(survey)
    fw = assessment.framework
    with writing(engine) as connection:
        org_id = lock_organisation(connection, name, {**facts, "country": country})
        unit_id = _unit_id(connection, org_id, unit) if unit else None
        version = connection.scalar(
            select(func.coalesce(func.max(assessments.c.version), 0) + 1)
            .where(assessments.c.organisation_id == org_id, assessments.c.wave == wave,
                   _unit_key(assessments.c.unit_id) == (unit_id or 0)))
        o = assessment.overall
        assessment_id = connection.execute(assessments.insert().values(
            organisation_id=org_id, unit_id=unit_id, wave=wave, wave_date=wave_date, version=int(version),
            framework_id=fw.id, framework_version=fw.version, country=country or "", **facts,
            respondents=assessment.respondent_count, coverage=_clean(assessment.coverage),
            overall_current=_clean(o.current), overall_target=_clean(o.target), overall_gap=_clean(o.gap),
            overall_level=o.level, source=source or ", ".join(sorted(set(survey.respondents.get(
                "source", pd.Series(dtype=object)).dropna().astype(str)))),
            created_at=utcnow())).inserted_primary_key[0]
        _insert_details(connection, int(assessment_id), assessment, unit)
        if "unit" in survey.respondents.columns:  # the units the respondents named become the organisation's
            register_units(connection, org_id, survey.respondents["unit"].dropna().astype(str))
        saved = _get(connection, int(assessment_id))
        scope = f" ({saved.unit})" if saved.unit else ""
        _audit(connection, AuditAction.SAVE, f"{saved.wave}{scope} v{saved.version}, {saved.respondents} respondents",
               org_id)
        return saved


def _unit_id(connection: Connection, organisation_id: int, unit: str) -> int:
    register_units(connection, organisation_id, [unit])
    return int(connection.scalar(select(units.c.id).where(units.c.organisation_id == organisation_id,
                                                          units.c.name_key == normalise_label(unit))))


def _audit(connection: Connection, action: AuditAction, detail: str, organisation_id: int) -> None:
    audit(connection, action, detail, organisation_id)


# "Don't know" is stored without a schema change (rounds and assessments alike): like n/a (the *_na flag
# set) with this marker in the score column, which n/a leaves empty. No score is ever 0; every reader
# turns the marker back into don't-know (saved_answers, _score_cell, omni.store.rounds._score_value).
DK_MARKER = 0.0


def _stored_score(row: dict, measure: str) -> float | None:
    return DK_MARKER if row.get(f"{measure}_dk") else _clean(row[measure])


def _insert_details(connection: Connection, assessment_id: int, assessment: Assessment, unit: str = "") -> None:
    survey = assessment.survey
    respondents = [{"assessment_id": assessment_id, "respondent": str(row["respondent"]),
                    **{f: _text(row.get(f)) for f in _FACTS}}
                   for row in survey.respondents.to_dict("records")]
    if unit:  # a unit's wave: its respondents say so when it is loaded again (the exports name the unit)
        for row in respondents:
            row["unit"] = row["unit"] if row["unit"].strip() and row["unit"].strip() != "?" else unit
    answers = [{"assessment_id": assessment_id, "respondent": str(r["respondent"]), "question": str(r["question"]),
                "dimension": str(r["dimension"]), "current": _stored_score(r, "current"), "target": _stored_score(r, "target"),
                "current_na": bool(r["current_na"]), "target_na": bool(r["target_na"]),
                "comment": _text(r["comment"])}
               for r in survey.answers.to_dict("records")]
    # importance travels with the answers as one pseudo question per dimension (no schema change)
    answers += [{"assessment_id": assessment_id, "respondent": str(r["respondent"]),
                 "question": importance_key(str(r["dimension"])), "dimension": str(r["dimension"]),
                 "current": DK_MARKER if r.get("importance_dk") else _clean(r["importance"]), "target": None,
                 "current_na": bool(r["importance_na"]),
                 "target_na": False, "comment": ""}
                for r in survey.importance.to_dict("records")]
    scores = [{"assessment_id": assessment_id, "dimension": str(r["dimension"]), "position": position,
               **{c: _clean(r[c]) for c in ("current", "target", "gap", "median", "std", "coverage")},
               "level": _clean(r["level"]), "n": int(r["n"]), "weight": float(r["weight"]),
               "agreement": _text(r["agreement"])}
              for position, r in enumerate(assessment.dimension_scores.to_dict("records"))]
    for table, rows in ((assessment_respondents, respondents), (assessment_answers, answers),
                        (dimension_scores, scores)):
        if rows:
            connection.execute(table.insert(), rows)


def _select_saved():
    return select(assessments, organisations.c.name.label("organisation_name"),
                  units.c.name.label("unit_name")).join(
        organisations, organisations.c.id == assessments.c.organisation_id).outerjoin(
        units, units.c.id == assessments.c.unit_id)


def _saved(row) -> SavedAssessment:
    m = row._mapping
    return SavedAssessment(
        id=m["id"], organisation_id=m["organisation_id"], organisation=m["organisation_name"], wave=m["wave"],
        wave_date=m["wave_date"], version=m["version"], framework_id=m["framework_id"],
        framework_version=m["framework_version"], sector=m["sector"], size_band=m["size_band"],
        channel_model=m["channel_model"], country=m["country"], respondents=m["respondents"],
        overall_current=m["overall_current"], overall_target=m["overall_target"], source=m["source"],
        created_at=m["created_at"], unit=m["unit_name"] or "")


def _get(connection: Connection, assessment_id: int) -> SavedAssessment:
    row = connection.execute(_select_saved().where(
        assessments.c.id == assessment_id, visible(connection, assessments.c.organisation_id))).first()
    if row is None:
        raise StoreError("no_assessment", id=assessment_id)
    return _saved(row)


def get_assessment(engine: Engine, assessment_id: int) -> SavedAssessment:
    with reading(engine) as connection:
        return _get(connection, assessment_id)


def list_assessments(engine: Engine, organisation: str, *, all_versions: bool = False,
                     unit: str = "") -> list[SavedAssessment]:
    """An organisation's saved waves, oldest first; by default only the newest version of each wave.

    Without `unit` the waves of the whole organisation (the group), never its units' waves; with `unit`
    only that unit's waves (none for a unit the organisation does not have)."""
    query = _select_saved().where(organisations.c.name_key == normalise_label(organisation))
    if unit and unit.strip():
        query = query.where(units.c.name_key == normalise_label(unit))
    else:
        query = query.where(assessments.c.unit_id.is_(null()))
    if not all_versions:
        newer = assessments.alias("newer")
        query = query.where(~select(newer.c.id).where(and_(
            newer.c.organisation_id == assessments.c.organisation_id, newer.c.wave == assessments.c.wave,
            _unit_key(newer.c.unit_id) == _unit_key(assessments.c.unit_id),
            newer.c.version > assessments.c.version)).exists())
    query = query.order_by(assessments.c.wave_date, assessments.c.wave, assessments.c.version)
    with reading(engine) as connection:
        query = query.where(visible(connection, assessments.c.organisation_id))
        return [_saved(row) for row in connection.execute(query)]


def wave_units(engine: Engine, organisation: str) -> list[str]:
    """The units of the organisation that have saved waves of their own, by name."""
    query = (select(units.c.name).distinct().join(assessments, assessments.c.unit_id == units.c.id)
             .join(organisations, organisations.c.id == units.c.organisation_id)
             .where(organisations.c.name_key == normalise_label(organisation)))
    with reading(engine) as connection:
        names = connection.scalars(query.where(visible(connection, units.c.organisation_id))).all()
    return sorted(names, key=normalise_label)


def saved_dimension_scores(engine: Engine, assessment_ids: Sequence[int]) -> pd.DataFrame:
    """The dimension scores stored with the given assessments (tidy: one row per assessment and dimension)."""
    columns = ["assessment_id", "dimension", "position", "current", "target", "gap", "level", "n"]
    if not assessment_ids:
        return pd.DataFrame(columns=columns)
    with reading(engine) as connection:
        rows = connection.execute(select(*[dimension_scores.c[c] for c in columns]).join(
            assessments, assessments.c.id == dimension_scores.c.assessment_id).where(
            dimension_scores.c.assessment_id.in_(list(assessment_ids)),
            visible(connection, assessments.c.organisation_id))
            .order_by(dimension_scores.c.assessment_id, dimension_scores.c.position)).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    return frame.astype({"current": "float64", "target": "float64", "gap": "float64"})


def saved_answers(engine: Engine, assessment_id: int, *, importance: bool = False) -> pd.DataFrame:
    """The raw answers saved with an assessment (the survey's tidy answers table); with `importance`,
    the importance ratings instead (question = "importance:<dimension>", the rating in `current`)."""
    with reading(engine) as connection:
        _get(connection, assessment_id)  # not found unless it is within the scope
        rows = connection.execute(select(assessment_answers).where(
            assessment_answers.c.assessment_id == assessment_id)
            .order_by(assessment_answers.c.respondent, assessment_answers.c.question)).all()
    frame = pd.DataFrame([dict(r._mapping) for r in rows],
                         columns=[c.name for c in assessment_answers.columns])
    frame = frame.drop(columns="assessment_id").astype({"current": "float64", "target": "float64",
                                                        "current_na": "bool", "target_na": "bool"})
    for measure in ("current", "target"):  # the don't-know marker back into a flag; no score for n/a
        frame[f"{measure}_dk"] = frame[f"{measure}_na"] & (frame[measure] == DK_MARKER)
        frame[measure] = frame[measure].where(~frame[f"{measure}_na"])
    pseudo = frame["question"].astype(str).str.startswith(IMPORTANCE_PREFIX)
    return frame.loc[pseudo if importance else ~pseudo].reset_index(drop=True)


def _score_cell(value: object, na: bool, dk: bool = False) -> object:
    if na:
        return "dk" if dk else "na"
    value = _clean(value)
    return None if value is None else int(value) if float(value).is_integer() else value


def load_survey(engine: Engine, assessment_id: int, framework: Framework | None = None) -> Survey:
    """Rebuild a saved assessment's survey from its raw answers, validated against `framework`
    (default: the framework in the version it was saved with, when that version is still shipped),
    ready to re-score. Answers stored under an earlier id of a question (an alias) are read too."""
    saved = get_assessment(engine, assessment_id)
    framework = framework or framework_for(saved.framework_id, saved.framework_version)
    answers = saved_answers(engine, assessment_id)
    rated = saved_answers(engine, assessment_id, importance=True)
    with reading(engine) as connection:
        facts = connection.execute(select(assessment_respondents).where(
            assessment_respondents.c.assessment_id == assessment_id)
            .order_by(assessment_respondents.c.respondent)).all()
    people = []
    for fact in facts:
        mine = answers.loc[answers["respondent"] == fact.respondent]
        given = {framework.canonical_id(r.question): (_score_cell(r.current, r.current_na, r.current_dk),
                                                      _score_cell(r.target, r.target_na, r.target_dk),
                              r.comment or "")
                 for r in mine.itertuples() if framework.has_question(r.question)}
        importance = {r.dimension: _score_cell(r.current, r.current_na, r.current_dk)
                      for r in rated.loc[rated["respondent"] == fact.respondent].itertuples()}
        people.append(RespondentAnswers(
            facts={f: getattr(fact, f) for f in _FACTS if f != "source" and getattr(fact, f)}, answers=given,
            importance=importance))
    return survey_from_answers(framework, people, source=saved.source or f"assessment {assessment_id}")


def delete_assessment(engine: Engine, assessment_id: int, *, confirm: bool = False) -> None:
    """Delete one saved assessment version (and a peer contribution made from it). Needs `confirm=True`."""
    if not confirm:
        raise StoreError("confirm_delete_assessment")
    with writing(engine) as connection:
        doomed = _get(connection, assessment_id)
        keys = [k for (k,) in connection.execute(select(peer_entries.c.org_key).where(
            peer_entries.c.source_assessment_id == assessment_id))]
        connection.execute(delete(peer_entries).where(peer_entries.c.source_assessment_id == assessment_id))
        connection.execute(delete(assessments).where(assessments.c.id == assessment_id))
        refresh_superseded(connection, keys)
        scope = f" ({doomed.unit})" if doomed.unit else ""
        _audit(connection, AuditAction.DELETE, f"{doomed.wave}{scope} v{doomed.version}", doomed.organisation_id)
