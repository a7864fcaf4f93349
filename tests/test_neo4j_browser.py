"""Neo4j Browser on the local server: the page, the unionkg style, a saved question over HTTP."""

import base64
import json
import urllib.request

import pytest

from graph.neo4j_loader import connect, load
from graph.neo4j_server import browser_style
from ontology.schema import EntityType
from queries.library import get

from neo4j_support import neo4j_settings, sample_build, sample_kg  # noqa: F401  (fixtures)

HTTP = "http://127.0.0.1:7474"


@pytest.fixture(scope="module")
def loaded(neo4j_settings, sample_kg):
    load(sample_kg, neo4j_settings)  # idempotent: whatever an earlier test left, the sample is whole
    return neo4j_settings


def test_browser_page_is_served(neo4j_settings):
    with urllib.request.urlopen(f"{HTTP}/browser/", timeout=30) as response:
        assert response.status == 200
        assert "<title>Neo4j Browser</title>" in response.read().decode()


def test_a_saved_question_returns_rows_through_the_http_api(loaded):
    question = get("union_hierarchy")
    body = json.dumps({"statement": question.cypher, "parameters": question.bind()}).encode()
    token = base64.b64encode(f"{loaded.user}:{loaded.password}".encode()).decode()
    request = urllib.request.Request(f"{HTTP}/db/{loaded.database}/query/v2", data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Basic {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.load(response)
    assert answer["data"]["fields"] == list(question.columns)
    assert answer["data"]["values"]
    assert all("工会" in row[0] for row in answer["data"]["values"])


def test_style_gives_every_label_a_colour_and_a_caption():
    style = browser_style()
    for label in [t.value for t in EntityType] + ["Article"]:
        rule = style[f"node.{label}"]
        assert rule["color"].startswith("#") and rule["caption"] in ("{name}", "{title}"), label
    colours = [style[f"node.{t.value}"]["color"] for t in EntityType]
    assert len(set(colours)) == len(colours)
    size = {t.value: int(style[f"node.{t.value}"]["diameter"].removesuffix("px")) for t in EntityType}
    assert sorted(size, key=size.get)[-2:] == ["District", "Union"]
    assert style["relationship.HOLDS_POST"]["caption"] == "{title}"  # the post, e.g. 主席


def test_browser_applies_the_style_on_connecting(neo4j_settings):
    with connect(neo4j_settings) as driver:
        records, _, _ = driver.execute_query("CALL dbms.clientConfig() YIELD name, value RETURN name, value",
                                             database_="system")
    command = {r["name"]: r["value"] for r in records}["browser.post_connect_cmd"]
    assert command.startswith("style ")
    assert json.loads(command.removeprefix("style ")) == browser_style()
