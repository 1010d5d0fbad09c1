"""Tables that show user text: plain cells on screen, and our own CSV download instead of Streamlit's.

Streamlit's table toolbar download writes cells unchanged, so a comment `=HYPERLINK(...)` became a
live formula in Excel; it is switched off for every table (`client.disableDataExport` in
.streamlit/config.toml) and these tables offer a CSV built by `omni.export.text.csv_table`, which
neutralises formulas (OWASP's advice: a leading apostrophe).
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from omni.export.text import csv_table
from omni.i18n import t


def show_table(frame: pd.DataFrame, lang: str, name: str, **dataframe_options) -> None:
    """`frame` as a table, with a download of the same rows as a formula-safe CSV file `name`.csv."""
    dataframe_options.setdefault("hide_index", True)
    st.dataframe(frame, **dataframe_options)
    st.download_button(t("csv.download", lang), data=partial(csv_table, frame), file_name=f"{name}.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", type="tertiary",
                       help=t("csv.download_help", lang), key=f"csv_{name}")
