#!/usr/bin/env bash
# Make sure PostgreSQL server binaries (initdb, pg_ctl) are on this machine, so the test set-up
# (tests/conftest.py) can start a throwaway cluster. Installs the Debian package when they are
# missing and we may. Never fails by itself: the tests decide (CI sets PARLEY_REQUIRE_POSTGRES=1).
set -u

# Debian's layout first, newest version last in the sort; then whatever PATH has.
found="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$found" ] && command -v initdb >/dev/null 2>&1; then
    found="$(command -v initdb)"
fi

if [ -n "$found" ]; then
    echo "ensure-postgres: found $found"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-postgres: no initdb found and not root, not installing (tests will skip or fail)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-postgres: no initdb found and no apt-get, not installing (tests will skip or fail)"
    exit 0
fi

log="$(mktemp)"
if apt-get update -qq >"$log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >>"$log" 2>&1; then
    installed="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
    echo "ensure-postgres: installed the postgresql package (${installed:-initdb not found after install})"
else
    echo "ensure-postgres: apt-get install postgresql failed: $(tail -n 3 "$log" | tr '\n' ' ')"
fi
rm -f "$log"
exit 0
