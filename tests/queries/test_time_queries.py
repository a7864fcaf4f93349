"""The questions over time, on a small dated corpus written for them: the same rows from
the embedded store (SPARQL) and from Neo4j (Cypher), and the rows the articles say."""

import json

import pytest

from graph import pipeline
from graph.neo4j.loader import connect, load
from graph.rdf.store import EmbeddedStore
from queries import library as lib
from queries.library import answer_embedded, answer_neo4j
from support import DATED
from support.neo4j import wipe


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory):
    return pipeline.build([DATED], tmp_path_factory.mktemp("dated") / "build").out_dir


@pytest.fixture(scope="module")
def store(dated_build):
    with EmbeddedStore.open(dated_build / "store") as store:
        yield store


@pytest.fixture(scope="module")
def driver(neo4j_settings, dated_build):
    wipe(neo4j_settings)
    load(pipeline.read_graph([dated_build]), neo4j_settings)
    with connect(neo4j_settings) as driver:
        yield driver
    wipe(neo4j_settings)  # the next module loads its own graph


CASES = [
    (
        "activities_by_year",
        {"organisation": "昌平区总工会"},
        # the launch is one event in two articles: its most precise date, 2024's, is its year
        [
            {"year": "2022", "activities": 1, "activity_names": "“工匠进社区”活动"},
            {"year": "2024", "activities": 1, "activity_names": "“工匠进社区”活动启动仪式"},
        ],
    ),
    (
        "activities_by_year",
        {"organisation": "顺义区总工会"},
        [{"year": "2023", "activities": 1, "activity_names": "职工篮球赛"}],
    ),
    (
        "posts_at_date",
        {"organisation": "顺义区总工会", "date": "2020-01-01"},
        [
            {
                "person": "张建国",
                "post": "主席",
                "since": "2019",
                "first_seen": "2023-09-18",
                "last_seen": "2024-05-08",
            }
        ],
    ),
    ("posts_at_date", {"organisation": "顺义区总工会", "date": "2018"}, []),
    (
        "programme_years",
        {"min_districts": 1},
        [
            {
                "programme": "“工匠进社区”活动",
                "year": "2022",
                "districts": 2,
                "district_names": "回龙观、昌平区",
            },
            {
                "programme": "“工匠进社区”活动",
                "year": "2024",
                "districts": 2,
                "district_names": "中关村、海淀区",
            },
        ],
    ),
    (
        "honours_by_year",
        {"min_holders": 1},
        [
            {"year": "2022", "honour": "首都劳动奖章", "holders": 1, "people": "王强"},
            {"year": "2023", "honour": "北京市五一劳动奖章", "holders": 1, "people": "李红"},
        ],
    ),
]


@pytest.mark.parametrize("name, values, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_the_time_questions_answer_what_the_articles_say_on_both_backends(
    name, values, expected, store, driver
):
    q = lib.get(name)
    embedded, neo4j = answer_embedded(q, values, store).rows, answer_neo4j(q, values, driver).rows
    assert neo4j == embedded
    assert embedded == expected, json.dumps(embedded, ensure_ascii=False)
