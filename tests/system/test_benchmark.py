"""The benchmark: fixed groups, the small-group rule, percentiles against a reference, nothing identifying."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from helpers import ROOT, run_cli

from omni.benchmark import (
    MIN_PEERS,
    POSITION_STEP,
    PUBLISH_STEP,
    PeerGroup,
    compare,
    default_group,
    first_sufficient,
    group_for,
    n_band,
    position,
    run_benchmark,
    written_comparison,
)
from omni.demo import demo_respondents
from omni.peers import import_peers, read_peer_file, write_peer_file
from omni.scoring import score
from omni.store.assessments import save_assessment
from omni.store.organisations import set_peer_opt_in
from omni.store.peer_entries import OVERALL, GroupScores, contribute_assessment, set_status
from omni.survey.reader import survey_from_answers

DIMS = ["vision", "organisation", "audiences", "activation", "martech"]
FACTS = {"organisation": "Kijker BV", "sector": "fashion", "size_band": "m", "channel_model": "store_led",
         "date": "2026-03-01"}


def percentile_rank(values, score: float) -> float:
    """The textbook definition, written out plainly: share below, ties counted half."""
    below = sum(1 for v in values if round(v, 2) < score)
    ties = sum(1 for v in values if round(v, 2) == score)
    return 100 * (below + 0.5 * ties) / len(values)




@pytest.fixture(scope="module")
def viewer(framework):
    people = demo_respondents(framework, n=3, seed=9)
    for person in people:
        person.facts = {**person.facts, **FACTS}
    return score(survey_from_answers(framework, people))


def _load(engine, framework, tmp_path, rows, name="peers"):
    frame = pd.DataFrame([{"peer_id": p, "sector": s, "size_band": b, "channel_model": m, "country": "NL",
                           "year": y, **{d: v for d in DIMS}, "synthetic": False} for p, s, b, m, y, v in rows])
    peer_file = read_peer_file(write_peer_file(frame, tmp_path / f"{name}.csv"), framework)
    assert peer_file.ok, [p.describe("en") for p in peer_file.problems]
    import_peers(engine, peer_file, peer_set=name)


def test_small_group_rule_holds_at_exactly_the_minimum(engine, framework, viewer, tmp_path):
    four = [(f"f{i}", "fashion", "m", "store_led", 2026, 2.0 + i / 4) for i in range(MIN_PEERS - 1)]
    others = [(f"o{i}", "food", "l", "brand", 2025, 3.0) for i in range(10)]
    _load(engine, framework, tmp_path, four + others)
    group = default_group(viewer)
    assert (group.sector, group.size_band, group.channel_model, group.year) == ("fashion", "m", "store_led", 2026)
    small = run_benchmark(engine, viewer, group)
    assert small.organisations == MIN_PEERS - 1 and not small.sufficient
    assert small.to_dict(framework)["n"] is None and "dimensions" not in small.to_dict(framework)
    assert written_comparison(small, framework, "en") == []
    asked, broader = first_sufficient(engine, viewer, group)
    assert asked is not None and broader is not None
    assert (broader.group.sector, broader.group.size_band, broader.group.channel_model) == (None, None, None)
    assert broader.organisations == 14

    # a fifth organisation makes the group visible ...
    _load(engine, framework, tmp_path, [("f9", "fashion", "m", "store_led", 2025, 4.0)], name="more")
    assert run_benchmark(engine, viewer, group).sufficient
    # ... but not when it is the viewer's own (stored) organisation
    save_assessment(engine, viewer, wave="2026")
    _load(engine, framework, tmp_path, [("Kijker BV", "fashion", "m", "store_led", 2026, 1.0)], name="own")
    mine = run_benchmark(engine, viewer, group)
    assert mine.organisations == MIN_PEERS
    # and an organisation with several waves counts once
    _load(engine, framework, tmp_path, [("f0", "fashion", "m", "store_led", 2024, 1.5)], name="older")
    assert run_benchmark(engine, viewer, group).organisations == MIN_PEERS


def test_broader_groups_form_a_fixed_ladder():
    group = PeerGroup("fw", 2026, "fashion", "m", "store_led")
    ladder = []
    while group is not None:
        ladder.append((group.sector, group.size_band, group.channel_model, group.years))
        group = group.broader()
    assert ladder == [("fashion", "m", "store_led", "recent"), ("fashion", None, "store_led", "recent"),
                      ("fashion", None, None, "recent"), (None, None, None, "recent"), (None, None, None, "all")]
    assert PeerGroup("fw", 2026).year_from == 2024


def test_statistics_match_a_reference_and_show_nothing_identifying(framework, viewer):
    rng = np.random.default_rng(3)
    values = rng.integers(100, 501, size=(37, 6)).astype("<u2")
    values[3, 2] = 0  # one peer without an audiences score
    bench = compare(PeerGroup(framework.id, 2026), GroupScores(tuple(DIMS + [OVERALL]), values, 0), viewer)
    assert bench.sufficient and bench.organisations == 37 and bench.n_label == "20–49"
    mine = viewer.dimension_scores.set_index("dimension")["current"]
    for i, row in enumerate(bench.rows.itertuples()):
        column = values[:, i][values[:, i] > 0] / 100
        score_ = viewer.overall.current if row.dimension == OVERALL else mine[row.dimension]
        assert row.n == n_band(len(column))
        # published: the exact quantiles rounded to the step, nothing finer
        for name, q in (("p10", 0.1), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9)):
            exact = float(np.quantile(column, q))
            assert getattr(row, name) == pytest.approx(PUBLISH_STEP * math.floor(exact / PUBLISH_STEP + 0.5))
            assert abs(getattr(row, name) - exact) <= PUBLISH_STEP / 2 + 1e-9
        # the own position is estimated from those published figures, within a step or so of the true rank
        assert row.percentile % POSITION_STEP == 0
        assert row.percentile == position(score_, row._asdict())
        assert abs(row.percentile - percentile_rank(column, round(score_, 2))) <= 15
    shown = bench.to_dict(framework, "en")
    for row in shown["dimensions"]:  # exactly these figures, nothing else about the peers
        assert set(row) == {"id", "name", "score", "percentile", "p25", "median", "p75", "n"}
    for row in bench.to_dict(framework)["dimensions"]:  # only quantiles, never a minimum or maximum value
        column = values[:, DIMS.index(row["id"]) if row["id"] in DIMS else 5]
        assert row["p25"] > column[column > 0].min() / 100 and row["p75"] < column.max() / 100


def test_written_comparison_names_group_dimension_and_n(framework, viewer):
    values = np.tile(np.array([[100, 100, 100, 100, 100, 100]], dtype="<u2"), (9, 1))
    values[:, 3] = 500  # everyone is far ahead on activation
    bench = compare(group_for(viewer, sector="fashion"), GroupScores(tuple(DIMS + [OVERALL]), values, 9), viewer)
    lines = written_comparison(bench, framework, "en")
    ahead = bench.dimensions.set_index("dimension").loc["vision", "percentile"]
    assert ahead >= 75  # every peer at 1.00: at least the top quarter
    assert (f"Ahead of about {ahead:.0f}% of fashion and footwear organisations on Vision and support "
            "(median 1.00, n = 5–9).") in lines
    behind = bench.dimensions.set_index("dimension").loc["activation", "percentile"]
    assert behind <= 25  # every peer at 5.00: at most the bottom quarter
    assert any(line.startswith(f"Behind about {100 - behind:.0f}% of fashion and footwear organisations on Activation")
               for line in lines)
    assert any(f"Voor op ongeveer {ahead:.0f}% van de organisaties in mode en schoenen" in line
               for line in written_comparison(bench, framework, "nl"))


def test_demo_organisation_is_benchmarked_out_of_the_box(tmp_path):
    def omni(*args):
        return run_cli(*args, env={"OMNI_DATA_DIR": str(tmp_path / "var")})

    sample = str(ROOT / "data/samples/demo-survey-en.xlsx")
    result = omni("benchmark", sample, "--json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sufficient"] and data["n"] in {n_band(n) for n in range(MIN_PEERS, 700)}
    assert data["synthetic_peers"] is True
    assert data["group"]["sector"] == "home" and data["group"]["channel_model"] == "store_led"
    assert [d["id"] for d in data["dimensions"]] == DIMS + ["overall"]
    assert all(0 <= d["percentile"] <= 100 and d["p25"] <= d["median"] <= d["p75"] for d in data["dimensions"])
    text = omni("benchmark", sample, "--sector", "Wonen en interieur", "--lang", "en")
    assert text.returncode == 0 and "synthetic demo data" in text.stdout and "Percentile" in text.stdout
    small = omni("benchmark", sample, "--sector", "fashion", "--size", "xl", "--channel-model", "pure_player",
                 "--lang", "en")
    assert small.returncode == 2
    assert "fewer than 5 other organisations" in small.stderr and "Try the broader group" in small.stderr
    assert "Traceback" not in small.stderr
    unknown = omni("benchmark", sample, "--sector", "bakery")
    assert unknown.returncode == 2 and "unknown sector 'bakery'" in unknown.stderr


def test_a_saved_and_approved_contribution_is_never_its_own_peer(engine, framework, viewer, tmp_path):
    _load(engine, framework, tmp_path, [(f"f{i}", "fashion", "m", "store_led", 2026, 3.0) for i in range(5)])
    saved = save_assessment(engine, viewer, wave="2026")
    set_peer_opt_in(engine, "Kijker BV", True)
    set_status(engine, [contribute_assessment(engine, saved.id)], "approved")
    group = default_group(viewer)
    assert run_benchmark(engine, viewer, group).organisations == 5  # itself left out
    other = run_benchmark(engine, viewer, group, organisation="Iemand Anders")
    assert other.organisations == 6
    assert not math.isnan(other.overall["percentile"])
