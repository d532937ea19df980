#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 supports no newer one).
# Order: $PYTHON310, python3.10 on PATH, then pyenv's versions under
# $(pyenv root) or ~/.pyenv. Exits 1 with install advice when there is none.
set -u

is_py310() {
    [ -n "$1" ] && "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1
}

candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
# A pyenv shim on PATH only works when that version is active, hence the check.
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
roots=()
command -v pyenv >/dev/null 2>&1 && roots+=("$(pyenv root 2>/dev/null)")
[ -n "${PYENV_ROOT:-}" ] && roots+=("$PYENV_ROOT")
roots+=("$HOME/.pyenv")
for root in "${roots[@]}"; do
    [ -d "$root/versions" ] || continue
    # Newest patch release first.
    while IFS= read -r dir; do
        candidates+=("$dir/bin/python3.10")
    done < <(ls -d "$root"/versions/3.10.* 2>/dev/null | sort -t. -k3,3nr)
done

for candidate in "${candidates[@]}"; do
    if is_py310 "$candidate"; then
        echo "$candidate"
        exit 0
    fi
done

cat >&2 <<'MSG'
error: no Python 3.10 interpreter found (Rasa 3.6.21 runs on Python 3.10 only).
Looked for: $PYTHON310, python3.10 on PATH, pyenv versions 3.10.* under $(pyenv root) and ~/.pyenv.
Install one, then run make again:
  pyenv install 3.10        # with pyenv
  apt-get install python3.10 python3.10-venv   # or your distribution's package
  PYTHON310=/path/to/python3.10 make test      # or point to one you have
MSG
exit 1
