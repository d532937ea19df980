"""`python -m scripts.train`: the one `rasa train` command line (make train, the Dockerfile, the tests' model).

Generates the lookup tables from `--knowledge` (actions.tools.nlu_lookups) into
`--lookups`, then trains config.yml on nlu_data/ plus that folder into
`--out`/`--name`.tar.gz (default models/current.tar.gz, the model `make run` loads).

    python -m scripts.train [--out models] [--name current] [--lookups build/nlu/knowledge_lookups.yml]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOKUPS = Path("build") / "nlu" / "knowledge_lookups.yml"
KNOWLEDGE = Path("knowledge")


def lookups_command(lookups: Path | str, knowledge: Path | str = KNOWLEDGE) -> list[str]:
    return [sys.executable, "-m", "actions.tools.nlu_lookups", "--knowledge", str(knowledge), str(lookups)]


def train_command(out: Path | str, name: str, lookups_dir: Path | str) -> list[str]:
    rasa = str(Path(sys.executable).parent / "rasa")
    return [
        rasa, "train", "--data", "nlu_data", str(lookups_dir), "--domain", "domain.yml", "--config", "config.yml",
        "--out", str(out), "--fixed-model-name", name,
    ]  # fmt: skip


def train(
    out: Path | str = "models",
    name: str = "current",
    lookups: Path | str = LOOKUPS,
    knowledge: Path | str = KNOWLEDGE,
    capture: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Lookup tables into `lookups`, then the model into `out`/`name`.tar.gz (relative paths: to the project).

    Returns the last step that ran (the lookups when they failed); `capture` keeps its output for the caller.
    """
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2")}

    def run(command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=capture, check=False)

    generated = run(lookups_command(lookups, knowledge))
    if generated.returncode != 0:
        return generated
    return run(train_command(out, name, Path(lookups).parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="models", help="folder of the model archive")
    parser.add_argument("--name", default="current", help="the archive's name without .tar.gz")
    parser.add_argument("--lookups", default=str(LOOKUPS), help="where to generate the lookup tables")
    parser.add_argument("--knowledge", default=str(KNOWLEDGE), help="the facts the lookup tables come from")
    args = parser.parse_args(argv)
    return train(args.out, args.name, args.lookups, args.knowledge).returncode


if __name__ == "__main__":
    sys.exit(main())
