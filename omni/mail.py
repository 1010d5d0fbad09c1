"""Outgoing mail over SMTP (the standard library's smtplib and email.message), configured like the store.

Settings, first found wins per field: environment variables OMNI_SMTP_HOST, OMNI_SMTP_PORT,
OMNI_SMTP_SECURITY (starttls, ssl or none), OMNI_SMTP_USER, OMNI_SMTP_PASSWORD, OMNI_SMTP_FROM,
OMNI_SMTP_TIMEOUT, OMNI_SMTP_CA_FILE; then ``[omni.smtp]`` (or ``[smtp]``) in ``.streamlit/secrets.toml``
(the project's, then the user's) with the keys host, port, security, user, password, from, timeout,
ca_file. Without a host there is no mail: the app says so and the shared link still works.

The server's certificate is always verified (STARTTLS and SSL): against the system's authorities,
or `ca_file` (PEM) for a relay with a certificate of the organisation's own authority.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_FIELDS = ("host", "port", "security", "user", "password", "from", "timeout", "ca_file")


class MailConfigError(ValueError):
    """The mail settings cannot be used as given; the message says what to fix (English, for operators)."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: str = ""
    timeout: float = 30.0
    ca_file: str = ""  # PEM file of the authority that signed the server's certificate; "" = the system's

    def __repr__(self) -> str:  # never the password in a log or a traceback
        return (f"SmtpConfig(host={self.host!r}, port={self.port}, security={self.security!r}, "
                f"user={self.user!r}, sender={self.sender!r})")


def _secrets_section(paths: Sequence[Path]) -> dict:
    from omni.store.config import read_secrets_file

    for path in paths:
        try:
            secrets = read_secrets_file(path)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise MailConfigError(f"{path}: cannot be read ({exc})") from exc
        if secrets is None:
            continue
        omni = secrets.get("omni")
        section = omni.get("smtp") if isinstance(omni, dict) else None
        section = section if isinstance(section, dict) else secrets.get("smtp")
        if isinstance(section, dict):
            return section
    return {}


def smtp_config(environ: Mapping[str, str] | None = None, secrets_files: Sequence[Path] | None = None
                ) -> SmtpConfig | None:
    """The SMTP settings (see the module's docstring), or None when no host is configured."""
    from omni.store.config import SECRETS_FILES

    environ = os.environ if environ is None else environ
    section = _secrets_section(SECRETS_FILES if secrets_files is None else secrets_files)
    values = {}
    for name in _FIELDS:
        value = environ.get(f"OMNI_SMTP_{name.upper()}", "").strip()
        values[name] = value if value else str(section.get(name, "") or "").strip()
    if not values["host"]:
        return None
    security = (values["security"] or "starttls").lower()
    if security not in SECURITIES:
        raise MailConfigError(f"SMTP security must be one of {', '.join(SECURITIES)}, not {security!r}")
    try:
        port = int(values["port"]) if values["port"] else DEFAULT_PORTS[security]
        timeout = float(values["timeout"]) if values["timeout"] else 30.0
    except ValueError:
        raise MailConfigError("SMTP port and timeout must be numbers") from None
    if not 0 < port < 65536:
        raise MailConfigError(f"SMTP port {port} is out of range")
    sender = values["from"] or values["user"]
    if "@" not in parseaddr(sender)[1]:
        raise MailConfigError("SMTP 'from' must be an e-mail address (e.g. \"Survey <survey@example.org>\")")
    return SmtpConfig(host=values["host"], sender=sender, port=port, security=security, user=values["user"],
                      password=values["password"], timeout=timeout, ca_file=values["ca_file"])


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=config.ca_file or None)
    if config.security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
    else:
        server = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        if config.security == "starttls":
            server.starttls(context=context)
    if config.user:
        server.login(config.user, config.password)
    return server


def _reason(exc: BaseException) -> str:
    """A short reason an operator or manager can act on (the server's answer when there is one)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                 for code, text in exc.recipients.values()]
        return "refused: " + "; ".join(codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}"[:300]


def send_messages(config: SmtpConfig, messages: Sequence[EmailMessage],
                  on_result: Callable[[int, str | None], None] | None = None) -> list[str | None]:
    """Send each message over one connection (reconnecting once after a dropped one); returns, per
    message, None when the server accepted it or the reason it did not. Never raises for a
    message: one bad address does not stop the others, and a server that cannot be reached fails
    every message with that reason."""
    results: list[str | None] = []
    server: smtplib.SMTP | None = None

    def report(index: int, error: str | None) -> None:
        results.append(error)
        if on_result is not None:
            on_result(index, error)

    try:
        for index, message in enumerate(messages):
            for attempt in (1, 2):
                try:
                    if server is None:
                        server = _connect(config)
                    server.send_message(message)
                    report(index, None)
                    break
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                    report(index, _reason(exc))  # this message; the connection is still good
                    break
                except (TimeoutError, smtplib.SMTPServerDisconnected, ConnectionError) as exc:
                    server = None
                    if attempt == 2:
                        report(index, _reason(exc))
                except (smtplib.SMTPException, OSError) as exc:  # cannot connect or log in: every message fails
                    reason = _reason(exc)
                    report(index, reason)
                    for rest in range(index + 1, len(messages)):
                        report(rest, reason)
                    return results
    finally:
        if server is not None:
            try:
                server.quit()
            except (smtplib.SMTPException, OSError):
                pass
    return results
