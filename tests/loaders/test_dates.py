"""Dates: of articles from every source a user has them in, with origin and precision."""

import datetime
import json
import subprocess

import pytest
from rdflib import RDF, TIME, Literal

from graph import pipeline
from graph.dates import seen, text_dates
from graph.extract import extract
from graph.iris import IriScheme
from graph.model import KnowledgeGraph
from graph.neo4j.rows import _fact, entity_props
from graph.rdf import to_dataset
from graph.resolve import resolve
from loaders import read_source
from ontology import vocab
from ontology.schema import EntityType, Predicate
from support import DATED, PAGES, UNIONKG

PAGE = "区总工会举办职工培训\n\n本报讯（记者 赵明）近日，顺义区总工会举办职工培训。\n"


def _dated(path, **kw):
    return [(a.date, a.date_origin) for a in read_source(path, path.name, **kw).articles]


def test_a_json_lines_date_is_the_sources_own(tmp_path):
    rows = [
        {"title": "区总工会举办培训", "body": "顺义区总工会举办培训。", "date": "2023-11-02T08:00:00+08:00"},
        {"title": "区总工会举办比赛", "body": "顺义区总工会举办比赛。"},
    ]
    (tmp_path / "a.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    # the second article has no date of its own: the one in the file's name
    (tmp_path / "a.jsonl").rename(tmp_path / "feed-2023-10.jsonl")
    assert _dated(tmp_path / "feed-2023-10.jsonl") == [("2023-11-02", "source"), ("2023-10", "filename")]


def test_an_html_date_from_its_meta_else_its_byline(tmp_path):
    body = "<article><p>本报讯 近日，顺义区总工会举办职工培训，一百名职工参加。</p></article>"
    (tmp_path / "meta.html").write_text(
        f'<html><head><meta property="article:published_time" content="2022-03-04T10:00:00"></head>'
        f"<body><h1>区总工会举办培训</h1>{body}</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "byline.html").write_text(
        "<html><body><h1>区总工会举办培训</h1><div class='info'>发布时间：2022年3月5日 09:12</div>"
        f"{body}</body></html>",
        encoding="utf-8",
    )
    assert _dated(tmp_path / "meta.html") == [("2022-03-04", "meta")]
    assert _dated(tmp_path / "byline.html") == [("2022-03-05", "byline")]


def test_a_manifest_dates_its_pages_and_a_date_alone_keeps_their_ids(tmp_path):
    (tmp_path / "p1.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "p2.txt").write_text(PAGE.replace("培训", "比赛"), encoding="utf-8")
    ids = [read_source(tmp_path / p).articles[0].id for p in ("p1.txt", "p2.txt")]
    (tmp_path / "manifest.csv").write_text(
        "file,paper,date,edition,page\np1.txt,,2021-06,,\np2.txt,劳动午报,2021-06-09,1,3\n", encoding="utf-8"
    )
    assert _dated(tmp_path / "p1.txt") == [("2021-06", "manifest")]
    assert _dated(tmp_path / "p2.txt") == [("2021-06-09", "manifest")]
    # a row with a date alone names no page: the id stays; a row with the paper and page names it
    assert [read_source(tmp_path / p).articles[0].id == i for p, i in zip(("p1.txt", "p2.txt"), ids)] == [
        True,
        False,
    ]


def test_the_sample_pages_are_of_2024_at_year_precision():
    for page in sorted(PAGES.glob("*.txt")):
        assert set(_dated(page)) == {("2024", "manifest")}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("2024-05-08.txt", "2024-05-08"),
        ("p3_20240508.txt", "2024-05-08"),
        ("2024/05/08/03.txt", "2024-05-08"),
        ("2024_05/p3.txt", "2024-05"),
        ("2024/p3.txt", "2024"),
    ],
)
def test_a_date_in_the_file_or_folder_name(tmp_path, name, expected):
    path = tmp_path / "pages" / name
    path.parent.mkdir(parents=True)
    path.write_text(PAGE, encoding="utf-8")
    assert [(a.date, a.date_origin) for a in read_source(path, name).articles] == [(expected, "filename")]


def test_an_ocr_page_banner_dates_the_page_and_is_no_article(tmp_path):
    (tmp_path / "page-20190101.txt").write_text(
        "劳动午报  2020年7月3日  星期五  第3版\n\n" + PAGE, encoding="utf-8"
    )
    result = read_source(tmp_path / "page-20190101.txt")
    assert [(a.title, a.date, a.date_origin) for a in result.articles] == [
        ("区总工会举办职工培训", "2020-07-03", "banner")
    ]


@pytest.mark.slow  # about 10–20 s
def test_the_date_option_comes_first_and_is_kept_by_later_builds(tmp_path):
    (tmp_path / "a.txt").write_text("劳动午报 2020年7月3日 星期五\n\n" + PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE.replace("培训", "比赛"), encoding="utf-8")
    assert _dated(tmp_path / "a.txt", date="2020-07-04") == [("2020-07-04", "option")]
    unionkg = [UNIONKG]
    out = tmp_path / "build"
    bad = subprocess.run(
        [*unionkg, "build", str(tmp_path), "--date", "2020-07-04", "--out", str(out)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--date" in bad.stderr  # a folder: which file?
    subprocess.run(
        [*unionkg, "build", str(tmp_path / "a.txt"), "--date", "2020-07", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*unionkg, "build", str(tmp_path / "b.txt"), "--out", str(out)], check=True, capture_output=True
    )
    kg = pipeline.read_graph([out])
    assert sorted((a.title, a.date, a.date_origin) for a in kg.articles.values()) == [
        ("区总工会举办职工培训", "2020-07", "option"),
        ("区总工会举办职工比赛", None, None),
    ]


def test_rdf_dates_are_as_precise_as_their_evidence(tmp_path):
    xsd = vocab.XSD
    for value, datatype in (("2024", xsd.gYear), ("2024-05", xsd.gYearMonth), ("2024-05-08", xsd.date)):
        (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
        [article] = read_source(tmp_path / "a.txt", date=value).articles
        triples = {
            (p, o) for _, p, o, _ in to_dataset(KnowledgeGraph(articles={article.id: article})).quads()
        }
        assert (vocab.SCHEMA.datePublished, Literal(value, datatype=datatype)) in triples
        assert (vocab.UKG.dateOrigin, Literal("option")) in triples


# ---------------------------------------------------------------- dates in the text, on events


@pytest.mark.parametrize(
    "words, published, expected",
    [
        ("9月15日", "2024-10-08", ("2024-09-15", "day", None)),
        ("9月15日", "2024-05-08", ("2023-09-15", "day", None)),  # September after May: last year's
        ("9月15日", "2024", ("2024-09-15", "day", None)),
        ("今天", "2024-05-08", ("2024-05-08", "day", None)),
        ("昨天", "2024-03-01", ("2024-02-29", "day", None)),
        ("前天", "2024-05-08", ("2024-05-06", "day", None)),
        ("近日", "2024-05-08", ("2024-05-08", "around", None)),
        ("日前", "2024-05", ("2024-05", "around", None)),
        ("2024年", None, ("2024", "year", None)),
        ("2024年5月", None, ("2024-05", "month", None)),
        ("5月1日至3日", "2024-05-08", ("2024-05-01", "day", "2024-05-03")),
        ("4月28日至5月2日", "2024-05-08", ("2024-04-28", "day", "2024-05-02")),
    ],
)
def test_every_date_form_of_the_text(words, published, expected):
    [(_, _, when)] = text_dates(f"{words}，区总工会举办职工培训。", published)
    assert (when.start, when.precision, when.end) == expected


@pytest.mark.parametrize(
    "words, published", [("昨天", "2024-05"), ("近日", None), ("9月15日", None), ("2月30日", "2024-05-08")]
)
def test_no_date_more_precise_than_its_evidence(words, published):
    assert text_dates(f"{words}，区总工会举办职工培训。", published) == []


EVENT_PAGE = (
    "区总工会举办第三届职工运动会\n\n本报讯（记者 赵明）9月15日，顺义区总工会举办第三届职工运动会，"
    "五百名职工参加。\n"
)


def test_an_event_is_dated_in_rdf_and_neo4j_rows(tmp_path):
    (tmp_path / "p.txt").write_text(EVENT_PAGE, encoding="utf-8")
    kg = resolve([extract(a) for a in read_source(tmp_path / "p.txt", date="2024-05-08").articles])
    [event] = [n for n in kg.nodes.values() if n.type is EntityType.Event]
    assert [(w.start, w.precision) for w in event.dates] == [("2023-09-15", "day")]
    quads = {(p, o) for s, p, o, _ in to_dataset(kg).quads() if s == IriScheme().entity(event.id)}
    assert (vocab.SCHEMA.startDate, Literal("2023-09-15", datatype=vocab.XSD.date)) in quads
    assert (vocab.UKG.datePrecision, Literal("day")) in quads
    props = entity_props(event, IriScheme())
    assert (props["date"], props["date_precision"]) == (datetime.date(2023, 9, 15), "day")
    assert KnowledgeGraph.from_json(kg.to_json()).nodes[event.id].dates == event.dates


# ---------------------------------------------------------------- posts and honours in time


def test_posts_and_honours_carry_first_and_last_seen_and_their_start():
    kg = pipeline.read_graph([DATED])
    post = next(
        e for e in kg.edges.values() if e.predicate is Predicate.holdsPost and e.subject == "person/张建国"
    )
    honour = next(
        e for e in kg.edges.values() if e.predicate is Predicate.hasHonour and e.subject == "person/李红"
    )
    assert seen(post, kg.articles) == ("2023-09-18", "2024-05-08") and (
        post.since.start,
        post.since.precision,
    ) == ("2019", "year")
    assert seen(honour, kg.articles) == ("2024-05-08", "2024-05-08") and honour.since.start == "2023"
    statement = IriScheme().statement(post)
    quads = {(s, p, o) for s, p, o, _ in to_dataset(kg).quads()}
    during = next(o for s, p, o in quads if s == statement and p == vocab.ORG.memberDuring)
    begins = next(o for s, p, o in quads if s == during and p == TIME.hasBeginning)
    assert (during, RDF.type, TIME.Interval) in quads
    assert (begins, TIME.inXSDgYear, Literal("2019", datatype=vocab.XSD.gYear)) in quads
    assert (statement, vocab.UKG.firstSeen, Literal("2023-09-18", datatype=vocab.XSD.date)) in quads
    assert (statement, vocab.UKG.lastSeen, Literal("2024-05-08", datatype=vocab.XSD.date)) in quads
    neo4j_post = _fact(post, IriScheme(), {}, kg.articles).props
    assert neo4j_post["since"] == datetime.date(2019, 1, 1)
    assert (neo4j_post["first_seen"], neo4j_post["last_seen"]) == (
        "2023-09-18",
        "2024-05-08",
    )  # as in the RDF


def test_a_manifest_named_with_its_pages_is_no_source_and_errors_cross_processes(tmp_path):
    (tmp_path / "p1.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,paper,date,edition,page\np1.txt,,2021,,\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    run = pipeline.extract_sources(sorted(tmp_path.iterdir()), workers=2)  # as a shell's * names them
    assert [(g.article.date, g.article.date_origin) for g in run.graphs] == [("2021", "manifest")]
    assert [f.source for f in run.failures] == [str(tmp_path / "bad.txt")]
