"""Put every test file in the directory of its tier: tests/<tier>/[<package>/]test_x.py.

    .venv/bin/python tools/sort_tests.py           # move (git mv) and fix what the move breaks
    .venv/bin/python tools/sort_tests.py --check   # only list what would move; exit 1 if anything

The tier comes from what the file uses and the package from its name, by the rules in tests/tiers.py
(the same the markers and tests/unit/test_tiers.py use), so a new test file can be written anywhere
under tests/ and this script files it. Moving a file also:
- rewrites `Path(__file__).resolve().parent.parent` / `.parents[n]` in it to the same folder from
  the new place;
- rewrites mentions of its old path (`tests/test_x.py`) in the repository's text files (README,
  docs, comments) to the new one.
Run it after merging branches that added or changed test files, then commit the result.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
sys.path.insert(0, str(TESTS))

from tiers import place_of  # noqa: E402

TEXT_FILES = (".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".yaml", ".yml", ".js")
ANCESTOR = re.compile(r"Path\(__file__\)\.resolve\(\)(\.parents\[(\d+)\]|(?:\.parent\b)+)")


def test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if "__pycache__" not in p.parts)


def plan() -> list[tuple[Path, Path]]:
    """(old, new) for every test file not where it belongs, both relative to the repository."""
    files = test_files()
    clashes = [name for name, n in Counter(p.name for p in files).items() if n > 1]
    if clashes:  # the test directories share one import path (tests/conftest.py), so names are unique
        sys.exit(f"test file names must be unique under tests/: {', '.join(sorted(clashes))}")
    moves = []
    for path in files:
        new = TESTS / place_of(path)
        if new != path:
            moves.append((path.relative_to(ROOT), new.relative_to(ROOT)))
    return moves


def fix_ancestors(source: str, old: Path, new: Path) -> str:
    """`Path(__file__).resolve()` ancestors that pointed at the repository or tests/ from `old` point
    at the same folder from `new`."""
    def replace(match: re.Match) -> str:
        up = int(match.group(2)) + 1 if match.group(2) else match.group(1).count(".parent")
        target = (ROOT / old).parents[up - 1]
        new_parents = list((ROOT / new).parents)
        if target not in new_parents:
            print(f"  {new}: leaves {match.group(0)} as it is (not an ancestor of the new place)")
            return match.group(0)
        return f"Path(__file__).resolve().parents[{new_parents.index(target)}]"
    return ANCESTOR.sub(replace, source)


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    names = [name for name in listed.decode().split("\0") if name]
    return [ROOT / name for name in names
            if name.endswith(TEXT_FILES) or name in ("Makefile", ".ci/run")]


def rewrite_mentions(moves: list[tuple[Path, Path]]) -> None:
    """Mentions of an old path become the new path in every tracked text file (moved files included)."""
    renames = {old.as_posix(): new.as_posix() for old, new in moves}
    pattern = re.compile(r"(?<![\w/])(" + "|".join(re.escape(old) for old in renames) + r")\b")
    for path in tracked_text_files():
        if not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        changed = pattern.sub(lambda m: renames[m.group(1)], text)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
            print(f"  mentions updated in {path.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list what would move; exit 1 if anything")
    args = parser.parse_args(argv)
    moves = plan()
    for old, new in moves:
        print(f"{old} -> {new}")
    if args.check or not moves:
        if not moves:
            print("every test file is in the directory of its tier")
        return 1 if moves else 0
    for old, new in moves:
        (ROOT / new).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "mv", str(old), str(new)], cwd=ROOT, check=True)
        source = (ROOT / new).read_text(encoding="utf-8")
        fixed = fix_ancestors(source, old, new)
        if fixed != source:
            (ROOT / new).write_text(fixed, encoding="utf-8")
    rewrite_mentions(moves)
    print(f"moved {len(moves)} file(s); review `git diff --cached -M` and `git diff`, then commit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
