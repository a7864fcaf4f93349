"""The saved research questions: the library, the same answers from SPARQL and from
Cypher over the sample graph, parameters that cannot be injected, and `unionkg query`."""

import dataclasses
import json
import os
import re
import zipfile

import pytest
from neo4j.exceptions import ClientError

from graph.neo4j.loader import connect, load
from graph.rdf.store import EmbeddedStore
from queries import library as lib
from queries.library import (
    LibraryError,
    Page,
    ParameterError,
    UnknownQuestion,
    answer_embedded,
    answer_neo4j,
)
from support import run_cli
from support.neo4j import wipe

QUESTIONS = sorted(lib.questions())
# values that would break out of a quoted string, a pattern or a clause if pasted in
HOSTILE = [
    '"} ; DROP ALL',
    "' OR 1=1 --",
    "}) DETACH DELETE n //",
    '" } UNION { ?s ?p ?o } #',
    "北京市总工会' OR '1'='1",
    '北京市总工会" || true || "',
    "$federation",
]


@pytest.fixture(scope="module")
def store(sample_build):
    with EmbeddedStore.open(sample_build / "store") as store:
        yield store


@pytest.fixture(scope="module")
def driver(neo4j_settings, sample_kg):
    """The sample graph alone in Neo4j (Community has one database: the tests share it)."""
    wipe(neo4j_settings)
    load(sample_kg, neo4j_settings)
    with connect(neo4j_settings) as driver:
        yield driver


def neo4j_size(driver) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships", database_="neo4j"
    )
    return records[0]["nodes"], records[0]["relationships"]


def as_text(rows: list[dict]) -> list[str]:
    """Rows as JSON, so that a year typed by RDF and the same year as text compare equal."""
    return [json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows]


def unordered(rows: list[dict]) -> list[str]:
    return sorted(as_text(rows))


# ---------------------------------------------------------------- the library


def test_the_library_has_the_questions_of_the_issue():
    assert len(QUESTIONS) >= 15
    for name in [
        "union_hierarchy",
        "union_parents",
        "union_activities",
        "district_activities",
        "people_profiles",
        "multiple_posts",
        "co_participation",
        "most_active_unions",
        "activity_kinds",
        "honours",
        "fact_evidence",
        "entity_mentions",
        "shortest_path",
        "programme_districts",
        "programme_timeline",
    ]:
        assert name in QUESTIONS


@pytest.mark.parametrize("name", QUESTIONS)
def test_every_question_has_a_complete_header_and_uses_its_parameters(name):
    q = lib.get(name)
    assert re.search(r"[\u4e00-\u9fff]", q.title_zh) and re.fullmatch(r"[ -~]+", q.title_en)
    assert q.answers and q.columns
    # SPARQL substitutions reach projected variables only: every parameter and column is in SELECT
    select = q.sparql[q.sparql.index("SELECT") : q.sparql.index("WHERE")]
    for p in q.parameters:
        assert re.search(rf"\${p.name}\b", q.cypher), f"{name}.cypher never uses ${p.name}"
        assert re.search(rf"\?{p.name}\b", select), f"{name}.rq does not select ?{p.name}"
        assert p.doc and p.default != ""
    for column in q.columns:
        assert re.search(rf"\?{column}\b", select), f"{name}.rq does not select ?{column}"
        assert re.search(rf"\bAS {column}\b|RETURN (DISTINCT )?{column}\b|, {column}\b", q.cypher), column


def test_a_malformed_or_mismatched_header_names_the_file(tmp_path):
    good = lib.get("honours")
    (tmp_path / "q.cypher").write_text(
        "// 标题 | Title\n// answers: x\n// columns: a\n// example: unionkg query run q\nRETURN 1 AS a\n"
    )
    (tmp_path / "q.rq").write_text(
        "# 标题 | Title\n# answers: y\n# columns: a\n# example: unionkg query run q\nSELECT ?a WHERE {}\n"
    )
    with pytest.raises(LibraryError, match=r"q\.rq: its header differs from the one of q\.cypher"):
        lib.load("q", tmp_path)
    (tmp_path / "q.cypher").write_text("// only an English title\n" + good.cypher)
    with pytest.raises(LibraryError, match=r"q\.cypher: the first line must be"):
        lib.load("q", tmp_path)
    with pytest.raises(UnknownQuestion):
        lib.load("missing", tmp_path)


def test_a_window_and_a_total_go_together(tmp_path):
    """A SPARQL with a window returns a page's rows only, so its total must be counted apart."""
    windowed = lib.get("entity_mentions")
    (tmp_path / "q.cypher").write_text(windowed.cypher.replace("entity_mentions", "q"))
    (tmp_path / "q.rq").write_text(windowed.sparql.replace("entity_mentions", "q"))
    with pytest.raises(LibraryError, match=r"q\.rq: a question whose SPARQL has a window .* in q\.total\.rq"):
        lib.load("q", tmp_path)
    (tmp_path / "q.total.rq").write_text(windowed.sparql_total)
    assert lib.load("q", tmp_path).sparql_total == windowed.sparql_total
    (tmp_path / "q.rq").write_text(lib.get("honours").sparql.replace("honours", "q"))
    (tmp_path / "q.cypher").write_text(lib.get("honours").cypher.replace("honours", "q"))
    with pytest.raises(LibraryError, match="only such a question has one"):
        lib.load("q", tmp_path)


def test_a_windowed_listing_merges_the_entities_of_one_name_page_by_page(tmp_path):
    """Two entities answer to 甲工会 (a name, an alias): each page of their mentions, read
    from the build's numbering, is the slice of the whole answer, newest first."""
    from graph.model import KnowledgeGraph, Mention, Node
    from graph.rdf import write_release
    from loaders.article import Article
    from ontology.schema import EntityType

    articles = [
        Article.from_parts(
            "p.txt", i, f"标题{i % 3}", [(0, f"标题{i % 3}")], [(4, "甲工会开会，甲工会讲话")], date=day
        )
        for i, day in enumerate(["2024-05-08", "2023-01-02", "2024-05", "2024-05-08", None])
    ]
    kg = KnowledgeGraph(articles={a.id: a for a in articles})
    kg.nodes["union/甲工会"] = Node("union/甲工会", EntityType.Union, "甲工会")
    kg.nodes["organisation/甲工会联合会"] = Node(
        "organisation/甲工会联合会", EntityType.Organisation, "甲工会联合会", aliases={"甲工会"}
    )
    for i, a in enumerate(articles):
        node = kg.nodes["union/甲工会" if i % 2 else "organisation/甲工会联合会"]
        node.mentions += [Mention(a.id, 4, 7, "甲工会"), Mention(a.id, 10, 13, "甲工会")]
    write_release(kg, tmp_path, issued="2024-06-01")
    q = lib.get("entity_mentions")
    with EmbeddedStore.create(tmp_path / "store", tmp_path / "graph.nq", tmp_path / "listings.nq") as store:
        whole = answer_embedded(q, {"entity": "甲工会"}, store, Page.all())
        assert whole.total == len(whole.rows) == 10
        assert [r["date"] for r in whole.rows[:3]] == ["2024-05-08"] * 3 and whole.rows[-1]["date"] is None
        for offset in range(0, 11, 3):
            page = answer_embedded(q, {"entity": "甲工会"}, store, Page(limit=3, offset=offset))
            assert page.total == 10 and as_text(page.rows) == as_text(whole.rows[offset : offset + 3])


def test_parameters_are_checked_and_converted_before_any_store_is_opened(tmp_path):
    with pytest.raises(ParameterError, match="unknown parameter federaton"):
        lib.run("union_hierarchy", {"federaton": "北京市总工会"}, graph=tmp_path)
    with pytest.raises(ParameterError, match="min_holders must be a whole number"):
        lib.run("honours", {"min_holders": "1; DROP"}, graph=tmp_path)
    assert lib.get("honours").bind({"min_holders": " 3 "}) == {"min_holders": 3}
    assert lib.get("honours").bind({}) == {"min_holders": 1}


# ---------------------------------------------------------------- answers on the sample


@pytest.mark.parametrize("name", QUESTIONS)
def test_every_question_answers_its_example_on_the_sample(name, store):
    q = lib.get(name)
    answer = answer_embedded(q, q.example, store)
    assert answer.rows, f"{name} has no answer on the sample for {q.example}"
    assert all(list(row) == list(q.columns) for row in answer.rows)
    assert any(value is not None for row in answer.rows for value in row.values())


def test_answers_are_the_graph_s_facts(store):
    """Spot checks against the graph itself, not against the queries' own output."""
    hierarchy = answer_embedded(lib.get("union_hierarchy"), {"federation": "北京市总工会"}, store).rows
    district_unions = store.query("""SELECT ?name WHERE {
        ?federation skos:prefLabel "北京市总工会"@zh ; ukg:unionOf ?city .
        ?union a ukg:Union ; ukg:unionOf/ukg:locatedIn+ ?city ; skos:prefLabel ?name }""")
    assert district_unions
    assert {r["name"] for r in district_unions} <= {r["union_name"] for r in hierarchy}
    assert "北京市总工会" not in {r["union_name"] for r in hierarchy}
    parents = answer_embedded(lib.get("union_parents"), {"union": "大兴区总工会"}, store).rows
    assert {"parent": "北京市总工会", "represents": "北京市"} in parents
    paths = answer_embedded(lib.get("shortest_path"), {}, store).rows
    assert {r["hops"] for r in paths} == {3} and len(paths) == 3
    assert all(
        r["path"].startswith("于淼 -PARTICIPATED_IN→ ") and r["path"].endswith(" 北京市总工会") for r in paths
    )
    # the federation gazetteer's fact, not stated by any article, is a step of one of them
    assert any("北京经济技术开发区总工会 -SUB_ORGANIZATION_OF→ 北京市总工会" in r["path"] for r in paths)


@pytest.mark.parametrize("name", QUESTIONS)
def test_sparql_and_cypher_give_the_same_rows(name, store, driver):
    q = lib.get(name)
    for values in (q.example, {}):
        embedded = answer_embedded(q, values, store)
        neo4j = answer_neo4j(q, values, driver)
        assert neo4j.columns == embedded.columns == q.columns
        assert unordered(neo4j.rows) == unordered(embedded.rows), f"{name} {values}"


@pytest.mark.parametrize("name", QUESTIONS)
def test_pages_hold_the_same_rows_in_the_same_order_on_both_backends(name, store, driver):
    """Pages of three, read until the last, give the whole answer on each backend: the
    same rows in the same order, none lost or repeated, and the same total on every page."""
    q = lib.get(name)
    for values in (q.example, {}):
        whole = answer_embedded(q, values, store, Page.all())
        assert whole.total == len(whole.rows) and whole.next_offset is None
        for answer in (
            lambda page: answer_embedded(q, values, store, page),
            lambda page: answer_neo4j(q, values, driver, page=page),
        ):
            rows, offset = [], 0
            while offset is not None:
                page = answer(Page(limit=3, offset=offset))
                assert page.total == whole.total and len(page.rows) <= 3
                rows += page.rows
                offset = page.next_offset
            assert as_text(rows) == as_text(whole.rows), f"{name} {values}"


@pytest.mark.parametrize(
    "name, values",
    [
        ("most_active_unions", {"min_activities": 2}),  # the window ends in unions filtered out
        ("most_active_unions", {"min_activities": 99}),  # none
        ("entity_mentions", {"entity": "市总工会"}),  # an alias
    ],
)
def test_a_windowed_question_pages_as_its_whole_answer(name, values, store, driver):
    q = lib.get(name)
    whole = answer_embedded(q, values, store, Page.all())
    assert whole.total == len(whole.rows) == answer_neo4j(q, values, driver, page=Page.all()).total
    rows, offset = [], 0
    while offset is not None:
        page = answer_embedded(q, values, store, Page(limit=2, offset=offset))
        assert page.total == whole.total
        rows += page.rows
        offset = page.next_offset
    assert as_text(rows) == as_text(whole.rows)


def test_a_page_past_the_end_is_empty_and_still_counts_the_rows(store, driver):
    q = lib.get("entity_search")
    values = {"text": "工会"}
    total = answer_embedded(q, values, store, Page.all()).total
    assert total > 10
    for answer in (
        answer_embedded(q, values, store, Page(5, total + 5)),
        answer_neo4j(q, values, driver, page=Page(5, total + 5)),
        answer_embedded(q, values, store, Page(None, total + 5)),
        answer_neo4j(q, values, driver, page=Page(None, total + 5)),
    ):
        assert answer.rows == [] and answer.total == total and answer.next_offset is None
    with pytest.raises(ParameterError, match="limit"):
        Page(limit=0)
    with pytest.raises(ParameterError, match="offset"):
        Page(offset=-1)


def test_query_run_pages_as_a_user_pages(sample_build):
    args = ["query", "run", "entity_search", "--param", "text=工会", "--graph", sample_build]
    first = json.loads(run_cli(*args, "--limit", "4", "--format", "json").stdout)
    assert len(first["rows"]) == 4 and first["next_offset"] == 4 and first["total"] > 8
    second = json.loads(run_cli(*args, "--limit", "4", "--offset", "4", "--format", "json").stdout)
    every = json.loads(run_cli(*args, "--all", "--format", "json").stdout)
    assert first["rows"] + second["rows"] == every["rows"][:8] and len(every["rows"]) == first["total"]
    table = run_cli(*args, "--limit", "4").stdout
    assert f"(rows 1–4 of {first['total']}; next: --offset 4)" in table
    csv = run_cli(*args, "--limit", "4", "--format", "csv")
    assert len(csv.stdout.splitlines()) == 5 and f"of {first['total']}" in csv.stderr
    run_cli(*args, "--limit", "0", code=2)


# ---------------------------------------------------------------- hostile parameters


def hostile_cases():
    for name in QUESTIONS:
        textual = [p.name for p in lib.get(name).parameters if p.kind in ("name", "text")]
        if textual:
            for value in HOSTILE:
                yield pytest.param(name, dict.fromkeys(textual, value), id=f"{name}-{HOSTILE.index(value)}")


@pytest.mark.parametrize("name,values", list(hostile_cases()))
def test_a_hostile_value_is_only_a_value(name, values, store, driver):
    q = lib.get(name)
    triples, size = store.count_triples(), neo4j_size(driver)
    assert answer_embedded(q, values, store).rows == []
    assert answer_neo4j(q, values, driver).rows == []
    assert store.count_triples() == triples
    assert neo4j_size(driver) == size


def test_every_question_with_a_name_has_a_hostile_case():
    named = {name for name in QUESTIONS if any(p.kind != "int" for p in lib.get(name).parameters)}
    assert named == {case.values[0] for case in hostile_cases()} and len(named) >= 10


def test_neo4j_answers_in_a_read_transaction(driver):
    size = neo4j_size(driver)
    writing = dataclasses.replace(
        lib.get("honours"), cypher="CREATE (n:Injected) RETURN 'x' AS honour, 1 AS holders, 'y' AS people"
    )
    with pytest.raises(ClientError, match="(?i)write"):
        answer_neo4j(writing, {}, driver)
    assert neo4j_size(driver) == size


# ---------------------------------------------------------------- `unionkg query`


def test_query_list_and_show():
    listed = run_cli("query", "list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == QUESTIONS
    assert (
        "某总工会之下的各级工会 | Unions under a federation, at any depth"
        in listed[QUESTIONS.index("union_hierarchy")]
    )
    shown = run_cli("query", "show", "union_hierarchy").stdout
    assert "param federation (name) = 北京市总工会" in shown
    assert "MATCH (top_union:Entity)" in shown and "SELECT ?federation ?union_name" in shown


def test_query_run_formats(sample_build, store):
    q = lib.get("union_activities")
    expected = answer_embedded(q, q.example, store).rows
    args = [
        "query",
        "run",
        "union_activities",
        "--graph",
        sample_build,
        *[a for k, v in q.example.items() for a in ("--param", f"{k}={v}")],
    ]
    as_json = json.loads(run_cli(*args, "--format", "json").stdout)
    assert as_json["rows"] == expected and as_json["parameters"] == q.example
    csv_lines = run_cli(*args, "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == ",".join(q.columns) and len(csv_lines) == len(expected) + 1
    table = run_cli(*args).stdout.splitlines()
    assert (
        table[0].split() == list(q.columns)
        and table[-1] == f"({len(expected)} row{'s' * (len(expected) != 1)})"
    )


def test_query_run_on_neo4j_gives_the_embedded_rows(sample_build, driver):
    args = ["query", "run", "co_participation", "--format", "json"]
    embedded = json.loads(run_cli(*args, "--graph", sample_build).stdout)["rows"]
    neo4j = json.loads(run_cli(*args, "--backend", "neo4j").stdout)["rows"]
    assert embedded and unordered(neo4j) == unordered(embedded)


def test_query_run_errors_and_exit_codes(tmp_path, sample_build):
    assert "no saved question 'nope'" in run_cli("query", "run", "nope", code=2).stderr
    assert (
        "unknown parameter colour"
        in run_cli("query", "run", "honours", "--param", "colour=red", code=2).stderr
    )
    assert "is not KEY=VALUE" in run_cli("query", "run", "honours", "--param", "min_holders", code=2).stderr
    missing = run_cli("query", "run", "honours", "--graph", tmp_path / "nowhere", code=3).stderr
    assert f"{tmp_path / 'nowhere'} is not a build folder" in missing
    unreachable = run_cli(
        "query",
        "run",
        "honours",
        "--backend",
        "neo4j",
        code=3,
        env={**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1"},
    ).stderr
    assert "not reachable at bolt://127.0.0.1:1" in unreachable


def test_a_store_built_before_the_listings_says_so_rather_than_answer_nothing(tmp_path, sample_build):
    """A store without the listings (an older build, or one of graph.nq alone) would answer
    every windowed question with no rows and a total of 0: it is named, with what to do."""
    old = tmp_path / "old"
    EmbeddedStore.create(old / "store", sample_build / "graph.nq").close()
    args = ("query", "run", "entity_mentions", "--graph", old)
    stale = run_cli(*args, code=3).stderr
    assert f"{old / 'store'}: built before the listings that entity_mentions pages through" in stale
    assert "build it again" in stale
    assert run_cli("query", "run", "honours", "--graph", old, "--format", "json").stdout  # the others answer


def test_browser_favourites_answer_with_the_defaults_in_one_statement(tmp_path, driver):
    out = tmp_path / "favourites.zip"
    run_cli("query", "favourites", "--out", out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == [f"unionkg/{name}.cypher" for name in QUESTIONS]
        for name in QUESTIONS:
            q = lib.get(name)
            text = archive.read(f"unionkg/{name}.cypher").decode()
            assert (
                text.split("\n")[0] == f"// {q.title_zh} | {q.title_en}"
            )  # Browser names the favourite by it
            assert "$" not in text and ":params" not in text  # one statement, nothing left to set
            for p in q.parameters:
                assert f"{p.name} = {json.dumps(p.default, ensure_ascii=False)}" in text.split("\n")[1]
            records, _, _ = driver.execute_query(text, database_="neo4j")
            assert (
                lib._shape(q, [r.data() for r in records], "Cypher", True) == answer_neo4j(q, {}, driver).rows
            ), name
