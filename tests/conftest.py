"""Shared fixtures: the built-in frameworks."""

from __future__ import annotations

import pytest

from omni.framework import get_framework


@pytest.fixture(scope="session")
def framework():
    return get_framework("omnichannel-maturity")


@pytest.fixture(scope="session")
def seven_step():
    return get_framework("seven-step-experience")
