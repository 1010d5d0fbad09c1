"""Entry point of the Omnichannel Maturity Dashboard: navigation only.

Each page starts with the shared page shell (omni.ui.shell.page_shell), so a page works the same
whether Streamlit runs it through this file or directly from a deep link.
"""

from pathlib import Path

import streamlit as st

from omni.i18n import t
from omni.ui.shell import HIDDEN_PAGES, PAGES
from omni.ui.state import language

lang = language()
navigation = st.navigation(
    [st.Page(script, title=t(key, lang), icon=icon, url_path=Path(script).stem, default=index == 0)
     for index, (script, key, icon) in enumerate(PAGES + HIDDEN_PAGES)],
    position="hidden",  # the page shell draws the sidebar navigation
)
navigation.run()
