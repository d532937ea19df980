#!/usr/bin/env bash
# Re-resolve requirements*.txt into constraints.txt (the lock) in a scratch
# venv, then check that the result is consistent (`pip check`).
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find-python310.sh)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$python" -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --upgrade 'pip<25' wheel
"$scratch/venv/bin/python" -m pip install --quiet -r requirements-dev.txt
"$scratch/venv/bin/python" -m pip check
{
    echo "# The lock: every package of .venv at an exact version (pip freeze of a clean install)."
    echo "# Refresh with \`make lock\` after editing requirements*.txt."
    "$scratch/venv/bin/python" -m pip freeze --all | grep -v -E '^(-e |pip==|wheel==)'
} > constraints.txt
echo "constraints.txt updated; commit it together with requirements*.txt" >&2
