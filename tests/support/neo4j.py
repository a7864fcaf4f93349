"""Helpers of the Neo4j tests: an emptied database, a graph without one article."""

from graph.model import KnowledgeGraph
from graph.neo4j.loader import Neo4jSettings, empty


def wipe(settings: Neo4jSettings) -> None:
    """An empty database (Community Edition has one user database, so tests share it)."""
    empty(settings)


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
