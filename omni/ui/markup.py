"""User text inside Streamlit markdown (st.markdown, captions, messages, widget labels), shown literally.

Streamlit renders those with CommonMark plus extensions: GitHub's autolinks (a bare
``https://…``, ``www.…`` or e-mail address becomes a link), LaTeX between ``$…$``, emoji and
icon short codes (``:material/…:``), coloured text (``:red[…]``), raw HTML. Every one of them
needs an ASCII punctuation character, and CommonMark lets a backslash escape any of them, so
escaping all of them shows the text exactly as typed and leaves nothing for a parser to act on.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = frozenset(string.punctuation)
_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")


def plain(text: object) -> str:
    """`text` shown literally in st.markdown / st.caption / labels (no links, images, math or HTML from users)."""
    flat = _BREAKS.sub(" ", "" if text is None else str(text))
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in flat)
