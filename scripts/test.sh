#!/usr/bin/env bash
# The one command that installs what the tests need and runs them all:
# type check, lint, unit and integration tests (SQLite and PostgreSQL), a
# production build, and the Playwright journeys in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# Debian's Chromium for Playwright (browser downloads do not work here).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian chromium for Playwright..."
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# PostgreSQL on 127.0.0.1:5432 for the database tests (set SKIP_PG_TESTS=1 to skip them).
if [ "${SKIP_PG_TESTS:-}" != "1" ] && command -v pg_isready >/dev/null 2>&1; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "Starting PostgreSQL..."
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
fi

npm ci --no-audit --no-fund
npm test
