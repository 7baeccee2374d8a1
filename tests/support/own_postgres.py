"""A PostgreSQL server of one test's own, which the test may stop and start.

The shared server at 127.0.0.1:5432 is never touched: this one gets a data directory and a
free port of its own, runs as the ``postgres`` user (``initdb`` refuses root) and is stopped
and deleted when the test ends. ``own_postgres()`` skips the test, with the reason, where the
binaries (``/usr/lib/postgresql/*/bin``) or the ``postgres`` user are missing.

The data directory is a fresh directory in the system temp dir, linked from the test's
``tmp_path``: pytest keeps its own temp root private to its owner (mode 0700, restored at
every run), so the ``postgres`` user could not reach a directory under it.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import pwd
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def _binaries() -> Path | None:
    found = sorted(
        (Path(path) for path in glob.glob(_BIN_GLOB) if Path(path, "pg_ctl").exists()),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OwnPostgres:
    """``await start()`` / ``await stop()`` as often as the test likes; ``url`` for the bot."""

    def __init__(self, binaries: Path, home: Path, as_postgres: bool) -> None:
        self._bin = binaries
        self.home = home
        self.data = home / "data"
        self.log = home / "server.log"
        self.port = _free_port()
        self._as_postgres = as_postgres
        self.running = False

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    async def _run(self, tool: str, *args: str) -> None:
        command = [str(self._bin / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{tool} failed ({process.returncode}): {output.decode()}")

    async def init(self) -> None:
        await self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--no-sync",
        )  # fmt: skip

    async def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        await self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60",
            "start",
        )  # fmt: skip
        self.running = True

    async def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: open connections are cut, as in a restart)."""
        await self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")
        self.running = False

    def server_log(self) -> str:
        with contextlib.suppress(OSError):
            return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]
        return ""


@contextlib.asynccontextmanager
async def own_postgres(tmp_path: Path) -> AsyncIterator[OwnPostgres]:
    """A started server of the test's own; stopped and deleted afterwards."""
    binaries = _binaries()
    if binaries is None:
        pytest.skip(f"no PostgreSQL server binaries (initdb, pg_ctl) in {_BIN_GLOB}")
    as_postgres = os.geteuid() == 0
    if as_postgres:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run initdb as")
        if shutil.which("runuser") is None:
            pytest.skip("running as root and runuser is missing")
    home = Path(tempfile.mkdtemp(prefix="strongback-pg-"))
    try:
        if as_postgres:
            os.chown(home, account.pw_uid, account.pw_gid)
        (tmp_path / "postgres").symlink_to(home, target_is_directory=True)
        server = OwnPostgres(binaries, home, as_postgres)
        await server.init()
        await server.start()
        try:
            yield server
        finally:
            if server.running:
                with contextlib.suppress(Exception):
                    await server.stop("immediate")
    finally:
        shutil.rmtree(home, ignore_errors=True)
