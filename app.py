"""Entry point of the Omnichannel Maturity Dashboard: page config and the framework summary.

The full dashboard (upload, overview, dimensions, roadmap) is built on the same `omni` package.
"""

import streamlit as st

from omni.framework import builtin_frameworks

st.set_page_config(page_title="Omnichannel Maturity Dashboard", layout="wide")
st.title("Omnichannel Maturity Dashboard")
for framework in builtin_frameworks().values():
    st.subheader(framework.name("nl"))
    st.write(framework.description("nl"))
    st.caption(" · ".join(d.name("nl") for d in framework.dimensions))
