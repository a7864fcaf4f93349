"""Network analytics (`unionkg analyse`) and the GEXF export, on the sample build and on
small graphs whose answers are known."""

import csv
import json
from collections import defaultdict

import networkx as nx
import pytest

from graph import pipeline
from graph.analysis.metrics import analyse, communities, hierarchy, timeline
from graph.model import Edge, KnowledgeGraph, Node
from ontology.schema import ORGANISATIONS
from ontology.schema import EntityType as T
from ontology.schema import Predicate as P
from support import run_cli


@pytest.fixture(scope="module")
def kg(sample_build) -> KnowledgeGraph:
    return pipeline.read_graph([sample_build])


def small_graph(nodes, edges) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for nid, etype in nodes:
        kg.nodes[nid] = Node(nid, etype, nid.split("/")[1])
    for s, p, o in edges:
        kg.edges[(s, p.value, o, "")] = Edge(s, p, o)
    return kg


def test_centrality_ranks_organisations_and_people_with_true_degrees(kg):
    result = analyse(kg)
    neighbours = defaultdict(set)
    for e in kg.edges.values():
        neighbours[e.subject].add(e.object)
        neighbours[e.object].add(e.subject)
    ranked = [c for c in result.centrality if c.degree]
    assert len(ranked) > 20
    for c in result.centrality:
        assert T(c.type) in ORGANISATIONS or T(c.type) is T.Person
        assert c.degree == len(neighbours[c.id])
        assert 0 <= c.betweenness <= 1
        assert c.articles == len({m.article_id for m in kg.nodes[c.id].mentions})
    pageranks = [c.pagerank for c in result.centrality]
    assert pageranks == sorted(pageranks, reverse=True)
    # an organisation that bridges articles lies on more shortest paths than a leaf
    assert max(c.betweenness for c in result.centrality) > 10 * min(c.betweenness for c in result.centrality)


def test_communities_are_disjoint_groups_of_organisations_that_met(kg):
    found = communities(kg)
    assert len(found) >= 3
    members = [nid for c in found for nid in c.ids]
    assert len(members) == len(set(members))
    met = defaultdict(set)  # organisation → articles and events it is in
    for nid, node in kg.nodes.items():
        met[nid] |= {m.article_id for m in node.mentions}
    for e in kg.edges.values():
        met[e.subject].add(e.object)
        met[e.object].add(e.subject)
    for c in found:
        assert len(c.ids) >= 2 and c.ties >= 1
        assert all(kg.nodes[nid].type in ORGANISATIONS for nid in c.ids)
        for nid in c.ids:  # everyone shares an article or an event with someone of the community
            assert any(met[nid] & met[other] for other in c.ids if other != nid), (c.members, nid)


def test_two_clusters_that_never_meet_are_two_communities():
    orgs = [(f"union/{name}", T.Union) for name in "甲乙丙丁戊己"]
    events = [("event/会一", T.Event), ("event/会二", T.Event)]
    edges = [(f"union/{n}", P.participatedIn, "event/会一") for n in "甲乙丙"]
    edges += [(f"union/{n}", P.participatedIn, "event/会二") for n in "丁戊己"]
    found = communities(small_graph(orgs + events, edges))
    assert sorted(sorted(c.members) for c in found) == [["丁", "己", "戊"], ["丙", "乙", "甲"]]
    assert [c.ties for c in found] == [3, 3]


def test_hierarchy_holds_every_part_of_and_union_of_link(kg):
    expected = {
        (e.subject, e.object, e.predicate.value)
        for e in kg.edges.values()
        if e.predicate in (P.subOrganizationOf, P.unionOf)
    }
    assert expected, "the sample has organisation hierarchies"
    links = set()

    def walk(node):
        for child in node.children:
            links.add((child.id, node.id, child.link))
            walk(child)

    for root in hierarchy(kg):
        assert root.link == ""
        walk(root)
    assert links == expected


def test_hierarchy_cuts_a_cycle_and_keeps_its_members():
    kg = small_graph(
        [("union/甲", T.Union), ("union/乙", T.Union)],
        [("union/甲", P.subOrganizationOf, "union/乙"), ("union/乙", P.subOrganizationOf, "union/甲")],
    )
    [root] = hierarchy(kg)
    assert (root.name, [c.name for c in root.children], root.children[0].children) == ("乙", ["甲"], [])


def test_timeline_counts_per_month_of_dated_articles(tmp_path):
    rows = [
        ("2024-01-05", "北京市总工会举办职工技能培训"),
        ("2024-01-20", "朝阳区总工会慰问一线职工"),
        ("2024-03-01", "北京市总工会召开全委会议"),
        (None, "大兴区总工会开展送清凉活动"),
    ]
    (tmp_path / "news.jsonl").write_text(
        "".join(
            json.dumps(
                {"title": title, "body": f"本报讯 近日，{title}。", **({"date": d} if d else {})},
                ensure_ascii=False,
            )
            + "\n"
            for d, title in rows
        ),
        encoding="utf-8",
    )
    kg = pipeline.read_graph([tmp_path])
    months = timeline(kg)
    assert [(p.month, p.articles) for p in months] == [("2024-01", 2), ("2024-03", 1)]
    dated = {a.id for a in kg.articles.values() if a.date}
    mentioned = [n for n in kg.nodes.values() if any(m.article_id in dated for m in n.mentions)]
    assert sum(p.new_entities for p in months) == len(mentioned)
    assert sum(p.mentions for p in months) == sum(
        m.article_id in dated for n in mentioned for m in n.mentions
    )
    assert months[1].new_entities < months[1].mentions  # 北京市总工会 was first seen in January


def test_cli_json_and_table(sample_build, kg):
    data = json.loads(run_cli("analyse", "--graph", sample_build, "--format", "json", "--top", "5").stdout)
    assert data["nodes"] == len(kg.nodes) and data["articles"] == 31
    assert len(data["centrality"]) == 5 and len(data["communities"]) == 5
    assert data["hierarchy"] and data["timeline"] == []
    table = run_cli("analyse", "--graph", sample_build, "--top", "3").stdout
    top = data["centrality"][0]["name"]
    assert f"{len(kg.nodes)} entities" in table and top in table and "(3 rows)" in table
    assert "└── " in table and "(no article has a date)" in table
    bridges = json.loads(
        run_cli(
            "analyse", "--graph", sample_build, "--format", "json", "--top", "5", "--by", "betweenness"
        ).stdout
    )
    ranks = [c["betweenness"] for c in bridges["centrality"]]
    assert ranks == sorted(ranks, reverse=True) and ranks != [c["betweenness"] for c in data["centrality"]]


def test_cli_csv_writes_one_file_per_section(sample_build, tmp_path):
    proc = run_cli("analyse", "--graph", sample_build, "--format", "csv", "--out", tmp_path / "csv")
    assert "centrality.csv" in proc.stdout
    for section, column in [("centrality", "pagerank"), ("communities", "members"), ("hierarchy", "parent")]:
        with (tmp_path / "csv" / f"{section}.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows and column in rows[0], section
    # no dates: the header alone
    assert (tmp_path / "csv" / "timeline.csv").read_text(
        encoding="utf-8"
    ) == "month,articles,mentions,new_entities,facts\n"


def test_cli_usage_errors(sample_build, tmp_path):
    assert "--out" in run_cli("analyse", "--graph", sample_build, "--format", "csv", code=2).stderr
    assert "does not exist" in run_cli("analyse", "--graph", tmp_path / "missing", code=2).stderr


def test_export_gexf_opens_with_every_node_and_edge(sample_build, kg, tmp_path):
    out = tmp_path / "graph.gexf"
    proc = run_cli("export", "gexf", out, "--from", sample_build)
    assert f"{len(kg.nodes)} nodes" in proc.stdout
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == len(kg.nodes) and g.number_of_edges() == len(kg.edges)
    some = next(iter(kg.nodes.values()))
    assert g.nodes[some.id]["label"] == some.name and g.nodes[some.id]["type"] == some.type.value
