"""The respondents' load benchmark in miniature: two websocket respondents answer the whole default
survey at once through a real app process; every answer they sent is stored as sent (the benchmark
itself reads the round back from the store). Keeps bench/bench_respond.py working with the page."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from bench_respond import main  # noqa: E402


def test_two_respondents_answer_everything_and_nothing_is_lost(monkeypatch, capsys):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    # the latency goal is the benchmark's business on a quiet machine, not this test's
    # in a thread of its own: the benchmark runs its own asyncio loop, and a browser test earlier in this
    # worker process may have left Playwright's loop running on the main thread
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(main, ["--sessions", "2", "--think", "0", "--ramp", "0", "--goal-p95", "60"]).result() == 0
    out = capsys.readouterr().out
    assert "2/2 respondents submitted" in out
    assert "lost or changed 0; responses not equal to what was sent 0" in out
