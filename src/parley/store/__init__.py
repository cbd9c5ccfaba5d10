"""Storage adapter: the event log and its projections in any SQLAlchemy database."""

from parley.store.store import Store, StoreError

__all__ = ["Store", "StoreError"]
