"""Shared fixtures: the bundled sample pages, their gold annotations, one build of the
sample that read-only tests share, and the real Neo4j server `make test` starts.

The Neo4j tests read NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD and fail, never skip, when
the server does not answer.
"""

from pathlib import Path

import pytest

from graph import pipeline
from graph.model import KnowledgeGraph
from graph.neo4j import server as neo4j_server
from graph.neo4j.loader import Neo4jSettings, Neo4jUnavailable, connect
from support import GOLD, PAGES, run_cli


def pytest_collection_modifyitems(items):
    """A test that talks to a server (one in tests/neo4j/, or one that asks for its fixtures)
    is marked ``neo4j``, so
    that ``make test-fast`` (``-m "not neo4j and not browser and not slow"``) leaves it out."""
    for item in items:
        if item.path.parent.name == "neo4j" or {"neo4j_settings", "neo4j_http"} & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def pages() -> Path:
    return PAGES


@pytest.fixture(scope="session")
def gold() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """``unionkg build`` of the sample pages; tests that share it must not change it."""
    out = tmp_path_factory.mktemp("sample") / "build"
    run_cli("build", PAGES, "--out", out)
    return out


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    settings = Neo4jSettings.from_env()
    try:
        connect(settings).close()
    except Neo4jUnavailable as err:
        pytest.fail(f"these tests need the Neo4j server that `make test` starts: {err}")
    return settings


@pytest.fixture(scope="session")
def neo4j_http(neo4j_settings) -> str:
    """The HTTP address (Browser, the query API) of the local server `make test` started."""
    info = neo4j_server.status()
    if info is None:
        pytest.fail("these tests need the local server that `make test` starts (`unionkg neo4j start`)")
    return info.http_uri


@pytest.fixture(scope="session")
def sample_kg(sample_build) -> KnowledgeGraph:
    return pipeline.read_graph([sample_build])
