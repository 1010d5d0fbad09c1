"""omni.ui.shell.guarded at the end of a page run: the tables the run made hold no records of the views it
took of them, and the page's namespace (which a widget's format_func keeps alive in the session) lets go
of everything no function or lambda of the page can read, and nothing they can."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pandas as pd

PAGES = Path(__file__).resolve().parents[3] / "pages"

PAGE = textwrap.dedent('''
    from dataclasses import dataclass

    import pandas as pd

    from omni.ui.shell import guarded

    @dataclass(frozen=True)
    class Figures:
        rows: pd.DataFrame

    def callback():  # run by Streamlit before the next run, with this namespace
        return f"{prefix} {len(options)}"

    with guarded("nl"):
        prefix, options = "Niveau", [1, 2, 3]
        table = pd.DataFrame({"a": [1.0, 2.0, 3.0], "s": ["x", "y", "z"]})
        figures = Figures(pd.DataFrame({"b": [4.0, 5.0]}))
        unit = "winkel"
        for _ in range(40):  # what a page run does: columns and selections, gone when it ends
            table["a"].sum()
            table.set_index("s")
            figures.rows["b"].max()
        made.extend([table, figures])
        during.extend([references(table), references(figures.rows)])
        widget(lambda level: f"{prefix} {level} ({sum(row for row in [level])} {unit.upper()})")
        if fail:
            raise RuntimeError("the page failed")
''')


def references(frame: pd.DataFrame) -> int:
    return sum(len(block.refs.referenced_blocks) for block in frame._mgr.blocks)


def run_page(fail: bool) -> tuple[dict, list, list, list]:
    made, during, widgets = [], [], []
    namespace = {"references": references, "fail": fail, "made": made, "during": during, "widget": widgets.append}
    exec(compile(PAGE, "page.py", "exec"), namespace)  # noqa: S102 - a page script, as Streamlit runs one
    return namespace, made, during, widgets


def test_a_page_run_ends_without_records_of_its_views():
    _, (table, figures), during, _ = run_page(fail=False)
    assert min(during) > 40  # pandas keeps them until a frame has ~500
    assert references(table) == len(table._mgr.blocks)
    assert references(figures.rows) == len(figures.rows._mgr.blocks)  # inside a dataclass too


def test_a_failed_page_run_ends_without_them_as_well():
    _, (table, _figures), during, _ = run_page(fail=True)  # the error is shown (logged here), not raised
    assert during[0] > 40
    assert references(table) == len(table._mgr.blocks)


def test_the_namespace_keeps_only_what_the_pages_functions_can_read():
    namespace, _, _, (format_func,) = run_page(fail=False)
    assert "table" not in namespace and "figures" not in namespace and "made" not in namespace
    assert format_func(3) == "Niveau 3 (3 WINKEL)"  # what the widget's lambda reads is still there
    assert namespace["callback"]() == "Niveau 3"  # and a callback's
    assert namespace["pd"] is pd and "Figures" in namespace and "__builtins__" in namespace


def test_every_page_ends_with_its_guarded_block():
    """What guarded drops at its end would be missing for a statement after it."""
    for script in sorted(PAGES.glob("*.py")):
        body = ast.parse(script.read_text(encoding="utf-8")).body
        last = body[-1]
        assert isinstance(last, ast.With) and "guarded(" in ast.unparse(last.items[0]), script.name
