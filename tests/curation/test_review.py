"""`unionkg review`: the queue of what deserves a human look, its CSV whose decisions the
build reads back as corrections, and its page, opened in headless Chromium."""

import csv
import json
import shutil

import pytest

from graph.curation.review import render_html, review
from graph.model import Edge, Evidence, KnowledgeGraph, Mention, Node
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from support import PAGES, run_cli
from support.chromium import chromium, dom


@pytest.fixture()
def loop(tmp_path):
    """The sample pages with a corrections/ folder beside them, built and reviewed."""
    shutil.copytree(PAGES, tmp_path / "pages")
    run_cli("build", tmp_path / "pages", "--out", tmp_path / "build")
    run_cli("review", tmp_path / "build", "--csv", tmp_path / "corrections" / "review.csv")
    return tmp_path


def rows(path):
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def graph_of(build):
    return json.loads((build / "graph.json").read_text(encoding="utf-8"))


def test_the_queue_lists_each_kind_worst_first_with_its_evidence():
    article = Article.from_parts(
        "p.txt", 0, "标题", [(0, "标题")], [(3, "朝阳区总工会和朝阳区总工会会举办活动，张三参加")]
    )
    a = article.id
    kg = KnowledgeGraph(articles={a: article})
    for i, name, etype, span in [
        ("union/朝阳区总工会", "朝阳区总工会", EntityType.Union, (0, 6)),
        ("union/朝阳区总工会会", "朝阳区总工会会", EntityType.Union, (7, 14)),
        ("enterprise/朝阳区总工会", "朝阳区总工会", EntityType.Enterprise, (0, 6)),
        ("person/张三丰李四王五", "张三丰李四王五", EntityType.Person, (21, 23)),
    ]:
        kg.nodes[i] = Node(i, etype, name, mentions=[Mention(a, *span, name)])
    low = Edge(
        "person/张三丰李四王五",
        Predicate.participatedIn,
        "union/朝阳区总工会",
        confidence=0.55,
        evidence=[Evidence(a, 0, 23, "朝阳区总工会和朝阳区总工会会举办活动，张三参加", "r")],
    )
    bare = Edge("union/朝阳区总工会", Predicate.unionOf, "enterprise/朝阳区总工会")
    kg.edges = {low.key: low, bare.key: bare}
    items = review(kg)
    assert [i.kind for i in items] == [
        "no-evidence",
        "near-duplicate",
        "type-conflict",
        "low-confidence",
        "odd-name",
    ]
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    conflict = items[2]
    assert (conflict.action, conflict.target, conflict.value) == (
        "retype",
        "enterprise/朝阳区总工会",
        "Union",
    )
    assert items[3].article == a and items[3].source == "p.txt" and "张三参加" in items[3].evidence


def test_decisions_in_the_csv_are_corrections_the_build_applies(loop):
    review_csv = loop / "corrections" / "review.csv"
    items = rows(review_csv)
    merge = next(r for r in items if r["kind"] == "near-duplicate")
    low = next(r for r in items if r["kind"] == "low-confidence")
    checked = [r for r in items if r["kind"] == "low-confidence"][1]
    merge["decision"], low["decision"], checked["decision"] = "accept", "reject", "accept"
    for r in (merge, low, checked):
        r["curator"], r["date"] = "li", "2026-12-06"
    with review_csv.open("w", encoding="utf-8", newline="") as f:  # as a spreadsheet saves it
        out = csv.DictWriter(f, list(items[0]))
        out.writeheader()
        out.writerows(items)

    run_cli("build", loop / "pages", "--out", loop / "build")
    graph = graph_of(loop / "build")
    ids = {n["id"] for n in graph["nodes"]}
    assert merge["target"] in ids and merge["value"] not in ids
    facts = {
        " ".join(p for p in (e["subject"], e["predicate"], e["object"], e["title"] or "") if p): e
        for e in graph["edges"]
    }
    assert low["target"] not in facts and facts[checked["target"]]["confidence"] == 1.0
    assert dict(graph["curation"])["applied"] == 3

    # the next review lists none of them as open, and keeps the decisions
    run_cli("review", loop / "build", "--csv", review_csv)
    again = rows(review_csv)
    assert [r["item"] for r in again if r["decision"]] == [merge["item"], low["item"], checked["item"]]
    assert not {merge["item"], low["item"], checked["item"]} & {r["item"] for r in again if not r["decision"]}


def test_accept_and_reject_on_the_command_line(loop):
    review_csv = loop / "corrections" / "review.csv"
    items = rows(review_csv)
    low = next(r for r in items if r["kind"] == "low-confidence")
    merge = next(r for r in items if r["kind"] == "near-duplicate")
    proc = run_cli("review", loop / "build", "--csv", review_csv, "--reject", merge["item"], code=3)
    assert "not a fact" in proc.stderr  # rejecting a suggested merge is to skip it
    proc = run_cli(
        "review",
        loop / "build",
        "--csv",
        review_csv,
        "--reject",
        low["item"],
        "--accept",
        merge["item"],
        "--curator",
        "wang",
        "--note",
        "看原文",
    )
    assert f"{low['item']} " in proc.stdout
    decided = {r["item"]: r for r in rows(review_csv) if r["decision"]}
    assert decided[low["item"]]["decision"] == "reject" and decided[low["item"]]["curator"] == "wang"
    run_cli("build", loop / "pages", "--out", loop / "build")
    notes = dict(graph_of(loop / "build")["curation"])
    assert [r["fact"] for r in notes["rejected"]] == [low["target"]] and notes["rejected"][0][
        "note"
    ] == "看原文"
    proc = run_cli("review", loop / "build", "--csv", review_csv, "--accept", merge["item"], code=3)
    assert "no item" in proc.stderr  # merged: no longer an item


@pytest.mark.browser
def test_the_page_lists_the_items_and_their_evidence_as_text(tmp_path, loop):
    page = loop / "corrections" / "review.html"
    shown = dom(page)
    items = rows(loop / "corrections" / "review.csv")
    assert shown.count('<tr data-item="') == len(items)
    assert f"{len(items)} items, 0 decided" in shown
    assert "<script" not in page.read_text(encoding="utf-8").split("<body>")[0]  # nothing fetched
    # a name or sentence is text, never markup
    kg = KnowledgeGraph(
        nodes={
            "person/<b>x</b>": Node(
                "person/<b>x</b>", EntityType.Person, "<b>x</b>", mentions=[Mention("a1", 0, 8, "<b>x</b>")]
            )
        }
    )
    hostile = tmp_path / "hostile.html"
    hostile.write_text(render_html(review(kg), "<i>t</i>"), encoding="utf-8")
    shown = dom(hostile)
    assert "<b>x</b>" not in shown and "person/&lt;b&gt;x&lt;/b&gt;" in shown
    shot = tmp_path / "shot.png"
    chromium(page, f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000
