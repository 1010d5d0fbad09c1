"""omni/ui/page_base.py: the line that tells Streamlit's page where its server is."""

from __future__ import annotations

from omni.ui.page_base import ETAG_SUFFIX, SCRIPT, _etag_marked, _page_path, _revalidation, with_base


def test_the_script_comes_right_after_head_once():
    page = b"<!DOCTYPE html><html><head><title>x</title><script type=module src=./static/js/i.js></script></head></html>"
    changed = with_base(page)
    assert changed == page.replace(b"<head>", b"<head>" + SCRIPT)
    assert changed.index(SCRIPT) < changed.index(b"./static/js/i.js")
    assert with_base(changed) is changed  # never twice
    assert with_base(b"<html><body>no head</body></html>") == b"<html><body>no head</body></html>"


def test_the_base_is_the_folder_of_the_page_own_scripts():
    # the same rule as Streamlit's `./static/js/...`: new URL(".", location.href)
    assert b'new URL(".",location.href)' in SCRIPT and b"BACKEND_BASE_URL" in SCRIPT


def test_only_page_paths():
    for path in ("/", "/overview", "/omni/overview", "/start"):
        assert _page_path(path), path
    for path in ("/static/js/index.js", "/_stcore/health", "/media/abc.png", "/component/x/index.html",
                 "/app/static/logo.png", "/omni/static/js/index.js", "/overview/_stcore/health"):
        assert not _page_path(path), path


def test_etags_are_marked_and_taken_back():
    marked = _etag_marked([(b"etag", b'"abc"'), (b"content-type", b"text/html")])
    assert marked == [(b"etag", b'"abc' + ETAG_SUFFIX + b'"'), (b"content-type", b"text/html")]
    ours = marked[0][1]
    assert _revalidation([(b"if-none-match", ours), (b"accept", b"*/*")], ours) == [
        (b"if-none-match", b'"abc"'), (b"accept", b"*/*")]
    # a page kept from before this layer is asked for whole (no 304 for a page without the line)
    old = [(b"if-none-match", b'"abc"'), (b"if-modified-since", b"Wed, 02 Dec 2026 07:00:00 GMT"), (b"accept", b"*/*")]
    assert _revalidation(old, b'"abc"') == [(b"accept", b"*/*")]
