"""The screen is set in the palette's typeface and colours (omni/palette.py), as the exports are."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from conftest import wait_for_app

from omni import palette


def _rgb(colour: str) -> str:
    r, g, b = (int(palette.bare(colour)[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.browser
def test_the_app_uses_the_palettes_typeface_and_text_colour(server, page):
    page.goto(f"{server.url}/method")
    wait_for_app(page)
    heading = page.locator("h1").first
    body = page.locator('[data-testid="stMarkdownContainer"] p').first
    for element in (heading, body):
        family = element.evaluate("e => getComputedStyle(e).fontFamily")
        assert family.split(",")[0].strip().strip("'\"") == palette.FONT_FAMILY[0], family
    assert body.evaluate("e => getComputedStyle(e).color") == _rgb(palette.TEXT_COLOUR)
    # the elements checked here; the whole page's captions are the screen's accessibility work (#18)
    assert_accessible(page, "How scores work: heading", "h1")
