"""The Roadmap page's widgets: the what-if controls (targets and importance) and one plan item."""

from __future__ import annotations

import streamlit as st

from omni import format as fmt
from omni.framework import Framework
from omni.i18n import t
from omni.roadmap import Roadmap, RoadmapItem, explain_item, explain_priority
from omni.scoring import Assessment
from omni.ui import state

STEPS = tuple(round(1 + step / 10, 1) for step in range(41))  # 1,0 … 5,0 in tenths


def _sliders(fw: Framework, originals: dict[str, float], overrides: dict[str, float], prefix: str, lang: str) -> None:
    cols = st.columns(len(fw.dimensions))
    for col, dim in zip(cols, fw.dimensions):
        original = originals.get(dim.id)
        if original is None or original != original:  # nothing to adjust
            continue
        # a select slider, not st.slider: that one writes its numbers itself, the English way ("4.50")
        value = col.select_slider(dim.name(lang), options=STEPS, value=round(overrides.get(dim.id, original), 1),
                                  format_func=lambda v: fmt.number(v, lang, 1), key=f"{prefix}{dim.id}")
        if abs(value - round(original, 1)) > 1e-9:
            overrides[dim.id] = value
        else:
            overrides.pop(dim.id, None)


def what_if_controls(assessment: Assessment, plan_importance: dict[str, float], lang: str
                     ) -> tuple[dict[str, float], dict[str, float]]:
    """Sliders for targets and importance, for this view only; returns (targets, importance) overrides."""
    fw = assessment.framework
    targets, importance = state.what_if(), state.importance_what_if()
    with st.expander(t("roadmap.what_if", lang), expanded=bool(targets or importance)):
        st.caption(t("roadmap.what_if_help", lang))
        st.markdown(f"**{t('roadmap.what_if_targets', lang)}**")
        scores = assessment.dimension_scores.set_index("dimension")["target"].to_dict()
        _sliders(fw, scores, targets, "what_if_", lang)
        st.markdown(f"**{t('roadmap.what_if_importance', lang)}**")
        _sliders(fw, plan_importance, importance, "what_if_importance_", lang)
        if (targets or importance) and st.button(t("roadmap.reset", lang)):
            targets.clear()
            importance.clear()
            for dim in fw.dimensions:
                st.session_state.pop(f"what_if_{dim.id}", None)
                st.session_state.pop(f"what_if_importance_{dim.id}", None)
            st.rerun()
    return targets, importance


def plan_item(plan: Roadmap, item: RoadmapItem, fw: Framework, lang: str) -> None:
    """One dimension in the plan: numbers, how the priority was computed, why it sits here, advice, focus."""
    dim = fw.dimension(item.dimension)
    with st.container(border=True):
        st.subheader(dim.name(lang))
        st.write(t("roadmap.item", lang, current=fmt.number(item.current, lang, 2), target=fmt.number(item.target, lang, 2),
                   gap=fmt.number(item.gap, lang, 2), priority=fmt.number(item.priority, lang, 2)))
        st.caption(explain_priority(item, lang))
        why = explain_item(plan, item, fw, lang)
        if why:
            st.info(f"**{t('roadmap.why', lang)}:** {why}", icon=":material/alt_route:")
        advice, focus = st.columns(2)
        advice.markdown(f"**{t('roadmap.advice', lang)}**")
        advice.caption(t("roadmap.advice_scope", lang))
        advice.markdown("\n".join(f"- {step(lang)}" for step in item.advice))
        if item.focus:
            focus.markdown(f"**{t('roadmap.focus', lang)}**")
            for point in item.focus:
                question = fw.question(point.question)
                line = f"- **{point.question} {question.topic(lang)}** ({fmt.number(point.current, lang, 1)} → {fmt.number(point.target, lang, 1)})"
                if point.next_option is not None:
                    line += f"  \n  {t('roadmap.next_step', lang)}: {point.next_option(lang)}"
                focus.markdown(line)
