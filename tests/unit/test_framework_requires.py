"""Dimension dependencies (`requires`) are data: loaded, and refused naming file and entry when wrong."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from omni.framework import FRAMEWORK_DIR, FrameworkError, load_framework


def _raw() -> dict:
    return copy.deepcopy(yaml.safe_load((FRAMEWORK_DIR / "omnichannel-maturity.yaml").read_text(encoding="utf-8")))


def _write(tmp_path: Path, raw: dict) -> Path:
    path = tmp_path / "deps.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _dimension(raw: dict, did: str) -> dict:
    return next(d for d in raw["dimensions"] if d["id"] == did)


def test_default_framework_declares_foundations_before_technology(framework):
    assert framework.dimension("martech").requires == ("vision", "organisation")
    assert framework.dimension("activation").requires == ("vision", "organisation", "audiences")
    assert framework.dimension("audiences").requires == ("vision",)
    assert framework.dimension("vision").requires == ()
    assert framework.dimension("organisation").requires == ()


def test_requires_is_optional(tmp_path):
    raw = _raw()
    for d in raw["dimensions"]:
        d.pop("requires", None)
    fw = load_framework(_write(tmp_path, raw))
    assert all(d.requires == () for d in fw.dimensions)


def _unknown(raw):
    _dimension(raw, "martech")["requires"] = ["vision", "strategy"]


def _self(raw):
    _dimension(raw, "vision")["requires"] = ["vision"]


def _cycle(raw):
    _dimension(raw, "vision")["requires"] = ["martech"]


def _not_a_list(raw):
    _dimension(raw, "audiences")["requires"] = "vision"


def _twice(raw):
    _dimension(raw, "audiences")["requires"] = ["vision", "vision"]


@pytest.mark.parametrize("breaker, entry, message", [
    (_unknown, "dimensions.martech.requires", "unknown dimension 'strategy'"),
    (_self, "dimensions.vision.requires", "cannot require itself"),
    (_cycle, "requires", "cycle"),
    (_not_a_list, "dimensions.audiences.requires", "list of dimension ids"),
    (_twice, "dimensions.audiences.requires", "twice"),
])
def test_broken_requires_names_file_and_entry(tmp_path, breaker, entry, message):
    raw = _raw()
    breaker(raw)
    path = _write(tmp_path, raw)
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    assert str(path) in str(info.value)
    assert entry in info.value.entry
    assert message in str(info.value)


def test_cycle_message_shows_the_whole_loop(tmp_path):
    raw = _raw()
    _dimension(raw, "vision")["requires"] = ["martech"]
    with pytest.raises(FrameworkError) as info:
        load_framework(_write(tmp_path, raw))
    text = str(info.value)
    assert "vision" in text and "martech" in text and "->" in text
