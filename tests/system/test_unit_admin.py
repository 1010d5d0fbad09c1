"""Managing an organisation's units (#19): add, rename (respondents follow), remove (refused while
anything refers to the unit, with a message that says what), what the organisation calls them; only
members of the organisation and administrators, audited, on SQLite and PostgreSQL; the CLI alike."""

from __future__ import annotations

import json

import pytest
from helpers import run_cli
from sqlalchemy import select

from omni.rounds import RoundLimits
from omni.scoring import score
from omni.store import StoreError
from omni.store.access import AuditAction, Identity, account_of, add_member, audit_entries, sign_in
from omni.store.assessments import load_survey, save_assessment
from omni.store.engine import reading
from omni.store.rounds import (
    close_round,
    load_round_survey,
    open_round,
    save_answers,
    start_respondent,
    submit,
)
from omni.store.schema import units
from omni.store.scope import scoped
from omni.store.units import (
    UnitUses,
    add_unit,
    list_units,
    remove_unit,
    rename_unit,
    set_unit_label,
    unit_label,
    unit_uses,
)
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.unit_admin import UnitWord, clean_label, kind_of
from omni.units import unit_names

ISSUER = "https://idp.example.test"
UNLIMITED = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)


def _group(framework, names=("Merk A", "merk a", "Merk B", "Merk B", "Merk C")):
    rows = [RespondentAnswers({"role": "marketing", "unit": unit}, {q.id: (3, 5, "") for q in framework.questions})
            for unit in names]
    return score(survey_from_answers(framework, rows))


def _people(engine, alpha_id: int, beta_id: int):
    alice = sign_in(engine, Identity(ISSUER, "alice", name="Alice"))
    bob = sign_in(engine, Identity(ISSUER, "bob"))
    add_member(engine, alice.id, alpha_id)
    add_member(engine, bob.id, beta_id)
    return (scoped(engine, account_of(engine, alice.identity).scope()),
            scoped(engine, account_of(engine, bob.identity).scope()))


def test_the_word_for_units_in_each_language():
    assert UnitWord().one("nl") == "Eenheid" and UnitWord().many("en") == "Units"
    assert clean_label(" merken ") == "brand" == clean_label("Brand") == kind_of("MERK")
    brand = UnitWord(clean_label("Merk"))
    assert (brand.one("nl"), brand.many("nl"), brand.one("en"), brand.many("en")) == (
        "Merk", "Merken", "Brand", "Brands")
    assert UnitWord(clean_label("land")).heading("unitadmin.title", "en") == "Countries of the group"
    own = UnitWord(clean_label("  Cluster / Clusters "))
    assert (own.label, own.one("nl"), own.many("en")) == ("Cluster/Clusters", "Cluster", "Clusters")
    assert UnitWord(clean_label("Vestiging")).many("nl") == "Vestiging"  # no plural given: the word itself
    assert UnitWord().column("nl").startswith("Eenheid (") and brand.column("en") == "Brand"
    assert clean_label("   ") == "" and len(clean_label("x" * 500)) == 64


def test_rename_carries_the_respondents_and_remove_is_refused_while_anything_refers(engine, framework):
    saved = save_assessment(engine, _group(framework), wave="2026", organisation="Alpha Groep")
    round_, token = open_round(engine, "Alpha Groep", "2027", unit="Merk C", limits=UNLIMITED)
    person, resume = start_respondent(engine, token, language="nl", role="it", department="IT", limits=UNLIMITED)
    save_answers(engine, resume, {q.id: (4, 5, "") for q in framework.questions})
    submit(engine, resume)
    close_round(engine, round_.id)

    assert unit_uses(engine, "Alpha Groep", "merk a") == UnitUses(0, 0, 2)  # "Merk A" and "merk a" are one unit
    renamed, uses = rename_unit(engine, "alpha groep", "Merk A", "Brand Alpha")
    assert renamed.name == "Brand Alpha" and uses.respondents == 2
    assert unit_names(score(load_survey(engine, saved.id))) == ["Brand Alpha", "Merk B", "Merk C"]
    assert [u.name for u in list_units(engine, "Alpha Groep")] == ["Brand Alpha", "Merk B", "Merk C"]
    with pytest.raises(StoreError) as taken:
        rename_unit(engine, "Alpha Groep", "Merk B", "brand alpha")
    assert "Brand Alpha" in taken.value.message("en") and "samenvoegen" in taken.value.message("nl")
    assert rename_unit(engine, "Alpha Groep", "Merk B", "MERK B")[0].name == "MERK B"  # spelling only

    with pytest.raises(StoreError) as refused:  # the round is of Merk C, and one saved respondent named it
        remove_unit(engine, "Alpha Groep", "Merk C")
    assert refused.value.key == "unit_in_use"
    assert refused.value.message("nl") == (
        "eenheid ‘Merk C’ kan niet weg: er verwijzen 0 opgeslagen meting(en), 1 ronde(s) en 2 respondent(en) "
        "naar. Hernoem haar, of verwijder eerst die metingen en rondes")
    assert "1 round(s) and 2 respondent(s) refer to it" in refused.value.message("en")
    assert unit_names(score(load_round_survey(engine, round_.id))) == ["Merk C"]

    add_unit(engine, "Alpha Groep", "Merk D")
    assert remove_unit(engine, "Alpha Groep", "merk d").name == "Merk D"
    assert "Merk D" not in [u.name for u in list_units(engine, "Alpha Groep")]
    with pytest.raises(StoreError) as gone:
        remove_unit(engine, "Alpha Groep", "Merk D")
    assert gone.value.message("en") == "‘Alpha Groep’ has no unit ‘Merk D’"
    details = list(audit_entries(engine, action=AuditAction.UNIT)["detail"])
    assert details[:3] == ["unit removed: Merk D", "unit added: Merk D", "unit renamed: Merk B -> MERK B "
                           "(0 wave(s), 0 round(s), 2 respondent(s))"]


def test_only_the_organisations_members_manage_its_units(engine, framework):
    alpha = save_assessment(engine, _group(framework), wave="2026", organisation="Alpha Groep")
    beta = save_assessment(engine, _group(framework), wave="2026", organisation="Beta BV")
    alice, bob = _people(engine, alpha.organisation_id, beta.organisation_id)
    for attempt in (lambda: rename_unit(bob, "Alpha Groep", "Merk A", "Gekaapt"),
                    lambda: remove_unit(bob, "Alpha Groep", "Merk A"),
                    lambda: unit_uses(bob, "Alpha Groep", "Merk A"),
                    lambda: add_unit(bob, "Alpha Groep", "Inbreker"),
                    lambda: set_unit_label(bob, "Alpha Groep", "Land")):
        with pytest.raises(StoreError):
            attempt()
    assert add_unit(alice, "Alpha Groep", "Merk Z").name == "Merk Z"
    assert rename_unit(alice, "Alpha Groep", "Merk Z", "Merk Y")[0].name == "Merk Y"
    remove_unit(alice, "Alpha Groep", "Merk Y")
    set_unit_label(alice, "Alpha Groep", "merken")
    assert unit_label(alice, "Alpha Groep") == "brand" and unit_label(engine, "Beta BV") == ""
    # Beta's units are untouched by Alpha's renames
    assert [u.name for u in list_units(bob, "Beta BV")] == ["Merk A", "Merk B", "Merk C"]
    entries = audit_entries(engine, action=AuditAction.UNIT)
    assert set(entries["actor"]) == {"Alice"} and set(entries["organisation"]) == {"Alpha Groep"}


def test_row_level_security_refuses_another_organisations_unit(pg_engine, framework):
    alpha = save_assessment(pg_engine, _group(framework), wave="2026", organisation="Alpha Groep")
    beta = save_assessment(pg_engine, _group(framework), wave="2026", organisation="Beta BV")
    _, bob = _people(pg_engine, alpha.organisation_id, beta.organisation_id)
    with reading(bob) as connection:  # even without a filter, only Beta's units exist for Bob
        assert set(connection.scalars(select(units.c.organisation_id))) == {beta.organisation_id}


def test_the_cli_manages_units(tmp_path):
    db = f"sqlite:///{tmp_path / 'units.sqlite3'}"
    run = lambda *a: run_cli("unit", *a, "--org", "Gamma Groep", "--database", db)  # noqa: E731
    assert run("add", "Merk A", "--lang", "en").stdout.strip() == "‘Merk A’ was added."
    assert run("add", "Merk B").returncode == 0
    assert "heet nu ‘Merk Bee’" in run("rename", "Merk B", "Merk Bee").stdout
    refused = run("rename", "Merk A", "merk bee", "--lang", "en")
    assert refused.returncode == 2 and "there already is a unit ‘Merk Bee’" in refused.stderr
    assert run("label", "Regio").returncode == 0
    assert run("label", "--lang", "en").stdout.strip() == "Regions"
    listed = json.loads(run("list", "--json", "--lang", "en").stdout)
    assert listed["label"] == "region" and listed["called"] == {"one": "Region", "many": "Regions"}
    assert [u["name"] for u in listed["units"]] == ["Merk A", "Merk Bee"]
    assert run("remove", "Merk A").stdout.strip() == "‘Merk A’ is verwijderd."
    missing = run("remove", "Merk A", "--lang", "en")
    assert missing.returncode == 2 and "has no unit ‘Merk A’" in missing.stderr and "Traceback" not in missing.stderr


def test_the_unit_charts_say_the_organisations_word_and_numbers_in_the_readers_language(framework):
    import json

    from omni.chart_text import unit_heatmap as heatmap_text
    from omni.unit_charts import unit_heatmap, unit_radars
    from omni.units import unit_view

    group = _group(framework)
    view = unit_view(group, 1)
    dutch = json.dumps(unit_heatmap(view, framework, "current", "nl", unit_label="region").to_dict())
    assert "Huidige score per regio" in dutch and '"label": "3,0"' in dutch and '"label": "3.0"' not in dutch
    assert '"label": "3.0"' in json.dumps(unit_heatmap(view, framework, "current", "en").to_dict())
    assert unit_radars(view, framework, "en", unit_label="region").to_dict()["title"] == \
        "Current and target per region"
    assert heatmap_text(view, framework, "target", "en", unit_label="Cluster/Clusters").startswith("Cluster (Target)")


def test_the_cli_export_uses_the_saved_word_or_the_one_given(tmp_path, framework):
    from openpyxl import load_workbook

    from omni.store import open_store
    from omni.template import write_workbook

    db = f"sqlite:///{tmp_path / 'export.sqlite3'}"
    engine = open_store(db)
    set_unit_label(engine, "Export Groep", "Land")
    engine.dispose()
    rows = [RespondentAnswers({"role": "marketing", "unit": unit, "organisation": "Export Groep"},
                              {q.id: (3, 5, "") for q in framework.questions}) for unit in ("NL", "NL", "BE", "BE")]
    upload = tmp_path / "groep.xlsx"
    write_workbook(upload, framework, "en", "respondents", rows)
    for extra, sheet, heading in (((), "Countries", "Country"), (("--unit-label", "Cluster/Clusters"), "Clusters",
                                                                  "Cluster")):
        out = tmp_path / f"{sheet}.xlsx"
        done = run_cli("export", str(upload), "--xlsx", str(out), "--database", db, "--lang", "en", *extra)
        assert done.returncode == 0, done.stderr
        wb = load_workbook(out)
        assert sheet in wb.sheetnames
        cells = [row[0] for row in wb[sheet].iter_rows(values_only=True)]
        assert cells[0] == f"{sheet} of the group" and heading in cells
