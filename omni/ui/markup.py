"""User text inside Streamlit markdown, with markdown and HTML characters escaped."""

from __future__ import annotations


def plain(text: str) -> str:
    """`text` shown literally in st.markdown / st.caption (no links, emphasis or HTML from users)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~" else ch for ch in str(text))
