"""The plain parts of the app's HTTP layer (omni/ui/http_guard.py); the server tests are in
tests/system/test_server_guards.py."""

from __future__ import annotations

from omni.ui.http_guard import app_path, bind_session, browser_token, same_browser, secure_cookie


def _cookie(token: bytes, mask: bytes) -> str:
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{mask.hex()}|{masked.hex()}|1700000000"


def test_the_xsrf_token_is_read_through_its_mask():
    token = bytes(range(16))
    assert browser_token(_cookie(token, b"\x01\x02\x03\x04")) == token
    assert browser_token(_cookie(token, b"\xff\x00\xaa\x55")) == token  # a fresh mask, the same browser
    assert browser_token(f'"{_cookie(token, b"abcd")}"') == token
    for bad in (None, "", "2|zz|00|1", "2|0102|00|1", "2|01020304||1", "nonsense|"):
        assert browser_token(bad) is None, bad


def test_a_session_is_tied_to_its_browsers_token():
    token, other = bytes(16), bytes([1] * 16)
    bind_session("session-a", {"_streamlit_xsrf": _cookie(token, b"\x09\x08\x07\x06")})
    assert same_browser("session-a", _cookie(token, b"\x01\x01\x01\x01"))
    assert not same_browser("session-a", _cookie(other, b"\x01\x01\x01\x01"))
    assert not same_browser("session-a", None)
    assert not same_browser("session-unknown", _cookie(token, b"\x01\x01\x01\x01"))
    bind_session("session-a", {})  # no cookie any more: no browser either
    assert not same_browser("session-a", _cookie(token, b"\x01\x01\x01\x01"))


def test_secure_is_added_once_and_the_base_path_is_taken_off():
    assert secure_cookie(b"a=1; Path=/; HttpOnly") == b"a=1; Path=/; HttpOnly; Secure"
    assert secure_cookie(b"a=1; Path=/; Secure") == b"a=1; Path=/; Secure"
    assert secure_cookie(b"secure=1; Path=/") == b"secure=1; Path=/; Secure"  # the name is no attribute
    assert app_path("/dash/media/abc.png", "dash") == "/media/abc.png"
    assert app_path("/dash/media/abc.png", "/dash/") == "/media/abc.png"
    assert app_path("/media/abc.png", "") == "/media/abc.png"
    assert app_path("/dashboard/media/x", "dash") == "/dashboard/media/x"
