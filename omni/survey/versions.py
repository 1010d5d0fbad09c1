"""Every shipped version of a framework, so a form built from last year's texts still scores.

A framework's current definition is the one `omni.framework.builtin_frameworks` loads; earlier
versions ship as further YAML files in data/frameworks (any sub-folder) with the same id and
another `version`. Headers and answer texts are matched against all of them (current first) and
the column map says which version a text came from.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from omni.framework import FRAMEWORK_DIR, Framework, FrameworkError, load_framework


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


@lru_cache(maxsize=1)
def _shipped() -> tuple[Framework, ...]:
    found = []
    for path in sorted(Path(FRAMEWORK_DIR).rglob("*.yaml")):
        try:
            found.append(load_framework(path))
        except FrameworkError:  # a broken file is refused where frameworks are loaded, not here
            continue
    return tuple(found)


@lru_cache(maxsize=16)
def text_versions(framework: Framework) -> tuple[Framework, ...]:
    """`framework` first, then every other shipped version with its id, newest first."""
    others = {f.version: f for f in _shipped() if f.id == framework.id and f.version != framework.version}
    ordered = sorted(others.values(), key=lambda f: _version_key(f.version), reverse=True)
    return (framework, *ordered)
