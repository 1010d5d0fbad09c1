"""Peer data: the demo generator, reading and validating peer files, importing, contributing, approving."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import run_cli
from openpyxl import Workbook

from omni.demo import demo_respondents
from omni.peers import (
    DEMO_SET,
    demo_peers,
    ensure_demo_peers,
    import_peers,
    parse_peer_score,
    read_peer_file,
    write_peer_file,
)
from omni.scoring import score
from omni.store import StoreError, reading
from omni.store.assessments import delete_assessment, save_assessment
from omni.store.organisations import set_peer_opt_in
from omni.store.peer_entries import (
    OVERALL,
    PeerGroupFilter,
    contribute_assessment,
    entries_with_status,
    group_scores,
    peer_sets,
    set_status,
)
from omni.survey.reader import survey_from_answers

DIMS = ["vision", "organisation", "audiences", "activation", "martech"]




def test_demo_peers_are_plausible_and_reproducible(framework):
    peers = demo_peers(framework, n=600, seed=5)
    assert peers.equals(demo_peers(framework, n=600, seed=5))
    assert peers["peer_id"].nunique() == 600 and len(peers) > 600  # some organisations have several waves
    assert peers["synthetic"].all() and set(peers["country"]) == {"NL"}
    assert peers[DIMS].min().min() >= 1 and peers[DIMS].max().max() <= 5
    by_channel = peers.groupby("channel_model")[["martech", "audiences"]].mean()
    assert by_channel.loc["pure_player", "martech"] > by_channel.loc["store_led", "martech"] + 0.5
    by_size = peers.groupby("size_band")["organisation"].mean()
    assert by_size["xl"] > by_size["s"]
    by_year = peers.groupby("year")["activation"].mean()
    assert by_year.iloc[-1] > by_year.iloc[0]  # the market matures
    assert peers.groupby("sector").size().min() >= 20  # every sector is represented


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_demo_file_round_trips_through_the_validating_reader(framework, tmp_path, suffix):
    peers = demo_peers(framework, n=40, seed=1)
    path = write_peer_file(peers, tmp_path / f"peers{suffix}")
    read = read_peer_file(path, framework)
    assert read.ok, [p.describe("en") for p in read.problems]
    assert len(read.frame) == len(peers)
    assert read.frame["synthetic"].all()
    assert np.allclose(read.frame[DIMS].to_numpy(dtype=float), peers[DIMS].to_numpy(dtype=float))


def test_scores_are_strict_but_take_a_decimal_comma():
    assert parse_peer_score("3,25") == 3.25 and parse_peer_score("4.5") == 4.5 and parse_peer_score(2) == 2.0
    for bad in ("7", "0,5", "3.2.1", "hoog", True, "", "1e3"):
        assert parse_peer_score(bad) is None, bad


def test_every_bad_cell_is_named_with_file_sheet_and_cell(framework, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Peers"
    ws.append(["Peer", "Sector", "Omvang", "Kanaalmodel", "Jaar", "Visie en draagvlak", "organisation",
               "Audiences and measurement", "activation", "martech", "notes"])
    ws.append(["A", "Mode en schoenen", "m", "store_led", 2025, 3.2, 3, 2.5, 3, 2])  # labels work
    ws.append(["B", "fashion", "m", "store_led", 2025, "3,5", 7, None, "=1+2", 2])
    ws.append(["C", "bakery", "huge", "store_led", "vorig jaar", 3, 3, 3, 3, 3])
    ws.append(["A", "fashion", "m", "store_led", 2025, 3, 3, 3, 3, 3])  # A twice for 2025
    ws["I3"] = "=1+2"
    path = tmp_path / "peers.xlsx"
    wb.save(path)
    read = read_peer_file(path, framework)
    assert not read.ok
    found = {(p.sheet, p.cell): p.message("en") for p in read.problems}
    assert found[("Peers", "G3")] == "'7' is not a score from 1 to 5 (e.g. 3.25)"
    assert found[("Peers", "H3")] == "the score for audiences is missing"
    assert "formula" in found[("Peers", "I3")]
    assert found[("Peers", "B4")].startswith("'bakery' is not a known sector")
    assert found[("Peers", "C4")].startswith("'huge' is not a known size band")
    assert found[("Peers", "E4")].startswith("'vorig jaar' is not a year")
    assert "already has a row for 2025 (row 2)" in found[("Peers", "A5")]
    assert found[("Peers", "K1")] == "column 'notes' is not used"
    nl = {p.cell: p.message("nl") for p in read.problems}
    assert nl["B4"].startswith("'bakery' is geen bekende sector")
    assert all(p.file == "peers.xlsx" for p in read.problems)


def test_missing_columns_and_unreadable_files(framework, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("sector;size_band;year;vision\nfashion;m;2025;3\n", encoding="utf-8")
    read = read_peer_file(path, framework)
    missing = {p.message("en") for p in read.errors}
    assert "column 'channel_model' is missing from the header row" in missing
    assert "column 'martech' is missing from the header row" in missing
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    assert not read_peer_file(junk, framework).ok
    assert read_peer_file(tmp_path / "nope.csv", framework).errors[0].key == "problem.unreadable"


def _peer_file(framework, rows: list[dict], tmp_path, name="set.csv"):
    frame = pd.DataFrame(rows)
    path = write_peer_file(frame.assign(synthetic=False), tmp_path / name)
    read = read_peer_file(path, framework)
    assert read.ok, [p.describe("en") for p in read.problems]
    return read


def _row(peer, year, value, **attrs):
    return {"peer_id": peer, "sector": attrs.get("sector", "fashion"), "size_band": attrs.get("size_band", "m"),
            "channel_model": attrs.get("channel_model", "store_led"), "country": "NL", "year": year,
            **{d: value for d in DIMS}}


def test_import_replace_and_latest_wave_per_organisation(engine, framework, tmp_path):
    rows = [_row(f"p{i}", 2025, 2 + i / 10) for i in range(6)] + [_row("p0", 2026, 4.5), _row("p0", 2023, 1.0)]
    count = import_peers(engine, _peer_file(framework, rows, tmp_path), peer_set="real")
    assert count == 8
    with pytest.raises(ValueError, match="exists already"):
        import_peers(engine, _peer_file(framework, rows, tmp_path), peer_set="real")
    with reading(engine) as connection:
        newest = group_scores(connection, PeerGroupFilter(framework.id), DIMS + [OVERALL])
        in_2025 = group_scores(connection, PeerGroupFilter(framework.id, year_from=2024, year_to=2025), DIMS)
    assert newest.organisations == 6  # p0 counts once, with its 2026 wave
    assert sorted(newest.values[:, 0].tolist()) == [210, 220, 230, 240, 250, 450]
    assert newest.values[:, -1].tolist() == newest.values[:, 0].tolist()  # overall = mean of equal scores
    assert in_2025.organisations == 6 and 200 in in_2025.values[:, 0]  # p0's 2025 wave in the 2024-2025 window
    # replacing swaps the whole set in one go
    import_peers(engine, _peer_file(framework, rows[:2], tmp_path), peer_set="real", replace=True)
    assert peer_sets(engine).set_index("peer_set").loc["real", "entries"] == 2


def test_pending_entries_count_only_once_approved(engine, framework, tmp_path):
    import_peers(engine, _peer_file(framework, [_row(f"q{i}", 2025, 3) for i in range(3)], tmp_path),
                 peer_set="review", status="pending")
    pending = entries_with_status(engine)
    assert len(pending) == 3 and "org_key" not in pending.columns
    with reading(engine) as connection:
        assert group_scores(connection, PeerGroupFilter(framework.id), DIMS).organisations == 0
    assert set_status(engine, list(pending["id"][:2]), "approved") == 2
    with reading(engine) as connection:
        assert group_scores(connection, PeerGroupFilter(framework.id), DIMS).organisations == 2
    with pytest.raises(StoreError, match="no peer entry"):
        set_status(engine, [999_999], "approved")


def test_contributions_need_opt_in_are_anonymous_and_go_with_a_deleted_assessment(engine, framework):
    people = demo_respondents(framework, n=3, seed=2)
    assessment = score(survey_from_answers(framework, people))
    saved = save_assessment(engine, assessment, wave="2026", organisation="Bijdrage BV")
    with pytest.raises(StoreError, match="opt in"):
        contribute_assessment(engine, saved.id)
    set_peer_opt_in(engine, "Bijdrage BV", True)
    entry = contribute_assessment(engine, saved.id)
    assert contribute_assessment(engine, saved.id) == entry  # offered once
    pending = entries_with_status(engine)
    assert list(pending["id"]) == [entry]
    assert "Bijdrage" not in pending.to_string()
    set_status(engine, [entry], "approved")
    with reading(engine) as connection:
        peers = group_scores(connection, PeerGroupFilter(framework.id), DIMS + [OVERALL])
    assert peers.organisations == 1 and peers.synthetic == 0
    expected = assessment.dimension_scores.set_index("dimension")["current"]
    assert peers.values[0, :5].tolist() == [round(expected[d] * 100) for d in DIMS]
    delete_assessment(engine, saved.id, confirm=True)
    with reading(engine) as connection:
        assert group_scores(connection, PeerGroupFilter(framework.id), DIMS).organisations == 0


def test_demo_peers_load_once_for_every_framework(engine, framework, seven_step):
    assert ensure_demo_peers(engine) is True
    assert ensure_demo_peers(engine) is False
    sets = peer_sets(engine).set_index("peer_set")
    assert sets.loc[DEMO_SET, "synthetic"] == sets.loc[DEMO_SET, "entries"] > 1000
    with reading(engine) as connection:
        for fw in (framework, seven_step):
            group = group_scores(connection, PeerGroupFilter(fw.id), [d.id for d in fw.dimensions])
            assert group.organisations == 600 and group.synthetic == 600


def test_peers_cli_demo_import_and_review(tmp_path):
    def omni(*args):
        return run_cli(*args, env={"OMNI_DATA_DIR": str(tmp_path / "var")})

    out = tmp_path / "demo.csv"
    made = omni("peers", "demo", "-o", str(out), "--n", "30", "--seed", "4", "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "synthetic" in made.stdout and out.exists()
    imported = omni("peers", "import", str(out), "--set", "mine", "--pending", "--lang", "en")
    assert imported.returncode == 0, imported.stderr
    assert "into peer set 'mine'" in imported.stdout
    listed = omni("peers", "list")
    assert "mine" in listed.stdout and "demo" in listed.stdout
    pending = omni("peers", "pending")
    first_id = pending.stdout.splitlines()[1].split()[0]
    approved = omni("peers", "approve", first_id, "--lang", "en")
    assert approved.returncode == 0 and "1 approved" in approved.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("sector,size_band,channel_model,year,vision,organisation,audiences,activation,martech\n"
                   "fashion,m,store_led,2025,3,3,3,3,9\n")
    refused = omni("peers", "import", str(bad), "--lang", "en")
    assert refused.returncode == 2
    assert "bad.csv: I2: '9' is not a score" in refused.stderr and "Nothing imported" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_entries_stored_with_another_dimension_layout_still_line_up(engine, framework):
    """A framework version with other dimensions: each entry's scores are read by their own layout."""
    from omni.store import writing
    from omni.store.peer_entries import add_entries, encode_scores

    def entry(key, layout, values):
        return {"org_key": key, "peer_set": "mixed", "framework_id": framework.id, "sector": "food",
                "size_band": "s", "channel_model": "brand", "year": 2025, "status": "approved",
                "dimensions": ",".join(layout), "scores": encode_scores(values)}

    with writing(engine) as connection:
        add_entries(connection, [entry("a", DIMS + [OVERALL], [1, 2, 3, 4, 5, 3]),
                                 entry("b", ["martech", "vision", OVERALL], [4.5, 1.25, 2.875]),
                                 entry("c", DIMS + [OVERALL], [2, 2, 2, 2, None, 2])])
    with reading(engine) as connection:
        peers = group_scores(connection, PeerGroupFilter(framework.id, sector="food"), ["vision", "martech", OVERALL])
    rows = sorted(map(tuple, peers.values.tolist()))
    assert rows == [(100, 500, 300), (125, 450, 288), (200, 0, 200)]



def test_peer_entries_key_each_organisation_with_one_read_of_the_secret(engine, framework):
    """The keyed hashes of a peer file's organisations are those organisation_key gives, and the
    secret is read once for the whole file, not once per entry (the demo set has ~1,900)."""
    from sqlalchemy import event

    from omni.peers import PeerFile, demo_peers, entry_rows
    from omni.store import organisation_key

    frame = demo_peers(framework)
    peer_file = PeerFile("demo", framework, frame.assign(row=range(2, len(frame) + 2)))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    with reading(engine) as connection:
        event.listen(connection, "before_cursor_execute", seen)
        rows = entry_rows(connection, peer_file, "demo")
        event.remove(connection, "before_cursor_execute", seen)
        assert len(rows) == len(frame) > 100
        assert sum("settings" in s for s in statements) == 1
        for row, peer_id in zip(rows[:20], frame["peer_id"], strict=False):
            assert row["org_key"] == organisation_key(connection, str(peer_id))
