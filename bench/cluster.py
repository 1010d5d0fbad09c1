"""A local cluster for the load test and the scale-out test: app processes and nginx on loopback.

`AppProcess` runs `streamlit run serve.py` on a free loopback port with the environment given (for
example `OMNI_DATABASE_URL` of a shared PostgreSQL); `Nginx` runs Debian's nginx in the foreground
with a configuration written into a temporary directory, in front of those processes, with sticky
sessions and websocket upgrade headers. `nginx_config()` is the same configuration docs/deploy.md
describes for a real host.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from textwrap import indent

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy within {seconds:.0f} s; see {log}")


class AppProcess:
    """`streamlit run serve.py` (the app behind its HTTP layer) on a free loopback port, stopped by `stop()`."""

    def __init__(self, env: Mapping[str, str] | None = None, log_dir: Path | None = None,
                 args: Sequence[str] = (), script: str = "serve.py") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log_dir = log_dir or ROOT / "test-artifacts"
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log = log_dir / f"server-{self.port}.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args],
            cwd=ROOT, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        try:
            wait_healthy(self.url, self.process, self.log)
        except BaseException:
            self.stop()
            raise

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        stop_process(self.process, 15)


def stop_process(process: subprocess.Popen, seconds: float = 15) -> None:
    """Ask a process to end (SIGTERM); kill it when it has not after `seconds`."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def max_upload_mb() -> int:
    """Streamlit's server.maxUploadSize from the app's .streamlit/config.toml (its default, 200, if unset)."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config.get("server", {}).get("maxUploadSize", 200))


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def streamlit_static_dir() -> Path:
    """Streamlit's built front end, the files its server answers under /static/ (every name carries a
    hash of its content): nginx serves them itself."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "static"


def _server(address: str) -> str:
    """An upstream's `server` line for an app process: three failed tries take it out for 10 s."""
    return f"server {address} max_fails=3 fail_timeout=10s;"


def _servers(upstreams: Sequence[str]) -> str:
    return "\n".join(f"    {_server(address)}" for address in upstreams)


def least_conn_routing(upstreams: Sequence[str], secure: str = "") -> str:
    """Sticky sessions without NGINX Plus, balanced: `omni_app` sends a browser's first request to the
    process with the fewest requests in flight (a busy process answers slower, so it gets fewer new
    browsers; at a tie, in turn), the response sets `omni_route` to that process's number, and a
    request with a known number goes to that process's own group (`omni_app_<n>`; the others are its
    backups, so a stopped process's browsers start afresh elsewhere instead of failing). An unknown or
    missing cookie is balanced again. `secure="; Secure"` for the documented TLS site."""
    numbered = list(enumerate(upstreams, 1))
    routes = "\n".join(f"    {n:<7} omni_app_{n};" for n, _ in numbered)
    cookies = "\n".join(f'    "{address}" "omni_route={n}; Path=/; HttpOnly{secure}; SameSite=Lax";'
                         for n, address in numbered)
    groups = "\n".join(
        f"upstream omni_app_{n} {{\n    {_server(address)}\n"
        + "".join(f"    server {other} backup;\n" for other in upstreams if other != address) + "}"
        for n, address in numbered)
    text = f"""# Sticky sessions, balanced: a browser's first request goes to the least busy process, and the
# route cookie handed back names it; every later request goes to the process it names.
map $cookie_omni_route $omni_upstream {{
    default omni_app;
{routes}
}}
map $upstream_addr $omni_route_here {{      # the cookie that names the process that answered
    default "";
{cookies}
}}
map $omni_upstream $omni_route_cookie {{    # handed out only with an answer from the balanced group
    omni_app $omni_route_here;
    default  "";
}}

upstream omni_app {{
    least_conn;
    zone omni_app 64k;                        # one count of requests in flight for all nginx workers
{_servers(upstreams)}
}}
{groups}"""
    return indent(text, "    ")


def hash_routing(upstreams: Sequence[str]) -> str:
    """The routing before least_conn_routing: a random route cookie on a browser's first request,
    hashed to a process (`hash ... consistent`); load spreads only as evenly as the hash falls."""
    text = f"""map $cookie_omni_route $omni_route {{
    ""      $request_id;
    default $cookie_omni_route;
}}
map $cookie_omni_route $omni_route_cookie {{
    ""      "omni_route=$request_id; Path=/; HttpOnly; SameSite=Lax";
    default "";
}}
map $cookie_omni_route $omni_upstream {{
    default omni_app;
}}

upstream omni_app {{
    hash $omni_route consistent;
{_servers(upstreams)}
}}"""
    return indent(text, "    ")


def nginx_config(upstreams: Sequence[str], listen: str, *, balance: str = "least_conn", prefix: Path | None = None,
                 user: str | None = None, static: bool = True) -> str:
    """An nginx configuration for the app behind one address, with sticky sessions.

    A Streamlit session lives in one process (its websocket, uploads and media files), so every
    request of one browser must reach the same process. A browser's first request (no route cookie)
    goes to the process that is least busy (`balance="least_conn"`: fewest requests in flight, else
    in turn), and the response hands back a route cookie naming that process; every later request
    with that cookie goes there. `balance="hash"` is the configuration before (a random route cookie,
    hashed to a process: 250 browsers split up to 109/141), kept for bench/load_test.py --balance.
    `prefix` puts the pid file, logs and temporary files in a directory of their own (tests).
    `static=False` leaves Streamlit's front end (/static/) to the app, as before nginx served it
    (bench/bench_first_visit.py compares the two).
    """
    if balance not in ("least_conn", "hash"):
        raise ValueError(f"balance must be 'least_conn' or 'hash', not {balance!r}")
    routing = least_conn_routing(upstreams) if balance == "least_conn" else hash_routing(upstreams)
    files = ""
    if prefix is not None:
        files = "".join(f"    {name}_temp_path {prefix / name};\n"
                        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        files += f"    access_log {prefix / 'access.log'};\n"
    head = f"user {user};\n" if user else ""
    if prefix is not None:
        head += f"pid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
    proxy = PROXY
    static_location = ("        # Streamlit's front end (~3.7 MB of scripts, styles and fonts for a browser's first visit)\n"
                       "        # from the installed package, compressed; through the app it cost the Python process\n"
                       "        # ~0.2 CPU-s per new browser. Names carry a hash of their content: browsers keep them a year.\n"
                       "        location ^~ /static/ {\n"
                       f"            alias {streamlit_static_dir()}/;\n{STATIC}\n        }}\n") if static else ""
    max_body_mb = max_upload_mb() + 1
    return f"""{head}worker_processes auto;
events {{ worker_connections 4096; }}

http {{
{files}    # Streamlit's uploads are limited to 25 MB (.streamlit/config.toml server.maxUploadSize); one more
    # for the multipart framing. A larger body is refused by nginx (413) before it reaches the app.
    client_max_body_size {max_body_mb}m;

    # Websocket upgrade for Streamlit's /_stcore/stream.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
{routing}

    server {{
        listen {listen};

        # Streamlit's Prometheus metrics (sessions, cache and upload bytes) are for the host, not the web.
        location ^~ /_stcore/metrics {{
            return 403;
        }}
        # Media and download URLs (/media/<hash>) only for a browser that has this site's cookies: a URL
        # copied out of a log or a referrer alone opens nothing.
        location ^~ /media/ {{
            if ($cookie__streamlit_xsrf = "") {{
                return 403;
            }}
{proxy}
        }}
        # Uploads: nginx first asks the app whether this session (its URL) and browser (its cookies) may
        # upload at all, from the request line and headers; a refused upload (403) is answered before
        # nginx reads, buffers or forwards a byte of its body.
        location ^~ /_stcore/upload_file/ {{
            auth_request /_omni_upload_check;
{proxy}
        }}
        location = /_omni_upload_check {{
            internal;
            proxy_pass http://$omni_upstream/_omni/upload-check;
            proxy_pass_request_body off;
            proxy_set_header Content-Length "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Original-URI $request_uri;
            proxy_set_header X-Original-Content-Length $content_length;
        }}
        # The app's own check is for nginx's subrequest only.
        location ^~ /_omni/ {{
            return 404;
        }}
{static_location}        location / {{
{proxy}
        }}
    }}
}}
"""


# The site's headers, in every location that answers (the proxied ones and nginx's own files).
HEADERS = """            add_header X-Frame-Options SAMEORIGIN always;
            add_header Content-Security-Policy "frame-ancestors 'self'" always;
            add_header X-Content-Type-Options nosniff always;
            add_header Referrer-Policy no-referrer always;
            add_header Strict-Transport-Security "max-age=31536000" always;"""
# Inside each location: nginx inherits add_header only into a block without add_header of its own.
PROXY = """            proxy_pass http://$omni_upstream;
            proxy_http_version 1.1;
            # $http_host keeps the port: Streamlit compares the websocket's Origin with Host.
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            # Every cookie the app sets (sign-in, XSRF, OAuth state) only over TLS.
            proxy_cookie_flags ~ secure;
            add_header Set-Cookie $omni_route_cookie;
""" + HEADERS + """
            add_header X-Omni-Upstream $upstream_addr always;"""
STATIC = """            types {
                application/javascript js;
                text/css css;
                font/woff2 woff2;
                image/png png;
                image/gif gif;
                image/svg+xml svg;
            }
            default_type application/octet-stream;
            gzip on;
            gzip_comp_level 1;
            gzip_types application/javascript text/css image/svg+xml;
            gzip_vary on;
            add_header Cache-Control "public, immutable, max-age=31536000" always;
""" + HEADERS
SECURITY_DIRECTIVES = tuple(line.strip() for line in PROXY.splitlines()
                            if line.strip().startswith(("add_header X-", "add_header Content", "add_header Referrer",
                                                        "add_header Strict", "proxy_cookie_flags"))
                            and "X-Omni-Upstream" not in line)


class Nginx:
    """Debian's nginx in the foreground on a free loopback port, its files in a temporary directory."""

    def __init__(self, upstreams: Sequence[str], *, balance: str = "least_conn", static: bool = True) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="omni-nginx-"))
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(nginx_config(upstreams, f"127.0.0.1:{self.port}", balance=balance, prefix=self.dir,
                                          user="root" if os.geteuid() == 0 else None, static=static))
        self.log = self.dir / "error.log"
        self.process = subprocess.Popen(
            [binary, "-e", str(self.log), "-p", str(self.dir), "-c", str(self.conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=(self.dir / "stderr.log").open("wb"))
        try:
            wait_healthy(self.url, self.process, self.dir / "stderr.log", seconds=30)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        stop_process(self.process, 10)
        shutil.rmtree(self.dir, ignore_errors=True)


def tree_pss_mb(pid: int) -> float:
    """The proportional set size of the process and all its children in MB: each page counted once,
    split among the processes that share it (psutil reads /proc/<pid>/smaps_rollup); nan once gone."""
    import psutil

    try:
        process = psutil.Process(pid)
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return float("nan")
    total = 0
    for member in members:
        try:
            total += member.memory_full_info().pss
        except psutil.Error:
            pass
    return total / 2**20


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """(the process's RSS, the RSS of it and all its children) in MB; (nan, nan) once it is gone."""
    import psutil

    try:
        process = psutil.Process(pid)
        own = process.memory_info().rss
        total = own
        for child in process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
    except psutil.Error:
        return float("nan"), float("nan")
    return own / 2**20, total / 2**20
