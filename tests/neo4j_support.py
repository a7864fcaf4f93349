"""What the Neo4j tests share: the server they talk to, the sample build, the CLI.

The server is the real one `make test` starts (`unionkg neo4j start`); the tests read
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD and fail, never skip, when it does not answer.
"""

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph import pipeline
from graph.model import KnowledgeGraph
from graph.neo4j_loader import Neo4jSettings, Neo4jUnavailable, connect

from conftest import PAGES

UNIONKG = str(Path(sys.executable).with_name("unionkg"))


def run_cli(*args, code=0, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([UNIONKG, *map(str, args)], capture_output=True, text=True, timeout=600, **kwargs)
    assert proc.returncode == code, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    settings = Neo4jSettings.from_env()
    try:
        connect(settings).close()
    except Neo4jUnavailable as err:
        pytest.fail(f"these tests need the Neo4j server that `make test` starts: {err}")
    return settings


def wipe(settings: Neo4jSettings) -> None:
    """An empty database (Community Edition has one user database, so tests share it)."""
    with connect(settings) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.database)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("neo4j") / "build"
    pipeline.build([PAGES], out)
    return out


@pytest.fixture(scope="session")
def sample_kg(sample_build) -> KnowledgeGraph:
    return pipeline.read_graph([sample_build])


def free_port() -> int:
    """A port nothing listens on (bound once by the OS, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def without_article(kg: KnowledgeGraph, article_id: str) -> KnowledgeGraph:
    """``kg`` as if the article had never been read: its mentions and evidence gone, its
    facts that no other article states gone, and the entities only it named."""
    out = KnowledgeGraph.from_json(kg.to_json())
    del out.articles[article_id]
    for key, edge in list(out.edges.items()):
        stated = bool(edge.evidence)
        edge.evidence = [ev for ev in edge.evidence if ev.article_id != article_id]
        if stated and not edge.evidence:
            del out.edges[key]
    linked = {e.subject for e in out.edges.values()} | {e.object for e in out.edges.values()}
    for node_id, node in list(out.nodes.items()):
        named_here = any(m.article_id == article_id for m in node.mentions)
        node.mentions = [m for m in node.mentions if m.article_id != article_id]
        if named_here and not node.mentions and node_id not in linked:
            del out.nodes[node_id]
    return out
