"""The first visit after a restart is prepared once the server is up (serve.py, omni.ui.warmup):
the pages' imports, the demo survey, the Overview chart specs and a parser worker - without a visitor."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import psutil
import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.charts import level_ladder, radar_chart
from omni.framework import DEFAULT_FRAMEWORK_ID
from omni.ui import chart_specs
from omni.ui.loading import load_demo
from omni.ui.state import LANG
from omni.ui.warmup import page_imports, warm_first_visit
from omni.ui.widgets import OVERVIEW_LADDER, OVERVIEW_RADAR


def test_page_imports_are_read_from_the_pages():
    names = page_imports()
    assert {"streamlit", "omni.charts", "omni.ui.shell", "omni.ui.widgets"} <= set(names)
    assert not any(name.startswith(".") for name in names)


def _cached(builder, assessment, lang, **kwargs) -> bool:
    key = (builder.__module__, builder.__qualname__, chart_specs._part((assessment, lang)),
           chart_specs._part(sorted(kwargs.items())))
    return key in chart_specs._specs


def test_warm_first_visit_fills_the_caches_the_overview_uses():
    warm_first_visit()
    for lang in ("nl", "en"):
        result = load_demo(lang, DEFAULT_FRAMEWORK_ID)  # the same object the warm-up cached
        assert result.assessment is not None and result.source == "demo"
        assert _cached(radar_chart, result.assessment, lang, **OVERVIEW_RADAR)
        assert _cached(level_ladder, result.assessment, lang, **OVERVIEW_LADDER)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_overview_after_the_warm_up_builds_no_chart_and_no_chart_text(lang):
    """The page's own run finds everything the warm-up built: it asks for the same charts with the
    same arguments (the warm-up once built the radar and ladder with other sizes than the page)."""
    warm_first_visit()
    specs, texts, arrow = set(chart_specs._specs), set(chart_specs._texts), set(chart_specs._arrow)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[LANG] = lang
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 2
    assert set(chart_specs._specs) == specs and set(chart_specs._texts) == texts
    assert set(chart_specs._arrow) == arrow  # the rows as Arrow too


def test_served_app_warms_up_without_a_visitor(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from cluster import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        healthy = False
        while time.monotonic() < deadline and not healthy:
            assert process.poll() is None, log.read_text()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    healthy = response.status == 200
            except OSError:
                time.sleep(0.1)
        assert healthy, log.read_text()
        # No session has connected; the warm-up's last step starts a parser worker.
        app = psutil.Process(process.pid)
        deadline = time.monotonic() + 120
        workers = []
        while time.monotonic() < deadline and not workers:
            workers = [p for p in app.children(recursive=True) if "omni.survey.worker" in " ".join(p.cmdline())]
            time.sleep(0.2)
        assert workers, "no parser worker started by the warm-up\n" + log.read_text()
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.status == 200
        assert "Traceback" not in log.read_text() and "warm-up failed" not in log.read_text()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_warm_up_can_be_switched_off(tmp_path):
    """OMNI_WARM_UP=0: the server serves as before and prepares nothing (no parser worker, no log line)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from cluster import AppProcess

    app = AppProcess({"OMNI_WARM_UP": "0"}, log_dir=tmp_path)
    try:
        time.sleep(8)  # an absence: the warm-up (when on) starts a worker within seconds, ~3 CPU-s in all
        server = psutil.Process(app.pid)
        assert server.children(recursive=True) == []
        assert sum(server.cpu_times()[:2]) < 2.0  # started and idle: ~0.6 CPU-s
        with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=5) as response:
            assert response.status == 200
    finally:
        app.stop()
    assert "Traceback" not in app.log.read_text()


@pytest.mark.parametrize(("raw", "expected"), [(None, True), ("", True), ("1", True), ("0", False)])
def test_warm_up_setting(raw, expected):
    from omni.settings import warm_up

    assert warm_up({} if raw is None else {"OMNI_WARM_UP": raw}) is expected


def test_a_warm_up_setting_that_is_not_a_number_names_the_variable():
    from omni.settings import warm_up

    with pytest.raises(ValueError, match="OMNI_WARM_UP"):
        warm_up({"OMNI_WARM_UP": "yes"})
