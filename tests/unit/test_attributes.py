"""omni/attributes.py: respondent facts as the forms tools write them."""

from __future__ import annotations

from omni.attributes import ROLES, to_code


def test_a_label_in_either_language_or_the_code_is_the_code():
    executive = ROLES[0]
    for text in (executive.code, executive.text["nl"], executive.text["en"], f"  {executive.text['nl'].upper()} "):
        assert to_code("role", text) == executive.code, text
    assert to_code("role", " Inkoop ") == "Inkoop"  # a role of one's own stays as typed


def test_a_microsoft_forms_multiple_answer_cell():
    executive, marketing = ROLES[0], ROLES[1]
    assert to_code("role", f"{executive.text['nl']};") == executive.code  # one choice, as Forms writes it
    assert to_code("role", f"{executive.text['en']} ; ") == executive.code
    both = f"{executive.text['nl']};{marketing.text['nl']};"
    assert to_code("role", both) == both.rstrip(";")  # two choices: not one of them, kept readable
    assert to_code("role", "Inkoop;") == "Inkoop"


def test_a_free_fact_with_forms_trailing_semicolon():
    from omni.survey.workbook import fact_value

    assert fact_value("unit", "Merk A;") == fact_value("unit", "Merk A") == "Merk A"
    assert fact_value("department", "IT;Marketing;") == "IT;Marketing;"  # several: as typed
