"""Rasa's own dialogue test: `rasa test core` on tests/stories/ with the trained model.

The test stories (Rasa's format) say which action follows each intent, in follow-ups
too ("What about Goslar?" after a contact question: action_set_district; an
emergency: action_emergency). Rasa predicts every action of every story with the
model's policies; a story fails at its first wrong prediction.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from actions.settings import stack_env

from ..conftest import ROOT, VENV_BIN

pytestmark = pytest.mark.slow

STORIES = ROOT / "tests" / "stories"


def story_count() -> int:
    return sum(
        len(yaml.safe_load(path.read_text(encoding="utf-8")).get("stories") or []) for path in STORIES.glob("*.yml")
    )


def test_every_test_story_passes(trained_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    # No action runs in `rasa test core`, but endpoints.yml's ${VARS} must expand.
    env = stack_env(os.environ, var_dir=tmp_path / "var")
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "test", "core", "--model", str(trained_model), "--stories", str(STORIES),
         "--out", str(out), "--no-plot"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    failed = yaml.safe_load((out / "failed_test_stories.yml").read_text(encoding="utf-8"))
    assert not failed, (out / "failed_test_stories.yml").read_text(encoding="utf-8")
    accuracy = json.loads((out / "story_report.json").read_text(encoding="utf-8"))["conversation_accuracy"]
    assert accuracy["correct"] == accuracy["total"] == story_count(), accuracy
