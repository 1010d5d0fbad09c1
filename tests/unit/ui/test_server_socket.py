"""Nagle's algorithm is off on the connections the server accepts (omni.ui.server_socket).

uvicorn really serves here, on a listening socket bound by Streamlit's own function the way
`streamlit run serve.py` binds it, and the test reads TCP_NODELAY from the socket uvicorn accepted
for a keep-alive client: without `keep_nodelay` it is 0 (the 40 ms pause per reused connection).
"""

from __future__ import annotations

import ast
import asyncio
import http.client
import socket
import threading

import pytest
import uvicorn
from helpers import ROOT
from streamlit.web.server.starlette import starlette_server

from omni.ui import server_socket


async def _ok(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


def _accepted_nodelay() -> int:
    """TCP_NODELAY of the socket uvicorn accepted for one keep-alive client (two requests on it)."""
    listening = starlette_server._bind_socket("127.0.0.1", 0, 16)  # as Streamlit binds: proto 0
    assert listening.proto == 0
    server = uvicorn.Server(uvicorn.Config(_ok, log_level="error", lifespan="off"))
    found: list[int] = []
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[listening])), daemon=True)
    thread.start()
    try:
        while not server.started:
            thread.join(0.01)
        client = http.client.HTTPConnection(*listening.getsockname(), timeout=10)
        for _ in range(2):
            client.request("GET", "/")
            assert client.getresponse().read() == b"ok"
        for connection in list(server.server_state.connections):
            sock = connection.transport.get_extra_info("socket")
            found.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        client.close()
    finally:
        server.should_exit = True
        thread.join(10)
        listening.close()
    assert len(found) == 1
    return found[0]


@pytest.fixture
def plain_uvicorn(monkeypatch):
    """uvicorn as it comes (also when serve.py was imported in this process); restored after the test."""
    monkeypatch.setattr(uvicorn.Server, "startup", getattr(uvicorn.Server.startup, "original", uvicorn.Server.startup))


def test_without_the_fix_a_pre_bound_socket_keeps_nagle(plain_uvicorn):
    assert _accepted_nodelay() == 0  # the cause: if this ever becomes 1, keep_nodelay may go


def test_keep_nodelay_turns_nagle_off_for_accepted_connections(plain_uvicorn):
    assert server_socket.keep_nodelay()
    assert server_socket.keep_nodelay()  # twice is once
    assert _accepted_nodelay() == 1


def test_serve_py_installs_it():
    """serve.py is what `streamlit run` imports when it starts uvicorn (make run, docs/deploy.md)."""
    tree = ast.parse((ROOT / "serve.py").read_text(encoding="utf-8"))
    calls = [node for node in tree.body if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)]
    assert any(getattr(call.value.func, "id", None) == "keep_nodelay" for call in calls)
