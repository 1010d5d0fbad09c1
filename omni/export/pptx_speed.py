"""Two of python-pptx's hottest helpers made cheaper, with the same results.

python-pptx answers most questions about its XML through `BaseOxmlElement.xpath`, which hands the
expression to lxml as a string, so lxml compiles it again on every call (a deck asks ~700 times:
is this shape a placeholder, which id is free, ...). And `qn("p:sp")` builds a prefixed-tag object
for every element name it turns into `{namespace}sp` (~8,000 times a deck). Here each expression
is compiled once per thread (`etree.XPath` with python-pptx's own namespace map) and each name
worked out once: a deck takes 29 % fewer instructions (callgrind; README, Load) and every part of it stays
byte-identical (tests/unit/export/test_pptx_speed.py builds decks with and without and compares).

`install()` is called when omni.export.deck is imported; it replaces `qn` in python-pptx's modules
(and any other module that imported it by name) and in `pptx.oxml.ns` for modules imported later.
Should a python-pptx version no longer have what is replaced, it logs why and leaves python-pptx as it
is (the test that it is installed then fails).
"""

from __future__ import annotations

import functools
import logging
import sys
import threading

from lxml import etree
from pptx.oxml import ns, xmlchemy

log = logging.getLogger("omni.export")

# What is replaced; None when a python-pptx version no longer has it (then nothing is replaced)
_ORIGINAL_QN = getattr(ns, "qn", None)
_ORIGINAL_XPATH = getattr(getattr(xmlchemy, "BaseOxmlElement", None), "xpath", None)
_NSMAP = getattr(ns, "_nsmap", None)
MAX_EXPRESSIONS = 256  # per thread; a deck asks 8 distinct ones, a few are built from point numbers
_compiled = threading.local()  # lxml's compiled XPath objects are not shared between threads
_lock = threading.Lock()
_installed = False


@functools.lru_cache(maxsize=2048)  # python-pptx's element names: a few hundred
def _qn(namespace_prefixed_tag: str) -> str:
    return _ORIGINAL_QN(namespace_prefixed_tag)


def _xpath(self, xpath_str: str):
    """`BaseOxmlElement.xpath`: the same expression and namespaces, compiled once per thread."""
    cache = getattr(_compiled, "cache", None)
    if cache is None:
        cache = _compiled.cache = {}
    evaluate = cache.get(xpath_str)
    if evaluate is None:
        if len(cache) >= MAX_EXPRESSIONS:
            return _ORIGINAL_XPATH(self, xpath_str)
        evaluate = cache[xpath_str] = etree.XPath(xpath_str, namespaces=_NSMAP)
    return evaluate(self)


def _put(fast: bool) -> None:
    """The cached `qn` (in every loaded module that holds the other) and the compiled `xpath`, or the
    originals back; called under _lock."""
    global _installed
    old, new = (_ORIGINAL_QN, _qn) if fast else (_qn, _ORIGINAL_QN)
    for module in list(sys.modules.values()):
        if getattr(module, "qn", None) is old:
            module.qn = new
    xmlchemy.BaseOxmlElement.xpath = _xpath if fast else _ORIGINAL_XPATH
    _installed = fast


def install() -> None:
    """Put the cached `qn` and compiled `xpath` in place (once per process)."""
    with _lock:
        if _installed:
            return
        if _ORIGINAL_QN is None or _ORIGINAL_XPATH is None or not isinstance(_NSMAP, dict):
            log.warning("python-pptx changed (qn, BaseOxmlElement.xpath or _nsmap missing): left as it is")
            return
        import pptx  # noqa: F401 - load python-pptx's modules, so each is given the cached qn now

        _put(fast=True)


def uninstall() -> None:
    """python-pptx as it came (the tests compare decks built both ways)."""
    with _lock:
        if _installed:
            _put(fast=False)


def installed() -> bool:
    return _installed
