"""The user's column mapping fed back into read_survey and `omni score --mapping`."""

from __future__ import annotations

import pytest
import yaml
from helpers import run_cli
from openpyxl import Workbook
from test_forms_exports import assert_scores, make_people, ms_forms_choice_nl

from omni.scoring import score
from omni.survey import read_survey
from omni.survey.mapping import (
    ColumnRule,
    MappingError,
    dump_mapping,
    load_mapping,
    mapping_from_column_map,
    parse_mapping,
)


def own_headers_sheet(framework, people, path):
    """A consultant's sheet whose headers no matching can place: 'Vraag 1 nu', 'Vraag 1 straks'."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    header = ["Wie", "Functie-omschrijving"]
    for i, _ in enumerate(framework.questions, start=1):
        header += [f"V{i} nu", f"V{i} straks"]
    ws.append(header)
    for person in people:
        row = [person.name, "Directie"]
        for q in framework.questions:
            row += [{"na": "n.v.t.", "dk": "weet niet"}.get(v, v) for v in person.answers[q.id]]
        ws.append(row)
    wb.save(path)
    return path


def own_mapping(framework) -> dict:
    columns = {"Wie": {"fact": "name"}, "Functie-omschrijving": "ignored"}
    for i, q in enumerate(framework.questions, start=1):
        columns[f"V{i} nu"] = {"question": q.id, "field": "current"}
        columns[f"v{i}  STRAKS"] = {"question": q.id.lower(), "field": "target"}  # case and spacing do not matter
    return {"columns": columns}


def test_a_mapping_places_columns_no_matching_could(tmp_path, framework):
    people = make_people(framework, 4, seed=20)
    path = own_headers_sheet(framework, people, tmp_path / "eigen.xlsx")
    assert not read_survey([path]).ok  # without the mapping nothing is found

    survey = read_survey([path], mapping=own_mapping(framework))
    assert_scores(survey, framework, people)
    assert list(survey.respondents["name"]) == [p.name for p in people]
    cmap = survey.column_map.set_index("header")
    assert cmap.loc["V1 straks", ["question", "field", "matched_by", "reason"]].tolist() == [
        framework.questions[0].id, "target", "mapping", "mapping"]
    assert cmap.loc["Functie-omschrijving", ["matched_by", "reason"]].tolist() == ["ignored", "mapping"]


def test_the_column_map_round_trips_and_a_correction_changes_the_scores(tmp_path, framework):
    people = make_people(framework, 5, seed=21)
    path = ms_forms_choice_nl(framework, people, tmp_path / "form.xlsx")
    survey = read_survey([path])
    rules = mapping_from_column_map(survey.column_map)
    file = tmp_path / "map.yaml"
    file.write_text(dump_mapping(rules), encoding="utf-8")
    again = read_survey([path], mapping=load_mapping(file))
    assert again.answers.equals(survey.answers)
    assert set(again.column_map.loc[again.column_map["question"] != "", "reason"]) == {"mapping"}

    # the user says the first question's two columns were swapped
    q = framework.questions[0]
    swapped = tuple(ColumnRule(r.header, r.kind, r.question, {"current": "target", "target": "current"}[r.field])
                    if r.question == q.id else r for r in rules)
    corrected = read_survey([path], mapping=swapped)
    before = survey.answers.set_index(["respondent", "question"])
    after = corrected.answers.set_index(["respondent", "question"])
    for rid in survey.respondents["respondent"]:
        b, a = before.loc[(rid, q.id)], after.loc[(rid, q.id)]
        assert (a["current"] == b["target"] or (a["current"] != a["current"] and b["target"] != b["target"]))
    assert not score(corrected).dimension_scores.equals(score(survey).dimension_scores)


@pytest.mark.parametrize("raw, message", [
    ({"kolommen": {}}, "expected a 'columns:' section"),
    ({"columns": {"A": {"fact": "shoe size"}}}, "columns['A']: unknown fact 'shoe size'"),
    ({"columns": {"A": {"question": "VIS-1", "field": "later"}}}, "columns['A']: field must be one of"),
    ({"columns": {"A": 42}}, "columns['A']: expected"),
])
def test_a_malformed_mapping_names_the_entry(raw, message):
    with pytest.raises(MappingError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_mapping(raw)


def test_cli_writes_a_mapping_and_takes_it_back(tmp_path, framework):
    people = make_people(framework, 3, seed=22)
    sheet = own_headers_sheet(framework, people, tmp_path / "eigen.xlsx")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(yaml.safe_dump(own_mapping(framework), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "gelezen.yaml"

    def run(*extra):
        return run_cli("score", str(sheet), "--lang", "en", *extra)

    refused = run()
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    scored = run("--mapping", str(mapping), "--mapping-out", str(out))
    assert scored.returncode == 0, scored.stderr
    assert "Respondents: 3" in scored.stdout
    assert load_mapping(out)[2] == ColumnRule("V1 nu", "question", framework.questions[0].id, "current")

    mapping.write_text("columns:\n  V1 nu: {question: VIS-1, field: soon}\n", encoding="utf-8")
    bad = run("--mapping", str(mapping))
    assert bad.returncode == 2 and "Traceback" not in bad.stdout + bad.stderr
    assert "map.yaml: columns['V1 nu']: field must be one of current, target, comment" in bad.stderr


def test_a_dimensions_importance_is_mapped_written_and_read_back(framework):
    """`{importance: <dimension>}`; a mapping written before this form (the column map's own
    `question: importance:<dimension>, field: importance`) is read the same way."""
    dimension = framework.dimensions[0].id
    rules = parse_mapping({"columns": {"Belang A": {"importance": dimension.upper()},
                                       "Belang B": {"question": f"importance:{dimension}", "field": "importance"}}})
    assert rules == (ColumnRule("Belang A", "importance", field=dimension),
                     ColumnRule("Belang B", "importance", field=dimension))
    assert yaml.safe_load(dump_mapping(rules))["columns"]["Belang A"] == {"importance": dimension}
    assert parse_mapping({"columns": {"C": {"question": dimension, "field": "importance"}}}) == (
        ColumnRule("C", "importance", field=dimension),)
    for odd in ("", 3, [dimension], True, None):
        with pytest.raises(MappingError, match=r"expected .*\{importance: DIMENSION\}"):
            parse_mapping({"columns": {"Belang": {"importance": odd}}})


def test_a_mapped_importance_of_an_unknown_dimension_is_said_not_dropped(tmp_path, framework):
    wb = Workbook()
    ws = wb.active
    q = framework.questions[0]
    ws.append(["Naam", f"{q.id} Huidig", f"{q.id} Gewenst", "Hoe belangrijk?", "Hoe belangrijk nog eens?"])
    ws.append(["Anna", 2, 4, 5, 3])
    wb.save(tmp_path / "eigen.xlsx")
    dimension = framework.dimensions[0]
    survey = read_survey([tmp_path / "eigen.xlsx"], framework, mapping={"columns": {
        "Hoe belangrijk?": {"importance": dimension.id}, "Hoe belangrijk nog eens?": {"importance": "visoin"}}})
    assert survey.importance[["dimension", "importance"]].values.tolist() == [[dimension.id, 5.0]]
    (said,) = [p for p in survey.problems if p.key == "problem.unknown_dimension"]
    assert (said.sheet, said.cell) == ("Sheet", "E1")
    assert "'visoin'" in said.describe("nl") and dimension.id in said.describe("en")
    # the rule stays in the column map (and so in the editor and a downloaded mapping), to be corrected
    assert ColumnRule("Hoe belangrijk nog eens?", "importance", field="visoin") in mapping_from_column_map(
        survey.column_map)


def test_the_mapping_editor_offers_each_dimensions_importance(framework):
    from omni.ui.mapping_editor import choices, label_of

    options = choices(framework, "nl")
    offered = [rule.field for rule in options.values() if rule.kind == "importance"]
    assert offered == [d.id for d in framework.dimensions]
    rule = ColumnRule("Hoe belangrijk?", "importance", field=framework.dimensions[1].id)
    assert label_of(rule, options) == f"Belang voor de strategie · {framework.dimensions[1].name('nl')}"
