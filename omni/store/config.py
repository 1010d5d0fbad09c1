"""Where the store lives: a database URL from the environment or secrets, else an SQLite file.

Order: ``OMNI_DATABASE_URL``, then ``DATABASE_URL`` (as hosting platforms set it), then
``[database] url`` in ``.streamlit/secrets.toml`` (the project's, then the user's), else an
SQLite file ``omni.sqlite3`` in the data directory (``OMNI_DATA_DIR``, default ``var/`` in the
project). Zero configuration gives a working store.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA_DIR = PROJECT_DIR / "var"
SQLITE_FILE = "omni.sqlite3"
SECRETS_FILES = (PROJECT_DIR / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


class StoreConfigError(ValueError):
    """The configured database cannot be used as given; the message says what to fix."""


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The directory for the embedded database (created when missing)."""
    environ = os.environ if environ is None else environ
    raw = environ.get("OMNI_DATA_DIR", "").strip()
    path = Path(raw).expanduser() if raw else DEFAULT_DATA_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_secrets_file(path: Path) -> dict | None:
    """A secrets file parsed (None when there is none); OSError or tomllib.TOMLDecodeError when it exists
    but cannot be read. The store, the mail settings and the confidentiality threshold read it so."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return None


def _secrets_url(paths: tuple[Path, ...]) -> str | None:
    for path in paths:
        try:
            secrets = read_secrets_file(path)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StoreConfigError(f"{path}: cannot be read ({exc})") from exc
        if secrets is None:
            continue
        section = secrets.get("database")
        url = section.get("url") if isinstance(section, dict) else None
        url = url or secrets.get("database_url")
        if url:
            return str(url)
    return None


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs that name no driver (postgres://, postgresql://)."""
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def database_url(environ: Mapping[str, str] | None = None,
                 secrets_files: tuple[Path, ...] = SECRETS_FILES) -> str:
    """The SQLAlchemy URL of the store, by the order in this module's docstring."""
    environ = os.environ if environ is None else environ
    for name in ("OMNI_DATABASE_URL", "DATABASE_URL"):
        if environ.get(name, "").strip():
            return normalise_url(environ[name])
    found = _secrets_url(secrets_files)
    if found:
        return normalise_url(found)
    return f"sqlite:///{data_dir(environ) / SQLITE_FILE}"
