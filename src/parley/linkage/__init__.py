"""Verifying request lists against registries across Ukrainian, Russian and Latin script.

`link(requests, registry)` takes two person lists (DataFrames with the import columns, or
sequences of `Person`) and returns the probable pairs with a score, a decision and a reason.
"""

from parley.linkage.link import DEFAULT_MATCH, DEFAULT_REVIEW, OUTPUT_COLUMNS, link
from parley.linkage.names import name_keys, skeleton

__all__ = ["DEFAULT_MATCH", "DEFAULT_REVIEW", "OUTPUT_COLUMNS", "link", "name_keys", "skeleton"]
