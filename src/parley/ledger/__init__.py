"""The ledger: an append-only, hash-chained, signed log of every fact tallies depend on.

The format is a public contract (docs/ledger-format.md): anyone can verify a log without
Parley. `keys` makes and reads Ed25519 signing keys, `entries` writes and reads log lines,
`verify` checks a whole log.
"""
