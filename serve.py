"""How to run the dashboard on a server: `streamlit run serve.py` (app.py stays the page script).

Streamlit's `st.App` puts the app's own HTTP layer (omni/ui/http_guard.py) in front of Streamlit's
routes: media files only for the browser of the session that holds them, uploads refused from the
request line and headers before their body is read, cookies `Secure` over TLS, and the check nginx's
`auth_request` asks before passing an upload on (docs/deploy.md). In hosted mode (sign-in
configured) the pages refuse to run without it; `streamlit run app.py` remains for local mode.
"""

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Route

from omni.ui.http_guard import UPLOAD_CHECK_PATH, HttpGuard, upload_check

app = st.App(
    "app.py",
    middleware=[Middleware(HttpGuard)],
    routes=[Route(UPLOAD_CHECK_PATH, upload_check, methods=["GET"])],
)
