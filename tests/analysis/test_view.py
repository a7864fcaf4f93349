"""`unionkg view`: the self-contained HTML page, opened in headless Chromium (Debian's
package, installed by `make chromium`) to check that it really draws the graph."""

import json
import re
from pathlib import Path

import pytest

from graph.analysis.view import COLOURS, render_html
from graph.model import Edge, Evidence, KnowledgeGraph, Mention, Node
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from support import DATED, run_cli
from support.chromium import PAGE_WINDOW, chromium, dom, png_pixels

pytestmark = pytest.mark.browser  # headless Chromium


@pytest.fixture(scope="module")
def page(sample_build) -> Path:
    out = sample_build.parent / "graph.html"
    proc = run_cli("view", "--graph", sample_build, "--out", out)
    assert "→" in proc.stdout
    return out


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_page_is_self_contained_and_holds_the_whole_graph(sample_build, page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html), "the page must load nothing"
    assert "vis-network" in html and len(html) > 500_000  # the library is inlined
    data = page_data(html)
    summary = json.loads((sample_build / "summary.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == sum(summary["entities"].values())
    assert len(data["edges"]) == sum(summary["relations"].values())
    headlines = {
        json.loads(line)["title"]
        for line in (sample_build / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert {a["title"] for a in data["articles"]} <= headlines
    assert all(n["sources"] for n in data["nodes"]), "every entity cites the articles that name it"


def test_chromium_draws_the_graph_coloured_by_type(page, tmp_path):
    shot = tmp_path / "view.png"
    chromium(page, f"--screenshot={shot}")
    width, height, rows = png_pixels(shot)
    assert (width, height) == PAGE_WINDOW
    # the network's canvas only: below the header (legend dots have the type colours too),
    # left of the details panel
    canvas = [row[i : i + 3] for row in rows[120:780] for i in range(0, 900 * 3, 3)]
    drawn = sum(p != b"\xff\xff\xff" for p in canvas)
    assert drawn > 0.03 * len(canvas), f"only {drawn} of {len(canvas)} pixels of the canvas are drawn"
    colours = {bytes.fromhex(COLOURS[t][1:]) for t in EntityType}
    seen = {p for p in canvas if p in colours}
    assert len(seen) >= 6, f"only {len(seen)} of the type colours are on the canvas"


def test_chromium_runs_the_scripts_and_shows_counts(page):
    html = dom(page)
    data = page_data(page.read_text(encoding="utf-8"))
    assert 'data-rendered="true"' in html
    assert f"{len(data['nodes'])} nodes · {len(data['edges'])} edges" in html
    assert "<canvas" in html
    for label in ("工会", "人物", "活动"):  # the legend, in Chinese
        assert re.search(rf"</span>{label} \d+</label>", html), label


def test_a_selected_entity_shows_its_facts_relations_and_sources(page):
    data = page_data(page.read_text(encoding="utf-8"))
    degree = {n["id"]: 0 for n in data["nodes"]}
    for e in data["edges"]:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    node = max((n for n in data["nodes"] if n["aliases"]), key=lambda n: (degree[n["id"]], n["id"]))
    html = dom(page, fragment=node["id"])
    details = html[html.index('<aside id="details">') :]
    assert f"<h2>{node['label']}</h2>" in details
    assert "又称 " + "、".join(node["aliases"]) in details
    assert f"关系 relations ({degree[node['id']]})" in details
    assert f"来源稿件 source articles ({node['articles_total']})" in details
    first_source = data["articles"][node["sources"][0][0]]["title"]
    assert first_source in details
    assert "<mark>" in details  # the name is marked in the snippet


def test_names_and_snippets_are_text_never_markup(tmp_path):
    hostile = "</script><img src=x onerror=\"document.title='pwned'\">"
    article = Article.from_parts("x.txt", 0, "标题" + hostile, [], [(0, "正文" + hostile)])
    kg = KnowledgeGraph(articles={article.id: article})
    for nid, etype in (("union/u", EntityType.Union), ("event/e", EntityType.Event)):
        kg.nodes[nid] = Node(nid, etype, "工会" + hostile, mentions=[Mention(article.id, 0, 2, "标题")])
    kg.edges[("union/u", "organised", "event/e", "")] = Edge(
        "union/u", Predicate.organised, "event/e", evidence=[Evidence(article.id, 0, 2, hostile)]
    )
    page = tmp_path / "hostile.html"
    page.write_text(render_html(kg, title=hostile), encoding="utf-8")
    html = dom(page, fragment="union/u")
    assert 'data-rendered="true"' in html and "<title>pwned" not in html
    assert '<img src="x"' not in html  # (the data's JSON holds the words, escaped, but no element)
    assert "&lt;/script&gt;&lt;img src=x" in html  # shown as the text it is


def test_the_time_filter_shows_the_entities_named_in_articles_of_that_time(tmp_path):
    out = tmp_path / "dated.html"
    run_cli("view", "--graph", DATED, "--out", out)
    data = page_data(out.read_text(encoding="utf-8"))
    named_2023 = [n for n in data["nodes"] if any(d.startswith("2023") for d in n["dates"])]
    named_2022_06_to_2023 = [
        n for n in data["nodes"] if any("2022-06" <= d[:7] <= "2023-12" for d in n["dates"])
    ]
    assert 0 < len(named_2023) < len(named_2022_06_to_2023) < len(data["nodes"])
    assert f"{len(named_2023)} in time" in dom(out, fragment="time=2023..2023")
    assert f"{len(named_2022_06_to_2023)} in time" in dom(out, fragment="time=2022-06..2023")
