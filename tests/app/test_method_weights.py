"""How scores work says why a question weighs other than 1, and the Roadmap page says what its
advice plan covers (docs/reviews/questionnaire-v2.1.md: the F3 note and F16)."""

from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.framework import get_framework
from omni.ui.state import LANG

EXPECTED = {
    "nl": ("ACT-8 Aankoopbewijs telt ×0,5 mee in zijn onderdeel.", "ondersteunende dienst",
           "De eerste stap voor dit onderdeel als geheel"),
    "en": ("ACT-8 Proof of purchase counts ×0.5 in its dimension.", "supporting service",
           "The first step for this dimension as a whole"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_method_page_says_why_act_8_counts_half(lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[LANG] = lang
    at.run()
    at.switch_page("pages/method.py").run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    weight, reason, advice = EXPECTED[lang]
    note = get_framework("omnichannel-maturity").question("ACT-8").weight_note(lang)
    assert any(weight in c and note in c and reason in c for c in captions), captions
    # the weights table beside it still lists the weight itself
    table = at.dataframe[-1].value
    assert any("ACT-8 ×0" in str(cell) for cell in table.iloc[:, -1]), table

    at.switch_page("pages/roadmap.py").run()
    assert not at.exception, at.exception
    assert any(advice in c.value for c in at.caption)
