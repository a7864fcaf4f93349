"""The statistics and listings graphs of the RDF release ({base}graph/statistics,
{base}graph/listings), parsed back from the dumps: the same counts as the facts and mentions
beside them, every row numbered once, described by VoID."""

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph.iris import IriScheme
from ontology.vocab import DCTERMS, UKG, VOID

STATISTICS = IriScheme().statistics_graph
LISTINGS = IriScheme().listings_graph


@pytest.fixture(scope="module")
def store(sample_build) -> ox.Store:
    store = ox.Store()
    for dump in ("graph.nq", "listings.nq"):
        store.bulk_load(path=str(sample_build / dump), format=ox.RdfFormat.N_QUADS)
    return store


def select(store: ox.Store, query: str) -> list[tuple]:
    prologue = f"PREFIX ukg: <{UKG._NS}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    return [
        tuple(getattr(v, "value", None) for v in row)
        for row in store.query(prologue + query, use_default_graph_as_union=True)
    ]


def test_article_counts_are_the_mentions_articles(store):
    counted = select(store, f"SELECT ?e ?n WHERE {{ GRAPH <{STATISTICS}> {{ ?e ukg:articleCount ?n }} }}")
    assert len(counted) > 200
    recount = dict(
        select(
            store,
            "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?m ukg:mentionOf ?e ; ukg:inArticle ?a } GROUP BY ?e",
        )
    )
    assert all(int(n) == int(recount.get(e, 0)) for e, n in counted)


def test_activity_counts_are_the_organised_and_participated_facts(store):
    counted = select(
        store,
        f"SELECT ?e ?o ?p ?n WHERE {{ GRAPH <{STATISTICS}> {{ "
        "?e ukg:organisedCount ?o ; ukg:attendedCount ?p ; ukg:activityCount ?n } }",
    )
    assert counted
    for entity, organised, attended, either in counted:

        def count(path: str) -> int:
            return int(
                select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ <{entity}> {path} ?x }}")[0][0]
            )

        assert (int(organised), int(attended), int(either)) == (
            count("ukg:organised"),
            count("ukg:participatedIn"),
            count("ukg:organised|ukg:participatedIn"),
        )


def test_a_name_key_finds_the_entity(store):
    found = select(store, f'SELECT ?e WHERE {{ GRAPH <{STATISTICS}> {{ ?e ukg:nameKey "总工" }} }}')
    assert ("https://w3id.org/unionkg/id/union/北京市总工会",) in found


def test_the_listings_number_every_row_once_apart_from_the_dumps(store, sample_build):
    """Places run from 1 without a gap, each the place of one key's row; every mention of
    the statistics' counts has one; they are in listings.nq, in their graph, and not in
    the dumps."""
    keyed = select(
        store,
        f"SELECT ?key ?p ?place WHERE {{ GRAPH <{LISTINGS}> {{ ?key ?p ?place "
        "FILTER(?p IN (ukg:mentionPlace, ukg:timelinePlace, ukg:unionPlace, ukg:factPlace)) } }",
    )
    places = sorted(int(place) for *_, place in keyed)
    assert places == list(range(1, len(places) + 1))
    kinds = {p.rsplit("#", 1)[1] for _, p, _ in keyed}
    assert kinds == {"mentionPlace", "timelinePlace", "unionPlace", "factPlace"}
    shown = {
        int(place)
        for (place,) in select(
            store, f"SELECT ?n WHERE {{ GRAPH <{LISTINGS}> {{ ?r ukg:listingPlace ?n }} }}"
        )
    }
    assert shown == set(places)
    mentions = select(
        store, f"SELECT (SUM(?n) AS ?all) WHERE {{ GRAPH <{STATISTICS}> {{ ?e ukg:mentionCount ?n }} }}"
    )
    assert int(mentions[0][0]) == sum(p.endswith("mentionPlace") for _, p, _ in keyed)
    outside = select(
        store,
        "SELECT ?g WHERE { GRAPH ?g { ?s ukg:listingPlace|ukg:factPlace|ukg:mentionPlace ?o } "
        f"FILTER(?g != <{LISTINGS}>) }} LIMIT 1",
    )
    assert outside == []
    assert b"/graph/listings>" not in (sample_build / "graph.nq").read_bytes()
    graphs = {
        q.graph_name for q in ox.parse(path=str(sample_build / "listings.nq"), format=ox.RdfFormat.N_QUADS)
    }
    assert graphs == {ox.NamedNode(str(LISTINGS)), ox.DefaultGraph()}  # and its description


@pytest.mark.parametrize("graph, title", [(STATISTICS, "statistics"), (LISTINGS, "listings")])
def test_void_describes_the_statistics_and_listings_graphs(graph, title, sample_build, store):
    void = Graph().parse(sample_build / "void.ttl")
    assert (IriScheme().dataset, VOID.subset, graph) in void
    assert void.value(graph, DCTERMS.title) == Literal(title, lang="en")
    quads = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))))
    assert void.value(graph, VOID.triples).toPython() == quads > 1000
    assert isinstance(graph, URIRef)
    if graph == LISTINGS:  # a dump of its own, which the dataset's dumps leave out
        dump = void.value(graph, VOID.dataDump)
        assert void.value(dump, DCTERMS.title) == Literal("listings.nq")
        assert (IriScheme().dataset, VOID.dataDump, dump) not in void
