#!/usr/bin/env bash
# Installs the database servers the store tests run against (Debian's
# postgresql and redis-server) when they are missing. .ci/run calls it; the
# tests start their own throwaway server instances, nothing is configured here.
set -euo pipefail

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; }
have_redis() { command -v redis-server >/dev/null; }

if have_postgres && have_redis; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "PostgreSQL and redis-server are needed for the store tests; install them with your package manager." >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing postgresql and redis-server (Debian packages) for the store tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql redis-server >/dev/null
# Debian starts the packaged services; the tests use their own instances on free ports.
$SUDO service postgresql stop >/dev/null 2>&1 || true
$SUDO service redis-server stop >/dev/null 2>&1 || true
have_postgres && have_redis
