"""The statistics in Neo4j (graph/statistics.py → graph/neo4j/rows.py): entity properties
and SHARED_EVENTS, as the rows say, kept exact by a load of a changed graph."""

import pytest

from graph.neo4j.loader import connect, load
from graph.neo4j.rows import SHARED_EVENTS, to_property_graph
from support.neo4j import wipe, without_article

STATISTICS = ("article_count", "mention_count", "first_mentioned", "last_mentioned", "organised_count",
              "attended_count", "activity_count", "body_count", "activity_kinds")  # fmt: skip


def read(settings, query: str) -> list[dict]:
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(query, database_=settings.database)
    return [r.data() for r in records]


def in_database(settings) -> tuple[dict, set]:
    entities = read(settings, "MATCH (e:Entity) RETURN e.iri AS iri, properties(e) AS props")
    stats = {r["iri"]: {k: v for k, v in r["props"].items() if k in STATISTICS} for r in entities}
    pairs = read(settings, "MATCH (a)-[s:SHARED_EVENTS]->(b) RETURN a.iri AS a, b.iri AS b, s.events AS n")
    return stats, {(r["a"], r["b"], r["n"]) for r in pairs}


def in_rows(kg) -> tuple[dict, set]:
    pg = to_property_graph(kg)
    stats = {
        n.props["iri"]: {k: v for k, v in n.props.items() if k in STATISTICS and v is not None}
        for n in pg.entities
    }
    return stats, {(r.source, r.target, r.props["events"]) for r in pg.shared}


@pytest.fixture(scope="module")
def loaded(neo4j_settings, sample_kg):
    wipe(neo4j_settings)
    return load(sample_kg, neo4j_settings)


def test_the_statistics_are_loaded_as_the_rows_say(loaded, neo4j_settings, sample_kg):
    stats, pairs = in_database(neo4j_settings)
    assert (stats, pairs) == in_rows(sample_kg)
    assert stats["https://w3id.org/unionkg/id/union/北京市总工会"]["article_count"] > 5
    assert pairs and loaded.tallies["shared_events"].created == len(pairs)


def test_loading_again_changes_no_statistic(loaded, neo4j_settings, sample_kg):
    again = load(sample_kg, neo4j_settings).tallies["shared_events"]
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(in_rows(sample_kg)[1]))


def test_a_changed_graph_leaves_no_stale_statistic(loaded, neo4j_settings, sample_kg):
    # an article without which pairs go, and an entity that stays loses its every activity
    def idle(kg) -> set[str]:
        return {iri for iri, stats in in_rows(kg)[0].items() if "activity_count" not in stats}

    article, smaller = next(
        (a, kg)
        for a in sorted(sample_kg.articles)
        if (kg := without_article(sample_kg, a)) and idle(kg) & set(in_rows(sample_kg)[0]) - idle(sample_kg)
    )
    load(smaller, neo4j_settings, removed=[article])
    stats, pairs = in_database(neo4j_settings)
    expected_stats, expected_pairs = in_rows(smaller)
    assert pairs == expected_pairs != in_rows(sample_kg)[1]
    assert stats == expected_stats
    load(sample_kg, neo4j_settings)  # and back
    assert in_database(neo4j_settings) == in_rows(sample_kg)


def test_shared_events_are_counted_as_a_relationship_type(loaded, neo4j_settings, sample_kg):
    counts = to_property_graph(sample_kg).counts()
    assert counts[SHARED_EVENTS] == len(read(neo4j_settings, "MATCH ()-[s:SHARED_EVENTS]->() RETURN s"))
