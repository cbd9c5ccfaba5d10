"""Databases for the tests: a throwaway PostgreSQL server for the session, and a fresh empty
database per test on each backend, so one contract suite runs against SQLite and PostgreSQL.

`PARLEY_TEST_PG_URL` points the tests at a server of your own instead of starting one.
`PARLEY_REQUIRE_POSTGRES=1` (set by CI) turns "PostgreSQL cannot start" from a skip into a
failure, so a CI run can never pass by silently skipping the PostgreSQL half.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy.engine import make_url

from parley.store import Store


def _unavailable(why: str) -> NoReturn:
    if os.environ.get("PARLEY_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (PARLEY_REQUIRE_POSTGRES=1) but {why}", pytrace=False)
    pytest.skip(f"PostgreSQL not available: {why}")


def _works(tool: Path) -> bool:
    try:
        run = subprocess.run([tool, "--version"], capture_output=True, timeout=30)
    except OSError:
        return False
    return run.returncode == 0


def _pg_bindir() -> Path | None:
    """The folder holding a working initdb and pg_ctl: Debian's newest version first, then
    PATH (followed through symlinks: /usr/local/bin may hold links or wrappers)."""
    found = Path("/usr/lib/postgresql").glob("*/bin")
    debian = sorted(found, key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])
    on_path = [Path(t).resolve().parent for t in [shutil.which("initdb")] if t]
    for folder in [*reversed(debian), *on_path]:
        if _works(folder / "initdb") and _works(folder / "pg_ctl"):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _with(url: str, **parts: str) -> str:
    """`url` with some parts (drivername, database) replaced."""
    return make_url(url).set(**parts).render_as_string(hide_password=False)


def _psycopg_conninfo(url: str) -> str:
    """A SQLAlchemy URL as plain libpq conninfo, for psycopg."""
    return _with(url, drivername="postgresql")


def _create_database(url: str, name: str) -> None:
    import psycopg  # only the PostgreSQL tests need the driver

    with psycopg.connect(_psycopg_conninfo(url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


class _Cluster:
    """A PostgreSQL cluster in a temporary folder, run as `postgres` when we are root
    (the server refuses to run as root)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            pwd.getpwnam("postgres")  # KeyError (a LookupError) before any folder is made
        self.root = Path(tempfile.mkdtemp(prefix="parley-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        try:  # cwd: `postgres` may not be allowed into ours
            return subprocess.run(
                command, capture_output=True, text=True, timeout=120, cwd=self.root
            )
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(command, 1, "", f"{tool} took over 120 s")

    def start(self) -> str | None:
        """Start the server; its URL, or None with `self.error` telling why not."""
        # UTF8 whatever the locale: under SQL_ASCII psycopg would hand back bytes, not str.
        flags = ["-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]
        init = self.run("initdb", "-D", str(self.data), *flags)
        self.error = init.stderr
        if init.returncode != 0:
            return None
        for _ in range(3):  # the free port may be taken between probing and binding: retry
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={self.root}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            args = ["-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options]
            started = self.run("pg_ctl", *args, "start")
            if started.returncode == 0:
                return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            self.error = started.stderr + log
        return None

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A URL to the database `parley_test` on a real PostgreSQL server for this session."""
    given = os.environ.get("PARLEY_TEST_PG_URL")
    if given:
        url = _with(given, drivername="postgresql+psycopg")
        import psycopg

        try:
            psycopg.connect(_psycopg_conninfo(url), connect_timeout=10).close()
        except psycopg.Error as error:
            _unavailable(f"PARLEY_TEST_PG_URL cannot be reached: {error}")
        yield url
        return
    bindir = _pg_bindir()
    if bindir is None:
        _unavailable("no working initdb/pg_ctl (run scripts/ensure-postgres.sh)")
    try:
        cluster = _Cluster(bindir)
    except LookupError:
        _unavailable("we are root and there is no `postgres` user to run the server as")
    try:
        maintenance = cluster.start()
        if maintenance is None:
            tail = "\n".join(cluster.error.strip().splitlines()[-15:])
            _unavailable(f"the server in {bindir} did not start:\n{tail}")
        _create_database(maintenance, "parley_test")
        yield _with(maintenance, database="parley_test")
    finally:
        cluster.stop()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend, so no test sees another's events."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'parley.db'}"
        return
    # Looked up only here, so a run of SQLite tests alone never starts PostgreSQL.
    server: str = request.getfixturevalue("postgres_url")
    name = f"parley_{uuid.uuid4().hex}"
    _create_database(server, name)
    yield _with(server, database=name)
    import psycopg

    with psycopg.connect(_psycopg_conninfo(server), autocommit=True) as conn:
        # FORCE (PostgreSQL 13+) ends any connection a failed test left open.
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A Store on a fresh database, migrated to the newest schema."""
    opened = Store(store_url)
    opened.migrate()
    yield opened
    opened.close()
