"""The environment finds its own Python 3.10, or says what to install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

FIND = ROOT / "scripts" / "find-python310.sh"


def run_find(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(FIND)], env=env, capture_output=True, text=True, check=False)


def test_no_python310_anywhere_fails_with_advice(tmp_path: Path) -> None:
    result = run_find({"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no Python 3.10 interpreter found" in result.stderr
    assert "pyenv install 3.10" in result.stderr


def test_finds_a_pyenv_version_under_home(tmp_path: Path) -> None:
    version_dir = tmp_path / ".pyenv" / "versions" / "3.10.99" / "bin"
    version_dir.mkdir(parents=True)
    (version_dir / "python3.10").symlink_to(sys.executable)  # the venv's own 3.10
    result = run_find({"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(version_dir / "python3.10")


def test_rejects_an_interpreter_that_is_not_310(tmp_path: Path) -> None:
    fake = tmp_path / "python3.10"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    result = run_find({"PATH": f"{tmp_path}:/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 1
