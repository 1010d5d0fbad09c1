"""Wait until the Streamlit app has answered what the test just did, on conditions instead of a pause.

A click on a widget sends a rerun request over the websocket, but the page's script state stays
"notRunning" until the server says the run started, so waiting for "notRunning" alone can return
before the run. A script added to every browser context (`watch`) therefore counts, in the page:
the rerun requests the page sends (BackMsg.rerun_script), the runs the server says finished
(ForwardMsg.script_finished; a run of a few milliseconds may never show "running" in the page), the
moments the script state turns "notRunning", and whether the last finished run "stopped early for a
rerun" (st.rerun, or a newer request). The app has answered when the state is "notRunning", a run
finished after the last rerun request, no rerun is still to come, no HTTP request of the page is
still open (parts of the page Streamlit loads when first drawn) and two animation frames have been
drawn since.
"""

from __future__ import annotations

import time

# Protobuf field numbers from streamlit/proto: BackMsg.rerun_script = 11, ForwardMsg.script_finished
# = 6 (an enum; FINISHED_EARLY_FOR_RERUN = 2). tests/unit/test_app_runs.py checks them against the
# installed Streamlit.
RERUN_SCRIPT = 11
SCRIPT_FINISHED = 6
FINISHED_EARLY_FOR_RERUN = 2

WATCH_RUNS = """
(() => {
  if (window.__omniRuns) return;
  const runs = window.__omniRuns = {sent: 0, done: 0, doneAtSend: 0, finished: 0, finishedAtSend: 0, early: false, log: []};
  const note = (...what) => { runs.log.push([Math.round(performance.now()), ...what]); runs.log.splice(0, runs.log.length - 30); };
  // Calls found(fieldNumber, varintValueOrNull) for each top-level field of a protobuf message.
  const fields = (bytes, found) => {
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), number = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) found(number, varint());
      else if (wire === 2) { const length = varint(); found(number, null); i += length; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return;
    }
  };
  const asBytes = (data) => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  const Original = window.WebSocket;
  class Watched extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const bytes = asBytes(event.data);
        if (bytes) fields(bytes, (number, value) => {
          if (number === SCRIPT_FINISHED && value !== null) note("finished", value), runs.finished += 1, runs.early = value === FINISHED_EARLY_FOR_RERUN;
        });
      });
    }
    send(data) {
      const bytes = asBytes(data);
      if (bytes) fields(bytes, (number) => {
        if (number === RERUN_SCRIPT) { note("rerun requested"); runs.sent += 1; runs.doneAtSend = runs.done; runs.finishedAtSend = runs.finished; }
      });
      return super.send(data);
    }
  }
  window.WebSocket = Watched;
  new MutationObserver((changes) => {
    for (const change of changes) {
      const state = change.target.getAttribute("data-test-script-state");
      note(state);
      if (state === "notRunning") runs.done += 1;
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
})();
""".replace("RERUN_SCRIPT", str(RERUN_SCRIPT)).replace("SCRIPT_FINISHED", str(SCRIPT_FINISHED)).replace(
    "FINISHED_EARLY_FOR_RERUN", str(FINISHED_EARLY_FOR_RERUN))

ANSWERED = """() => {
  const runs = window.__omniRuns;
  const app = document.querySelector('[data-testid="stApp"]');
  return !!runs && !!app && app.getAttribute("data-test-script-state") === "notRunning"
    && (runs.done > runs.doneAtSend || runs.finished > runs.finishedAtSend) && !runs.early;
}"""

# Two animation frames: whatever React scheduled while handling the last messages is drawn.
DRAWN = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def watch(context):
    """Count the app's runs in every page of this browser context, and keep the context's HTTP requests
    still on their way (a part of the page Streamlit loads only when first drawn, on a busy machine)."""
    context.add_init_script(WATCH_RUNS)
    pending: set = set()
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", lambda request: pending.discard(request))
    context.on("requestfailed", lambda request: pending.discard(request))
    context.omni_pending_requests = pending
    return context


class WatchedBrowser:
    """A Playwright browser whose every new context counts the app's runs (see `watch`)."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, *args, **kwargs):
        return watch(self._browser.new_context(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._browser, name)


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script has run to the end after the last thing the test did, every request the
    page made has its answer, and the page is drawn with them."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    pending = getattr(page.context, "omni_pending_requests", None)
    if pending is None:
        raise AssertionError("this page's browser context does not count the app's runs: make it "
                             "through tests/app_runs.watch (the browser fixtures do)")
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            page.wait_for_function(ANSWERED, timeout=_left(deadline))
        except PlaywrightTimeout as error:  # say what the page saw: requests, runs, states (ms since load)
            raise AssertionError(f"the app did not answer: {page.evaluate('() => window.__omniRuns')}") from error
        while pending:  # Playwright delivers the request events while the page is polled
            _left(deadline)
            page.wait_for_timeout(20)
        page.evaluate(DRAWN)
        if not pending and page.evaluate(ANSWERED):
            return


def _left(deadline: float) -> float:
    left = (deadline - time.monotonic()) * 1000
    if left <= 0:
        raise TimeoutError("the app did not finish its run and its requests in time")
    return left
