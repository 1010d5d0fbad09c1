"""User text inside Streamlit markdown (st.markdown, captions, messages, widget labels), shown literally.

Streamlit renders those with CommonMark plus extensions: GitHub's autolinks (a bare
``https://…``, ``www.…`` or e-mail address becomes a link), LaTeX between ``$…$``, emoji and
icon short codes (``:smile:``, ``:material/…:``), coloured text (``:red[…]``), raw HTML.

Two steps, because they work at two levels:
1. CommonMark lets a backslash escape any ASCII punctuation character, so escaping all of them
   leaves the parser no syntax (links, images, emphasis, HTML, ``$`` math).
2. Autolinks and short codes are found afterwards, by searching the parsed text (where the escapes
   are already gone, as the browser test showed): an invisible word joiner (U+2060) after every
   ``:``, before every ``@`` and between ``www`` and ``.`` breaks those patterns without changing
   what a reader sees.
"""

from __future__ import annotations

import re
import string

INVISIBLE = "\u2060"  # WORD JOINER: no width, no line break
_PUNCTUATION = frozenset(string.punctuation)
_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
_WWW = re.compile(r"(?i)(?<=www)(?=\.)")


def _escaped(ch: str) -> str:
    if ch == ":":
        return "\\:" + INVISIBLE
    if ch == "@":
        return INVISIBLE + "\\@"
    return "\\" + ch if ch in _PUNCTUATION else ch


def plain(text: object) -> str:
    """`text` shown literally in st.markdown / st.caption / labels (no links, images, math or HTML from users)."""
    flat = _BREAKS.sub(" ", "" if text is None else str(text))
    return "".join(_escaped(ch) for ch in _WWW.sub(INVISIBLE, flat))
