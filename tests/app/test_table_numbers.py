"""Numbers in tables read in the user's language: what Streamlit sends the browser for every table.

Streamlit draws st.dataframe on a canvas and writes number cells itself, the English way ("3.3"),
unless the table carries display values (a pandas Styler, omni.ui.tables.localised). This test reads
the Arrow payload of every table on every page of the registry (tables in closed expanders included:
AppTest runs them too) and fails on a fractional number shown without a Dutch display value, or any
cell text with an English decimal, on a Dutch page.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.ui import shell
from omni.ui.state import LANG
from omni.ui.tables import localised

REGISTERED = [script for script, _key, _icon in (*shell.PAGES, *shell.HIDDEN_PAGES)]
# 3.3 / 2.53 / 0.1234 are English decimals; 3.500 may be a Dutch thousand and is let through.
ENGLISH_DECIMAL = re.compile(r"(?<![\w.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.])")


def _frame(payload: bytes) -> pd.DataFrame | None:
    return pa.ipc.open_stream(payload).read_all().to_pandas() if payload else None


def english_cells(proto) -> list[str]:
    """What a Dutch reader would see written the English way in one table (a Dataframe proto)."""
    data = _frame(proto.arrow_data.data)
    shown = _frame(proto.arrow_data.styler.display_values)
    found = []
    for col_index, name in enumerate(data.columns):
        for row_index, value in enumerate(data.iloc[:, col_index]):
            text = None if shown is None else shown.iat[row_index, col_index]
            if text is None or (isinstance(text, float) and pd.isna(text)) or text == "":
                is_number = isinstance(value, float | int) and not isinstance(value, bool) and not pd.isna(value)
                if is_number and (float(value) % 1 or abs(value) >= 1000):
                    found.append(f"{name}: {value!r} has no display value (Streamlit writes it the English way)")
                text = value if isinstance(value, str) else None
            if isinstance(text, str) and (match := ENGLISH_DECIMAL.search(text)):
                found.append(f"{name}: {text!r} has {match.group()!r}")
    return found


def _shown(lang: str):
    def render(lang):
        import pandas as pd

        from omni.ui.tables import show_dataframe
        show_dataframe(pd.DataFrame({"score": [3.3, 2.534, None], "level": [2.0, None, 4.0], "n": [3, 1200, 7],
                                     "share": [0.23, 0.5, 1.0], "name": ["a", "b", "c"]}), lang, percent=["share"])

    return AppTest.from_function(render, args=(lang,)).run().dataframe[0].proto


def test_localised_keeps_numbers_and_shows_them_in_the_language():
    dutch, english = _shown("nl"), _shown("en")
    assert list(_frame(dutch.arrow_data.styler.display_values).iloc[0]) == ["3,30", "2", "3", "23%", "a"]
    assert list(_frame(dutch.arrow_data.styler.display_values).iloc[1])[:3] == ["2,53", "–", "1.200"]
    assert list(_frame(english.arrow_data.styler.display_values).iloc[1])[:3] == ["2.53", "–", "1,200"]
    assert _frame(dutch.arrow_data.data)["score"].dtype == "float64"  # still numbers: sorts as numbers
    assert english_cells(dutch) == []
    assert dutch.placeholder == "–"  # a missing value, not Streamlit's "None"
    frame = pd.DataFrame({"x": [1.5]})
    assert localised(frame, "nl").data is frame  # the data are left as they are


def test_a_styler_passed_in_keeps_its_own_formats_and_styles():
    styler = pd.DataFrame({"score": [2.534], "name": ["a"]}).style.format(lambda v: f"<{v}>", subset=["name"])
    styler = styler.map(lambda v: "color: red", subset=["name"])
    shown = localised(styler, "nl")
    shown._compute()
    body = shown._translate(False, False)["body"]
    assert [c["display_value"] for c in body[0][1:]] == ["2,53", "<a>"]
    assert shown.ctx[(0, 1)] == [("color", "red")]


def test_dates_and_moments_read_in_the_language():
    import datetime as dt

    frame = pd.DataFrame({"day": pd.to_datetime(["2026-12-01", None]),
                          "at": pd.to_datetime(["2026-12-01 14:05", "2026-12-02 09:00"]),
                          "plain": [dt.date(2026, 12, 1), None], "mixed": ["v2", 1.25]})
    styler = localised(frame, "nl")
    styler._compute()
    shown = [[c["display_value"] for c in row[1:]] for row in styler._translate(False, False)["body"]]
    assert shown[0] == ["1 december 2026", "1 december 2026 14:05", "1 december 2026", "v2"]
    assert shown[1] == ["–", "2 december 2026 09:00", "–", "1,25"]


def test_a_table_without_display_values_fails_the_check():
    def render():
        import pandas as pd
        import streamlit as st
        st.dataframe(pd.DataFrame({"score": [3.3], "text": ["gemiddeld 2.53"]}))

    at = AppTest.from_function(render).run()
    problems = english_cells(at.dataframe[0].proto)
    assert len(problems) == 2, problems


def test_every_table_on_every_dutch_page_writes_numbers_the_dutch_way():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[LANG] = "nl"
    at.run()
    problems, tables = [], 0
    for page in REGISTERED:
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        for table in at.dataframe:
            tables += 1
            problems += [f"{page}: {p}" for p in english_cells(table.proto)]
    assert tables >= 5, tables
    assert not problems, "\n".join(problems)


def test_a_very_large_table_gets_text_columns_instead_of_a_styler():
    from omni.ui.tables import STYLER_CELLS

    frame = pd.DataFrame({"score": [2.5] * (STYLER_CELLS // 2 + 1), "n": [1200] * (STYLER_CELLS // 2 + 1)})
    shown = localised(frame, "nl")
    assert isinstance(shown, pd.DataFrame) and shown.iloc[0].tolist() == ["2,50", "1.200"]
