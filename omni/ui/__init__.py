"""The Streamlit layer: page shell, session state, cached loaders and reusable widgets.

The only package in omni/ that imports streamlit; everything it shows comes from plain omni code.
"""
