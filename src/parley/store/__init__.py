"""Storage adapter: the event log and its projections in any SQLAlchemy database."""

from parley.store.engine import StoreError
from parley.store.store import HeadMoved, NewEntry, Store

__all__ = ["HeadMoved", "NewEntry", "Store", "StoreError"]
