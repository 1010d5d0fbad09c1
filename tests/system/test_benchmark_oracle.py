"""The benchmark is no oracle (issue 15, finding 4): a signed-in user who uploads file after file, under
other organisations' names and with chosen scores, learns nothing beyond the published figures.

The attack that worked before: upload under a peer's name to take that peer out of the group (n drops:
membership), then binary-search one's own score to find the score where the percentile changes with and
without that peer (one peer's Vision score to 0.05 in 7 probes). Here the attacker runs that search
against the real store (SQLite and PostgreSQL) through a signed-in scope.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from omni.benchmark import (
    MIN_PEERS,
    POSITION_STEP,
    PUBLISH_STEP,
    PeerGroup,
    default_group,
    first_sufficient,
    n_band,
    position,
    run_benchmark,
)
from omni.framework import Framework
from omni.peers import import_peers, read_peer_file, write_peer_file
from omni.scoring import Assessment, score
from omni.store.access import Identity, account_of, add_member, sign_in
from omni.store.assessments import save_assessment
from omni.store.organisations import set_peer_opt_in
from omni.store.peer_entries import OVERALL, contribute_assessment, set_status
from omni.store.scope import scoped
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

DIMS = ["vision", "organisation", "audiences", "activation", "martech"]
GROUP = {"sector": "fashion", "size_band": "m", "channel_model": "store_led"}
ISSUER = "https://idp.example.test"
TEAM = 20  # respondents per probe: a Vision score in steps of 0.05


def upload(framework: Framework, organisation: str, vision: float) -> Assessment:
    """What a user gets from uploading a team file: `organisation` as the file's name, the group's
    attributes, and a Vision score of `vision` (to 0.05; every other dimension 3)."""
    base = math.floor(vision)
    up = round((vision - base) * TEAM)
    people = []
    for i in range(TEAM):
        value = min(5, base + (1 if i < up else 0))
        answers = {q.id: ((value if d.id == "vision" else 3), 4, "") for d in framework.dimensions
                   for q in d.questions}
        people.append(RespondentAnswers({"organisation": organisation, **GROUP, "date": "2026-05-01",
                                         "role": "ceo", "department": "Directie"}, answers))
    return score(survey_from_answers(framework, people, source=f"{organisation}.xlsx"))


def _vision(assessment: Assessment) -> float:
    return float(assessment.dimension_scores.set_index("dimension").loc["vision", "current"])


@pytest.fixture
def world(engine, framework, tmp_path):
    """Six anonymous peers and two stored organisations in one group; the attacker is a member of Kijker BV,
    whose own contribution sits in the group, and Target BV (Vision 3.20) contributed too."""
    frame = pd.DataFrame([{"peer_id": f"p{i}", **GROUP, "country": "NL", "year": 2026, "synthetic": False,
                           **{d: v for d in DIMS}} for i, v in enumerate((2.1, 2.6, 2.9, 3.4, 3.7, 4.2))])
    peer_file = read_peer_file(write_peer_file(frame, tmp_path / "peers.csv"), framework)
    assert peer_file.ok
    import_peers(engine, peer_file, peer_set="peers")
    ids = {}
    for name, vision in (("Kijker BV", 2.5), ("Target BV", 3.2)):
        saved = save_assessment(engine, upload(framework, name, vision), wave="2026", organisation=name)
        set_peer_opt_in(engine, name, True)
        set_status(engine, [contribute_assessment(engine, saved.id)], "approved")
        ids[name] = saved.organisation_id
    attacker = sign_in(engine, Identity(ISSUER, "mallory", "mallory@kijker.test", "Mallory"))
    add_member(engine, attacker.id, ids["Kijker BV"])
    return {"attacker": scoped(engine, account_of(engine, attacker.identity).scope()), "ids": ids}


def test_naming_another_organisation_in_the_file_changes_nothing(world, framework):
    attacker = world["attacker"]
    own = run_benchmark(attacker, upload(framework, "Kijker BV", 3.0), PeerGroup(framework.id, 2026, **GROUP))
    # the group is the six peers and Target BV: the attacker's own organisation is left out by the sign-in
    assert own.organisations == 7 and own.n_label == "5–9" and own.sufficient
    for name in ("Target BV", "p3", "Nobody at all", ""):
        other = run_benchmark(attacker, upload(framework, name, 3.0), PeerGroup(framework.id, 2026, **GROUP))
        assert other.organisations == own.organisations and other.n_label == own.n_label
        assert other.published.figures() == own.published.figures()
        # the CLI-style explicit name is ignored in a signed-in scope too
        named = run_benchmark(attacker, upload(framework, "Kijker BV", 3.0), PeerGroup(framework.id, 2026, **GROUP),
                              organisation=name or "Target BV")
        assert named.published.figures() == own.published.figures()


def test_no_sequence_of_uploads_narrows_one_peers_score_below_the_published_band(world, framework):
    """The attacker binary-searches the Vision score at which taking Target BV out of the group (by naming
    it in the file) changes the percentile. Every probe must show the same published figures, so the
    search never finds a difference and ends knowing only what the published band says."""
    attacker = world["attacker"]
    group = PeerGroup(framework.id, 2026, **GROUP)
    seen_figures = set()
    probes = []

    def probe(name: str, vision: float):
        assessment = upload(framework, name, vision)
        bench = run_benchmark(attacker, assessment, group)
        seen_figures.add(bench.published.figures())
        row = bench.dimensions.set_index("dimension").loc["vision"]
        probes.append((name, _vision(assessment), row["percentile"]))
        # the own position is a function of the own score and the published figures only
        assert row["percentile"] == position(_vision(assessment), row.to_dict())
        return bench, row

    low, high = 1.0, 5.0
    found_difference = False
    for _ in range(12):  # more probes than the 7 the original attack needed
        middle = round((low + high) / 2 * TEAM) / TEAM
        _, as_self = probe("Kijker BV", middle)
        _, as_target = probe("Target BV", middle)
        if as_self["percentile"] != as_target["percentile"]:
            found_difference = True
        # the attack's step: if Target BV is below `middle` its removal lowers the percentile
        if as_self["percentile"] > as_target["percentile"]:
            high = middle
        else:
            low = middle
    # ... and a sweep of the whole scale under both names, in the finest steps a file allows
    for step in range(0, 4 * TEAM + 1, 2):
        vision = 1 + step / TEAM
        for name in ("Kijker BV", "Target BV", "Somebody Else"):
            probe(name, vision)
    assert not found_difference
    assert len(seen_figures) == 1, "the published figures changed between uploads"
    published = next(iter(seen_figures))
    assert published[1] == "5–9"  # n as a band
    by_score: dict[float, set[float]] = {}
    for _name, vision, percentile in probes:
        by_score.setdefault(round(vision, 2), set()).add(percentile)
        assert percentile % POSITION_STEP == 0
    assert all(len(p) == 1 for p in by_score.values()), "the name in the file changed the own position"
    # what is published about Vision: quantiles on the PUBLISH_STEP grid, no finer
    bench = run_benchmark(attacker, upload(framework, "Kijker BV", 3.0), group)
    vision_row = bench.dimensions.set_index("dimension").loc["vision"]
    for name in ("p25", "median", "p75"):
        assert (vision_row[name] / PUBLISH_STEP).is_integer()


def test_the_published_figures_do_not_depend_on_the_uploaded_file(world, framework):
    """Different files in the same group (other scores, other names, other respondents) see one set of figures."""
    attacker = world["attacker"]
    figures = set()
    for name, vision in (("Kijker BV", 1.0), ("Target BV", 3.2), ("X", 4.95), ("Kijker BV", 3.15)):
        assessment = upload(framework, name, vision)
        asked, broader = first_sufficient(attacker, assessment, default_group(assessment))
        assert broader is None
        figures.add(asked.published.figures())
    assert len(figures) == 1


def test_local_mode_leaves_out_the_stored_organisation_of_the_data_on_screen(world, engine, framework):
    """Unrestricted (local mode, the CLI): the saved wave's organisation by id, else the stored organisation
    with the data's name; a name that is not stored leaves nobody out."""
    group = PeerGroup(framework.id, 2026, **GROUP)
    assessment = upload(framework, "Nobody at all", 3.0)
    assert run_benchmark(engine, assessment, group).organisations == 8  # nobody stored by that name
    assert run_benchmark(engine, assessment, group, organisation_id=world["ids"]["Kijker BV"]).organisations == 7
    assert run_benchmark(engine, upload(framework, "Kijker BV", 3.0), group).organisations == 7


def test_n_is_published_as_a_band():
    assert [n_band(n) for n in (0, 4, 5, 9, 10, 19, 20, 49, 50, 99, 100, 999, 1000, 10_000, 909_090)] == [
        "< 5", "< 5", "5–9", "5–9", "10–19", "10–19", "20–49", "20–49", "50–99", "50–99", "100–249", "500–999",
        "1000–2499", "10000+", "10000+"]
    assert MIN_PEERS == 5


def test_the_position_comes_from_the_published_quantiles_only():
    figures = {"p25": 2.5, "median": 3.0, "p75": 3.5, "p10": math.nan, "p90": math.nan}
    assert position(3.0, figures) == 50 and position(2.5, figures) == 25 and position(3.5, figures) == 75
    assert position(2.75, figures) == 40  # 37.5, rounded half up to a step of 5
    assert position(1.0, figures) == 0 and position(5.0, figures) == 100
    assert position(4.25, figures) == 90  # 75 + 25 * 0.75 / 1.5 = 87.5, rounded half up
    # quantiles that share a value: on it the middle of their percentiles, beside it the outer one
    flat = {"p25": 1.0, "median": 1.0, "p75": 1.0}
    assert position(1.0, flat) == 40 and position(3.0, flat) >= 85
    assert math.isnan(position(3.0, {"p25": math.nan, "median": math.nan, "p75": math.nan}))
    assert math.isnan(position(None, figures))


def test_every_row_of_a_benchmark_is_the_published_one(world, framework):
    bench = run_benchmark(world["attacker"], upload(framework, "Kijker BV", 3.0), PeerGroup(framework.id, 2026, **GROUP))
    published = bench.published.stats.set_index("dimension")
    for row in bench.rows.to_dict("records"):
        for name in ("p25", "median", "p75", "n"):
            assert row[name] == published.loc[row["dimension"], name]
    assert list(bench.rows["dimension"]) == DIMS + [OVERALL]
