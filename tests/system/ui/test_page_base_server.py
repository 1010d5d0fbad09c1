"""The real server (`streamlit run serve.py`): every page Streamlit serves carries the line that tells
its front end where the server is (omni/ui/page_base.py), compressed or not, with a right length,
and revalidates; Streamlit's scripts and endpoints are passed on untouched."""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import streamlit

from omni.ui.page_base import ETAG_SUFFIX, SCRIPT

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from cluster import AppProcess  # noqa: E402

STATIC = Path(streamlit.__file__).parent / "static"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("page-base")
    server = AppProcess({"OMNI_DATABASE_URL": f"sqlite:///{tmp / 'omni.sqlite3'}", "OMNI_WARM_UP": "0"},
                        log_dir=tmp)
    yield server
    server.stop()


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize("path", ["/", "/overview?lang=nl", "/roadmap"])
@pytest.mark.parametrize("encoding", [None, "gzip"])
def test_each_page_carries_the_line_once_before_streamlits_scripts(app, path, encoding):
    status, headers, body = _get(app.url + path, **({"Accept-Encoding": encoding} if encoding else {}))
    assert status == 200
    assert int(headers["content-length"]) == len(body)
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    index = (STATIC / "index.html").read_bytes()
    assert body == index.replace(b"<head>", b"<head>" + SCRIPT, 1)
    assert body.count(SCRIPT) == 1
    assert headers["etag"].endswith(ETAG_SUFFIX.decode() + '"')


def test_the_page_revalidates_and_a_page_from_before_is_sent_whole(app):
    _, headers, _ = _get(app.url + "/")
    status, again, body = _get(app.url + "/", **{"If-None-Match": headers["etag"]})
    assert (status, body, again["etag"]) == (304, b"", headers["etag"])
    older = headers["etag"].replace(ETAG_SUFFIX.decode(), "")  # cached before this layer: without the line
    status, _, body = _get(app.url + "/", **{"If-None-Match": older, "If-Modified-Since": headers["last-modified"]})
    assert status == 200 and SCRIPT in body


def test_scripts_and_endpoints_pass_untouched(app):
    script = next((STATIC / "static" / "js").glob("index.*.js"))
    status, headers, body = _get(f"{app.url}/static/js/{script.name}")
    assert (status, body) == (200, script.read_bytes())
    assert _get(app.url + "/_stcore/health")[::2] == (200, b"ok")
    assert _get(app.url + "/overview/_stcore/health")[0] == 404  # what the front end no longer asks first
