"""Mentions of an article new to the database are created, not merged one by one (the
fast path of a first load): loads running at once must still write each mention once."""

import threading

from graph.neo4j.loader import connect, load
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
