"""Omnichannel Maturity Dashboard: the domain package (plain Python, no Streamlit)."""

__version__ = "0.1.0"
