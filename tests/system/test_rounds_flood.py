"""One link cannot be flooded (issue 15, finding 5): limits per client (browser cookie and address, the
address from X-Forwarded-For only behind a trusted proxy), suspects the manager sees and removes, a cap
the manager raises, and real respondents that keep getting in during a flood.

Against the real store (SQLite and PostgreSQL); the attempts run on a simulated clock (`now=`), as
fast as the store takes them. `bench/bench_flood.py` runs the same against wall-clock time in threads.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import random

import pytest
from sqlalchemy import select, update

from omni.rounds import (
    Client,
    RoundError,
    RoundLimits,
    client_address,
    client_from_request,
    trusted_proxies,
    xsrf_identity,
)
from omni.store import utcnow
from omni.store.access import Identity, account_of, add_member, audit_entries, sign_in
from omni.store.assessments import save_assessment
from omni.store.engine import reading, writing
from omni.store.rounds import (
    find_respondent,
    open_round,
    remove_respondents,
    review_respondents,
    round_status,
    save_answers,
    set_max_respondents,
    start_respondent,
    submit,
)
from omni.store.schema import round_respondents
from omni.store.scope import scoped

LIMITS = RoundLimits()  # the shipped defaults
ATTACKER = "203.0.113.66"


def _start(engine, token, client: Client, now: dt.datetime, limits: RoundLimits = LIMITS):
    return start_respondent(engine, token, language="nl", role="it", department="IT", limits=limits, now=now,
                            client=client)


def _answers(framework, value: int = 3) -> dict:
    return {q.id: (value, 4, "") for q in framework.questions}


def _xsrf(token: bytes, mask: bytes) -> str:
    """A cookie the way Streamlit (Tornado's format 2) writes it: the token masked with a fresh mask."""
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{mask.hex()}|{masked.hex()}|1764547200"


@pytest.mark.parametrize("mode", ["same cookie", "no cookie", "new cookie every time"])
def test_a_flood_from_one_client_never_locks_out_real_respondents(engine, framework, mode):
    """Ten minutes of an attacker trying every 0.5 s from one address, while 60 respondents from their own
    networks and an office of 12 behind one address start at random moments: every real one gets in."""
    round_, token = open_round(engine, "Vloed BV", "2026", limits=LIMITS)
    rng = random.Random(15)
    start = utcnow()
    events = [(i * 0.5, "attacker", i) for i in range(1200)]
    events += [(rng.uniform(0, 600), "remote", i) for i in range(60)]
    events += [(rng.uniform(200, 230), "office", i) for i in range(12)]  # a meeting: everyone at once
    events.sort()
    pending = list(events)
    real_ok, real_tries, attacker_ids = set(), 0, set()
    while pending:
        at, who, i = pending.pop(0)
        now = start + dt.timedelta(seconds=at)
        if who == "attacker":
            cookie = {"same cookie": "2|00000000|" + "ab" * 32 + "|1", "no cookie": None,
                      "new cookie every time": f"cookie-{i}"}[mode]
            client = Client(ATTACKER, cookie)
        elif who == "remote":
            client = Client(f"198.51.100.{i + 1}", f"remote-{i}")
        else:
            client = Client("192.0.2.10", f"office-{i}")
        try:
            person, resume = _start(engine, token, client, now)
        except RoundError as err:
            if who != "attacker":
                real_tries += 1
                assert err.key == "too_fast", (who, i, err.key)  # only ever "try again in a few seconds"
                assert real_tries < 40
                pending.append((at + 2.0, who, i))  # ... which the person does
                pending.sort()
            continue
        if who == "attacker":
            attacker_ids.add(person.id)
        else:
            real_ok.add((who, i))
            save_answers(engine, resume, _answers(framework))
    assert len(real_ok) == 72  # 100 % of the real respondents
    expected = {"same cookie": LIMITS.max_per_client, "no cookie": LIMITS.max_per_client,
                "new cookie every time": LIMITS.max_per_address}[mode]
    assert len(attacker_ids) == expected
    assert round_status(engine, round_.id).started == 72 + expected
    # the manager's suspects are exactly the attacker's starts; the office of 12 behind one address is not
    reviews = review_respondents(engine, round_.id, now=start + dt.timedelta(seconds=700))
    assert {r.id for r in reviews if r.suspect} == attacker_ids


def test_the_address_comes_from_x_forwarded_for_only_behind_a_trusted_proxy(monkeypatch):
    nginx = trusted_proxies("127.0.0.1, ::1")
    # a direct connection: whatever X-Forwarded-For says is ignored
    assert client_address("203.0.113.5", "198.51.100.1", nginx) == "203.0.113.5"
    assert client_address("203.0.113.5", "198.51.100.1", ()) == "203.0.113.5"
    # through the trusted proxy: the right-most address the proxy saw, not what the client wrote before it
    assert client_address(None, "198.51.100.1", nginx) == "198.51.100.1"  # Streamlit: loopback peer is None
    assert client_address("127.0.0.1", "1.2.3.4, 198.51.100.1", nginx) == "198.51.100.1"
    assert client_address("::1", "2001:db8::7", nginx) == "2001:db8::7"
    # a chain of trusted proxies is walked; a malformed header keeps the proxy's own address
    chain = trusted_proxies("127.0.0.1, 10.0.0.0/8")
    assert client_address("127.0.0.1", "1.2.3.4, 198.51.100.1, 10.1.2.3", chain) == "198.51.100.1"
    assert client_address("127.0.0.1", "<script>", nginx) == "127.0.0.1"
    # nothing trusted by default, and a typo in the setting trusts nothing
    monkeypatch.delenv("OMNI_TRUSTED_PROXIES", raising=False)
    assert trusted_proxies() == () and client_address(None, "198.51.100.1") == "127.0.0.1"
    assert trusted_proxies("127.0.0.1, not-an-address") == (ipaddress.ip_network("127.0.0.1"),)
    monkeypatch.setenv("OMNI_TRUSTED_PROXIES", "127.0.0.1")
    found = client_from_request(None, {"X-Forwarded-For": "198.51.100.9"}, {"_streamlit_xsrf": _xsrf(b"t" * 16,
                                                                                                       b"mask")})
    assert found == Client("198.51.100.9", (b"t" * 16).hex())


def test_one_browser_is_one_client_whatever_mask_its_cookie_carries():
    token = bytes(range(16))
    assert xsrf_identity(_xsrf(token, b"\x01\x02\x03\x04")) == xsrf_identity(_xsrf(token, b"\xff\x00\xaa\x55"))
    assert xsrf_identity(_xsrf(token, b"abcd")) != xsrf_identity(_xsrf(bytes(16), b"abcd"))
    assert xsrf_identity(None) is None and xsrf_identity("") is None
    assert xsrf_identity("something-else") == "something-else"


def test_per_client_limits_and_intervals(engine):
    _, token = open_round(engine, "Klant BV", "2026", limits=LIMITS)
    now = utcnow()
    browser = Client("198.51.100.1", "browser-1")
    _start(engine, token, browser, now)
    with pytest.raises(RoundError) as err:  # the same browser again within 3 s
        _start(engine, token, browser, now + dt.timedelta(seconds=2))
    assert err.value.key == "too_fast"
    with pytest.raises(RoundError) as err:  # another browser on the same network within 1 s
        _start(engine, token, Client("198.51.100.1", "browser-2"), now + dt.timedelta(seconds=0.5))
    assert err.value.key == "too_fast"
    _start(engine, token, Client("198.51.100.2", "browser-3"), now + dt.timedelta(seconds=0.5))  # elsewhere: fine
    _start(engine, token, Client("198.51.100.1", "browser-2"), now + dt.timedelta(seconds=1.5))
    _start(engine, token, browser, now + dt.timedelta(seconds=4))
    _start(engine, token, browser, now + dt.timedelta(seconds=8))
    with pytest.raises(RoundError) as err:  # a fourth from one browser
        _start(engine, token, browser, now + dt.timedelta(seconds=60))
    assert err.value.key == "client_limit"
    assert "apparaat" in err.value.message("nl") and "device" in err.value.message("en")
    few = RoundLimits(max_per_address=2)
    _, other = open_round(engine, "Netwerk BV", "2026", limits=few)
    _start(engine, other, Client("192.0.2.1", "a"), now, few)
    _start(engine, other, Client("192.0.2.1", "b"), now + dt.timedelta(seconds=5), few)
    with pytest.raises(RoundError) as err:
        _start(engine, other, Client("192.0.2.1", "c"), now + dt.timedelta(seconds=10), few)
    assert err.value.key == "address_limit" and "netwerk" in err.value.message("nl")


def test_the_store_keeps_no_address_or_cookie_as_it_is(engine):
    _, token = open_round(engine, "Privé BV", "2026", limits=LIMITS)
    _start(engine, token, Client("198.51.100.77", "my-cookie-value"), utcnow())
    with reading(engine) as connection:
        row = connection.execute(select(round_respondents)).one()._mapping
    assert row["address_key"] and row["client_key"]
    assert "198.51.100.77" not in str(dict(row)) and "my-cookie-value" not in str(dict(row))


def test_the_manager_sees_and_removes_suspects_and_raises_the_cap(engine, framework):
    round_, token = open_round(engine, "Beheer BV", "2026", limits=RoundLimits(max_respondents=36))
    start = utcnow() - dt.timedelta(hours=2)
    real = []
    for i in range(5):  # five real respondents, each from home, answering over ten minutes
        person, resume = _start(engine, token, Client(f"198.51.100.{i + 1}", f"home-{i}"),
                                start + dt.timedelta(minutes=i))
        save_answers(engine, resume, _answers(framework))
        real.append((person, resume))
    flood_links = [  # a script rotating cookies from one address fills the rest of the round
        _start(engine, token, Client(ATTACKER, f"c{i}"), start + dt.timedelta(minutes=10, seconds=2 * i))[1]
        for i in range(30)]
    with pytest.raises(RoundError) as err:
        _start(engine, token, Client(ATTACKER, "c-more"), start + dt.timedelta(minutes=20))
    assert err.value.key == "address_limit"
    _start(engine, token, Client("198.51.100.50", "home-50"), start + dt.timedelta(minutes=21))
    with pytest.raises(RoundError) as err:  # the cap (36) is reached: a real respondent is refused
        _start(engine, token, Client("198.51.100.51", "home-51"), start + dt.timedelta(minutes=22))
    assert err.value.key == "full"

    reviews = review_respondents(engine, round_.id)
    suspects = [r for r in reviews if r.suspect]
    assert len(suspects) == 30 + 1  # the script's 30, and the one who started and answered nothing for an hour
    flood = [r for r in suspects if r.same_address == 30]
    assert len(flood) == 30 and all({"same_address", "empty"} <= set(r.flags) for r in flood)
    assert all(not r.suspect for r in reviews if r.id in {p.id for p, _ in real})
    assert reviews[0].suspect and not reviews[-1].suspect  # suspects first

    # another organisation's manager can neither see nor touch this round
    other = save_assessment(engine, _scored(framework), wave="2026", organisation="Ander BV")
    user = sign_in(engine, Identity("https://idp.example.test", "eve", "eve@ander.test", "Eve"))
    add_member(engine, user.id, other.organisation_id)
    eve = scoped(engine, account_of(engine, user.identity).scope())
    for call in (lambda: review_respondents(eve, round_.id), lambda: remove_respondents(eve, round_.id, [1]),
                 lambda: set_max_respondents(eve, round_.id, 500)):
        with pytest.raises(RoundError) as err:
            call()
        assert err.value.key == "no_round"

    assert remove_respondents(engine, round_.id, [r.id for r in flood]) == 30
    assert round_status(engine, round_.id).started == 6
    assert all(find_respondent(engine, resume) is None for resume in flood_links)  # their links stop working
    assert all(find_respondent(engine, resume) is not None for _, resume in real)
    assert _start(engine, token, Client("198.51.100.51", "home-51"), start + dt.timedelta(minutes=30))
    with pytest.raises(RoundError) as err:
        set_max_respondents(engine, round_.id, 0)
    assert err.value.key == "cap_range"
    with pytest.raises(RoundError):
        set_max_respondents(engine, round_.id, RoundLimits().ceiling + 1)
    assert set_max_respondents(engine, round_.id, 400).max_respondents == 400
    log = audit_entries(engine)
    assert f"round {round_.id}: 30 respondents removed" in set(log["detail"])
    assert f"round {round_.id}: maximum 400 respondents" in set(log["detail"])


def test_very_fast_empty_and_cookieless_respondents_are_flagged(engine, framework):
    round_, token = open_round(engine, "Snel BV", "2026", limits=LIMITS)
    now = utcnow()
    fast, resume = _start(engine, token, Client("198.51.100.1", "a"), now - dt.timedelta(seconds=30))
    save_answers(engine, resume, _answers(framework))
    submit(engine, resume)  # 32 answers in under 30 s: faster than 2 s a question
    careful, resume = _start(engine, token, Client("198.51.100.2", "b"), now - dt.timedelta(hours=1))
    save_answers(engine, resume, _answers(framework))
    submit(engine, resume)
    bare, _ = _start(engine, token, Client("198.51.100.3", None), now - dt.timedelta(minutes=20))
    twice = [_start(engine, token, Client("198.51.100.4", "d"), now - dt.timedelta(seconds=s))[0] for s in (40, 20)]
    with writing(engine) as connection:  # one who started before the client keys existed (migration 0004)
        connection.execute(update(round_respondents).where(round_respondents.c.id == careful.id)
                           .values(client_key=None, address_key=None))
    flags = {r.id: r.flags for r in review_respondents(engine, round_.id)}
    assert flags[fast.id] == ("very_fast",)
    assert flags[careful.id] == ()
    assert flags[bare.id] == ("no_cookie", "empty")
    assert all(flags[p.id] == ("same_browser",) for p in twice)


def _scored(framework):
    from omni.demo import demo_respondents
    from omni.scoring import score
    from omni.survey.reader import survey_from_answers

    return score(survey_from_answers(framework, demo_respondents(framework, n=2, seed=3)))
