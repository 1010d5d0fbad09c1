"""Export: the board deck, the Excel and PDF reports and every chart, built only when downloaded."""

from functools import partial

import streamlit as st

from omni.export.deck import OPTIONAL_PARTS, PARTS, DeckOptions, build_deck
from omni.export.images import FORMATS, MIME, chart_catalogue, render_chart
from omni.export.pdf_report import build_pdf
from omni.export.report import build_report
from omni.i18n import t
from omni.palette import ACCENT
from omni.store.audit import AuditAction
from omni.ui import state
from omni.ui.access import min_group
from omni.ui.exports import checked_logo, checked_template, file_stem, stored_parts
from omni.ui.loading import audit_once, audited_export, store_engine
from omni.ui.markup import plain
from omni.ui.shell import guarded, page_shell
from omni.ui.unit_admin import unit_word
from omni.ui.widgets import require_assessment, show_chart, upload_help

lang, result = page_shell()

with guarded(lang):
    st.title(t("nav.export", lang))
    assessment = require_assessment(result, lang)
    st.write(t("export.intro", lang))
    stem = file_stem(assessment, lang)
    overrides = dict(state.what_if())
    importance = dict(state.importance_what_if())
    threshold = min_group(lang).value  # the smallest group any breakdown in these files shows
    units_called = unit_word(store_engine(), assessment.organisation).label  # "brand", "Cluster/Clusters", ""

    st.header(t("export.deck", lang))
    parts = st.multiselect(t("export.parts", lang), PARTS, default=list(PARTS), placeholder=t("widget.choose_many", lang),
                           format_func=lambda p: t(f"export.part.{p}", lang))
    stored = stored_parts(store_engine(), assessment, lang, result.organisation_id)  # benchmark and saved waves, when there are enough
    with_bench = st.checkbox(plain(stored.benchmark_label), value=stored.benchmark is not None,
                             disabled=stored.benchmark is None, help=t("export.extras_help", lang))
    with_trend = st.checkbox(plain(stored.trend_label), value=stored.history is not None,
                             disabled=stored.history is None, help=t("export.extras_help", lang))
    with_actions = st.checkbox(plain(stored.actions_label), value=stored.actions is not None,
                               disabled=stored.actions is None, help=t("export.extras_help", lang))
    bench, history = stored.benchmark if with_bench else None, stored.history if with_trend else None
    actions = stored.actions if with_actions else None
    left, right = st.columns(2)
    wave = left.text_input(t("export.wave", lang), max_chars=80)
    as_images = left.toggle(t("export.images", lang))
    accent = left.color_picker(t("export.accent", lang), ACCENT)
    template_file = right.file_uploader(t("export.template", lang), type=["pptx", "potx"],
                                        help=upload_help(lang, ["pptx", "potx"]))
    logo_file = right.file_uploader(t("export.logo", lang), type=["png", "jpg", "jpeg"],
                                    help=upload_help(lang, ["png", "jpg", "jpeg"]))
    template, logo = checked_template(template_file, lang), checked_logo(logo_file, lang)
    for upload, accepted, action in ((template_file, template, AuditAction.TEMPLATE_UPLOAD),
                                     (logo_file, logo, AuditAction.LOGO_UPLOAD)):
        if upload is not None:
            audit_once(f"{action}:{upload.file_id}", action,
                       f"{upload.name}, {upload.size} bytes: {'accepted' if accepted else 'refused'}",
                       organisation=assessment.organisation or "")
    options = DeckOptions(parts=(*parts, *OPTIONAL_PARTS), charts_as_images=as_images, wave=wave,
                          accent=accent.lstrip("#"), template=template,
                          template_name=template_file.name if template_file else "", logo=logo,
                          target_overrides=overrides, importance_overrides=importance, min_group=threshold,
                          unit_label=units_called)
    st.download_button(
        t("export.download_deck", lang),
        data=audited_export(partial(build_deck, assessment, lang, options, benchmark=bench, history=history,
                                    actions=actions),
                            f"{stem}.pptx", assessment.organisation or "", ahead="deck"),
        file_name=f"{stem}.pptx", on_click="ignore", type="primary", icon=":material/slideshow:",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        disabled=not (parts or bench or history or actions))

    st.header(t("export.report", lang))
    st.caption(t("export.report_text", lang))
    st.download_button(
        t("export.download_report", lang),
        data=audited_export(partial(build_report, assessment, lang, overrides, benchmark=bench, history=history,
                                       importance_overrides=importance, min_group=threshold,
                                       actions=actions, unit_label=units_called),
                            f"{stem}.xlsx", assessment.organisation or "", ahead="report"),
        file_name=f"{stem}.xlsx", on_click="ignore", icon=":material/table:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    st.header(t("export.pdf", lang))
    st.caption(t("export.pdf_text", lang))
    st.download_button(
        t("export.download_pdf", lang),
        data=audited_export(partial(build_pdf, assessment, lang, benchmark=bench, history=history,
                                    target_overrides=overrides, min_group=threshold,
                                    actions=actions),
                            f"{stem}.pdf", assessment.organisation or ""),
        file_name=f"{stem}.pdf", on_click="ignore", icon=":material/picture_as_pdf:", mime="application/pdf")

    st.header(t("export.charts", lang))
    catalogue = chart_catalogue(assessment, lang, min_group=threshold)
    left, right = st.columns([3, 1])
    key = left.selectbox(t("export.chart", lang), list(catalogue), format_func=lambda k: catalogue[k][0], placeholder=t("widget.choose", lang))
    fmt = right.radio(t("export.format", lang), FORMATS, format_func=str.upper, horizontal=True)
    build = catalogue[key][1]
    st.download_button(
        t("export.download_chart", lang), data=audited_export(partial(render_chart, build, fmt), f"{stem}-{key}.{fmt}",
                                                               assessment.organisation or ""),
        file_name=f"{stem}-{key}.{fmt}", on_click="ignore", mime=MIME[fmt], icon=":material/image:")
    st.caption(t("export.preview", lang))
    show_chart(build.func, *build.args, **build.keywords)
