"""The import contract, read from the source (AST), so a layering mistake fails CI rather than a review:
the domain never imports Streamlit, omni.ui or pages; the store never imports the UI; no import cycles
between omni modules (imports inside functions included)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI_PREFIXES = ("streamlit", "omni.ui", "pages")

# Cycles that exist today and are being taken apart; none is left (the store by concept split
# omni.store.organisations out of access and assessments). Nothing may join this set.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _omni_modules() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in ROOT.glob("omni/**/*.py")}
    graph = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


def test_the_domain_never_imports_the_ui():
    offenders = []
    for path in ROOT.glob("omni/**/*.py"):
        if path.relative_to(ROOT).parts[1] == "ui":
            continue
        bad = sorted(m for m in _imports(path) if m.startswith(UI_PREFIXES))
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {bad}")
    assert not offenders, offenders


def test_no_import_cycles_between_omni_modules():
    graph = _omni_modules()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    # A package __init__ that re-exports its modules is not a cycle of design; drop package nodes.
    cycles = [g for g in ({m for m in grp if m not in _packages()} for grp in groups) if len(g) > 1]
    unexpected = [sorted(g) for g in cycles if frozenset(g) not in KNOWN_CYCLES]
    assert not unexpected, f"import cycles: {unexpected}"


def _packages() -> set[str]:
    return {_module_name(p) for p in ROOT.glob("omni/**/__init__.py")}


def _readme_tree() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## How it is built")
    block = text.index("```", start)
    return text[block:text.index("```", block + 3)]


def test_the_readme_tree_names_every_module():
    """README "How it is built" matches the tree: every module under omni/ and pages/ is named there
    (per-area text modules as i18n_*.py, migrations as a folder), and nothing named there is gone."""
    tree = _readme_tree()
    missing = []
    for path in sorted([*(ROOT / "omni").rglob("*.py"), *(ROOT / "pages").glob("*.py")]):
        relative = path.relative_to(ROOT)
        if path.name in ("__init__.py", "__main__.py") or "migrations" in relative.parts:
            continue
        if path.name.startswith("i18n_"):
            continue  # named together as i18n_*.py
        if path.name not in tree and relative.as_posix() not in tree:
            missing.append(relative.as_posix())
    assert not missing, f"README 'How it is built' does not name: {', '.join(missing)}"
    named = set(re.findall(r"\b([a-z_0-9]+\.py)\b", tree))
    existing = {p.name for p in ROOT.rglob("*.py") if ".venv" not in p.parts}
    assert named <= existing | {"i18n_*.py"}, f"README names modules that do not exist: {named - existing}"
