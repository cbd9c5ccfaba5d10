"""A list sent over HTTP, as the library takes it: a file on disk with its own name."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from parley.domain.people import ListKind
from parley.service import offices
from parley.service.access import Principal
from parley.service.records import PersonImport
from parley.store import Store

LIST_SUFFIXES = (".csv", ".xlsx")


def upload_name(file: UploadFile) -> str:
    """The file's own name, never a path the sender chose."""
    return PurePath(file.filename or "upload.csv").name


async def import_upload(
    store: Store, who: Principal, kind: ListKind, party: str, file: UploadFile
) -> PersonImport:
    """Import an uploaded registry or request list whole, or refuse it whole (ImportRefused
    names file, row and column; ValueError for a file that is no list at all).
    """
    name = upload_name(file)
    if Path(name).suffix.lower() not in LIST_SUFFIXES:
        raise ValueError(f"{name}: send a CSV or XLSX file")
    content = await file.read()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return await run_in_threadpool(offices.upload_list, store, who, kind, party, path)
