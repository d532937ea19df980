"""CI runs what a newcomer runs: `.ci/run` is `make test` and nothing else.

A step that only CI does (installing a database server, say) would make CI green
while a fresh clone's `make test` fails; this keeps that from creeping back.
"""

from __future__ import annotations

import shlex

from .conftest import ROOT

# Shell plumbing that changes nothing a newcomer's `make test` would see.
HARMLESS = {"set -euo pipefail", 'cd "$(dirname "$0")/.."'}


def commands(script: str) -> list[str]:
    lines = (line.strip() for line in script.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_ci_runs_make_test_and_nothing_else() -> None:
    steps = [line for line in commands((ROOT / ".ci" / "run").read_text()) if line not in HARMLESS]
    assert [shlex.split(step) for step in steps] == [["make", "test"]]


def test_the_readme_gives_the_same_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first_block = quick_start.split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in commands(first_block)] == [["make", "run"], ["make", "test"]]
