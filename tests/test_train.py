"""One `rasa train` command line: scripts/train.py, which make train, the Dockerfile and the tests' model use."""

from __future__ import annotations

from pathlib import Path

from scripts.train import train, train_command

from .conftest import ROOT


def test_make_and_the_dockerfile_train_through_scripts_train() -> None:
    for name in ("Makefile", "Dockerfile"):
        text = (ROOT / name).read_text()
        assert "-m scripts.train" in text, name
        assert "rasa train" not in text, name


def test_the_model_is_trained_on_nlu_data_and_the_generated_lookups(tmp_path: Path) -> None:
    command = train_command(tmp_path / "models", "e2e", tmp_path / "lookups")
    assert Path(command[0]).name == "rasa"
    assert command[1:5] == ["train", "--data", "nlu_data", str(tmp_path / "lookups")]
    assert command[-4:] == ["--out", str(tmp_path / "models"), "--fixed-model-name", "e2e"]


def test_invalid_knowledge_stops_before_training(tmp_path: Path) -> None:
    result = train(tmp_path / "models", "x", tmp_path / "lookups.yml", knowledge=tmp_path / "missing", capture=True)
    assert result.returncode != 0
    assert "actions.tools.nlu_lookups" in result.args  # the lookups failed; rasa train never ran
    assert not (tmp_path / "models").exists()
