"""Identity: article ids from the source's identity, entity ids that do not depend on the
batch, a registry of the ids ever published, incremental builds and loads (issue 18)."""

import json
import os
import shutil

import pytest

from graph import pipeline, registry
from graph.iris import IriScheme
from graph.model import ArticleGraph, Entity, KnowledgeGraph, Relation, Span
from graph.neo4j.loader import connect, load
from graph.rdf import to_dataset
from graph.resolve import resolve
from loaders import load as load_sources
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from ontology.vocab import OWL
from support import PAGES, run_cli
from support.neo4j import wipe

IRIS = IriScheme()


def page_files() -> list:
    return sorted(PAGES.glob("*.txt"))


def article_ids(*paths) -> list[str]:
    return [a.id for r in load_sources(paths) for a in r.articles]


def built(out) -> KnowledgeGraph:
    return pipeline.read_graph([out])


def nt_without_redirects(out) -> list[str]:
    """The N-Triples dump without the owl:sameAs lines between two entity IRIs."""
    same_as = f"<{OWL.sameAs}> <{IRIS.entity('')}"
    return [
        line for line in (out / "graph.nt").read_text(encoding="utf-8").splitlines() if same_as not in line
    ]


def write_jsonl(path, rows) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


# ------------------------------------------------------------------ article ids


def test_two_folders_with_a_page_of_the_same_name_keep_every_article(tmp_path):
    """The issue's case: d1/page.txt and d2/page.txt, two different pages of 6 and 7
    articles, gave 7 articles and mentions that pointed at the other article's text."""
    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    shutil.copy(page_files()[0], tmp_path / "d1" / "page.txt")
    shutil.copy(page_files()[1], tmp_path / "d2" / "page.txt")
    out = tmp_path / "build"
    run_cli("build", tmp_path / "d1", tmp_path / "d2", "--out", out)
    kg = built(out)
    assert len(kg.articles) == 13
    mentions = [m for n in kg.nodes.values() for m in n.mentions]
    assert mentions and all(kg.articles[m.article_id].text[m.start : m.end] == m.text for m in mentions)
    evidence = [ev for e in kg.edges.values() for ev in e.evidence]
    assert all(ev.snippet in kg.articles[ev.article_id].text.replace("\n", " ") for ev in evidence)


def test_ids_do_not_depend_on_how_the_path_is_typed(tmp_path, monkeypatch):
    archive = tmp_path / "archive" / "pages"
    shutil.copytree(PAGES, archive)
    absolute = article_ids(archive)
    assert len(absolute) == 31 and len(set(absolute)) == 31
    monkeypatch.chdir(tmp_path)
    assert article_ids("archive/pages") == absolute  # relative
    monkeypatch.chdir(archive)
    assert article_ids(".") == absolute  # from inside
    assert sorted(article_ids(*[p.name for p in sorted(archive.iterdir())])) == sorted(
        absolute
    )  # file by file
    monkeypatch.chdir(tmp_path / "archive")
    assert article_ids("..") == absolute  # the parent of the parent
    assert article_ids(tmp_path / "archive") == absolute  # the parent folder
    moved = tmp_path / "moved"
    shutil.move(tmp_path / "archive", moved)
    assert article_ids(moved) == absolute  # an archive moved elsewhere


def test_two_files_with_one_content_are_read_once_and_reported(tmp_path):
    shutil.copy(page_files()[0], tmp_path / "a.txt")
    shutil.copy(page_files()[0], tmp_path / "b.txt")
    out = tmp_path / "build"
    proc = run_cli("build", tmp_path / "a.txt", tmp_path / "b.txt", "--out", out, code=1)
    assert (
        f"error: {tmp_path / 'b.txt'}: same content as {tmp_path / 'a.txt'}; its articles are read once"
        in proc.stderr
    )
    assert len(built(out).articles) == 6


def test_two_different_articles_with_one_url_fail_the_run(tmp_path):
    feed = tmp_path / "feed.jsonl"
    write_jsonl(
        feed,
        [
            {
                "title": "区总工会举办培训",
                "body": "近日，海淀区总工会举办职工培训。",
                "url": "https://example.org/1",
            },
            {
                "title": "区总工会开展慰问",
                "body": "近日，海淀区总工会开展慰问活动。",
                "url": "https://example.org/1",
            },
        ],
    )
    out = tmp_path / "build"
    proc = run_cli("build", feed, "--out", out, code=1)
    assert f"{feed}: two different articles would have the id" in proc.stderr
    assert "https://example.org/1" in proc.stderr
    assert not out.exists()  # nothing written


def test_two_folders_whose_manifests_name_one_page_fail_the_run(tmp_path):
    for folder, page in (("d1", page_files()[0]), ("d2", page_files()[1])):
        (tmp_path / folder).mkdir()
        shutil.copy(page, tmp_path / folder / "page.txt")
        (tmp_path / folder / "manifest.csv").write_text(
            "file,paper,date,edition,page\npage.txt,劳动午报,2025-06-01,1,3\n", encoding="utf-8"
        )
    out = tmp_path / "build"
    proc = run_cli("build", tmp_path / "d1", tmp_path / "d2", "--out", out, code=1)
    assert (
        f"{tmp_path / 'd1' / 'page.txt'} and {tmp_path / 'd2' / 'page.txt'}: two different articles would have the id"
        in proc.stderr
    )
    assert not out.exists()


def test_a_manifest_names_a_page_whatever_its_text(tmp_path):
    page = tmp_path / "p1.txt"
    shutil.copy(page_files()[3], page)
    (tmp_path / "manifest.csv").write_text(
        "file,paper,date,edition,page\np1.txt,劳动午报,2025-06-01,1,3\n", encoding="utf-8"
    )
    before = article_ids(page)
    page.write_text(
        page.read_text(encoding="utf-8").replace("工会", "工會", 1), encoding="utf-8"
    )  # a corrected page
    assert article_ids(page) == before
    (tmp_path / "manifest.csv").unlink()
    assert set(article_ids(page)).isdisjoint(before)  # now named by its content


def test_html_pages_are_named_by_their_canonical_link(tmp_path):
    html = (
        '<html><head><link rel="canonical" href="https://example.org/news/7.html">'
        '<meta property="og:url" content="https://example.org/m/7"></head><body><h1>区总工会举办培训</h1>'
        '<div class="content"><p>近日，海淀区总工会举办基层工会干部培训班，百余名干部参加。</p></div></body></html>'
    )
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    [[article]] = [r.articles for r in load_sources([tmp_path])]
    assert article.url == "https://example.org/news/7.html"
    assert article.id == Article.from_parts("x", 0, "t", [], [], url=article.url).id


# ------------------------------------------------------------------ incremental builds


@pytest.fixture(scope="module")
def one_at_a_time(tmp_path_factory, neo4j_settings):
    """The five sample pages built one at a time into one build, the build loaded into
    Neo4j after each step; then one build of all five, loaded into an emptied database."""
    work = tmp_path_factory.mktemp("increments")
    steps = work / "steps"
    wipe(neo4j_settings)
    registries = []
    for page in page_files():
        run_cli("build", page, "--out", steps)
        registries.append(registry.read(steps / registry.REGISTRY))
        run_cli("load", "neo4j", steps)
    stepwise = neo4j_graph(neo4j_settings)
    whole = work / "whole"
    run_cli("build", PAGES, "--out", whole)
    wipe(neo4j_settings)
    run_cli("load", "neo4j", whole)
    return steps, whole, registries, stepwise, neo4j_graph(neo4j_settings)


def neo4j_graph(settings) -> dict:
    """Every node by its IRI and labels, and every relationship by its ends' IRIs, type
    and key (mentions by their span), with the facts' evidence."""
    with connect(settings) as driver:
        nodes, _, _ = driver.execute_query(
            "MATCH (n) RETURN n.iri AS iri, labels(n) AS labels", database_=settings.database
        )
        rels, _, _ = driver.execute_query(
            "MATCH (s)-[r]->(t) RETURN s.iri AS s, type(r) AS type, t.iri AS t, "
            "coalesce(r.key, toString(r.start) + '-' + toString(r.end), '') AS key, r.evidence AS evidence",
            database_=settings.database,
        )
    return {
        "nodes": {(r["iri"], tuple(sorted(r["labels"]))) for r in nodes},
        "relationships": {
            (r["s"], r["type"], r["t"], r["key"], tuple(sorted(r["evidence"] or ()))) for r in rels
        },
    }


def without_redirects(graph: dict) -> dict:
    return {
        "nodes": {n for n in graph["nodes"] if "Redirect" not in n[1]},
        "relationships": {r for r in graph["relationships"] if r[1] != "SAME_AS"},
    }


def test_pages_built_one_at_a_time_give_the_graph_of_one_build(one_at_a_time):
    steps, whole, *_ = one_at_a_time
    a, b = built(steps), built(whole)
    assert a.articles.keys() == b.articles.keys()
    assert a.nodes == b.nodes  # same ids, names, aliases, mentions
    assert a.edges == b.edges
    assert nt_without_redirects(steps) == nt_without_redirects(whole)
    assert (steps / "graph.nq").read_bytes() != b"" and not b.redirects


def test_pages_loaded_one_at_a_time_give_the_neo4j_graph_of_one_load(one_at_a_time):
    *_, stepwise, whole = one_at_a_time
    assert without_redirects(stepwise) == whole


def test_ids_published_earlier_still_resolve(one_at_a_time):
    """Every entity id a step published is an id of the last build or a redirect to one.
    (Built one page at a time, a one-off fragment, 习贯彻北京市工会十五大, was an event's name
    for a while; the test of a merge below needs no extraction to have one.)"""
    steps, _, registries, stepwise, _ = one_at_a_time
    run_cli("validate", steps)  # an IRI that is only owl:sameAs another conforms
    kg = built(steps)
    published = {row.id for rows in registries[:-1] for row in rows if row.status == "live"}
    assert published <= set(kg.nodes) | set(kg.redirects)
    assert set(kg.redirects) <= published
    nt = (steps / "graph.nt").read_text(encoding="utf-8")
    for old, new in kg.redirects.items():
        assert new in kg.nodes and old not in kg.nodes
        assert f"<{IRIS.entity(old)}> <{OWL.sameAs}> <{IRIS.entity(new)}> ." in nt
        assert (str(IRIS.entity(old)), "SAME_AS", str(IRIS.entity(new)), "", ()) in stepwise["relationships"]
        assert (str(IRIS.entity(old)), ("Entity", kg.nodes[new].type.value)) not in stepwise["nodes"]


def test_an_unchanged_build_extracts_nothing(tmp_path):
    out = tmp_path / "build"
    run_cli("build", PAGES, "--out", out)
    first = (out / "graph.nt").read_bytes()
    summary = json.loads(run_cli("build", "--out", out, "--json").stdout)
    assert summary["sources"]["extracted"] == 0 and summary["articles"] == 31
    assert (out / "graph.nt").read_bytes() == first


@pytest.mark.slow  # about 10–20 s
def test_fresh_builds_the_given_sources_alone(tmp_path):
    out = tmp_path / "build"
    run_cli("build", PAGES, "--out", out)
    first = page_files()[0]
    summary = json.loads(run_cli("build", first, "--out", out, "--fresh", "--json").stdout)
    assert summary["articles"] == len(article_ids(first)) and summary["sources"]["files"] == 1
    removed = set(json.loads((out / "removed.json").read_text())["articles"])
    assert removed == set(article_ids(PAGES)) - set(article_ids(first))
    assert run_cli("build", "--out", tmp_path / "nothing", code=2).stderr.count("give SOURCES") == 1


# ------------------------------------------------------------------ corrections and removals

CORRECTED_URL = "https://example.org/news/42"


def corrected_feed(path, person: str) -> None:
    write_jsonl(
        path,
        [
            {
                "title": "海淀区总工会召开全委会",
                "url": CORRECTED_URL,
                "body": f"近日，海淀区总工会召开全委会。海淀区总工会主席{person}出席会议并讲话。",
            }
        ],
    )


def people(kg: KnowledgeGraph) -> set[str]:
    return {n.name for n in kg.nodes.values() if n.type is EntityType.Person}


def test_a_corrected_article_keeps_its_id_and_its_facts_are_replaced(tmp_path, neo4j_settings):
    feed = tmp_path / "feed.jsonl"
    out = tmp_path / "build"
    corrected_feed(feed, "李文华")
    wipe(neo4j_settings)
    run_cli("build", feed, "--out", out)
    run_cli("load", "neo4j", out)
    [before] = built(out).articles
    assert people(built(out)) == {"李文华"}
    corrected_feed(feed, "李文涛")  # the name was misprinted
    run_cli("build", "--out", out)
    kg = built(out)
    assert list(kg.articles) == [before]
    assert people(kg) == {"李文涛"}
    assert not any("李文华" in (e.subject + e.object) for e in kg.edges.values())
    report = json.loads(run_cli("load", "neo4j", out, "--json").stdout)
    assert report["replaced_articles"] == 1
    with connect(neo4j_settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Person)-[r]->() RETURN DISTINCT p.name AS name, type(r) AS type",
            database_=neo4j_settings.database,
        )
    assert {r["name"] for r in records} == {"李文涛"}
    assert {r["type"] for r in records} >= {"MENTIONED_IN", "HOLDS_POST"}


def test_a_removed_source_goes_with_prune_from_the_rdf_and_neo4j(tmp_path, neo4j_settings):
    pages = tmp_path / "pages"
    shutil.copytree(PAGES, pages)
    out = tmp_path / "build"
    run_cli("build", pages, "--out", out)
    wipe(neo4j_settings)
    run_cli("load", "neo4j", out)
    gone = pages / page_files()[2].name
    gone_ids = set(article_ids(gone))
    gone.unlink()
    kept = json.loads(run_cli("build", "--out", out, "--json").stdout)
    assert kept["articles"] == 31 and kept["sources"]["missing_kept"] == [gone.name]
    pruned = json.loads(run_cli("build", "--out", out, "--prune", "--json").stdout)
    assert pruned["articles"] == 31 - len(gone_ids) and pruned["sources"]["pruned"] == [gone.name]
    assert set(json.loads((out / "removed.json").read_text())["articles"]) == gone_ids
    nt = (out / "graph.nt").read_text(encoding="utf-8")
    assert not any(str(IRIS.article(i)) in nt for i in gone_ids)

    report = json.loads(run_cli("load", "neo4j", out, "--json").stdout)
    assert report["removed_articles"] == len(gone_ids)
    loaded = neo4j_graph(neo4j_settings)
    wipe(neo4j_settings)
    again = json.loads(run_cli("load", "neo4j", out, "--json").stdout)
    assert again["removed_articles"] == 0  # none of them was there to remove
    assert loaded == neo4j_graph(neo4j_settings)  # as if the page had never been loaded
    assert not any(str(IRIS.article(i)) == n[0] for i in gone_ids for n in loaded["nodes"])


# ------------------------------------------------------------------ the registry on its own


def article_graph(article_id: str, *entities: tuple[str, list[str]]) -> ArticleGraph:
    """An article naming enterprises (name, aliases), the first working with the others."""
    text = "，".join(n for n, _ in entities)
    article = Article(article_id, f"{article_id}.txt", article_id, text, [])
    named, at = [], 0
    for name, aliases in entities:
        named.append(Entity(EntityType.Enterprise, name, aliases, [Span(at, at + len(name))]))
        at += len(name) + 1
    relations = [Relation(entities[0][0], Predicate.partOf, n, Span(0, len(text))) for n, _ in entities[1:]]
    return ArticleGraph(article, named, relations)


def test_a_merge_keeps_the_earlier_id_as_a_redirect_in_rdf_and_neo4j(neo4j_settings):
    """Extraction left out: entities as articles name them, resolved, registered, loaded."""
    first = [article_graph("a1", ("星河机械", []), ("远航物流有限公司", []))]
    kg1 = resolve(first)
    rows = registry.update([], kg1)
    later = first + [article_graph(f"a{i}", ("北京星河精密机械有限公司", ["星河机械"])) for i in (2, 3)]
    kg2 = resolve([ArticleGraph.from_json(g.to_json()) for g in later])
    rows = registry.update(rows, kg2)
    assert kg2.redirects == {"enterprise/星河机械": "enterprise/北京星河精密机械有限公司"}
    assert {r.id: r.status for r in rows}["enterprise/星河机械"] == "redirect"
    ds = to_dataset(kg2)
    assert (
        IRIS.entity("enterprise/星河机械"),
        OWL.sameAs,
        IRIS.entity("enterprise/北京星河精密机械有限公司"),
    ) in ds

    wipe(neo4j_settings)
    load(kg1, neo4j_settings)
    load(kg2, neo4j_settings)
    graph = neo4j_graph(neo4j_settings)
    old, new = (
        str(IRIS.entity("enterprise/星河机械")),
        str(IRIS.entity("enterprise/北京星河精密机械有限公司")),
    )
    assert (old, ("Redirect",)) in graph["nodes"] and (old, "SAME_AS", new, "", ()) in graph["relationships"]
    assert (old, ("Enterprise", "Entity")) not in graph["nodes"]
    # the mention and the fact of a1 came back under the new IRI
    assert any(
        r[0] == new and r[1] == "MENTIONED_IN" and r[2] == str(IRIS.article("a1"))
        for r in graph["relationships"]
    )
    assert any(r[0] == new and r[1] == "PART_OF" for r in graph["relationships"])

    # its later articles gone, the old id is live again and the newer one points at it;
    # an id whose names no node covers is retired, and published no more
    kg3 = resolve([ArticleGraph.from_json(g.to_json()) for g in first[:1]])
    kg3.nodes.pop("enterprise/远航物流有限公司")
    rows = registry.update(rows, kg3)
    assert {r.id: (r.status, r.target) for r in rows} == {
        "enterprise/星河机械": ("live", None),
        "enterprise/北京星河精密机械有限公司": ("redirect", "enterprise/星河机械"),
        "enterprise/远航物流有限公司": ("retired", None),
    }
    assert kg3.redirects == {"enterprise/北京星河精密机械有限公司": "enterprise/星河机械"}


def test_builds_read_from_another_working_directory_give_the_same_ids(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(PAGES, pages)
    run_cli("build", "pages", "--out", "b1", cwd=tmp_path)
    run_cli("build", pages, "--out", tmp_path / "b2", cwd=os.path.dirname(tmp_path))
    assert (tmp_path / "b1" / "graph.nt").read_bytes() == (tmp_path / "b2" / "graph.nt").read_bytes()


def test_the_csv_export_holds_the_redirects(tmp_path):
    from graph.neo4j.csv_export import write_csv

    kg = resolve([article_graph("a1", ("北京星河精密机械有限公司", ["星河机械"]))])
    kg.redirects = {"enterprise/星河机械": "enterprise/北京星河精密机械有限公司"}
    export = write_csv(kg, tmp_path)
    old, new = (
        str(IRIS.entity("enterprise/星河机械")),
        str(IRIS.entity("enterprise/北京星河精密机械有限公司")),
    )
    assert export.rows["redirects"] == export.rows["same_as"] == 1
    assert export.files["redirects"].read_text(encoding="utf-8").splitlines()[1] == f'"{old}","Redirect"'
    assert export.files["same_as"].read_text(encoding="utf-8").splitlines()[1] == f'"{old}","{new}","SAME_AS"'
