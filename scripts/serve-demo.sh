#!/usr/bin/env bash
# `make serve`: the demo service on http://127.0.0.1:8000/ with a login of each role.
#
# Makes (once) parley-serve.db, a synthetic exchange, and copies its signers' keys into
# parley-serve-keys/ (mode 0600) so the leads and the mediator can sign from the stages page;
# adds the demo users that are missing; prints the URL, the logins and the key files; then
# runs `parley serve` in the foreground (Ctrl-C stops it). Running it again reuses all of it.
# Both files are gitignored; delete them to start afresh. PORT=8001 make serve for another port.
set -euo pipefail

BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
DB=parley-serve.db
URL="sqlite:///$DB"
KEYS=parley-serve-keys
PASSWORD=demo-password # demo only: anyone who reads this file knows it
export COLUMNS=200     # keep the demo's lines whole, so the keys folder can be read from them

if [ ! -f "$DB" ]; then
    # Built under another name and moved in place only once its keys are safe, so a failed
    # first run leaves nothing that a second run would take for a finished demo.
    rm -f "$DB.new"
    out=$("$BIN/parley" demo --scenario synthetic --db "sqlite:///$DB.new")
    printf '%s\n' "$out"
    made=$(printf '%s\n' "$out" | sed -n 's/.*keys (demo only): \([^;]*\);.*/\1/p' | tail -n 1)
    if [ -z "$made" ] || [ ! -d "$made" ]; then
        echo "serve-demo: cannot find the demo's keys folder in its output" >&2
        exit 1
    fi
    rm -rf "$KEYS"
    mkdir -m 0700 "$KEYS"
    for signer in RU UA mediator; do
        install -m 0600 "$made/$signer.key" "$KEYS/$signer.key"
    done
    rm -rf "$made"
    mv "$DB.new" "$DB"
elif [ ! -d "$KEYS" ]; then
    echo "serve-demo: $KEYS/ is missing: nobody can sign from the stages page" \
        "(delete $DB and run again for a new demo with its keys)" >&2
fi

existing=$("$BIN/parley" users list --db "$URL")
add_user() { # NAME ROLE [PARTY]
    if printf '%s\n' "$existing" | grep -qE "(^|[^A-Za-z0-9._@-])$1([^A-Za-z0-9._@-]|\$)"; then
        return
    fi
    printf '%s\n' "$PASSWORD" |
        "$BIN/parley" users add "$1" --role "$2" ${3:+--party "$3"} --password-stdin --db "$URL"
}
add_user ua-clerk clerk UA
add_user ua-lead lead UA
add_user ru-clerk clerk RU
add_user ru-lead lead RU
add_user mediator mediator

cat <<EOF

Parley demo service: http://127.0.0.1:$PORT/   (API: http://127.0.0.1:$PORT/docs)
Logins (password for each: $PASSWORD):
  ua-clerk   UA's clerk: UA's request lists and their status
  ua-lead    UA's lead: as the clerk, and signs UA's handovers and confirmations
  ru-clerk   RU's clerk: the persons RU holds, RU's requests
  ru-lead    RU's lead: as the clerk, and signs RU's handovers and confirmations
  mediator   the mediator: both sides, review, plans, stages, disclosure, access log
Key files to sign with on the stages page (read in the browser, never uploaded):
  ua-lead  -> $PWD/$KEYS/UA.key
  ru-lead  -> $PWD/$KEYS/RU.key
  mediator -> $PWD/$KEYS/mediator.key
A new demo's stage 3 waits for the mediator's confirmation.

EOF
exec "$BIN/parley" serve --db "$URL" --port "$PORT"
