"""The listings the build numbers (graph/statistics.py: timelines, unions_below, fact_rows),
on a small graph written for them: programme_timeline, union_hierarchy and fact_evidence give the rows the graph
holds, in the same order on both backends, and every page is the slice of the whole."""

import json

import pytest

from graph.model import Edge, Evidence, KnowledgeGraph, Mention, Node
from graph.neo4j.loader import connect, load
from graph.rdf import write_release
from graph.rdf.store import EmbeddedStore
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from queries import library as lib
from queries.library import Page, answer_embedded, answer_neo4j
from support.neo4j import wipe

TEXT = "大赛开幕式，颁奖。大赛"


def small_graph() -> KnowledgeGraph:
    """A contest in three levels (大赛 ← 开幕式, 大赛 ← 决赛 ← 颁奖) reported by four
    articles, two of one date, title and source and one undated; a city, a district, their
    unions (the city federation and the city both called 市总), and two unions of one name:
    one the union of two bodies, one of none."""
    articles = [
        Article.from_parts("p.txt", i, title, [(0, title)], [(2, TEXT)], date=day)
        for i, (title, day) in enumerate(
            [("甲", "2024-05-08"), ("乙", "2023"), ("丙", None), ("甲", "2024-05-08")]
        )
    ]
    kg = KnowledgeGraph(articles={a.id: a for a in articles})
    a1, a2, a3, a4 = (a.id for a in articles)
    for node_id, kind, names, mentions in [
        ("programme/大赛", EntityType.Programme, ["大赛", "比赛"], [(a1, 2), (a2, 2), (a2, 11), (a3, 2)]),
        ("event/开幕式", EntityType.Event, ["开幕式"], [(a2, 4)]),
        ("event/决赛", EntityType.Event, ["决赛"], []),
        ("event/颁奖", EntityType.Event, ["颁奖"], [(a4, 8), (a3, 8)]),
        ("district/北京市", EntityType.District, ["北京市", "市总"], []),
        ("district/大兴区", EntityType.District, ["大兴区"], []),
        ("union/市总工会", EntityType.Union, ["市总工会", "市总"], []),
        ("union/大兴区总工会", EntityType.Union, ["大兴区总工会"], []),
        ("union/某公司工会", EntityType.Union, ["某公司工会"], []),
        ("union/某公司工会-2", EntityType.Union, ["某公司工会"], []),
        ("enterprise/某公司", EntityType.Enterprise, ["某公司"], []),
        ("enterprise/某集团", EntityType.Enterprise, ["某集团"], []),
    ]:
        spans = [Mention(a, start, start + len(names[0]), names[0]) for a, start in mentions]
        kg.nodes[node_id] = Node(node_id, kind, names[0], aliases=set(names[1:]), mentions=spans)
    for s, p, o in [
        ("event/开幕式", Predicate.partOf, "programme/大赛"),
        ("event/决赛", Predicate.partOf, "programme/大赛"),
        ("event/颁奖", Predicate.partOf, "event/决赛"),
        ("district/大兴区", Predicate.locatedIn, "district/北京市"),
        ("union/市总工会", Predicate.unionOf, "district/北京市"),
        ("union/大兴区总工会", Predicate.unionOf, "district/大兴区"),
        ("union/某公司工会", Predicate.unionOf, "enterprise/某公司"),
        ("union/某公司工会", Predicate.unionOf, "enterprise/某集团"),
        ("enterprise/某公司", Predicate.locatedIn, "district/大兴区"),
        ("union/某公司工会-2", Predicate.subOrganizationOf, "union/市总工会"),
    ]:
        kg.edges[(s, p.value, o, "")] = Edge(s, p, o)
    # two articles state that the awards are part of the final
    said = [Evidence(a, 8, 10, f"{TEXT}（{i}）") for i, a in enumerate([a4, a3])]
    kg.edges[("event/颁奖", "partOf", "event/决赛", "")].evidence = said
    return kg


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("listings")
    write_release(small_graph(), out, issued="2024-06-01")
    return out


@pytest.fixture(scope="module")
def store(graph):
    with EmbeddedStore.create(graph / "store", graph / "graph.nq", graph / "listings.nq") as store:
        yield store


@pytest.fixture(scope="module")
def driver(neo4j_settings):
    wipe(neo4j_settings)
    load(small_graph(), neo4j_settings)
    with connect(neo4j_settings) as driver:
        yield driver
    wipe(neo4j_settings)  # the next module loads its own graph


def row(date, article, activity):
    return {"date": date, "article": article, "source": "p.txt", "activity": activity}


def fact(subject, obj, article, snippet):
    return {
        "subject": subject,
        "relation": "PART_OF",
        "object": obj,
        "title": None,
        "article": article,
        "snippet": snippet,
    }


CASES = [
    (
        "programme_timeline",
        {"programme": "比赛"},  # an alias; the parts at any depth; the undated article last
        [
            row("2023", "乙", "大赛"),
            row("2023", "乙", "开幕式"),
            row("2024-05-08", "甲", "大赛"),
            row("2024-05-08", "甲", "颁奖"),  # another article of that date, title and source
            row(None, "丙", "大赛"),
            row(None, "丙", "颁奖"),
        ],
    ),
    ("programme_timeline", {"programme": "决赛"}, [row("2024-05-08", "甲", "颁奖"), row(None, "丙", "颁奖")]),
    ("programme_timeline", {"programme": "某公司"}, []),  # not an activity
    (
        "union_hierarchy",
        # the union and the city answer to 市总: the unions below either, each once
        {"federation": "市总"},
        [
            {"union_name": "大兴区总工会", "represents": "大兴区"},
            {"union_name": "市总工会", "represents": "北京市"},
            {"union_name": "某公司工会", "represents": None},
            {"union_name": "某公司工会", "represents": "某公司、某集团"},
        ],
    ),
    (
        "union_hierarchy",
        {"federation": "大兴区"},
        [
            {"union_name": "大兴区总工会", "represents": "大兴区"},
            {"union_name": "某公司工会", "represents": "某公司、某集团"},
        ],
    ),
    (
        "union_hierarchy",
        {"federation": "某集团"},
        [{"union_name": "某公司工会", "represents": "某公司、某集团"}],
    ),
    ("union_hierarchy", {"federation": "某公司工会"}, []),  # itself left out
    (
        "fact_evidence",
        {"entity": "决赛"},  # a fact no article states first, then one row a place that states one
        [
            fact("决赛", "大赛", None, None),
            fact("颁奖", "决赛", "丙", f"{TEXT}（1）"),
            fact("颁奖", "决赛", "甲", f"{TEXT}（0）"),
        ],
    ),
    (
        "fact_evidence",
        {"entity": "某集团"},
        [
            {
                "subject": "某公司工会",
                "relation": "UNION_OF",
                "object": "某集团",
                "title": None,
                "article": None,
                "snippet": None,
            }
        ],
    ),
]


@pytest.mark.parametrize("name, values, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_a_numbered_listing_pages_through_the_graph_s_rows_on_both_backends(
    name, values, expected, store, driver
):
    q = lib.get(name)
    for answer in (
        lambda page: answer_embedded(q, values, store, page),
        lambda page: answer_neo4j(q, values, driver, page=page),
    ):
        whole = answer(Page.all())
        assert whole.total == len(expected) and whole.rows == expected, json.dumps(
            whole.rows, ensure_ascii=False
        )
        for offset in range(0, len(expected) + 2, 2):
            page = answer(Page(limit=2, offset=offset))
            assert page.total == len(expected) and page.rows == expected[offset : offset + 2]
