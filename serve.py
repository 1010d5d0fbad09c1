"""How to run the dashboard on a server: `streamlit run serve.py` (app.py stays the page script).

Streamlit's `st.App` puts the app's own HTTP layer (omni/ui/http_guard.py) in front of Streamlit's
routes: media files only for the browser of the session that holds them, uploads refused from the
request line and headers before their body is read, cookies `Secure` over TLS, and the check nginx's
`auth_request` asks before passing an upload on (docs/deploy.md). In hosted mode (sign-in configured)
the pages refuse to run without it; `streamlit run app.py` remains for local mode. Each page also
tells Streamlit's front end where the server is, so a link to a page connects at once
(omni/ui/page_base.py).
"""

import contextlib

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import Route

from omni.ui.http_guard import UPLOAD_CHECK_PATH, HttpGuard, upload_check
from omni.ui.page_base import PageBase
from omni.ui.server_socket import keep_nodelay

keep_nodelay()  # before uvicorn listens: no 40 ms pause per request on a reused connection


@contextlib.asynccontextmanager
async def close_workers(_app):
    """Warm the app for its first visitor once the server serves (omni.ui.warmup, a daemon thread, so
    the health check answers as early as before), and close the parser and export worker pools when
    the server stops. Under st.App, uvicorn ends a SIGTERM (systemd's stop) by raising the signal
    again once it has shut down, which kills the process before any exit handler runs: without this
    the workers outlived the server."""
    import threading

    from omni.settings import warm_up
    from omni.ui.warmup import warm_when_serving

    if warm_up():  # OMNI_WARM_UP=0 leaves it to the first visitor
        threading.Thread(target=warm_when_serving, name="omni-warm-up", daemon=True).start()
    yield
    from omni.export import offload
    from omni.survey import isolation

    offload.shutdown()
    isolation.close_pools()


app = st.App(
    "app.py",
    lifespan=close_workers,
    middleware=[Middleware(HttpGuard), Middleware(PageBase)],
    routes=[Route(UPLOAD_CHECK_PATH, upload_check, methods=["GET"])],
)
