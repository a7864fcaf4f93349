"""The statistics in Neo4j (graph/statistics.py → graph/neo4j/rows.py): entity properties
as the rows say, kept exact by a load of a changed graph."""

import pytest

from graph.neo4j.loader import connect, load
from graph.neo4j.rows import to_property_graph
from support.neo4j import wipe, without_article

STATISTICS = ("article_count", "mention_count", "first_mentioned", "last_mentioned", "organised_count",
              "attended_count", "activity_count", "body_count", "activity_kinds")  # fmt: skip


def in_database(settings) -> dict:
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (e:Entity) RETURN e.iri AS iri, properties(e) AS props", database_=settings.database
        )
    return {r["iri"]: {k: v for k, v in r["props"].items() if k in STATISTICS} for r in records}


def in_rows(kg) -> dict:
    return {
        n.props["iri"]: {k: v for k, v in n.props.items() if k in STATISTICS and v is not None}
        for n in to_property_graph(kg).entities
    }


def idle(kg) -> set[str]:
    """The entities of ``kg`` that organised or took part in no activity."""
    return {iri for iri, stats in in_rows(kg).items() if "activity_count" not in stats}


@pytest.fixture(scope="module")
def loaded(neo4j_settings, sample_kg):
    wipe(neo4j_settings)
    return load(sample_kg, neo4j_settings)


def test_the_statistics_are_loaded_as_the_rows_say(loaded, neo4j_settings, sample_kg):
    stats = in_database(neo4j_settings)
    assert stats == in_rows(sample_kg)
    federation = stats["https://w3id.org/unionkg/id/union/北京市总工会"]
    assert federation["article_count"] > 5 and federation["activity_count"] > 0
    assert any("activity_kinds" in s for s in stats.values())


def test_a_changed_graph_leaves_no_stale_statistic(loaded, neo4j_settings, sample_kg):
    # an article without which an entity that stays loses its every activity
    article, smaller = next(
        (a, kg)
        for a in sorted(sample_kg.articles)
        if (kg := without_article(sample_kg, a)) and idle(kg) & set(in_rows(sample_kg)) - idle(sample_kg)
    )
    load(smaller, neo4j_settings, removed=[article])
    assert in_database(neo4j_settings) == in_rows(smaller) != in_rows(sample_kg)
    load(sample_kg, neo4j_settings)  # and back
    assert in_database(neo4j_settings) == in_rows(sample_kg)
