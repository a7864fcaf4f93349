"""Rows new to the database are created, not merged one by one (the fast path of a first
load): loads running at once must still write each row once."""

import threading

from graph.neo4j import cypher
from graph.neo4j.loader import connect, database_counts, load
from graph.neo4j.rows import to_property_graph
from support.neo4j import wipe


def test_three_loads_at_once_write_each_mention_once(neo4j_settings, sample_kg):
    wipe(neo4j_settings)
    reports = []
    loads = [
        threading.Thread(target=lambda: reports.append(load(sample_kg, neo4j_settings, batch_size=50)))
        for _ in range(3)
    ]
    for thread in loads:
        thread.start()
    for thread in loads:
        thread.join()

    expected = len(to_property_graph(sample_kg).mentions)
    with connect(neo4j_settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (e)-[m:MENTIONED_IN]->(a) WITH e, a, m.start AS start, m.end AS end, count(*) AS n "
            "RETURN sum(n) AS mentions, count(*) AS spans",
            database_=neo4j_settings.database,
        )
    assert len(reports) == 3
    assert records[0]["mentions"] == records[0]["spans"] == expected
    assert sum(r.tallies["mentions"].created for r in reports) == expected


def test_rows_another_load_writes_meanwhile_are_merged_not_created_twice(neo4j_settings, sample_kg):
    """Entities and facts new to the database when the load looked are created; one that
    another load writes before its batch (here: while an earlier kind is written) is merged."""
    wipe(neo4j_settings)
    pg = to_property_graph(sample_kg)
    entity, fact = pg.entities[0].props, pg.facts[0].row()
    written = []

    def meanwhile(done: int, total: int) -> None:  # after each batch, as another load would
        with connect(neo4j_settings) as driver:
            if not written:  # while the articles are written, before any entity
                driver.execute_query(cypher.MERGE_ENTITIES, rows=[entity], database_=neo4j_settings.database)
                written.append("entity")
            elif (
                done > len(pg.articles) + len(pg.entities) and len(written) == 1
            ):  # mentions: before any fact
                driver.execute_query(cypher.MERGE_FACTS, rows=[fact], database_=neo4j_settings.database)
                written.append("fact")

    report = load(sample_kg, neo4j_settings, progress=meanwhile)
    assert written == ["entity", "fact"]
    assert report.complete and database_counts(neo4j_settings) == pg.counts()
    for kind, rows in (("entities", pg.entities), ("facts", pg.facts)):
        tally = report.tallies[kind]
        assert (tally.created, tally.unchanged) == (len(rows) - 1, 1), kind
