"""`python -m omni actions ...` in process: the same workflow as the page, exit 2 with a message on bad input."""

from __future__ import annotations

import json

import openpyxl

from omni.cli import main


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_update_export_import(tmp_path, capsys):
    db = ["--database", f"sqlite:///{tmp_path / 'omni.sqlite3'}"]
    code, out, err = _run(capsys, "actions", "add", "--org", "Alpha BV", "--wave", "2026", "--title", "Visie delen",
                          "--dimension", "vision", "--questions", "VIS-1", "--level", "3", "--owner", "Anna",
                          "--due", "2020-01-31", *db)
    assert code == 0, err
    assert out.startswith("#1 v1  2020-01-31  Gepland") and "⚠ Te laat" in out
    code, out, err = _run(capsys, "actions", "add", "--org", "Alpha BV", "--title", "Meer", "--dimension", "sales",
                          "--wave", "2026", *db)
    assert code == 2 and "Onderdeel: 'sales' is geen onderdeel van het model" in err and "Traceback" not in err
    code, out, _ = _run(capsys, "actions", "list", "--org", "Alpha BV", "--overdue", "--json", "--lang", "en", *db)
    [listed] = json.loads(out)
    assert listed["title"] == "Visie delen" and listed["overdue"] and listed["questions"] == ["VIS-1"]

    code, out, err = _run(capsys, "actions", "update", "1", "--version", "1", "--status", "done", "--lang", "en",
                          *db)
    assert code == 0 and "Done" in out and "v2" in out
    code, out, err = _run(capsys, "actions", "update", "1", "--version", "1", "--owner", "Bram", "--lang", "en", *db)
    assert code == 2 and "was changed by" in err and "not saved" in err

    xlsx = tmp_path / "plan.xlsx"
    assert _run(capsys, "actions", "export", "--org", "Alpha BV", "-o", str(xlsx), *db)[0] == 0
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Acties"]
    assert sheet["C2"].value == "Visie delen" and sheet["K2"].value == "Klaar"
    sheet.append([None, None, "Nieuw", "Organisatie", None, None, None, None, None, "2027-13-01"])
    book.save(xlsx)
    code, out, err = _run(capsys, "actions", "import", str(xlsx), "--org", "Alpha BV", *db)
    assert code == 2 and "cel J3: Deadline: '2027-13-01' is geen datum" in err
    sheet["J3"] = "2027-12-01"
    book.save(xlsx)
    code, out, err = _run(capsys, "actions", "import", str(xlsx), "--org", "Alpha BV", "--wave", "2026", *db)
    assert code == 0 and "1 nieuw, 0 gewijzigd" in out, err
    ics = tmp_path / "plan.ics"
    assert _run(capsys, "actions", "export", "--org", "Alpha BV", "-o", str(ics), *db)[0] == 0
    assert ics.read_bytes().count(b"BEGIN:VEVENT") == 2
    assert _run(capsys, "actions", "export", "--org", "Alpha BV", "-o", str(tmp_path / "x.pdf"), *db)[0] == 2
