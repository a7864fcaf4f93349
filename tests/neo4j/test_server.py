"""The local Neo4j server that `make test` started: status, start again, refusals."""

import os
import subprocess
import sys

import pytest

from graph.neo4j import server as neo4j_server
from graph.neo4j.server import ServerConfig, ServerError
from support import run_cli


def test_status_names_the_running_server(neo4j_settings):
    info = neo4j_server.status()
    assert info is not None and info.bolt_uri == neo4j_settings.uri
    proc = run_cli("neo4j", "status")
    assert proc.stdout.strip() == f"running (pid {info.pid}): {neo4j_settings.uri}"


def test_starting_again_returns_the_running_server(neo4j_settings):
    info = neo4j_server.status()
    proc = run_cli("neo4j", "start")
    assert (
        proc.stdout.strip()
        == f"Neo4j running (pid {info.pid}): {info.bolt_uri}, browser {info.http_uri}/browser/"
    )
    assert neo4j_settings.password not in proc.stdout + proc.stderr


def test_python_module_runs_without_the_cli(neo4j_settings):
    proc = subprocess.run(
        [sys.executable, "-m", "graph.neo4j.server", "status"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.startswith("running (pid ")
    proc = subprocess.run(
        [sys.executable, "-m", "graph.neo4j.server", "restart"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_server_listens_on_loopback_only(neo4j_settings):
    conf = (neo4j_server.HOME / "conf" / "neo4j.conf").read_text().splitlines()
    listen = [line for line in conf if ".listen_address=" in line]
    assert listen and all(line.split("=", 1)[1].startswith("127.0.0.1") for line in listen)
    assert "dbms.security.auth_enabled=true" in conf


def test_start_refuses_a_short_password(tmp_path):
    with pytest.raises(ServerError, match="at least 8 characters"):
        neo4j_server.start(home=tmp_path / "home", password="short")
    assert not (tmp_path / "home").exists()


def test_start_refuses_a_port_in_use(tmp_path, neo4j_settings):
    bolt_port = int(neo4j_settings.uri.rsplit(":", 1)[1])
    with pytest.raises(ServerError, match=f"port {bolt_port} on 127.0.0.1 is in use"):
        neo4j_server.start(
            ServerConfig(bolt_port=bolt_port, http_port=neo4j_server.free_port()),
            home=tmp_path / "home",
            password="long-enough-password",
        )


def test_cli_start_error_is_one_line_and_exit_3(tmp_path):
    # another server home: in the usual one, the running server would be found first
    env = {**os.environ, "NEO4J_PASSWORD": "short", "UNIONKG_NEO4J_CACHE": str(tmp_path)}
    proc = run_cli("neo4j", "start", "--bolt-port", "7688", "--http-port", "7475", code=3, env=env)
    assert proc.stderr.strip() == (
        "error: set NEO4J_PASSWORD to the password of user 'neo4j' (at least 8 characters)"
    )
