"""What the Neo4j tests share: the server they talk to, the sample build, the CLI.

The server is the real one `make test` starts (`unionkg neo4j start`); the tests read
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD and fail, never skip, when it does not answer.
"""

import pytest

from graph import neo4j_server, pipeline
from graph.model import KnowledgeGraph
from graph.neo4j_loader import Neo4jSettings, Neo4jUnavailable, connect
from graph.neo4j_server import free_port  # noqa: F401  (the tests import it from here)

from conftest import UNIONKG, run_cli, sample_build  # noqa: F401  (the tests import them from here)


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


def wipe(settings: Neo4jSettings) -> None:
    """An empty database (Community Edition has one user database, so tests share it)."""
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        # in slices: one transaction over a large graph left by a benchmark would run out
        # of the server's transaction memory (CALL … IN TRANSACTIONS needs an implicit one)
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture(scope="session")
def sample_kg(sample_build) -> KnowledgeGraph:
    return pipeline.read_graph([sample_build])


def without_article(kg: KnowledgeGraph, article_id: str) -> KnowledgeGraph:
    """``kg`` as if the article had never been read: its mentions and evidence gone, its
    facts that no other article states gone, and the entities only it named, with the
    facts of the gazetteers about them."""
    out = KnowledgeGraph.from_json(kg.to_json())
    del out.articles[article_id]
    for key, edge in list(out.edges.items()):
        stated = bool(edge.evidence)
        edge.evidence = [ev for ev in edge.evidence if ev.article_id != article_id]
        if stated and not edge.evidence:
            del out.edges[key]
    for node_id, node in list(out.nodes.items()):
        named_here = any(m.article_id == article_id for m in node.mentions)
        node.mentions = [m for m in node.mentions if m.article_id != article_id]
        if named_here and not node.mentions:
            del out.nodes[node_id]
    for key, edge in list(out.edges.items()):
        if edge.subject not in out.nodes or edge.object not in out.nodes:
            del out.edges[key]
    return out
