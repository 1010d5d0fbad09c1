"""Exports built in a worker process (omni.export.offload): the same bytes as in the web process,
built elsewhere, and a download that still works when the worker cannot take the job."""

from __future__ import annotations

import os
from functools import partial

import pytest
from helpers import ROOT

from omni.charts import radar_chart
from omni.export import offload
from omni.export.deck import DeckOptions, build_deck
from omni.export.images import render_chart
from omni.export.report import build_report
from omni.scoring import score
from omni.survey import read_survey


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data" / "samples" / "demo-survey-en.xlsx"]))


@pytest.fixture(autouse=True, scope="module")
def _pool():
    yield
    offload.shutdown()


def _pid() -> bytes:
    return str(os.getpid()).encode()


def _crash_unless(parent: int) -> bytes:
    if os.getpid() != parent:
        os._exit(3)  # a worker that dies mid-job (out of memory, a native crash)
    return b"built in the web process"


def test_built_in_another_process(demo):
    assert offload.warm()
    assert offload.run(_pid) != str(os.getpid()).encode()
    deck = offload.run(partial(build_deck, demo, "en", DeckOptions()))
    assert deck[:2] == b"PK" and len(deck) > 20_000
    report = offload.run(partial(build_report, demo, "nl", {}))
    in_process = build_report(demo, "nl", {})
    assert report[:2] == b"PK" and abs(len(report) - len(in_process)) < 200  # same workbook (zip timestamps differ)


def test_builder_errors_arrive_as_such(demo):
    with pytest.raises(ValueError, match="format"):  # raised in the worker
        offload.run(partial(render_chart, partial(radar_chart, demo, "en"), "gif"))
    with pytest.raises(ValueError, match="format"):  # a lambda cannot travel: built here, raised here
        offload.run(partial(render_chart, lambda: radar_chart(demo, "en"), "gif"))


def test_a_dead_worker_does_not_lose_the_download():
    assert offload.run(_pid) != str(os.getpid()).encode()
    assert offload.run(partial(_crash_unless, os.getpid())) == b"built in the web process"
    assert offload.run(_pid) != str(os.getpid()).encode()  # a fresh worker took over


def test_switched_off(monkeypatch):
    monkeypatch.setenv("OMNI_EXPORT_WORKERS", "0")
    offload.shutdown()
    assert offload.run(_pid) == str(os.getpid()).encode()
