"""Which tier a test file belongs to, from what it uses, and where it therefore lives.

One rule for three users: tests/conftest.py marks the tests of a file not yet sorted, the tier test
(tests/unit/test_tiers.py) checks that every file sits in the directory of its tier, and
tools/sort_tests.py moves files there (`git mv`). Plain Python, no pytest.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

TIERS = ("unit", "app", "system", "browser")
SYSTEM_SIGNS = ("pg_engine", "database_url_for", "nginx", "libreoffice", "soffice", "subprocess", "Popen",
                "aiosmtpd", "\"node\"", "pdftotext", "load_test", "cluster", "offload", "postgres",
                '/ "bench"')  # bench/ scripts start app processes
USES_ENGINE = re.compile(r"def test_\w+\([^)]*\bengine\b")  # the store fixture runs on PostgreSQL too

TESTS = Path(__file__).resolve().parent
OMNI = TESTS.parent / "omni"
# Subdirectories mirror omni's packages; a test of a top-level module stays at the top of its tier.
PACKAGES = ("store", "survey", "export", "cli", "ui")  # in this order when a name fits several


def tier_by_content(source: str) -> str:
    """The tier a test file's text asks for: a browser test is one by where it lives (tests/browser)."""
    if any(sign in source for sign in SYSTEM_SIGNS) or USES_ENGINE.search(source):
        return "system"
    if "AppTest" in source or "app_as(" in source:
        return "app"
    return "unit"


def tier_of_path(path: Path) -> str | None:
    """The tier a test file's directory says (tests/<tier>/...), None for a file not yet sorted."""
    try:
        parts = path.resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 and parts[0] in TIERS else None


@functools.cache
def tier_of(path: Path) -> str:
    """The tier of a test file: browser by directory, else by what it uses."""
    if tier_of_path(path) == "browser":
        return "browser"
    return tier_by_content(path.read_text(encoding="utf-8"))


def package_of(name: str) -> str | None:
    """The omni package a test file mirrors, from its name alone (predictable, no list to keep):
    test_<words>.py names a package when its first or last word is one (test_store_unavailable,
    test_actions_cli; "exports" counts as export), else the package of the module its longest leading
    words name (test_reader -> omni/survey/reader.py, test_audit_owner -> omni/store/audit_owner.py).
    A test of a top-level module (omni/actions.py), or of nothing found, gets None: the tier's top."""
    words = name.removeprefix("test_").removesuffix(".py").split("_")
    words = [w for w in words if w not in ("app", "browser")] or words
    for word in (words[0], words[-1]):
        package = "export" if word == "exports" else word
        if package in PACKAGES:
            return package
    for end in range(len(words), 0, -1):
        module = "_".join(words[:end])
        if (OMNI / f"{module}.py").exists():
            return None
        for package in PACKAGES:
            if (OMNI / package / f"{module}.py").exists():
                return package
    return None


def place_of(path: Path) -> Path:
    """Where a test file belongs, relative to tests/: <tier>/[<package>/]<name>."""
    tier = tier_of(path)
    if tier == "browser":
        return Path("browser") / path.name
    package = package_of(path.name)
    return Path(tier, package, path.name) if package else Path(tier, path.name)
