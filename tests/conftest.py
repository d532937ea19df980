"""Shared fixtures: the repository's real files and throw-away copies to break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actions.content import ContentStore
from actions.knowledge import Knowledge, load_knowledge
from bot.texts import LocalTexts

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_DIR = ROOT / "knowledge"
VENV_BIN = Path(sys.executable).parent


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


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Rasa model, trained once per session (about 3 min); E2E_MODEL=path reuses one."""
    if os.environ.get("E2E_MODEL"):
        return Path(os.environ["E2E_MODEL"])
    out = tmp_path_factory.mktemp("models")
    lookups = tmp_path_factory.mktemp("lookups")
    subprocess.run(
        [sys.executable, "-m", "actions.nlu_lookups", str(lookups / "knowledge_lookups.yml")], check=True, cwd=ROOT
    )
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "train", "--data", "nlu_data", str(lookups), "--domain", "domain.yml",
         "--config", "config.yml", "--out", str(out), "--fixed-model-name", "e2e"],
        cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )  # fmt: skip
    model = out / "e2e.tar.gz"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert model.is_file()
    return model


@pytest.fixture(scope="session")
def content_store() -> ContentStore:
    store = ContentStore(KNOWLEDGE_DIR, ROOT / "responses")
    store.load()
    return store


@pytest.fixture(scope="session")
def local_texts(content_store: ContentStore) -> LocalTexts:
    texts = LocalTexts(content_store)
    texts.runtime.detector.warm_up()
    return texts
