#!/usr/bin/env bash
# Create or update .venv from the pins (requirements*.txt + constraints.txt).
# Called by make only when a pin file is newer than the stamp, so normal make
# calls cost nothing. Recreates the venv when it is not Python 3.10.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
stamp=$venv/.installed
python=$(scripts/find-python310.sh)

if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
    echo "bootstrap: $venv is not Python 3.10, recreating it" >&2
    rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "bootstrap: creating $venv with $python" >&2
    "$python" -m venv "$venv"
fi

echo "bootstrap: installing pinned packages (first run takes a few minutes)" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade 'pip<25'  # not wheel: its newest release pulls a packaging that rasa 3.6 rejects
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r requirements-dev.txt -c constraints.txt
"$venv/bin/python" -m pip check
cat requirements.txt requirements-dev.txt constraints.txt | sha256sum | cut -d' ' -f1 > "$stamp"
echo "bootstrap: $venv is ready" >&2
