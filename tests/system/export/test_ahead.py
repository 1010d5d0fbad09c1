"""Downloads built while the Export page is read (omni.export.ahead): the build starts once per set of
choices, in the export worker, and the click takes its bytes; other choices start a new build; a click
before the build got under way builds at once; a failed build raises its error on the click."""

from __future__ import annotations

import os
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from helpers import ROOT

from omni.export import ahead, offload
from omni.export.deck import DeckOptions, build_deck
from omni.scoring import score
from omni.survey import read_survey


@pytest.fixture(autouse=True, scope="module")
def _pool():
    yield
    offload.shutdown()


def _note(log: Path, tag: str) -> bytes:
    """A build that leaves a line per run in `log` (the worker is another process)."""
    with log.open("a") as out:
        out.write(f"{tag} {os.getpid()}\n")
    return f"{tag} built".encode()


def _crash_unless(parent: int) -> bytes:
    if os.getpid() != parent:
        os._exit(3)  # a worker that dies mid-job
    return b"built in the web process"


def _fails() -> bytes:
    raise ValueError("no such format")


def _runs(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def _wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the build started ahead did not finish"
        time.sleep(0.05)


def test_the_click_takes_the_build_started_while_the_page_was_read(tmp_path):
    log = tmp_path / "runs"
    prepared = ahead.Prepared()
    click = prepared.start("deck", partial(_note, log, "a"))
    _wait_for(lambda: len(_runs(log)) == 1)
    assert int(_runs(log)[0].split()[1]) != os.getpid()  # in the export worker, as a click's build
    again = prepared.start("deck", partial(_note, log, "a"))  # a rerun of the page, same choices
    taken = ahead.taken
    assert click() == b"a built" and ahead.taken == taken + 1
    assert len(_runs(log)) == 1  # the rerun started nothing, the click built nothing
    assert prepared.pending() == 0  # the bytes are the download's now
    assert again() == b"a built" and len(_runs(log)) == 2  # a second click builds on demand


def test_other_choices_start_a_new_build(tmp_path):
    log = tmp_path / "runs"
    prepared = ahead.Prepared()
    prepared.start("deck", partial(_note, log, "a"))
    report = prepared.start("report", partial(_note, log, "r"))
    click = prepared.start("deck", partial(_note, log, "b"))  # e.g. another wave name typed
    assert click() == b"b built"  # "a", dropped or built meanwhile, is never handed out
    assert report() == b"r built"
    assert prepared.pending() == 0
    assert {line.split()[0] for line in _runs(log)} >= {"b", "r"}


def test_a_real_deck_ahead_is_the_deck_the_click_gets():
    demo = score(read_survey([ROOT / "data" / "samples" / "demo-survey-en.xlsx"]))
    prepared = ahead.Prepared()
    click = prepared.start("deck", partial(build_deck, demo, "en", DeckOptions(wave="Q4")))
    deck = click()
    built_here = build_deck(demo, "en", DeckOptions(wave="Q4"))
    assert deck[:2] == b"PK" and abs(len(deck) - len(built_here)) < 200  # zip timestamps differ


def test_a_failed_build_raises_its_error_on_the_click():
    prepared = ahead.Prepared()
    click = prepared.start("deck", _fails)
    with pytest.raises(ValueError, match="format"):
        click()


def test_a_job_that_cannot_travel_is_built_on_the_click():
    prepared = ahead.Prepared()
    click = prepared.start("deck", lambda: b"here")
    assert prepared.pending() == 0 and click() == b"here"


def test_a_click_before_the_build_got_under_way_builds_at_once(monkeypatch, tmp_path):
    gate = threading.Event()

    def held(payload, job, key):  # the build threads, each busy with a build that waits for the worker
        gate.wait(30)
        return b"held"

    monkeypatch.setattr(ahead, "_build", held)
    prepared = ahead.Prepared()
    try:
        for i in range(ahead._THREADS):
            prepared.start(f"busy{i}", partial(_note, tmp_path / "busy", str(i)))
        click = prepared.start("deck", partial(_note, tmp_path / "runs", "d"))
        answer: list[bytes] = []
        clicked = threading.Thread(target=lambda: answer.append(click()))
        clicked.start()
        clicked.join(30)
        assert answer == [b"d built"]  # not queued behind the four
        assert len(_runs(tmp_path / "runs")) == 1
    finally:
        gate.set()


def test_nothing_is_built_ahead_in_the_web_process(monkeypatch, tmp_path):
    monkeypatch.setenv("OMNI_EXPORT_WORKERS", "0")  # exports switched off: built in the web process
    log = tmp_path / "runs"
    prepared = ahead.Prepared()
    click = prepared.start("deck", partial(_note, log, "a"))
    time.sleep(0.3)
    assert prepared.pending() == 0 and _runs(log) == []
    assert click() == b"a built" and [line.split()[1] for line in _runs(log)] == [str(os.getpid())]


def test_a_build_ahead_never_falls_back_to_the_web_process(tmp_path):
    """The worker dies under a build nobody waits for yet: no copy is built here, the click builds."""
    with pytest.raises(offload.NoWorker):
        offload.run(partial(_crash_unless, os.getpid()), here=False)
    prepared = ahead.Prepared()
    click = prepared.start("deck", partial(_crash_unless, os.getpid()))
    assert click() == b"built in the web process"  # the click's own build, after the worker died again


def test_the_click_holds_the_job_not_its_pickled_bytes(tmp_path):
    """Streamlit keeps a download's callable until the session's next run: a copy of the pickled
    assessment in each (~0.15 MB, two per Export page) grew the 250-session deployment by ~75 MB."""
    prepared = ahead.Prepared()
    click = prepared.start("deck", partial(_note, tmp_path / "runs", "x" * 200_000))
    held = [cell.cell_contents for cell in click.__closure__ or ()]
    assert held and not any(isinstance(value, (bytes, bytearray)) and len(value) > 64 for value in held)  # a key, no more
    assert click().startswith(b"x")
