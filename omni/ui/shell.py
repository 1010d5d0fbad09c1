"""The page shell every page starts with: page config, sidebar, language, and an error guard.

Every page calls `page_shell()` first. That keeps a deep link working even when Streamlit runs a
page file without app.py (the `pages/` pitfall in DESIGN.md): the shell does not depend on app.py.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
import types
from collections.abc import Iterator

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from omni.framework import DEFAULT_FRAMEWORK_ID, builtin_frameworks
from omni.heap import release_views
from omni.i18n import LANGUAGES, t
from omni.store import StoreError
from omni.ui import access, state, streamlit_texts, upload_guard
from omni.ui.downloads import keep_deferred_downloads
from omni.ui.loading import load_demo, system_store_engine, warm_intake
from omni.ui.markup import plain
from omni.ui.memory_stats import register_cache_stats

log = logging.getLogger("omni.ui")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
# (script, navigation text key, icon): the one list of pages, used by app.py and the sidebar.
PAGES = (
    ("pages/start.py", "nav.start", ":material/home:"),
    ("pages/overview.py", "nav.overview", ":material/radar:"),
    ("pages/dimensions.py", "nav.dimensions", ":material/bar_chart:"),
    ("pages/units.py", "nav.units", ":material/account_tree:"),
    ("pages/roadmap.py", "nav.roadmap", ":material/route:"),
    ("pages/actions.py", "nav.actions", ":material/checklist:"),
    ("pages/method.py", "nav.method", ":material/calculate:"),
    ("pages/export.py", "nav.export", ":material/ios_share:"),
    ("pages/benchmark.py", "nav.benchmark", ":material/groups:"),
    ("pages/history.py", "nav.history", ":material/history:"),
    ("pages/rounds.py", "nav.rounds", ":material/how_to_vote:"),
)
# Registered with st.navigation but never listed in the sidebar: the respondents' view of a survey
# round, reached only through its link (/respond?token=...), without the dashboard around it.
HIDDEN_PAGES = (
    ("pages/respond.py", "respond.title", ":material/edit_note:"),
    ("pages/admin.py", "nav.admin", ":material/admin_panel_settings:"),  # linked for administrators only
    ("pages/portfolio.py", "portfolio.title", ":material/work:"),  # linked for whoever may see several clients
)


def page_shell(*, needs_result: bool = True) -> tuple[str, state.Result | None]:
    """Set up the page and sidebar; return the language and the results to show.

    With `needs_result`, a visitor without results gets the demo organisation.
    """
    lang = state.language()
    release_views(state.result())  # pandas' records of the views the last run took of it (omni.heap)
    st.set_page_config(page_title=t("app.title", lang), page_icon=":material/radar:", layout="wide")
    streamlit_texts.install(lang)
    config = access.require_usable_config(lang)  # a sign-in setting that cannot be used: only that message
    upload_guard.install(hosted=config.hosted)
    engine = account = None
    if config.hosted:  # hosted: sign-in first; local mode needs no store to show a page
        try:
            engine = system_store_engine()
            if engine is None:  # nobody can be checked, so nobody gets in
                raise StoreError("cannot_open")
            account = access.gate(lang, engine, config)
        except (SQLAlchemyError, StoreError):
            log.exception("store unavailable while signing in")
            _sidebar(lang, None, None, signed_in=False)
            st.error(t("secauth.db_down", lang))
            st.stop()
    warm_intake()
    keep_deferred_downloads()
    register_cache_stats()
    _sidebar(lang, account, engine)
    result = state.result()
    if result is None and needs_result:
        result = load_demo(lang, st.session_state.get(state.FRAMEWORK, DEFAULT_FRAMEWORK_ID))
        state.set_result(result)
    if result is not None:
        with st.sidebar:
            st.caption(t("ui.showing", lang))
            # a saved wave names the organisation it was saved under (a client switched to from the portfolio)
            name = (result.files[0] if result.source == "saved" and result.files
                    else result.survey.organisation or ", ".join(result.files))
            units = result.survey.respondents.get("unit")
            if units is not None and len(units) and units.nunique() == 1 and str(units.iloc[0]).strip():
                name = f"{name} · {units.iloc[0]}"  # one unit of a group on screen: say which
            st.markdown(f"**{_plain(name)}**")
            if result.source == "demo":
                st.caption(t("ui.demo_badge", lang))
            fw = result.survey.framework
            st.caption(f"{fw.name(lang)} · v{fw.version}")
    return lang, result


_plain = plain


def _sidebar(lang: str, account, engine, *, signed_in: bool = True) -> None:
    """Navigation, language and who is signed in; without a checked sign-in only navigation and language."""
    with st.sidebar:
        for script, key, icon in PAGES:
            st.page_link(script, label=t(key, lang), icon=icon)
        if signed_in and (account is None or account.is_admin or len(account.organisations) > 1):
            st.page_link("pages/portfolio.py", label=t("portfolio.title", lang), icon=":material/work:")
        if signed_in and (account is None or account.is_admin):
            st.page_link("pages/admin.py", label=t("nav.admin", lang), icon=":material/admin_panel_settings:")
        st.divider()
        chosen = st.segmented_control(
            t("ui.language", lang), LANGUAGES, default=lang, format_func=LANGUAGE_NAMES.get,
            key="_lang_widget", selection_mode="single")
        if chosen and chosen != lang:
            state.set_language(chosen)
            current = state.result()
            if current is not None and current.source == "demo":
                state.set_result(load_demo(chosen, current.survey.framework.id))
            st.rerun()
        if signed_in:
            access.sidebar(lang, account, engine)


@contextlib.contextmanager
def guarded(lang: str) -> Iterator[None]:
    """Show a translated message instead of a stack trace if a page fails; at the end of the page run,
    let go of what the run made that nothing can read any more (`_let_go`)."""
    # The page's module namespace and code: `with guarded(...)` is the last statement of every page
    # script (tests/unit/ui/test_shell_views.py), entered through contextlib's __enter__ (frames: this
    # generator, __enter__, the page).
    page = sys._getframe(2)  # noqa: SLF001
    namespace, code = page.f_globals, page.f_code  # not the frame itself, which would outlive this line
    del page
    try:
        yield
    except (SQLAlchemyError, StoreError) as exc:  # the database went away (or cannot be opened)
        log.exception("page failed: store")
        st.error(t("secauth.db_down" if _database_down(exc) else "ui.unexpected_error", lang))
    except Exception:  # noqa: BLE001 - the boundary: log for us, a clear message for the user
        log.exception("page failed")
        st.error(t("ui.unexpected_error", lang))
    finally:
        _let_go(namespace, code)


def _let_go(namespace: dict, code: types.CodeType) -> None:
    """A page's namespace outlives its run: Streamlit keeps each widget's format_func (a lambda of the
    page) in the session for the widget's values, and the lambda holds the namespace, with every table
    the run made (a benchmark, a history, the export's parts) until the page runs again in that session.
    At 125 sessions a process that was a fifth of what each full garbage collection walked.

    So, once the page's own code has run: pandas' records of the views the run took go first (each
    table keeps one for every column read, omni.heap.release_views), then every name that no function
    or lambda of the page can read is dropped. What those read stays (a callback's `st`, a format_func's
    `lang` and `t`), as do modules, classes and functions."""
    release_views(*namespace.values())
    if code.co_name != "<module>":  # entered from a function: its module may still run on
        return
    kept = _read_later(code)
    for name, value in list(namespace.items()):
        if name.startswith("__") or name in kept or isinstance(value, _KEPT_TYPES):
            continue
        del namespace[name]


_KEPT_TYPES = (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType)


@functools.lru_cache(maxsize=64)
def _read_later(code: types.CodeType) -> frozenset[str]:
    """Every name the functions and lambdas defined in `code` may look up (and attributes they read:
    more is kept, never less), at any depth."""
    names: set[str] = set()
    stack = [const for const in code.co_consts if isinstance(const, types.CodeType)]
    while stack:
        nested = stack.pop()
        names.update(nested.co_names)
        names.update(nested.co_freevars)
        stack.extend(const for const in nested.co_consts if isinstance(const, types.CodeType))
    return frozenset(names)


def _database_down(exc: Exception) -> bool:
    from sqlalchemy.exc import DatabaseError, InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError) or type(exc) is DatabaseError or (
        isinstance(exc, StoreError) and "cannot be opened" in str(exc))


def framework_choices() -> list[str]:
    return list(builtin_frameworks())
