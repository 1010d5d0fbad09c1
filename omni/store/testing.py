"""A private PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temporary directory.

No system service and no configuration: a throw-away cluster on a free loopback port, owned by a
non-root user (PostgreSQL refuses to run as root; as root we use the `postgres` account the Debian
package creates), stopped and removed when the process exits. Works the same on a developer's
machine and in CI (`.ci/run` installs Debian's `postgresql`).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

_SHARED: TemporaryPostgres | None = None
APP_ROLE = "omni_app"  # the role the app connects as: owns its database, is no superuser


class PostgresUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed or the server did not start."""


def postgres_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $OMNI_PG_BINDIR, Debian's /usr/lib/postgresql/N/bin, or PATH."""
    if os.environ.get("OMNI_PG_BINDIR"):
        return Path(os.environ["OMNI_PG_BINDIR"])
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TemporaryPostgres:
    """A PostgreSQL cluster of our own; `url()` gives a fresh database on it."""

    def __init__(self) -> None:
        bindir = postgres_bindir()
        if bindir is None or not (bindir / "pg_ctl").exists():
            raise PostgresUnavailable("PostgreSQL server programs not found (apt-get install postgresql)")
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="omni-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.user: str | None = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres").pw_name
            except KeyError:
                raise PostgresUnavailable("running as root and no 'postgres' user to run the server") from None
            shutil.chown(self.root, self.user, self.user)
        self._started = False
        self._start()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = list(args)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)

    def _start(self) -> None:
        done = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "--auth=trust", "--username=postgres",
                         "--encoding=UTF8", "--no-locale", "--no-sync")
        if done.returncode:
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log),
                         "-w", "-t", "60", "start")
        if done.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {done.stderr.strip()} {log}")
        self._started = True
        atexit.register(self.stop)

    def server_url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def url(self, prefix: str = "omni") -> str:
        """Create an empty database owned by an ordinary role (APP_ROLE) and return its SQLAlchemy URL.

        Not the superuser: a superuser passes row-level security, an app's own role does not, and
        the tests must see what a deployment sees.
        """
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as connection:
            if not connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (APP_ROLE,)).fetchone():
                connection.execute(f'CREATE ROLE "{APP_ROLE}" LOGIN NOSUPERUSER NOBYPASSRLS')
            connection.execute(f'CREATE DATABASE "{name}" OWNER "{APP_ROLE}"')
        return self.server_url(name, APP_ROLE)

    def stop(self) -> None:
        if self._started:
            self._started = False
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


def shared_postgres() -> TemporaryPostgres:
    """One private server per process (e.g. per test session), started on first use."""
    global _SHARED
    if _SHARED is None:
        _SHARED = TemporaryPostgres()
    return _SHARED


REQUIRE_TOOLS = "OMNI_REQUIRE_TOOLS"


def require_tools() -> bool:
    """True when tests that need an outside program (PostgreSQL, Chromium, nginx, LibreOffice) must run
    rather than skip: CI sets OMNI_REQUIRE_TOOLS=1, so nothing is skipped there for want of a tool."""
    return os.environ.get(REQUIRE_TOOLS) == "1"


require_postgres = require_tools


def database_url_for(kind: str, folder: Path) -> str:
    """A fresh, empty database of `kind` ("sqlite": a file in `folder`; "postgresql": on the private server)."""
    if kind == "sqlite":
        return f"sqlite:///{folder / f'store-{uuid.uuid4().hex[:8]}.sqlite3'}"
    if kind == "postgresql":
        return shared_postgres().url()
    raise ValueError(f"unknown database kind {kind!r}")
