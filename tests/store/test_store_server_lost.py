"""When the server goes away in the middle of a save, the user reads one clear message: none of
the driver's own warnings about what it could not clean up after it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from store_support import postgres_server

MINI = Path(__file__).parents[1] / "fixtures" / "mini"

# `maturity assess --save` in a process of its own (so that nothing catches the driver's
# warnings on their way to the terminal), its connection cut as the save sends the answers:
# to the program, the server is gone
CUT_MID_SAVE = """
import os, socket, sys
from sqlalchemy import event
import maturity.store.postgresql as pg
from maturity.cli import cli

made = pg.create_postgresql_engine

def cut_mid_save(url, **kwargs):
    engine = made(url, **kwargs)

    @event.listens_for(engine, "before_cursor_execute")
    def cut(conn, cursor, statement, params, context, executemany):
        if executemany and statement.startswith("INSERT INTO answers"):
            sock = socket.socket(fileno=os.dup(cursor.connection.pgconn.socket))
            sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    return engine

pg.create_postgresql_engine = cut_mid_save
cli.main(sys.argv[1:], prog_name="maturity")
"""


@pytest.fixture
def server_database() -> Iterator[str]:
    """A database of its own on the test server (a file has no connection to lose; killed
    writers on both backends are in test_store_reliability.py)."""
    server = postgres_server()
    location = server.create()
    yield location
    server.drop(location)


def test_a_server_lost_mid_save_gives_one_message(server_database: str, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n"be.base.q" = ["b"]\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_")}
    done = subprocess.run(
        [sys.executable, "-c", CUT_MID_SAVE, "--questionnaires", str(MINI), "--db", server_database,
         "assess", "--answers", str(answers), "--save"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Error: cannot use the database ") and "server closed the connection" in lines[0]
