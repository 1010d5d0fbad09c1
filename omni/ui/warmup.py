"""What the first visitor after a restart would otherwise wait for, done as soon as the server is up.

`warm_first_visit` imports every module the pages import (read from pages/*.py), reads and scores the
demo survey in both languages (the shared `load_demo` cache every session draws from), builds the
Overview's chart specs and their text alternatives for it (omni.ui.chart_specs, with the page's own
arguments: omni.ui.widgets.OVERVIEW_RADAR/OVERVIEW_LADDER), does what Streamlit does once per process
before the first element is drawn, and starts a parser worker; then it freezes
what it loaded out of the garbage collector's way (omni.heap). It runs in a daemon
thread started by serve.py, after Streamlit's runtime has started, so the health check answers
as early as before; a failure is logged and leaves the app as it was (the first visitor pays).
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import logging
import time
from pathlib import Path

log = logging.getLogger("omni.ui.warmup")
PAGES = Path(__file__).resolve().parent.parent.parent / "pages"


def page_imports() -> list[str]:
    """The modules pages/*.py import (omni's and third-party), in order of first appearance."""
    names: dict[str, None] = {}
    for script in sorted(PAGES.glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names[node.module] = None
    return list(names)


# Streamlit's own modules the first session imported after the warm-up had run (`python -X importtime`
# during a first visit: the icon names st.page_link checks, ~20 ms); optional, a release may rename them.
STREAMLIT_LAZY = ("streamlit.material_icon_names", "streamlit.web.skills", "streamlit.runtime.scriptrunner.magic_funcs")


def warm_first_visit() -> None:
    from omni.charts import level_ladder, radar_chart
    from omni.framework import DEFAULT_FRAMEWORK_ID
    from omni.heap import settle
    from omni.i18n import LANGUAGES
    from omni.survey.isolation import pool_for
    from omni.survey.limits import IntakeLimits
    from omni.ui.chart_specs import chart_description, screen_spec
    from omni.ui.loading import load_demo
    from omni.ui.widgets import OVERVIEW_LADDER, OVERVIEW_RADAR

    for name in page_imports():
        importlib.import_module(name)
    for name in STREAMLIT_LAZY:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    for lang in LANGUAGES:
        assessment = load_demo(lang, DEFAULT_FRAMEWORK_ID).assessment  # the page's exact call
        if assessment is not None:  # the same charts and arguments as pages/overview.py
            for builder, kwargs in ((radar_chart, OVERVIEW_RADAR), (level_ladder, OVERVIEW_LADDER)):
                screen_spec(builder, assessment, lang, **kwargs)  # with its rows as Arrow, as drawn
                chart_description(builder, assessment, lang, **kwargs)
    _warm_streamlit()
    limits = IntakeLimits.from_env()
    if limits.isolate:  # last: its start-up runs beside the first visit, not before it
        pool_for(limits).keep_warm()
    settle()  # what was loaded here stays for the process's life: no full collection walks it again


def _warm_streamlit() -> None:
    """What Streamlit does once per process before the first element is sent, done here: its check
    whether it runs in a REPL (`inspect.stack()` reading the source of every frame of the page run:
    40-80 ms). A private name: a release that renames it only leaves this to the first visitor."""
    with contextlib.suppress(ImportError, AttributeError):
        from streamlit import delta_generator

        delta_generator._maybe_print_use_warning()  # noqa: SLF001 - only prints outside `streamlit run`


def warm_when_serving(timeout: float = 120.0) -> None:
    """Wait until Streamlit's runtime serves, then `warm_first_visit`; never raises."""
    try:
        from streamlit.runtime import Runtime, RuntimeState

        deadline = time.monotonic() + timeout
        while not (Runtime.exists() and Runtime.instance().state in (
                RuntimeState.NO_SESSIONS_CONNECTED, RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED)):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)
        started = time.perf_counter()
        warm_first_visit()
        log.info("warmed up for the first visit in %.2f s", time.perf_counter() - started)
    except Exception:  # noqa: BLE001 - warming is an optimisation; the first visitor pays instead
        log.exception("warm-up failed")
