"""A browser session at the protocol level: Streamlit's websocket, uploads and downloads, no browser.

`WsSession` speaks to a Streamlit 1.67 server the way its frontend does (studied in
`streamlit/static/static/js/index.*.js` and `streamlit/web/server/starlette/`):

- page load: GET the page, `/_stcore/health` (sets the `_streamlit_xsrf` cookie; behind nginx the
  first response also sets the sticky `omni_route` cookie) and `/_stcore/host-config`;
- websocket `/_stcore/stream` with subprotocols `streamlit, <xsrf token>`, permessage-deflate as
  a browser offers it, the cookies and an `Origin` header;
- a script run: BackMsg `rerun_script` (ClientState with query string, page name on the first
  run or page_script_hash afterwards, the widget states the page holds, context info and the
  hashes of the large messages already received) and ForwardMsgs until `script_finished`
  (a run that ends early for `st.rerun`/`st.switch_page` is followed by the real one);
- an upload: BackMsg `file_urls_request` -> ForwardMsg `file_urls_response` -> multipart PUT to
  `/_stcore/upload_file/<session>/<file>` with `X-Xsrftoken` -> a rerun with the uploader's
  `FileUploaderState` (UploadedFileInfo: file id, name, size, URLs);
- a deferred download (`st.download_button(data=callable)`): BackMsg `backend_operation_request`
  with `deferred_file` -> ForwardMsg `backend_operation_response` with the media URL (the
  callable runs on the server) -> GET `/media/<id>`.

Each session is a handful of coroutines: one websocket reader and the scripted user.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.Common_pb2 import FileUploaderState, FileURLs, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ALERT_ERROR = 1
ALERT_SUCCESS = 4
EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SessionError(RuntimeError):
    """What went wrong in one interaction, as a short reason for the report."""


# --- a minimal HTTP/1.1 client on asyncio streams (loopback only; one connection per request) ---


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name.lower()), None)


async def http_request(base: str, method: str, path: str, headers: dict[str, str] | None = None,
                       body: bytes = b"") -> Response:
    url = urllib.parse.urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {url.netloc}", "Connection: close",
                 "User-Agent: omni-load-test", "Accept-Encoding: identity"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body or method in ("PUT", "POST"):
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        try:
            await writer.drain()
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server answered before taking the whole body (a refused upload) and closed: read that answer
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        parsed = [(k.strip().lower(), v.strip()) for k, _, v in (h.partition(":") for h in header_lines if h)]
        response = Response(status, parsed, b"")
        length = response.header("content-length")
        if method == "HEAD" or status in (204, 304):
            data = b""
        elif (response.header("transfer-encoding") or "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")
                    break
                chunks.append(await reader.readexactly(size))
                await reader.readexactly(2)
            data = b"".join(chunks)
        elif length is not None:
            data = await reader.readexactly(int(length))
        else:
            data = await reader.read()
        response.body = data
        return response
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


def multipart(field_name: str, file_name: str, content_type: str, data: bytes) -> tuple[str, bytes]:
    """The body a browser's FormData makes for one file (`form.append(name, file, name)`)."""
    boundary = f"----omniLoadTest{uuid.uuid4().hex}"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field_name}\"; filename=\"{file_name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode()
    return f"multipart/form-data; boundary={boundary}", head + data + f"\r\n--{boundary}--\r\n".encode()


# --- one session -------------------------------------------------------------------------------


@dataclass
class Run:
    """What one completed script run showed (elements of the last run, if it restarted itself)."""

    status: int = 0
    elements: list = field(default_factory=list)  # (kind, element sub-message)

    def of(self, kind: str) -> list:
        return [sub for k, sub in self.elements if k == kind]

    def headings(self) -> list[str]:
        return [h.body for h in self.of("heading")]

    def charts(self) -> int:
        return len(self.of("vega_lite_chart")) + len(self.of("arrow_vega_lite_chart"))

    def problems(self) -> list[str]:
        """Exceptions and error boxes on the page (the app's guard shows a translated error box)."""
        found = [f"exception {e.type}: {e.message[:120]}" for e in self.of("exception")]
        found += [f"error box: {a.body[:120]}" for a in self.of("alert") if a.format == ALERT_ERROR]
        return found


class WsSession:
    """One browser tab's worth of protocol, driven by a script (`open`, `goto`, `upload`, `download`)."""

    def __init__(self, base: str, *, lang: str = "nl", timeout: float = 60.0,
                 headers: dict[str, str] | None = None) -> None:
        self.base = base.rstrip("/")
        self.headers = dict(headers or {})  # sent with every request, e.g. X-Forwarded-For as a proxy would
        self.lang = lang
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.session_id = ""
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.page_hash = ""
        self.widgets: dict[str, WidgetState] = {}
        self.cache: dict[str, ForwardMsg] = {}  # hash -> message, like the browser's message cache
        self.bytes_received = 0
        self.upstream = ""  # behind bench/cluster.py's nginx: the app process that served the session
        self._run_elements: list = []
        self._run_widget_ids: set[str] = set()
        self._run_done: asyncio.Future | None = None
        self._pending: dict[str, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None
        self._closed_reason: str | None = None

    # -- plumbing --

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _keep_cookies(self, response: Response) -> None:
        for name, value in response.headers:
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if key.strip():
                    self.cookies[key.strip()] = val.strip()

    async def _get(self, path: str, *, check: bool = True) -> Response:
        headers = {**self.headers, **({"Cookie": self._cookie_header()} if self.cookies else {})}
        response = await http_request(self.base, "GET", path, headers)
        self._keep_cookies(response)
        self.upstream = response.header("x-omni-upstream") or self.upstream
        if check and response.status != 200:
            raise SessionError(f"GET {path.split('?')[0]}: HTTP {response.status}")
        return response

    def _context_info(self, page: str) -> ContextInfo:
        return ContextInfo(timezone="Europe/Amsterdam", timezone_offset=-60, locale=f"{self.lang}-NL",
                           url=f"{self.base}/{page}", is_embedded=False, color_scheme="light")

    async def _send(self, msg: BackMsg) -> None:
        if self._closed_reason:
            raise SessionError(f"websocket closed: {self._closed_reason}")
        await self.ws.send(msg.SerializeToString())

    async def _read_loop(self) -> None:
        try:
            async for raw in self.ws:
                self.bytes_received += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg)
        except Exception as exc:  # noqa: BLE001 - reported to whoever waits
            self._closed_reason = f"{type(exc).__name__}: {exc}"[:160]
        else:
            self._closed_reason = "closed by the server"
        error = SessionError(f"websocket closed: {self._closed_reason}")
        for future in [self._run_done, *self._pending.values()]:
            if future is not None and not future.done():
                future.set_exception(error)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                self._fail_run(f"server referred to a message not in the cache ({msg.ref_hash[:8]})")
                return
            msg, kind = cached, cached.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        if kind == "new_session":
            if msg.new_session.HasField("initialize") and msg.new_session.initialize.session_id:
                self.session_id = msg.new_session.initialize.session_id
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
            self._run_elements = []
            self._run_widget_ids = set()
        elif kind == "delta":
            if msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind:
                    sub = getattr(element, element_kind)
                    self._run_elements.append((element_kind, sub))
                    widget_id = getattr(sub, "id", "")
                    if isinstance(widget_id, str) and widget_id:
                        self._run_widget_ids.add(widget_id)
        elif kind == "navigation":
            for page in msg.navigation.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
            if msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_not_found":
            self._fail_run(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "script_finished":
            if msg.script_finished != EARLY_FOR_RERUN and self._run_done is not None and not self._run_done.done():
                # The frontend drops the states of widgets the run no longer drew.
                self.widgets = {k: v for k, v in self.widgets.items() if k in self._run_widget_ids}
                self._run_done.set_result(Run(msg.script_finished, list(self._run_elements)))
        elif kind == "file_urls_response":
            self._resolve(msg.file_urls_response.response_id, msg.file_urls_response)
        elif kind == "backend_operation_response":
            self._resolve(msg.backend_operation_response.request_id, msg.backend_operation_response)

    def _fail_run(self, reason: str) -> None:
        if self._run_done is not None and not self._run_done.done():
            self._run_done.set_exception(SessionError(reason))

    def _resolve(self, request_id: str, value) -> None:
        future = self._pending.pop(request_id, None)
        if future is not None and not future.done():
            future.set_result(value)

    async def _rerun(self, *, page_name: str = "", page_hash: str = "", query: str = "") -> Run:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_name = page_name
        state.page_script_hash = page_hash
        state.widget_states.widgets.extend(self.widgets.values())
        state.cached_message_hashes.extend(self.cache)
        state.context_info.CopyFrom(self._context_info(page_name or self._path_of(page_hash)))
        self._run_done = asyncio.get_running_loop().create_future()
        await self._send(msg)
        run = await asyncio.wait_for(self._run_done, self.timeout)
        if run.status not in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
            raise SessionError(f"script finished with status {run.status}")
        problems = run.problems()
        if problems:
            raise SessionError("; ".join(problems)[:200])
        return run

    def _path_of(self, page_hash: str) -> str:
        return next((path for path, h in self.pages.items() if h == page_hash), "")

    async def _request(self, msg: BackMsg, request_id: str):
        future = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        await self._send(msg)
        return await asyncio.wait_for(future, self.timeout)

    # -- what a user does --

    async def open(self, page: str, query: str = "") -> Run:
        """Load the page in a fresh tab: HTML, health (XSRF cookie), host config, websocket, first run."""
        from websockets.asyncio.client import connect
        from websockets.typing import Origin, Subprotocol

        await self._get(f"/{page}" + (f"?{query}" if query else ""))
        await self._get("/_stcore/health")
        await self._get("/_stcore/host-config")
        protocols = [Subprotocol("streamlit")]
        if "_streamlit_xsrf" in self.cookies:
            protocols.append(Subprotocol(self.cookies["_streamlit_xsrf"]))
        ws_url = "ws" + self.base[len("http"):] + "/_stcore/stream"
        self.ws = await asyncio.wait_for(
            connect(ws_url, subprotocols=protocols, origin=Origin(self.base), max_size=None,
                    additional_headers={**self.headers, "Cookie": self._cookie_header()},
                    user_agent_header="omni-load-test"),
            self.timeout)
        self._reader = asyncio.create_task(self._read_loop())
        return await self._rerun(page_name=page, query=query)

    async def goto(self, path: str, query: str = "") -> Run:
        """Click a sidebar link (st.page_link): a rerun with the target page's script hash."""
        page_hash = self.pages.get(path)
        if not page_hash:
            raise SessionError(f"no page '{path}' in the navigation ({', '.join(self.pages) or 'none'})")
        return await self._rerun(page_hash=page_hash, query=query)

    def uploader_id(self, run: Run, index: int = 0) -> str:
        uploaders = run.of("file_uploader")
        if len(uploaders) <= index:
            raise SessionError("no file uploader on the page")
        return uploaders[index].id

    async def upload(self, widget_id: str, name: str, data: bytes, content_type: str = XLSX_MIME,
                     timings: dict[str, float] | None = None) -> Run:
        """Choose a file in st.file_uploader: URLs, PUT, then the rerun with the uploader's new state."""
        started = time.perf_counter()
        request_id = uuid.uuid4().hex
        msg = BackMsg()
        msg.file_urls_request.request_id = request_id
        msg.file_urls_request.file_names.append(name)
        msg.file_urls_request.session_id = self.session_id
        answer = await self._request(msg, request_id)
        if answer.error_msg or not answer.file_urls:
            raise SessionError(f"file URLs refused: {answer.error_msg or 'none given'}")
        urls = answer.file_urls[0]
        content_type_header, body = multipart(name, name, content_type, data)
        headers = {"Content-Type": content_type_header, "Cookie": self._cookie_header(), "Origin": self.base}
        if "_streamlit_xsrf" in self.cookies:
            headers["X-Xsrftoken"] = self.cookies["_streamlit_xsrf"]
        put_started = time.perf_counter()
        response = await http_request(self.base, "PUT", urllib.parse.urlsplit(urls.upload_url).path, headers, body)
        if response.status not in (200, 204):
            raise SessionError(f"upload PUT: HTTP {response.status} {response.body[:80]!r}")
        rerun_started = time.perf_counter()
        state = WidgetState(id=widget_id)
        state.file_uploader_state_value.CopyFrom(FileUploaderState(uploaded_file_info=[UploadedFileInfo(
            name=name, size=len(data), file_id=urls.file_id,
            file_urls=FileURLs(file_id=urls.file_id, upload_url=urls.upload_url, delete_url=urls.delete_url))]))
        self.widgets[widget_id] = state
        run = await self._rerun(page_hash=self.page_hash)
        if timings is not None:
            timings.update(urls=put_started - started, put=rerun_started - put_started,
                           rerun=time.perf_counter() - rerun_started)
        return run

    async def download(self, run: Run, label: str) -> bytes:
        """Click a deferred st.download_button: the server builds the file, then the browser GETs it."""
        response = await self._get(await self.download_path(run, label))
        if not response.body:
            raise SessionError(f"download '{label}': empty file")
        return response.body

    async def download_path(self, run: Run, label: str) -> str:
        """Click a download button and return the path of its file under /media/ (without fetching it)."""
        buttons = [b for b in run.of("download_button") if b.label == label]
        if not buttons:
            raise SessionError(f"no download button '{label}' on the page")
        button = buttons[0]
        if button.url:  # eager data: only the GET
            path = button.url
        else:
            if not button.deferred_file_id:
                raise SessionError(f"download button '{label}' has neither a URL nor a deferred file")
            request_id = uuid.uuid4().hex
            msg = BackMsg()
            msg.backend_operation_request.request_id = request_id
            msg.backend_operation_request.session_id = self.session_id
            msg.backend_operation_request.deferred_file.file_id = button.deferred_file_id
            answer = await self._request(msg, request_id)
            if answer.error_msg:
                raise SessionError(f"deferred file refused: {answer.error_msg} {answer.error_reason}".strip())
            path = answer.deferred_file.url
        return urllib.parse.urlsplit(path).path

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await asyncio.wait_for(self.ws.close(), 5)
            except (TimeoutError, OSError):
                pass
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, asyncio.CancelledError):
                self._reader.cancel()
