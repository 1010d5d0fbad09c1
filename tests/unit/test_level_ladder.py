"""The level ladder says where the index sits on the five levels: bands from each level's threshold,
named, with current and target drawn across at their scores (it used to draw five bars of heights
1-5 that meant nothing of their own)."""

from __future__ import annotations

import pytest

from omni import charts


@pytest.fixture(scope="module")
def demo():
    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.scoring import score
    from omni.survey.reader import survey_from_answers

    framework = get_framework()
    return score(survey_from_answers(framework, demo_respondents(framework, n=12, seed=3), source="test"))


def _layers(spec: dict) -> list[dict]:
    datasets = spec.get("datasets", {})
    out = []
    for layer in spec["layer"]:
        data = layer["data"]
        out.append({**layer, "rows": data.get("values") or datasets.get(data.get("name"), [])})
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bands_start_at_each_levels_threshold_and_carry_its_name(demo, lang):
    spec = charts.level_ladder(demo, lang, width=430).to_dict()
    bands, names, rules, *values = _layers(spec)
    fw = demo.framework
    assert [(r["level"], r["y"]) for r in bands["rows"]] == [(lv.level, float(lv.level)) for lv in fw.levels]
    assert [r["y2"] for r in bands["rows"]][:4] == [2.0, 3.0, 4.0, 5.0]  # level k spans [k, k+1); 5 only at 5.00
    assert [r["label"] for r in names["rows"]] == [f"{lv.level} · {lv.name(lang)}" for lv in fw.levels]
    assert bands["encoding"]["y"]["axis"]["values"] == [1, 2, 3, 4, 5]


def test_current_and_target_are_drawn_at_their_scores_with_their_numbers(demo):
    spec = charts.level_ladder(demo, "nl", width=430).to_dict()
    _bands, _names, rules, *values = _layers(spec)
    o = demo.overall
    assert [round(r["value"], 6) for r in rules["rows"]] == [round(o.current, 6), round(o.target, 6)]
    texts = [row["text"] for layer in values for row in layer["rows"]]
    assert texts == [f"Huidig {o.current:.2f}".replace(".", ","), f"Gewenst {o.target:.2f}".replace(".", ",")]
    assert rules["encoding"]["y"]["scale"]["domain"][0] == 1  # the same score scale as the bands
