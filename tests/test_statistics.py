"""The statistics the build computes (graph/statistics.py): what they count, and that an
incremental build keeps them exact."""

import shutil
from collections import defaultdict

import pyoxigraph as ox

from graph import statistics
from graph.iris import IriScheme
from graph.model import Edge, Evidence, KnowledgeGraph, Node
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from support import PAGES, run_cli


def test_the_statistics_count_what_the_graph_holds(sample_kg):
    stats = statistics.compute(sample_kg)
    acts: dict[str, dict[Predicate, set]] = defaultdict(lambda: defaultdict(set))
    organisers = defaultdict(list)
    for e in sample_kg.edges.values():
        acts[e.subject][e.predicate].add(e.object)
        if e.predicate is Predicate.organised:
            organisers[e.object].append(e)
    for node in sample_kg.nodes.values():
        s = stats.entities[node.id]
        assert s.articles == len({m.article_id for m in node.mentions})
        dates = sorted(d for m in node.mentions if (d := sample_kg.articles[m.article_id].date))
        assert (s.first_mentioned, s.last_mentioned) == ((dates[0], dates[-1]) if dates else (None, None))
        organised, attended = acts[node.id][Predicate.organised], acts[node.id][Predicate.participatedIn]
        if node.type.value in ("Event", "Programme"):
            assert s.organisers == tuple(
                sorted({sample_kg.nodes[e.subject].name for e in organisers[node.id]})
            )
        assert (s.organised, s.attended, s.activities) == (
            len(organised),
            len(attended),
            len(organised | attended),
        )
    federation = stats.entities["union/北京市总工会"]
    assert federation.articles > 5 and federation.mentions > federation.articles
    assert any(s.activities for s in stats.entities.values())
    assert any(len(s.organisers) > 1 for s in stats.entities.values())
    assert sum(stats.entity_types.values()) == len(sample_kg.nodes)
    assert sum(stats.predicates.values()) == len(sample_kg.edges)
    assert stats.activity_kinds["培训"] == sum(
        "培训" in n.name for n in sample_kg.nodes.values() if n.type.value in ("Event", "Programme")
    )


def test_a_programme_reaches_the_innermost_districts_and_each_year_its_own():
    early = Article.from_parts(
        "a.txt", 0, "标题", [(0, "标题")], [(3, "培训在甲书院举行")], date="2023-04-01"
    )
    late = Article.from_parts("b.txt", 0, "标题", [(0, "标题")], [(3, "乙工会主办")], date="2024-06-01")
    kg = KnowledgeGraph(articles={early.id: early, late.id: late})
    for node_id, kind, name in [
        ("programme/计划", EntityType.Programme, "计划"),
        ("event/培训", EntityType.Event, "培训"),
        ("venue/甲书院", EntityType.Venue, "甲书院"),
        ("district/大兴区", EntityType.District, "大兴区"),
        ("district/北京市", EntityType.District, "北京市"),
        ("union/乙工会", EntityType.Union, "乙工会"),
    ]:
        kg.nodes[node_id] = Node(node_id, kind, name)
    for subject, predicate, obj, said_in in [
        ("event/培训", Predicate.partOf, "programme/计划", early),
        ("event/培训", Predicate.heldAt, "venue/甲书院", early),
        ("venue/甲书院", Predicate.locatedIn, "district/大兴区", early),
        ("district/大兴区", Predicate.locatedIn, "district/北京市", early),
        ("union/乙工会", Predicate.organised, "programme/计划", late),  # organised the whole
        ("union/乙工会", Predicate.unionOf, "district/北京市", late),
    ]:
        edge = Edge(subject, predicate, obj, evidence=[Evidence(said_in.id, 3, 5, "…")])
        kg.edges[edge.key] = edge

    reach = statistics.compute(kg).entities["programme/计划"]
    assert reach.districts == statistics.Reach(None, ("district/大兴区",), ("大兴区",))  # not 北京市 as well
    assert [(r.year, r.names) for r in reach.districts_by_year] == [
        ("2023", ("北京市", "大兴区")),  # every district of the year, the city too
        ("2024", ("北京市",)),
    ]
    assert statistics.compute(kg).entities["event/培训"].districts is None  # an event's are not counted


def test_name_keys_hold_every_character_and_pair():
    assert statistics.name_keys("工会", "A工") == ("A", "A工", "会", "工", "工会")
    assert statistics.name_keys("") == ()


def statistics_quads(build) -> set[ox.Quad]:
    graph = ox.NamedNode(str(IriScheme().statistics_graph))
    return {
        q
        for q in ox.parse(path=str(build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
        if q.graph_name == graph
    }


def test_an_incremental_build_keeps_the_statistics_exact(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    pages = sorted(PAGES.glob("*.txt"))
    for page in pages[:3]:
        shutil.copy(page, sources)
    run_cli("build", sources, "--out", tmp_path / "build")
    before = statistics_quads(tmp_path / "build")
    # two more pages, and one page changed: the next build into the same folder extracts those only
    for page in pages[3:]:
        shutil.copy(page, sources)
    changed = sources / pages[0].name
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n北京市总工会举办职工技能培训班。\n", encoding="utf-8"
    )
    run_cli("build", sources, "--out", tmp_path / "build")
    run_cli("build", sources, "--out", tmp_path / "fresh")
    after = statistics_quads(tmp_path / "build")
    assert after == statistics_quads(tmp_path / "fresh")
    assert after != before and len(after) > 1000
