"""Shared fixtures: the repository's real files and throw-away copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actions.knowledge import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_DIR = ROOT / "knowledge"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The real knowledge/ snapshot, loaded once."""
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/ that a test may break."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target
