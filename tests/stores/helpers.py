"""Rasa's own stores, built from the project's endpoints.yml as Rasa builds them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from actions.settings import stack_env

from ..conftest import ROOT


def endpoints(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **overrides: str) -> Any:
    """AvailableEndpoints of endpoints.yml with the stack's defaults and `overrides` in the environment."""
    from rasa.core.utils import AvailableEndpoints

    env = stack_env({**os.environ, **overrides}, var_dir=tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
