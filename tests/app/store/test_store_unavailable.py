"""Every page that needs the store says it cannot be reached, in the user's language, and stops there
(AppTest, local mode, a database URL no driver can open: the one `require_store` of omni.ui.loading)."""

from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.i18n import t
from omni.ui.respond import LANG as RESPOND_LANG

PAGES = ["pages/history.py", "pages/benchmark.py", "pages/rounds.py", "pages/actions.py", "pages/admin.py",
         "pages/respond.py"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pages_needing_the_store_say_it_is_unavailable_and_stop(monkeypatch, lang):
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    monkeypatch.setenv("OMNI_DATABASE_URL", "nosuchdriver://nowhere/omni")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state[RESPOND_LANG] = lang  # the respondent page keeps its own language choice
    at.run()
    assert not at.exception, at.exception
    message = t("store.unavailable", lang)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        errors = [e.value for e in at.error]
        assert errors == [message], f"{page}: {errors}"
        # the page stopped at the message: none of its forms or tabs were drawn
        assert not at.get("form") and not at.tabs, page
