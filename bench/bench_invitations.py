"""How long inviting a team by e-mail takes: N invitees added and mailed through a real SMTP server on
loopback (aiosmtpd in this process), on SQLite or PostgreSQL; then a reminder to the half that did not
submit. Prints the wall time and mails per second of each step.

    .venv/bin/python bench/bench_invitations.py [--n 200] [--database sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from aiosmtpd.controller import Controller  # noqa: E402
from test_invitations import Inbox  # noqa: E402

from omni.invitations import invite, remind  # noqa: E402
from omni.invitees import Person  # noqa: E402
from omni.mail import SmtpConfig  # noqa: E402
from omni.store import open_store  # noqa: E402
from omni.store.invitations import issue_links, start_invited  # noqa: E402
from omni.store.rounds import open_round, submit  # noqa: E402
from omni.store.testing import database_url_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    config = SmtpConfig(host="127.0.0.1", port=port, security="none", sender="survey@example.org")
    engine = open_store(database_url_for(args.database, Path(tempfile.mkdtemp())))
    round_, _ = open_round(engine, "Bench BV", "2026")
    people = [Person(f"person{i}@bench.test", f"Person {i}", "marketing", "M", "nl" if i % 2 else "en")
              for i in range(args.n)]
    started = time.perf_counter()
    run = invite(engine, round_.id, people, config)
    invited = time.perf_counter() - started
    assert run.sent == args.n and len(inbox.messages) == args.n, (run.sent, run.failed[:3], run.error)
    # half of them submit (through a fresh link each, as a reminder would give them)
    _, links = issue_links(engine, round_.id, "reminder")
    for invitee, token in links[: args.n // 2]:
        start_invited(engine, token, language=invitee.language, role="marketing", department="M")
        submit(engine, token)
    started = time.perf_counter()
    reminded = remind(engine, round_.id, config)
    reminding = time.perf_counter() - started
    assert reminded.sent == args.n - args.n // 2
    controller.stop()
    print(f"{args.database}: invite {args.n}: {invited:.2f} s ({args.n / invited:.0f} mails/s); "
          f"remind {reminded.sent}: {reminding:.2f} s ({reminded.sent / reminding:.0f} mails/s)")


if __name__ == "__main__":
    main()
