"""The questions that read the build's statistics (graph/statistics.py) instead of counting
at query time give the answers counting gives, computed here from the graph itself; and
entity_search's name-key index finds what a scan of every name finds, on both backends."""

import pytest

from graph.neo4j.loader import connect, load
from graph.rdf.store import EmbeddedStore
from ontology.schema import EntityType, Predicate
from queries import library as lib
from queries.library import Page, answer_embedded, answer_neo4j
from support.neo4j import wipe

TAKING_PART = (Predicate.organised, Predicate.participatedIn)
EVERY_ROW = Page.all()
SEARCHES = ["工匠", "工", "总工会", "北京市总工会", "", "区", "A", "'", '"} ; DROP ALL', "会\\", "无此名称"]


@pytest.fixture(scope="module")
def store(sample_build):
    with EmbeddedStore.open(sample_build / "store") as store:
        yield store


def activities(kg, node_id: str, predicates=TAKING_PART) -> set[str]:
    return {e.object for e in kg.edges.values() if e.subject == node_id and e.predicate in predicates}


def test_most_active_unions_counts_the_facts(store, sample_kg):
    rows = answer_embedded(lib.get("most_active_unions"), {"min_activities": 1}, store, EVERY_ROW).rows
    expected = {
        n.name: (len(activities(sample_kg, i)), len(activities(sample_kg, i, (Predicate.organised,))))
        for i, n in sample_kg.nodes.items()
        if n.type is EntityType.Union and activities(sample_kg, i)
    }
    assert {r["union_name"]: (r["activities"], r["organised"]) for r in rows} == expected and rows


def test_multiple_posts_counts_the_bodies(store, sample_kg):
    rows = answer_embedded(lib.get("multiple_posts"), {"min_bodies": 2}, store, EVERY_ROW).rows
    bodies = {
        n.name: len(activities(sample_kg, i, (Predicate.holdsPost, Predicate.worksFor)))
        for i, n in sample_kg.nodes.items()
        if n.type is EntityType.Person
    }
    assert {r["person"]: r["bodies"] for r in rows} == {p: b for p, b in bodies.items() if b >= 2} and rows


@pytest.mark.parametrize("text", SEARCHES)
def test_entity_search_finds_every_name_that_contains_the_text(text, store, sample_kg):
    rows = answer_embedded(lib.get("entity_search"), {"text": text}, store, EVERY_ROW).rows
    expected = {
        (n.name, n.type.value, len({m.article_id for m in n.mentions}))
        for n in sample_kg.nodes.values()
        if any(text in name for name in {n.name, *n.aliases})
    }
    assert {(r["name"], r["type"], r["articles"]) for r in rows} == expected


@pytest.fixture(scope="module")
def driver(neo4j_settings, sample_kg):
    wipe(neo4j_settings)
    load(sample_kg, neo4j_settings)
    with connect(neo4j_settings) as driver:
        yield driver


@pytest.mark.parametrize("text", SEARCHES)
def test_entity_search_answers_as_cypher_does(text, store, driver):
    question = lib.get("entity_search")
    assert (
        answer_embedded(question, {"text": text}, store, EVERY_ROW).rows
        == answer_neo4j(question, {"text": text}, driver, page=EVERY_ROW).rows
    )
