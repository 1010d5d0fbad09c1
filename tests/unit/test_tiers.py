"""Every test file lives in the directory of its tier (tests/<tier>/[<package>/]), and that tier fits
what the file uses: a file in tests/unit that starts a process or a PostgreSQL server fails here.
tools/sort_tests.py moves a file to where it belongs (tests/tiers.py holds the rules)."""

from pathlib import Path

from tiers import TESTS, package_of, place_of, tier_by_content, tier_of, tier_of_path


def test_every_test_file_is_in_the_directory_of_its_tier():
    misplaced = [f"{path.relative_to(TESTS)} -> {place_of(path)}" for path in sorted(TESTS.rglob("test_*.py"))
                 if path.relative_to(TESTS) != place_of(path)]
    assert not misplaced, ("test files outside the directory of their tier; run "
                           "`.venv/bin/python tools/sort_tests.py`:\n" + "\n".join(misplaced))


# The signs are spelled in pieces: written whole, they would make this file a system test itself.
PROCESS = "import sub" + "process"
APPTEST = "at = App" + "Test.from_file('app.py')"
ENGINE = "def test_" + "saves(engine, framework):"  # the engine fixture: SQLite and PostgreSQL


def test_what_a_file_uses_decides_its_tier():
    assert tier_by_content("def test_x():\n    assert 1 + 1 == 2\n") == "unit"
    assert tier_by_content(APPTEST) == "app"
    assert tier_by_content(PROCESS) == "system"
    assert tier_by_content(ENGINE) == "system"
    assert tier_by_content("def test_" + "saves(pg" + "_engine):") == "system"


def test_a_unit_file_that_starts_a_process_belongs_to_the_system_tier(tmp_path, monkeypatch):
    monkeypatch.setattr("tiers.TESTS", tmp_path)
    tier_of.cache_clear()
    unit = tmp_path / "unit" / "test_x.py"
    unit.parent.mkdir()
    unit.write_text(PROCESS + "\n", encoding="utf-8")
    assert tier_of_path(unit) == "unit" and tier_of(unit) == "system"
    assert place_of(unit) == Path("system", "test_x.py")
    tier_of.cache_clear()


def test_the_package_a_file_mirrors_comes_from_its_name():
    assert package_of("test_actions_cli.py") == "cli"
    assert package_of("test_store_unavailable.py") == "store"
    assert package_of("test_roadmap_exports.py") == "export"
    assert package_of("test_reader.py") == "survey"  # omni/survey/reader.py
    assert package_of("test_audit_owner.py") == "store"  # omni/store/audit_owner.py
    assert package_of("test_http_guard.py") == "ui"  # omni/ui/http_guard.py
    assert package_of("test_actions.py") is None  # omni/actions.py: the tier's top
    assert package_of("test_level_ladder.py") is None
