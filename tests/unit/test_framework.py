"""The framework is data: both built-in files load, validate, and broken files say where."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from omni.framework import FRAMEWORK_DIR, FrameworkError, builtin_frameworks, load_framework
from omni.i18n import LANGUAGES

FIXED_IDS = ["vision", "organisation", "audiences", "activation", "martech"]


def test_default_framework_has_the_five_fixed_dimensions(framework):
    assert [d.id for d in framework.dimensions] == FIXED_IDS
    names = {d.id: (d.name("nl"), d.name("en")) for d in framework.dimensions}
    assert names["vision"] == ("Visie en draagvlak", "Vision and support")
    assert names["martech"] == ("Marketingtechnologie", "Marketing technology")
    assert [lv.name("en") for lv in framework.levels] == [
        "Single-channel", "Multichannel", "Cross-channel", "Omnichannel", "Customer-centric ecosystem"]


@pytest.mark.parametrize("fid", ["omnichannel-maturity", "seven-step-experience"])
def test_builtin_framework_is_complete(fid):
    fw = builtin_frameworks()[fid]
    assert fw.version
    ids = [q.id for q in fw.questions]
    assert len(ids) == len(set(ids))
    for d in fw.dimensions:
        assert 5 <= len(d.questions) <= 8, d.id
        assert d.weight > 0
        for level in range(1, 6):
            if d.advice_plans:  # structured: the step, owner, prerequisite, effort and done-when lines
                assert len(d.advice_for(level)) == 5
            else:
                assert 2 <= len(d.advice_for(level)) <= 3
        for q in d.questions:
            assert len(q.options) == 5 and q.weight > 0
            for lang in LANGUAGES:
                assert q.text(lang).strip() and q.topic(lang).strip()
                assert all(o(lang).strip() for o in q.options)
                # the options are five different descriptions, not repeats
                assert len({o(lang) for o in q.options}) == 5


def test_roadmap_order_puts_vision_before_technology(framework):
    seq = {d.id: d.sequence for d in framework.dimensions}
    assert seq["vision"] < seq["organisation"] < seq["martech"]


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _break_missing_english(raw):
    del raw["dimensions"][1]["questions"][2]["text"]["en"]


def _break_four_options(raw):
    raw["dimensions"][0]["questions"][0]["options"].pop()


def _break_duplicate_question(raw):
    raw["dimensions"][2]["questions"][1]["id"] = raw["dimensions"][0]["questions"][0]["id"]


def _break_negative_weight(raw):
    raw["dimensions"][3]["questions"][0]["weight"] = -1


def _break_weight_note_without_weight(raw):  # a reason for a weight the question does not have
    raw["dimensions"][3]["questions"][0]["weight_note"] = {"nl": "telt half", "en": "counts half"}


def _break_weight_note_language(raw):
    act8 = next(q for q in raw["dimensions"][3]["questions"] if q["id"] == "ACT-8")
    del act8["weight_note"]["en"]


def _break_zero_dimension_weight(raw):
    raw["dimensions"][4]["weight"] = 0


def _break_duplicate_dimension(raw):
    raw["dimensions"][1]["id"] = raw["dimensions"][0]["id"]


def _break_advice_languages(raw):  # version 1.0 lists plain steps per language
    raw["dimensions"][0]["advice"][2]["en"].append("extra step")


def _break_effort(raw):
    raw["dimensions"][1]["advice"][3]["effort"] = "XL"


def _break_plan_missing_owner(raw):
    del raw["dimensions"][2]["advice"][4]["owner"]


def _break_mixed_advice(raw):
    raw["dimensions"][0]["advice"][5] = {"nl": ["stap"], "en": ["step"]}


def _break_unknown_requirement(raw):
    raw["dimensions"][3]["requires"] = ["vision", "finance"]


def _break_circular_requirement(raw):
    raw["dimensions"][0]["requires"] = ["martech"]


def _break_descriptor_language(raw):
    del raw["dimensions"][4]["level_descriptors"][3]["en"]


def _break_version(raw):
    raw["version"] = "twee"


def _break_levels(raw):
    raw["levels"].pop()


@pytest.mark.parametrize("breaker, entry_part, message_part", [
    (_break_missing_english, "questions.ORG-3.text.en", "missing or empty"),
    (_break_four_options, "questions.VIS-1.options", "expected 5 options"),
    (_break_duplicate_question, "questions.VIS-1", "duplicate question id"),
    (_break_negative_weight, "questions.ACT-1.weight", "positive number"),
    (_break_zero_dimension_weight, "dimensions.martech.weight", "positive number"),
    (_break_weight_note_without_weight, "questions.ACT-1.weight_note", "weighs 1"),
    (_break_weight_note_language, "questions.ACT-8.weight_note.en", "missing"),
    (_break_duplicate_dimension, "dimensions.vision", "duplicate dimension id"),
    (_break_advice_languages, "dimensions.vision.advice.2", "same number of steps"),
    (_break_levels, "levels", "expected 5 levels"),
    (_break_effort, "dimensions.organisation.advice.3.effort", "one of S, M, L"),
    (_break_plan_missing_owner, "dimensions.audiences.advice.4.owner", "missing"),
    (_break_mixed_advice, "dimensions.vision.advice", "for every level"),
    (_break_unknown_requirement, "dimensions.activation.requires", "unknown dimension 'finance'"),
    (_break_circular_requirement, "requires", "cycle"),
    (_break_descriptor_language, "dimensions.martech.level_descriptors.3.en", "missing"),
    (_break_version, "version", "not a version number"),
])
def test_broken_definition_names_file_and_entry(tmp_path, breaker, entry_part, message_part):
    name = "omnichannel-maturity-1.0.yaml" if breaker is _break_advice_languages else "omnichannel-maturity.yaml"
    raw = copy.deepcopy(_raw(FRAMEWORK_DIR / name))
    breaker(raw)
    path = _write(tmp_path, raw)
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    assert str(path) in str(info.value)
    assert entry_part in info.value.entry
    assert message_part in str(info.value)


def test_invalid_yaml_is_reported_with_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\n  levels: [\n", encoding="utf-8")
    with pytest.raises(FrameworkError, match="not valid YAML") as info:
        load_framework(path)
    assert "bad.yaml" in str(info.value)


def test_an_edited_copy_loads_without_code_changes(tmp_path):
    """A consultant renames a question and reweights a dimension: it just loads."""
    raw = _raw(FRAMEWORK_DIR / "omnichannel-maturity.yaml")
    raw["id"] = "my-variant"
    raw["dimensions"][0]["weight"] = 2
    raw["dimensions"][0]["questions"][0]["text"] = {"nl": "Eigen vraag", "en": "Own question"}
    fw = load_framework(_write(tmp_path, raw))
    assert fw.id == "my-variant"
    assert fw.dimension("vision").weight == 2.0
    assert fw.question("VIS-1").text("en") == "Own question"


def test_shipped_frameworks_are_read_by_libyaml_and_mean_the_same_as_with_pure_python():
    """The framework loader uses libyaml's safe loader (PyYAML's wheels ship it; ~9x faster, read by
    every server, worker and CLI run at start) and it reads every shipped file as the pure-Python one does."""
    from omni import framework as module

    assert yaml.__with_libyaml__ and module._SAFE_LOADER is yaml.CSafeLoader
    for path in sorted(FRAMEWORK_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), path.name
