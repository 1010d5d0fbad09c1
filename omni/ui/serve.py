"""Start the app and make it ready for its first visitor: `python -m omni.ui.serve run app.py [options]`.

The same command line as `streamlit run app.py [options]` (Streamlit's own CLI does the work), plus a
background thread that - once the server is up and answering its health check, so a restart is not
slowed - does what the first visitor would otherwise wait for (omni.ui.warmup.warm_first_visit):
the pages' imports, the demo survey read and scored, the Overview charts' specs, a parser worker.

Nothing here is imported at module level: a spawned export worker imports this module as its
`__mp_main__` and must not pull Streamlit in with it.
"""

from __future__ import annotations


def main() -> None:
    import threading

    from omni.ui.warmup import warm_when_serving

    threading.Thread(target=warm_when_serving, name="omni-warm-up", daemon=True).start()

    from streamlit.web import cli

    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
