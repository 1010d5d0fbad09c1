"""Hosting safety of .streamlit/config.toml: fails if someone turns a protection off."""

from __future__ import annotations

import tomllib

from helpers import ROOT


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_protections_stay_on():
    config = _config()
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["client"]["disableDataExport"] is True  # the toolbar's CSV keeps formulas live
    assert 1 <= config["server"]["maxUploadSize"] <= 50  # MB: surveys, not arbitrary files
    assert config["browser"]["gatherUsageStats"] is False


def test_no_secrets_are_committed():
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert ".streamlit/secrets.toml" in ignored
