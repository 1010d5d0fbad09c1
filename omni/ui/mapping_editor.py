"""The column map on Start as a table the user corrects: what each header was read as, and why.

The choices per row are the framework's questions with a field (current / target / comment), the
respondent facts, and "do not use". "Apply" reads the last upload again with the corrected mapping
(omni.survey.mapping), so the scores follow; the mapping can be downloaded as the YAML file
`omni score --mapping` takes, and such a file can be uploaded again. State lives in plain session
keys (state.UPLOAD_FILES, state.MAPPING); the editor's widget key only holds unapplied edits.
"""

from __future__ import annotations

import logging
from functools import partial

import pandas as pd
import streamlit as st

from omni.framework import Framework
from omni.i18n import t
from omni.survey import Survey
from omni.survey.headers import fold
from omni.survey.mapping import (
    QUESTION_FIELDS,
    ColumnRule,
    MappingError,
    dump_mapping,
    loads_mapping,
    mapping_from_column_map,
)
from omni.survey.model import FACT_FIELDS
from omni.survey.reasons import matched_text, reason_text, values_text
from omni.ui import state
from omni.ui.markup import plain

EDITOR = "column_map_editor"  # widget key prefix; a new key after each apply drops the applied edits
_EDITOR_ROUND = "column_map_editor_round"
_APPLIED_UPLOAD = "column_map_upload_applied"  # file id of the mapping file last applied

COLUMN, HEADER, READ_AS, WHY, SAMPLE = "column", "header", "read_as", "why", "sample"


def choices(framework: Framework, lang: str) -> dict[str, ColumnRule]:
    """Every choice for a row, label -> rule (with an empty header): questions x fields, the dimensions'
    importance, facts, ignored."""
    out: dict[str, ColumnRule] = {}
    for q in framework.questions:
        text = q.text(lang)
        short = text if len(text) <= 60 else text[:59].rstrip() + "…"
        for field in QUESTION_FIELDS:
            out[f"{q.id} · {t(f'mapping.field.{field}', lang)} · {short}"] = ColumnRule("", "question", q.id, field)
    for dimension in framework.dimensions:
        out[t("mapping.importance", lang, dimension=dimension.name(lang))] = ColumnRule("", "importance",
                                                                                        field=dimension.id)
    for fact in FACT_FIELDS:
        out[t("mapping.fact", lang, fact=fact)] = ColumnRule("", "fact", field=fact)
    out[t("mapping.ignored", lang)] = ColumnRule("", "ignored")
    return out


def label_of(rule: ColumnRule, options: dict[str, ColumnRule]) -> str:
    """The choice label for a rule (a rule outside the choices gets a label of its own)."""
    for label, choice in options.items():
        if (choice.kind, choice.question, choice.field) == (rule.kind, rule.question, rule.field):
            return label
    return f"{rule.question} · {rule.field}" if rule.kind == "question" else f"{rule.kind} · {rule.field}"


def editor_frame(survey: Survey, options: dict[str, ColumnRule], lang: str) -> pd.DataFrame:
    """One row per header (as `mapping_from_column_map` keys it): header, read as, why, an example."""
    cmap = survey.column_map
    first, letters = {}, {}
    for row in cmap.itertuples(index=False):
        first.setdefault(fold(str(row.header)), row)
        letters.setdefault(fold(str(row.header)), []).append(str(row.column))
    rows = []
    for rule in mapping_from_column_map(cmap):
        seen = first.get(fold(rule.header))
        why = "" if seen is None else " · ".join(dict.fromkeys(v for v in (
            matched_text(str(seen.matched_by), lang), reason_text(str(seen.reason), lang)) if v))
        rows.append({COLUMN: ", ".join(dict.fromkeys(letters.get(fold(rule.header), []))), HEADER: rule.header,
                     READ_AS: label_of(rule, options), WHY: why,
                     SAMPLE: "" if seen is None else values_text(str(seen.values), lang)})
    return pd.DataFrame(rows, columns=[COLUMN, HEADER, READ_AS, WHY, SAMPLE])


def rules_from_frame(frame: pd.DataFrame, options: dict[str, ColumnRule],
                     before: dict[str, ColumnRule]) -> tuple[ColumnRule, ...]:
    """The edited table as mapping rules; a label not among the choices keeps the rule it had."""
    rules = []
    for header, label in zip(frame[HEADER], frame[READ_AS]):
        choice = options.get(label)
        if choice is None:
            rules.append(before[header])
        else:
            rules.append(ColumnRule(str(header), choice.kind, choice.question, choice.field))
    return tuple(rules)


def _apply(rules: tuple[ColumnRule, ...] | None, framework_id: str, keep_duplicates: bool, lang: str) -> None:
    """Read the last upload again with `rules` (None: automatic reading) and show its scores."""
    from omni.ui.loading import load_uploads

    files = st.session_state.get(state.UPLOAD_FILES)
    if not files:
        st.warning(t("mapping.no_files", lang))
        return
    if rules is None:
        st.session_state.pop(state.MAPPING, None)
    else:
        st.session_state[state.MAPPING] = rules
    loaded = load_uploads(list(files), framework_id, keep_duplicates, rules or ())
    st.session_state[state.INTAKE] = loaded
    if loaded.assessment is not None:
        state.set_result(loaded)
    st.session_state[_EDITOR_ROUND] = st.session_state.get(_EDITOR_ROUND, 0) + 1
    st.rerun()


def editor_key() -> str:
    return f"{EDITOR}-{st.session_state.get(_EDITOR_ROUND, 0)}"


def column_map_editor(survey: Survey, framework_id: str, keep_duplicates: bool, lang: str) -> None:
    """The column map as an editable table with apply, download and upload of the mapping."""
    cmap = survey.column_map
    if cmap.empty:
        return
    options = choices(survey.framework, lang)
    frame = editor_frame(survey, options, lang)
    before = {rule.header: rule for rule in mapping_from_column_map(cmap)}
    labels = list(dict.fromkeys([*options, *frame[READ_AS]]))
    if not st.session_state.get(state.MAPPING):  # offered before the table: the user need not open it
        _offer_saved([rule.header for rule in before.values()], framework_id, keep_duplicates, lang)
    with st.expander(t("mapping.heading", lang, n=len(frame)), expanded=not survey.ok):
        st.caption(t("mapping.intro", lang))
        if st.session_state.get(state.MAPPING):
            st.info(t("mapping.applied", lang))
        edited = st.data_editor(
            frame, key=editor_key(), hide_index=True, width="stretch", num_rows="fixed",
            disabled=[COLUMN, HEADER, WHY, SAMPLE],
            column_config={
                COLUMN: st.column_config.TextColumn(t("colmap.column", lang), width="small"),
                HEADER: st.column_config.TextColumn(t("colmap.header", lang)),
                READ_AS: st.column_config.SelectboxColumn(t("colmap.read_as", lang), options=labels,
                                                          required=True, width="large"),
                WHY: st.column_config.TextColumn(t("colmap.reason", lang)),
                SAMPLE: st.column_config.TextColumn(t("colmap.values", lang))})
        rules = rules_from_frame(edited, options, before)
        apply_col, reset_col, download_col = st.columns(3)
        if apply_col.button(t("mapping.apply", lang), type="primary", icon=":material/check:"):
            _apply(rules, framework_id, keep_duplicates, lang)
        if st.session_state.get(state.MAPPING) and reset_col.button(t("mapping.reset", lang),
                                                                      icon=":material/undo:"):
            _apply(None, framework_id, keep_duplicates, lang)
        download_col.download_button(
            # written when clicked, not on every run of the Start page (YAML in pure Python: ~10 ms)
            t("mapping.download", lang), data=partial(_mapping_file, rules), file_name="mapping.yaml",
            mime="application/yaml", on_click="ignore", icon=":material/download:",
            help=t("mapping.download_help", lang))
        uploaded = st.file_uploader(t("mapping.upload", lang), type=["yaml", "yml"], key="mapping_upload")
        if uploaded is not None and st.session_state.get(_APPLIED_UPLOAD) != uploaded.file_id:
            try:
                loaded_rules = loads_mapping(uploaded.getvalue(), uploaded.name)
            except MappingError as exc:
                st.error(t("mapping.bad_file", lang, file=plain(uploaded.name), detail=plain(exc.message(lang))))
                return
            st.session_state[_APPLIED_UPLOAD] = uploaded.file_id
            _apply(loaded_rules, framework_id, keep_duplicates, lang)
        _save_form(survey, rules, lang)


def _mapping_file(rules: tuple[ColumnRule, ...]) -> bytes:
    return dump_mapping(rules).encode("utf-8")


def _offer_saved(headers: list[str], framework_id: str, keep_duplicates: bool, lang: str) -> None:
    """A mapping saved earlier for a file with these headers (newest first), offered with one click."""
    from omni.store.mappings import list_mappings
    from omni.ui.loading import store_engine

    engine = store_engine()
    if engine is None:
        return
    try:
        saved = list_mappings(engine, headers)
    except Exception:  # noqa: BLE001 - an unavailable store must not take the page down
        logging.getLogger("omni.ui").exception("saved mappings unavailable")
        return
    for found in saved[:3]:
        st.info(t("mapping.offer", lang, name=plain(found.name), organisation=plain(found.organisation)))
        if st.button(t("mapping.use_saved", lang, name=plain(found.name)), key=f"use_mapping_{found.id}",
                     icon=":material/history:"):
            _apply(found.rules, framework_id, keep_duplicates, lang)


def _save_form(survey: Survey, rules: tuple[ColumnRule, ...], lang: str) -> None:
    """Save the table's mapping under a name for an organisation (the file's, or the user's own)."""
    from omni.store import StoreError
    from omni.store.access import my_organisations
    from omni.store.mappings import save_mapping
    from omni.ui.loading import store_engine

    engine = store_engine()
    if engine is None:
        return
    st.markdown(f"**{t('mapping.save_heading', lang)}**")
    try:
        names = [o.name for o in my_organisations(engine)]
    except Exception:  # noqa: BLE001 - an unavailable store must not take the page down
        logging.getLogger("omni.ui").exception("organisations unavailable")
        return
    default = survey.organisation or (names[0] if names else "")
    org_col, name_col = st.columns(2)
    organisation = org_col.text_input(t("mapping.save_organisation", lang), value=default, key="mapping_save_org")
    name = name_col.text_input(t("mapping.save_name", lang), key="mapping_save_name")
    if st.button(t("mapping.save", lang), icon=":material/save:"):
        try:
            saved = save_mapping(engine, organisation, name, rules)
        except StoreError as exc:
            st.error(t("mapping.save_failed", lang, reason=exc.message(lang)))
            return
        st.success(t("mapping.saved", lang, name=plain(saved.name), organisation=plain(saved.organisation)))

