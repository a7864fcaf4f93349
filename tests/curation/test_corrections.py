"""Corrections as plain CSV files that every build applies (graph/curation/corrections.py): each kind,
their provenance in the release, surviving rebuilds, and stale ones reported."""

import json
import shutil

import pytest
from rdflib import Dataset, URIRef

from graph.curation import corrections as curation
from graph.iris import DEFAULT_BASE
from graph.neo4j.loader import connect
from graph.rdf import validate
from ontology.vocab import PROV
from support import PAGES, run_cli
from support.neo4j import wipe

SPLIT_ARTICLE = "a7b78a919e2bc3cd"  # names 北京市总工会 among others
ROWS = [
    # facts first: the entity rows below change the ids they name
    ("check", "person/张文涛 holdsPost union/北京市总工会 党组成员、副主席", "", "", "read it again", "wang"),
    (
        "reject",
        "union/北京市总工会 unionOf district/北京市",
        "",
        "",
        "a federation is not a union of a city",
        "li",
    ),
    (
        "add",
        "union/市直机关工会 subOrganizationOf union/北京市总工会",
        "",
        "a08a71d3225f77de",
        "stated in 2023",
        "li",
    ),
    ("merge", "enterprise/北京住总集团有限责任公司", "enterprise/北京住总第二开发建设有限公司", "", "", "li"),
    ("rename", "enterprise/北辰集团", "北京北辰实业集团", "", "its registered name", "wang"),
    ("retype", "enterprise/雍丽园项目部", "Organisation", "", "a project office", "wang"),
    ("split", "union/北京市总工会", "北京市总工会（甲）", SPLIT_ARTICLE, "another body", "li"),
]


def write_corrections(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    curation.write(
        [curation.Correction(*row, date="2026-12-06") for row in rows], folder / "fixes.csv", append=False
    )


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """The sample pages, with a corrections/ folder beside them."""
    root = tmp_path_factory.mktemp("curation")
    shutil.copytree(PAGES, root / "pages")
    write_corrections(root / "corrections", ROWS)
    return root


@pytest.fixture(scope="module")
def corrected(sources):
    out = sources / "build"
    run_cli("build", sources / "pages", "--out", out)
    return out


def graph_of(build):
    return json.loads((build / "graph.json").read_text(encoding="utf-8"))


def facts(graph):
    return {(e["subject"], e["predicate"], e["object"], e["title"] or ""): e for e in graph["edges"]}


def test_each_kind_of_correction_is_applied(corrected):
    graph = graph_of(corrected)
    nodes = {n["id"]: n for n in graph["nodes"]}
    edges = facts(graph)
    assert (
        edges[
            (
                "person/张文涛",
                "holdsPost",
                "union/北京市总工会（甲）".replace("（", "_").replace("）", ""),
                "党组成员、副主席",
            )
        ]["confidence"]
        == 1.0
    )  # checked, then moved out with its article
    assert ("union/北京市总工会", "unionOf", "district/北京市", "") not in edges
    assert edges[("union/市直机关工会", "subOrganizationOf", "union/北京市总工会", "")]["evidence"] == []
    assert "enterprise/北京住总第二开发建设有限公司" not in nodes
    assert "北京住总第二开发建设有限公司" in nodes["enterprise/北京住总集团有限责任公司"]["aliases"]
    assert nodes["enterprise/北京北辰实业集团"]["name"] == "北京北辰实业集团"
    assert (
        "北辰集团" in nodes["enterprise/北京北辰实业集团"]["aliases"] and "enterprise/北辰集团" not in nodes
    )
    assert nodes["organisation/雍丽园项目部"]["type"] == "Organisation"
    split = nodes["union/北京市总工会_甲"]
    assert {m["article_id"] for m in split["mentions"]} == {SPLIT_ARTICLE}
    assert SPLIT_ARTICLE not in {m["article_id"] for m in nodes["union/北京市总工会"]["mentions"]}
    notes = json.loads((corrected / curation.NOTES).read_text(encoding="utf-8"))
    assert notes["applied"] == len(ROWS) and notes["stale"] == []
    assert [r["fact"] for r in notes["rejected"]] == ["union/北京市总工会 unionOf district/北京市"]
    assert notes["rejected"][0]["curator"] == "li" and notes["rejected"][0]["evidence"]


def test_renamed_and_merged_ids_redirect(corrected):
    redirects = dict(graph_of(corrected)["redirects"])
    assert redirects == {}  # a first build published nothing before
    again = corrected.parent / "again"
    run_cli("build", PAGES, "--out", again)  # uncorrected, then corrected into the same folder
    run_cli("build", corrected.parent / "pages", "--out", again, "--fresh")
    redirects = dict(graph_of(again)["redirects"])
    assert redirects["enterprise/北辰集团"] == "enterprise/北京北辰实业集团"
    assert redirects["enterprise/北京住总第二开发建设有限公司"] == "enterprise/北京住总集团有限责任公司"


def test_the_same_sources_and_corrections_give_the_same_graph(corrected, sources, tmp_path):
    again = tmp_path / "again"
    run_cli("build", sources / "pages", "--out", again)
    assert (again / "graph.nt").read_bytes() == (corrected / "graph.nt").read_bytes()
    assert (again / "graph.nq").read_bytes() == (corrected / "graph.nq").read_bytes()


def test_corrections_survive_an_incremental_build(sources, tmp_path):
    out = tmp_path / "out"
    first, *rest = sorted((sources / "pages").iterdir())
    run_cli("build", first, *rest[:2], "--out", out, "--corrections", sources / "corrections")
    run_cli("build", *rest[2:], "--out", out)  # no --corrections: the build remembers them
    whole = tmp_path / "whole"
    run_cli("build", sources / "pages", "--out", whole)
    graph, expected = graph_of(out), graph_of(whole)
    assert ("union/北京市总工会", "unionOf", "district/北京市", "") not in facts(graph)
    # the same graph as one build of all, but for the ids the first build published (redirects)
    assert (graph["nodes"], graph["edges"], graph["curation"]) == (
        expected["nodes"],
        expected["edges"],
        expected["curation"],
    )


def test_a_stale_correction_is_reported_by_name(tmp_path):
    shutil.copytree(PAGES, tmp_path / "pages")
    write_corrections(
        tmp_path / "corrections",
        [
            ("rename", "enterprise/没有这家公司", "某公司", "", "", "li"),
            ("reject", "union/北京市总工会 memberOf district/北京市", "", "", "", "li"),
            ("frobnicate", "union/北京市总工会", "", "", "", "li"),
        ],
    )
    proc = run_cli("build", tmp_path / "pages", "--out", tmp_path / "out", "--json", code=1)
    summary = json.loads(proc.stdout)
    assert len(summary["failures"]) == 3
    assert "stale correction rename enterprise/没有这家公司" in proc.stderr and "no entity" in proc.stderr
    assert "no predicate 'memberOf'" in proc.stderr and "unknown action 'frobnicate'" in proc.stderr
    notes = json.loads((tmp_path / "out" / curation.NOTES).read_text(encoding="utf-8"))
    assert len(notes["stale"]) == 2 and notes["applied"] == 0


def test_curated_statements_are_in_their_own_graph_and_valid(corrected):
    ds = Dataset()
    ds.parse(corrected / "graph.nq", format="nquads")
    curated = ds.graph(URIRef(DEFAULT_BASE + "graph/curated"))
    assert (
        URIRef(DEFAULT_BASE + "id/union/市直机关工会"),
        None,
        URIRef(DEFAULT_BASE + "id/union/北京市总工会"),
    ) in curated
    agents = {str(o) for o in ds.objects(None, PROV.wasAttributedTo)}
    assert agents == {DEFAULT_BASE + "curator/li", DEFAULT_BASE + "curator/wang"}
    rejected = URIRef(DEFAULT_BASE + "id/district/北京市")
    assert (URIRef(DEFAULT_BASE + "id/union/北京市总工会"), None, rejected) not in ds
    result = validate(corrected)
    assert result.conforms, result.report


def test_curated_entities_and_facts_in_neo4j(corrected, neo4j_settings):  # noqa: F811
    wipe(neo4j_settings)
    run_cli("load", "neo4j", PAGES)  # uncorrected: the fact rejected later is there
    run_cli("load", "neo4j", corrected)
    with connect(neo4j_settings) as driver:

        def rows(query):
            return [r.data() for r in driver.execute_query(query, database_=neo4j_settings.database).records]

        assert rows(
            "MATCH (e:Entity {id: 'enterprise/北京北辰实业集团'}) RETURN e.curated AS c, e.curator AS who"
        ) == [{"c": True, "who": ["wang"]}]
        assert rows(
            "MATCH (:Entity {id: 'union/市直机关工会'})-[r:SUB_ORGANIZATION_OF]->(:Entity {id: 'union/北京市总工会'}) "
            "RETURN r.curated AS c, r.curator AS who, r.articles AS a"
        ) == [{"c": True, "who": ["li"], "a": []}]
        assert (
            rows(
                "MATCH (:Entity {id: 'union/北京市总工会'})-[r:UNION_OF]->(:Entity {id: 'district/北京市'}) "
                "RETURN r"
            )
            == []
        )
        assert rows("MATCH (e:Entity) WHERE e.curated RETURN count(e) AS n") == [{"n": 5}]
