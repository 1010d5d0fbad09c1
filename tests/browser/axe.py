"""axe-core accessibility checks (WCAG 2.1 A and AA rules) on a page the browser test has open.

axe-core comes from the pinned PyPI package axe-playwright-python (it ships axe.min.js); nothing is
downloaded at test time. Every browser test that opens a page calls `assert_accessible(page, what)`
once the page is drawn, so a new widget without a label or with too little contrast fails the run.
"""

from __future__ import annotations

from app_runs import DRAWN
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# WCAG 2.2 removed success criterion 4.1.1 (Parsing) and the WCAG 2.1 errata mark it always met for
# HTML; axe-core 4.8 deprecated and disabled these two duplicate-id rules for that reason
# (dequelabs/axe-core#3892, #4071). The pinned axe (4.4.3) still runs them, and they only flag
# Streamlit's data grid, which numbers its cells "glide-cell-0-0"... in every table on a page.
# duplicate-id-aria (an id that labels something) stays on.
DEPRECATED_RULES = ("duplicate-id", "duplicate-id-active")

_AXE = Axe()


def violations(page, selector: str | None = None) -> list[dict]:
    """The WCAG 2.1 AA violations axe-core finds on `page` (or inside `selector`)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": False} for rule in DEPRECATED_RULES}}
    # axe-playwright-python's own run() writes the options into the script with Python's str()
    # (False, not false); the arguments go to the page as JSON instead.
    if not page.evaluate("() => typeof window.axe === 'object'"):  # once per document (~0.5 MB of script)
        page.evaluate(_AXE.axe_script)
    results = page.evaluate("([context, options]) => axe.run(context || document, options)", [selector, options])
    return list(results.get("violations", []))


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        nodes = v.get("nodes", [])[:5]
        targets = ", ".join(" ".join(map(str, node.get("target", []))) for node in nodes)
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} — {len(v.get('nodes', []))} element(s): {targets}")
        lines.extend(f"    {node.get('html', '')[:300]}" for node in nodes)  # which widget, not just its hashed class
    return "\n".join(lines)


# No finite CSS animation or transition still running (spinners run forever and are left out).
SETTLED = """() => document.getAnimations().every((a) => a.playState !== "running"
    || a.effect?.getComputedTiming().iterations === Infinity)"""


def assert_accessible(page, what: str, selector: str | None = None, *, tries: int = 3) -> None:
    """Fail on any WCAG 2.1 AA violation that is still there once the page has settled.

    A finding is checked again (up to `tries` times, half a second apart) after the running animations
    have ended and two frames are drawn: on a busy machine a page caught mid-draw showed a fade-in
    still running, and once the sidebar taller than the window before its links were drawn (CI,
    scrollable-region-focusable on stSidebarContent). A state that stays is a finding."""
    found = violations(page, selector)
    for _ in range(tries - 1):
        if not found:
            break
        page.wait_for_function(SETTLED, timeout=10_000)
        page.wait_for_timeout(500)
        page.evaluate(DRAWN)
        found = violations(page, selector)
    assert not found, f"axe-core (WCAG 2.1 AA) on {what}:\n{describe(found)}"
