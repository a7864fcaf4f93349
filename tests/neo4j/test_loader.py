"""`unionkg load neo4j` against the real local server: counts, idempotence, increments, errors."""

import dataclasses
import json
import os

import pyoxigraph as ox
import pytest

from graph.neo4j.loader import (
    BATCH_SIZE,
    EVIDENCE_PER_BATCH,
    Neo4jSettings,
    Neo4jUnavailable,
    _batches,
    _one,
    connect,
    database_counts,
    load,
)
from graph.neo4j.rows import FACT_TYPES, to_property_graph
from graph.neo4j.server import free_port
from ontology.schema import EntityType
from ontology.vocab import RDF, SCHEMA, UKG, class_iri
from support import run_cli
from support.neo4j import wipe, without_article


def load_json(*args, **kwargs) -> dict:
    return json.loads(run_cli("load", "neo4j", *args, "--json", **kwargs).stdout)


@pytest.fixture(scope="module")
def first_load(neo4j_settings, sample_build):
    wipe(neo4j_settings)
    return load_json(sample_build)


def facts_seen(settings: Neo4jSettings) -> dict[str, tuple]:
    """Each fact's key → the dates of the first and last articles that state it."""
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH ()-[r]->() WHERE r.key IS NOT NULL RETURN r.key AS key, r.first_seen AS first, r.last_seen AS last"
        )
    return {r["key"]: (r["first"], r["last"]) for r in records}


def misplaced_titles(settings: Neo4jSettings) -> int:
    """Pieces of evidence whose kept title is not that of the article they were read in."""
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH ()-[r]->() WHERE r.evidence IS NOT NULL UNWIND range(0, size(r.evidence) - 1) AS i "
            "MATCH (a:Article {id: split(r.evidence[i], ':')[0]}) "
            "RETURN count(CASE WHEN size(r.evidence_titles) <> size(r.evidence) "
            "OR r.evidence_titles[i] <> a.title THEN 1 END) AS wrong"
        )
    return records[0]["wrong"]


def rows_seen(kg) -> dict[str, tuple]:
    facts = to_property_graph(kg).facts
    return {f.props["key"]: (f.props.get("first_seen"), f.props.get("last_seen")) for f in facts}


def rdf_counts(build) -> dict[str, int]:
    """Entities per type, articles, mentions and facts, counted in the RDF export."""
    store = ox.Store()
    store.bulk_load(path=str(build / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)

    def count(pattern: str) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)

    counts = {t.value: count(f"?e <{RDF.type}> <{class_iri(t)}>") for t in EntityType}
    counts["Article"] = count(f"?a <{RDF.type}> <{SCHEMA.NewsArticle}>")
    counts["MENTIONED_IN"] = count(f"?m <{UKG.mentionOf}> ?e")
    counts["facts"] = count(f"?s <{RDF.type}> <{RDF.Statement}>")
    return counts


def test_first_load_creates_every_row(first_load, sample_kg):
    expected = to_property_graph(sample_kg).counts()
    assert first_load["articles"] == {"created": expected["Article"], "updated": 0, "unchanged": 0}
    assert first_load["entities"]["created"] == expected["Entity"]
    assert first_load["mentions"]["created"] == expected["MENTIONED_IN"]
    assert first_load["facts"]["created"] == sum(expected.get(t, 0) for t in FACT_TYPES)


def test_counts_by_label_equal_the_rdf_export(first_load, neo4j_settings, sample_build):
    in_neo4j = database_counts(neo4j_settings)
    in_rdf = rdf_counts(sample_build)
    for label in [t.value for t in EntityType] + ["Article", "MENTIONED_IN"]:
        assert in_neo4j.get(label, 0) == in_rdf[label], label
    assert in_neo4j["Entity"] == sum(in_rdf[t.value] for t in EntityType)
    assert sum(in_neo4j.get(t, 0) for t in FACT_TYPES) == in_rdf["facts"] > 100


def test_loading_twice_changes_nothing(first_load, neo4j_settings, sample_build):
    before = database_counts(neo4j_settings)
    again = load_json(sample_build)
    for kind in ("articles", "entities", "mentions", "facts"):
        assert again[kind]["created"] == again[kind]["updated"] == 0, kind
        assert again[kind]["unchanged"] == first_load[kind]["created"], kind
    assert database_counts(neo4j_settings) == before


def test_nodes_follow_the_model(first_load, neo4j_settings):
    with connect(neo4j_settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (u:Entity:Union {name: '北京市总工会'}) "
            "RETURN u.iri AS iri, u.id AS id, u.type AS type, u.aliases AS aliases",
            database_=neo4j_settings.database,
        )
        assert [r.data() for r in records] == [
            {
                "iri": "https://w3id.org/unionkg/id/union/北京市总工会",
                "id": "union/北京市总工会",
                "type": "Union",
                "aliases": records[0]["aliases"],
            }
        ]
        mention = driver.execute_query(
            "MATCH (:Entity)-[m:MENTIONED_IN]->(a:Article) RETURN m, a.title AS title LIMIT 1",
            database_=neo4j_settings.database,
        ).records[0]
        assert set(mention["m"].keys()) == {"start", "end", "text"}
        fact = driver.execute_query(
            "MATCH (:Person)-[r:HOLDS_POST]->(:Entity) RETURN r LIMIT 1", database_=neo4j_settings.database
        ).records[0]["r"]
        assert fact["key"].startswith("https://w3id.org/unionkg/statement/")
        assert fact["title"] and fact["articles"] and len(fact["snippets"]) == len(fact["evidence"])
        assert len(fact["rules"]) == len(fact["evidence"]) and all(fact["rules"])  # the rule that read each
        assert len(fact["evidence_titles"]) == len(fact["evidence"]) and all(fact["evidence_titles"])


def test_full_text_index_finds_chinese_names(first_load, neo4j_settings):
    with connect(neo4j_settings) as driver:
        records, _, _ = driver.execute_query(
            "CALL db.index.fulltext.queryNodes('entityNames', '总工会') YIELD node RETURN node.name AS name",
            database_=neo4j_settings.database,
        )
    names = [r["name"] for r in records]
    assert "北京市总工会" in names and all("工会" in n or "总工" in n for n in names[:5])


def test_an_entity_no_article_names_any_more_goes_with_its_inferred_facts(
    first_load, neo4j_settings, sample_kg
):
    inferred = [e for e in sample_kg.edges.values() if e.inferred]
    named_once = {
        n
        for e in inferred
        for n in (e.subject, e.object)
        if len({m.article_id for m in sample_kg.nodes[n].mentions}) == 1
    }
    article_id = next(
        a
        for a in sample_kg.articles
        if any(sample_kg.nodes[n].mentions[0].article_id == a for n in named_once)
    )
    changed = without_article(sample_kg, article_id)
    assert sum(e.inferred for e in changed.edges.values()) < len(inferred)
    original = sample_kg.articles[article_id]
    changed.articles[article_id] = dataclasses.replace(original, text=original.text + "（更正）")
    load(changed, neo4j_settings)
    assert database_counts(neo4j_settings) == to_property_graph(changed).counts()
    load(sample_kg, neo4j_settings)
    assert database_counts(neo4j_settings) == to_property_graph(sample_kg).counts()


def test_new_and_changed_articles_replace_only_their_own_facts(first_load, neo4j_settings, sample_kg):
    # an article no other states all facts of, so taking it out must delete facts
    article_id = max(
        sample_kg.articles,
        key=lambda a: sum(
            all(ev.article_id == a for ev in e.evidence) and bool(e.evidence)
            for e in sample_kg.edges.values()
        ),
    )
    smaller = without_article(sample_kg, article_id)
    assert to_property_graph(smaller).counts() != to_property_graph(sample_kg).counts()

    # the article's text changed and says nothing any more: its facts go
    changed = without_article(sample_kg, article_id)
    original = sample_kg.articles[article_id]
    changed.articles[article_id] = dataclasses.replace(original, text=original.text + "（更正）")
    report = load(changed, neo4j_settings)
    assert report.replaced_articles == [article_id]
    assert report.deleted > 0
    assert database_counts(neo4j_settings) == to_property_graph(changed).counts()

    assert facts_seen(neo4j_settings) == rows_seen(changed)  # the dates of the facts it stated too
    assert misplaced_titles(neo4j_settings) == 0

    # the original text again: the article is replaced once more and the graph is whole
    report = load(sample_kg, neo4j_settings)
    assert report.replaced_articles == [article_id]
    assert database_counts(neo4j_settings) == to_property_graph(sample_kg).counts()
    assert facts_seen(neo4j_settings) == rows_seen(sample_kg)
    assert misplaced_titles(neo4j_settings) == 0

    # a graph without the article, then the article as new: only it is added
    wipe(neo4j_settings)
    load(smaller, neo4j_settings)
    assert database_counts(neo4j_settings) == to_property_graph(smaller).counts()
    report = load(sample_kg, neo4j_settings)
    assert report.tallies["articles"].created == 1
    assert report.tallies["articles"].unchanged == len(sample_kg.articles) - 1
    assert report.tallies["facts"].updated + report.tallies["facts"].created > 0
    assert misplaced_titles(neo4j_settings) == 0
    assert database_counts(neo4j_settings) == to_property_graph(sample_kg).counts()


def test_an_article_that_shares_facts_takes_out_only_its_own_evidence(first_load, neo4j_settings, sample_kg):
    """Each piece of a fact's evidence keeps its snippet, rule and article title beside it
    when a changed article's evidence is taken out of a fact other articles state too, in
    a database whose facts were loaded before their titles were kept, too."""
    with connect(neo4j_settings) as driver:
        driver.execute_query("MATCH ()-[r]->() REMOVE r.evidence_titles")
    shared = [e for e in sample_kg.edges.values() if len({ev.article_id for ev in e.evidence}) > 1]
    assert shared
    article_id = shared[0].evidence[0].article_id
    changed = without_article(sample_kg, article_id)
    original = sample_kg.articles[article_id]
    changed.articles[article_id] = dataclasses.replace(original, text=original.text + "（更正）")
    load(changed, neo4j_settings)
    assert misplaced_titles(neo4j_settings) == 0
    load(sample_kg, neo4j_settings)
    assert misplaced_titles(neo4j_settings) == 0
    assert database_counts(neo4j_settings) == to_property_graph(sample_kg).counts()


def test_wrong_password_is_one_clear_line(first_load, sample_build):
    env = {**os.environ, "NEO4J_PASSWORD": "not-the-password"}
    proc = run_cli("load", "neo4j", sample_build, code=3, env=env)
    assert proc.stderr.strip().splitlines()[-1].startswith("error: Neo4j at bolt://")
    assert "wrong password" in proc.stderr and "not-the-password" not in proc.stdout + proc.stderr


def test_closed_port_is_one_clear_line(sample_build):
    uri = f"bolt://127.0.0.1:{free_port()}"
    proc = run_cli("load", "neo4j", sample_build, "--uri", uri, code=3)
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: Neo4j is not reachable at {uri}: is it running? (`unionkg neo4j start` runs a local one)"
    )


def test_password_is_asked_for_when_not_in_the_environment(first_load, neo4j_settings, sample_build):
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    proc = run_cli("load", "neo4j", sample_build, "--json", env=env, input=neo4j_settings.password + "\n")
    assert json.loads(proc.stdout)["articles"]["created"] == 0
    assert neo4j_settings.password not in proc.stdout + proc.stderr


def test_library_call_raises_on_wrong_password(neo4j_settings, sample_kg):
    wrong = Neo4jSettings(
        neo4j_settings.uri, neo4j_settings.user, "not-the-password", neo4j_settings.database
    )
    with pytest.raises(Neo4jUnavailable, match="wrong password"):
        load(sample_kg, wrong)


def test_a_batch_of_facts_closes_at_its_pieces_of_evidence():
    """Facts carry their evidence: a batch holds at most about EVIDENCE_PER_BATCH pieces
    of it, however few facts that is (at 100k articles, 1,000 facts of a load again ran
    out of the server's transaction memory)."""
    heavy = {"props": {"evidence": ["a:0-1"] * (EVIDENCE_PER_BATCH // 3 + 1)}}
    light = {"props": {"evidence": ["a:0-1"]}}
    batches = list(_batches([heavy] * 5 + [light] * 10, _one, BATCH_SIZE))
    assert [len(batch) for batch, _ in batches] == [3, 12]
    assert [rows for _, rows in batches] == [3, 12]  # rows of the graph, for the report
