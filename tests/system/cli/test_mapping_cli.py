"""`python -m omni mapping list|show|delete` in process, on SQLite and PostgreSQL: the saved mappings of
an organisation, the YAML `score --mapping` takes, an audited delete, exit 2 with a message on a name
that is not there."""

from __future__ import annotations

import json

from omni.cli import main
from omni.store.access import AuditAction, audit_entries
from omni.store.mappings import list_mappings, save_mapping
from omni.survey.mapping import ColumnRule, loads_mapping

RULES = (ColumnRule("Wie", "fact", field="name"), ColumnRule("V1 nu", "question", "VIS-1", "current"),
         ColumnRule("V1 straks", "question", "VIS-1", "target"))


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_show_and_delete_saved_mappings(engine, capsys):
    save_mapping(engine, "Alpha BV", "Forms export", RULES)
    save_mapping(engine, "Beta BV", "Eigen sheet", RULES[:2])
    db = ["--database", engine.url.render_as_string(hide_password=False)]

    code, out, err = _run(capsys, "mapping", "list", *db)
    assert code == 0, err
    assert out.splitlines()[0].startswith("Beta BV · Eigen sheet · 2 kolommen · ")
    assert out.splitlines()[1].startswith("Alpha BV · Forms export · 3 kolommen · ")
    code, out, _ = _run(capsys, "mapping", "list", "--org", "alpha bv", "--json", *db)
    [listed] = json.loads(out)
    assert (listed["organisation"], listed["name"], listed["columns"]) == ("Alpha BV", "Forms export", 3)

    code, out, err = _run(capsys, "mapping", "show", "--org", "Alpha BV", "Forms export", *db)
    assert code == 0 and loads_mapping(out, "shown") == RULES, err

    code, out, err = _run(capsys, "mapping", "delete", "--org", "Alpha BV", "Forms export", "--lang", "en", *db)
    assert code == 0 and out.strip() == "Deleted: mapping 'Forms export' of Alpha BV.", err
    assert [m.name for m in list_mappings(engine)] == ["Eigen sheet"]
    log = audit_entries(engine, action=AuditAction.DELETE)
    assert (log["detail"] == "column mapping 'Forms export' (3 columns)").sum() == 1

    code, out, err = _run(capsys, "mapping", "delete", "--org", "Alpha BV", "Forms export", *db)
    assert code == 2 and "er is geen bewaarde indeling 'Forms export' voor Alpha BV" in err
    assert "Traceback" not in err
    code, out, err = _run(capsys, "mapping", "list", "--org", "Alpha BV", "--lang", "en", *db)
    assert code == 0 and out.strip() == "No saved mappings."
