"""Dutch and English texts for a hosted server started without the app's HTTP layer (serve.py)
(merged into omni.i18n.TEXTS)."""

from __future__ import annotations

SECHTTP_TEXTS: dict[str, dict[str, str]] = {
    "sechttp.not_guarded": {
        "nl": "De server is gestart zonder de beveiligingslaag van het dashboard. Met inloggen ingesteld moet "
              "de app worden gestart met `streamlit run serve.py` (niet app.py).",
        "en": "The server was started without the dashboard's security layer. With sign-in configured, start "
              "the app with `streamlit run serve.py` (not app.py)."},
}
