"""Hostile and large uploads against a running app: what is accepted, what is refused, and what the
web process pays for each.

Starts `streamlit run serve.py` on loopback (the omni loggers at INFO, so the upload cache reports its
bytes), then for every file opens a fresh session over Streamlit's websocket protocol
(bench/ws_session.py), uploads the file where a user would (corporate template and logo on Export,
surveys on Start) and reads the page's answer. Around each upload it resets the web process's peak
RSS (`/proc/<pid>/clear_refs`, 5) and reads it back (VmHWM), so "peak growth" is what that single
upload cost the web process at its worst. Parser workers are separate processes and not counted.

    .venv/bin/python bench/bench_hostile_uploads.py [--respondents 10000] [--skip-large]

Goal: no single upload grows the web process by more than 100 MB; every hostile file refused with
its own message; the upload cache back to 0 bytes after the sessions closed.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import re
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from cluster import free_port, wait_healthy  # noqa: E402
from ws_session import SessionError, WsSession  # noqa: E402

GOAL_MB = 100
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Runs the app with the omni loggers at INFO on stderr (Streamlit configures only its own loggers).
LAUNCHER = ("import logging, sys; logging.basicConfig(level=logging.WARNING, format='%(asctime)s %(name)s %(message)s');"
            " logging.getLogger('omni').setLevel(logging.INFO); from streamlit.web.cli import main;"
            " sys.argv = ['streamlit', 'run'] + sys.argv[1:]; sys.exit(main())")
CACHE_LINE = re.compile(r"upload cache: (?P<what>.*); now (?P<entries>\d+) entries, (?P<bytes>\d+) bytes")


class App:
    """The app on a free loopback port with INFO logging from omni; `stop()` ends it."""

    def __init__(self, log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(ROOT / "serve.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        try:
            wait_healthy(self.url, self.process, log)
        except BaseException:
            self.stop()
            raise

    @property
    def pid(self) -> int:
        return self.process.pid

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as r:
                return r.status == 200
        except OSError:
            return False

    def cache_lines(self) -> list[tuple[str, int, int]]:
        """The upload cache's reports so far: (what happened, entries, bytes)."""
        text = self.log.read_text("utf-8", "replace")
        return [(m["what"], int(m["entries"]), int(m["bytes"])) for m in CACHE_LINE.finditer(text)]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def memory_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS since the last reset) of a process, in MB."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def reset_peak(pid: int) -> None:
    with open(f"/proc/{pid}/clear_refs", "w") as refs:
        refs.write("5")


class PageSession(WsSession):
    """A session that returns a run showing error boxes (the refusal we came for) instead of raising."""

    async def _rerun(self, **kwargs):
        try:
            return await super()._rerun(**kwargs)
        except SessionError:
            done = self._run_done
            if done is not None and done.done() and not done.cancelled() and done.exception() is None:
                return done.result()
            raise


# --- the files ---------------------------------------------------------------------------------------


@dataclass
class Case:
    kind: str  # template / logo / survey
    name: str
    data: bytes
    hostile: bool
    what: str


def large_template(megabytes: float) -> bytes:
    """A real-looking template near the upload limit: its master carries a big background picture."""
    import numpy as np
    from PIL import Image
    from pptx import Presentation
    from pptx.oxml.shapes.picture import CT_Picture
    from pptx.util import Inches
    from test_brand_files import template_bytes

    side = int((megabytes * 2**20 / 3) ** 0.5)
    noise = np.random.default_rng(5).integers(0, 255, (side, side, 3), dtype=np.uint8)
    picture = io.BytesIO()
    Image.fromarray(noise).save(picture, "PNG", compress_level=1)
    prs = Presentation(io.BytesIO(template_bytes()))
    master = prs.slide_master
    _, r_id = master.part.get_or_add_image_part(io.BytesIO(picture.getvalue()))
    master.shapes._spTree.append(CT_Picture.new_pic(  # noqa: SLF001
        90, "Achtergrond", "", r_id, 0, 0, prs.slide_width, prs.slide_height or Inches(7.5)))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def memory_hungry_template(elements: int) -> bytes:
    """Within every size limit, but a million small XML elements cost python-pptx far more than their bytes."""
    from test_brand_files import repack, template_bytes

    rng = random.Random(3)
    pile = "".join(f'<x:e v="{rng.getrandbits(40):x}"/>' for _ in range(elements))
    base = template_bytes()
    layout = zipfile.ZipFile(io.BytesIO(base)).read("ppt/slideLayouts/slideLayout2.xml").replace(
        b"</p:cSld>", f'<x:pile xmlns:x="urn:x">{pile}</x:pile></p:cSld>'.encode())
    return repack(base, replace={"ppt/slideLayouts/slideLayout2.xml": layout})


def cases(args) -> list[Case]:
    from bench_intake import workbook
    from PIL import Image
    from test_brand_files import lie_about_size, png, repack, template_bytes
    from test_hostile_files import header_and_rows, sheet_xml, xlsx_bytes

    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
                        for i in range(10))
              + ']><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="&lol9;"/>')
    base = template_bytes()
    layout = zipfile.ZipFile(io.BytesIO(base)).read("ppt/slideLayouts/slideLayout1.xml").replace(
        b"</p:cSld>", b"<!-- " + b"a" * (200 * 2**20) + b" --></p:cSld>")
    gradient = Image.linear_gradient("L").resize((4096, 4096)).convert("RGB")
    big_logo = io.BytesIO()
    gradient.save(big_logo, "PNG")
    found = [
        Case("template", "huisstijl-met-links.pptx", template_bytes(external=True), False, "links to a tracker"),
        Case("template", "bom.pptx", repack(base, {"ppt/media/image9.png": b"\0" * (200 * 2**20)}), True,
             "zip bomb, 200 MB of zeros"),
        Case("template", "veel.pptx", repack(base, {f"ppt/media/x{i}.bin": b"x" for i in range(5000)}), True,
             "5,000 parts"),
        Case("template", "liegt.pptx", lie_about_size(repack(base, replace={
            "ppt/slideLayouts/slideLayout1.xml": layout}), "ppt/slideLayouts/slideLayout1.xml"), True,
             "declares 5 kB, unpacks to 200 MB"),
        Case("template", "lachen.pptx", repack(base, replace={"ppt/theme/theme1.xml": laughs}), True,
             "DTD entity expansion"),
        Case("template", "zwaar.pptx", memory_hungry_template(args.elements), True,
             f"{args.elements:,} XML elements"),
        Case("logo", "logo-4096.png", big_logo.getvalue(), False, "4096 x 4096 (the limit)"),
        Case("logo", "logo-169mp.png", png(13_000, 13_000), True, "13,000 x 13,000 = 169 MP"),
        Case("logo", "logo.png", b"%PDF-1.7\n%%EOF", True, "a PDF named .png"),
        Case("survey", "bom.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2)), {"xl/media/image1.bin": b"\0" * (200 * 2**20)}),
             True, "zip bomb, 200 MB of zeros"),
        Case("survey", "einde.xlsx", xlsx_bytes(sheet_xml(header_and_rows(2)
                                                          + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
             True, "a cell at XFD1048576"),
    ]
    if not args.skip_large:
        found.insert(0, Case("template", "groot.pptx", large_template(args.template_mb), False,
                             f"{args.template_mb:.0f} MB background picture"))
        found.append(Case("survey", f"team-{args.respondents}.xlsx", workbook(args.respondents).read_bytes(), False,
                          f"{args.respondents:,} respondents"))
    return found


# --- the run ------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    accepted: bool
    message: str
    rss_before: float
    peak_growth: float
    rss_after: float
    healthy: bool
    stack_trace: bool


async def upload(app: App, case: Case, lang: str) -> Outcome:
    page, index, mime = {"template": ("export", 0, PPTX_MIME), "logo": ("export", 1, "image/png"),
                         "survey": ("start", 0, XLSX_MIME)}[case.kind]
    session = PageSession(app.url, lang=lang, timeout=180)
    try:
        run = await session.open(page, f"lang={lang}")
        uploader = session.uploader_id(run, index)
        await asyncio.sleep(0.5)
        rss_before, _ = memory_mb(app.pid)
        reset_peak(app.pid)
        run = await session.upload(uploader, case.name, case.data, mime)
        _, peak = memory_mb(app.pid)
        rss_after, _ = memory_mb(app.pid)
        errors = [a.body for a in run.of("alert") if a.format == 1]
        infos = [a.body for a in run.of("alert") if a.format != 1]
        stack = bool(run.of("exception")) or any("Traceback" in a.body for a in run.of("alert"))
        if case.kind == "survey":
            accepted = not errors
            message = errors[0] if errors else next((i for i in infos), "")
            if errors:  # the problems table names the file and the reason; the box says it cannot be scored
                message = "refused (see the problems table)"
        else:
            accepted = not errors
            message = errors[0] if errors else next((i for i in infos if "link" in i or "koppeling" in i), "")
        return Outcome(case, accepted, message.replace("\\", ""), rss_before, peak - rss_before, rss_after,
                       app.healthy(), stack)
    finally:
        await session.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=10_000, help="the large survey accepted")
    parser.add_argument("--template-mb", type=float, default=20.0, help="the large template accepted")
    parser.add_argument("--elements", type=int, default=3_000_000, help="XML elements of the memory-hungry template")
    parser.add_argument("--skip-large", action="store_true", help="only the hostile files (quicker)")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)

    print("generating files ...", file=sys.stderr)
    files = cases(args)
    app = App(ROOT / "test-artifacts" / "bench-hostile-uploads.log")
    outcomes: list[Outcome] = []
    try:
        rss_start, _ = memory_mb(app.pid)
        for case in files:
            started = time.perf_counter()
            outcome = asyncio.run(upload(app, case, args.lang))
            outcomes.append(outcome)
            print(f"  {case.kind:8} {case.name:28} {'accepted' if outcome.accepted else 'refused':8} "
                  f"peak +{outcome.peak_growth:.0f} MB ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        time.sleep(2)  # the closed sessions' release hooks have run
        rss_end, _ = memory_mb(app.pid)
        cache = app.cache_lines()
    finally:
        app.stop()

    print(f"\nWeb process: {rss_start:.0f} MB RSS at start, {rss_end:.0f} MB after {len(outcomes)} uploads "
          f"(pid {app.pid}; parser workers not counted).\n")
    print("| upload | file | size | verdict | message | web RSS before MB | peak growth MB | healthy |")
    print("|---|---|---:|---|---|---:|---:|---|")
    for o in outcomes:
        size = f"{len(o.case.data) / 2**20:.2f} MB"
        verdict = ("accepted" if o.accepted else "refused") + (" (stack trace!)" if o.stack_trace else "")
        message = o.message[:110] + ("…" if len(o.message) > 110 else "")
        print(f"| {o.case.kind}: {o.case.what} | {o.case.name} | {size} | {verdict} | {message} | "
              f"{o.rss_before:.0f} | {o.peak_growth:.0f} | {'yes' if o.healthy else 'NO'} |")
    largest = {}
    for o in outcomes:
        if o.accepted and len(o.case.data) > len(largest.get(o.case.kind, Case("", "", b"", False, "")).data):
            largest[o.case.kind] = o.case
    print("\nLargest accepted: " + "; ".join(f"{k} {c.name} ({len(c.data) / 2**20:.2f} MB, {c.what})"
                                            for k, c in largest.items()))
    worst = max(outcomes, key=lambda o: o.peak_growth)
    worst_hostile = max((o for o in outcomes if o.case.hostile), key=lambda o: o.peak_growth)
    print(f"Largest peak growth of the web process: +{worst.peak_growth:.0f} MB ({worst.case.name}); "
          f"from a hostile file: +{worst_hostile.peak_growth:.0f} MB ({worst_hostile.case.name})")
    most = max((b for _, _, b in cache), default=0)
    print(f"Upload cache: at most {most / 2**20:.1f} MB held; after the sessions closed: "
          + (f"{cache[-1][1]} entries, {cache[-1][2] / 2**20:.1f} MB" if cache else "no reports"))
    failures = []
    if worst.peak_growth > GOAL_MB:
        failures.append(f"an upload grew the web process by {worst.peak_growth:.0f} MB (goal {GOAL_MB})")
    failures += [f"{o.case.name}: hostile file accepted" for o in outcomes if o.case.hostile and o.accepted]
    failures += [f"{o.case.name}: good file refused: {o.message}" for o in outcomes if not o.case.hostile and not o.accepted]
    failures += [f"{o.case.name}: stack trace" for o in outcomes if o.stack_trace]
    failures += [f"{o.case.name}: app unhealthy" for o in outcomes if not o.healthy]
    if cache and cache[-1][2] != 0:
        failures.append("the upload cache still holds bytes after every session closed")
    print("\nGoal met." if not failures else "\nGoal NOT met:\n  " + "\n  ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
