"""The server's listening socket with Nagle's algorithm off: no 40 ms pause on every reused connection.

Streamlit binds its listening socket itself (`socket.socket(family=...)`, `proto` left at 0) and hands
it to uvicorn. asyncio turns Nagle's algorithm off (TCP_NODELAY) only for an accepted socket whose
`proto` is IPPROTO_TCP, and accepted sockets inherit the listener's 0, so Nagle stayed on: on a
keep-alive connection the server writes a response's headers and its body separately, the body
waits for the browser's delayed ACK, and every request after the first on a connection took ~44 ms
however small the file (measured: the page, its ~120 scripts, the health check). The same cause is
reported against uvicorn (Kludex/uvicorn#3149: a pre-bound socket loses TCP_NODELAY on Linux).

`streamlit run serve.py` calls `keep_nodelay()` before uvicorn starts listening: the listening socket
gets TCP_NODELAY, which Linux passes on to every socket it accepts. tests/unit/ui/test_server_socket.py
checks it on connections a real uvicorn accepted.
"""

from __future__ import annotations

import contextlib
import socket


def nodelay(sock: socket.socket) -> socket.socket:
    """`sock` with TCP_NODELAY set (a socket that is not TCP is left as it is)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def keep_nodelay() -> bool:
    """Give the sockets uvicorn is handed to listen on TCP_NODELAY; False if uvicorn cannot be found.

    serve.py is imported by uvicorn itself (the app's import string) after Streamlit has bound the
    socket and before uvicorn starts listening on it, so the listening sockets are set where uvicorn
    starts with them (`uvicorn.Server.startup(sockets)`)."""
    try:
        import uvicorn
    except ImportError:
        return False
    startup = uvicorn.Server.startup
    if getattr(startup, "omni_nodelay", False):
        return True

    async def startup_with_nodelay(self, sockets=None):
        for sock in sockets or ():
            nodelay(sock)
        await startup(self, sockets=sockets)

    startup_with_nodelay.omni_nodelay = True  # type: ignore[attr-defined]
    startup_with_nodelay.original = startup  # type: ignore[attr-defined]
    uvicorn.Server.startup = startup_with_nodelay
    return True
