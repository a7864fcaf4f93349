"""Neo4j Browser on the local server: the page, the unionkg style, a saved question over
HTTP, and the guide of saved questions played in Browser (headless Chromium)."""

import base64
import html
import json
import re
import subprocess
import urllib.request

import pytest

from graph.neo4j.loader import connect, load
from graph.neo4j.server import browser_style
from ontology.schema import EntityType
from queries.browser import guide_query, params_command
from queries.library import answer_neo4j, get, questions
from support import UNIONKG, run_cli
from support.chromium import open_browser

pytestmark = pytest.mark.browser  # headless Chromium


@pytest.fixture(scope="module")
def loaded(neo4j_settings, sample_kg):
    load(sample_kg, neo4j_settings)  # idempotent: whatever an earlier test left, the sample is whole
    return neo4j_settings


def test_browser_page_is_served(neo4j_http):
    with urllib.request.urlopen(f"{neo4j_http}/browser/", timeout=30) as response:
        assert response.status == 200
        assert "<title>Neo4j Browser</title>" in response.read().decode()


def test_a_saved_question_returns_rows_through_the_http_api(loaded, neo4j_http):
    question = get("union_hierarchy")
    body = json.dumps({"statement": question.cypher, "parameters": question.bind()}).encode()
    token = base64.b64encode(f"{loaded.user}:{loaded.password}".encode()).decode()
    request = urllib.request.Request(
        f"{neo4j_http}/db/{loaded.database}/query/v2",
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Basic {token}",
        },
    )
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
        records, _, _ = driver.execute_query(
            "CALL dbms.clientConfig() YIELD name, value RETURN name, value", database_="system"
        )
    command = {r["name"]: r["value"] for r in records}["browser.post_connect_cmd"]
    assert command.startswith("style ")
    assert json.loads(command.removeprefix("style ")) == browser_style()


@pytest.fixture(scope="module")
def guide_url():
    """`unionkg query guide` serving on a free port, as a user runs it."""
    server = subprocess.Popen([UNIONKG, "query", "guide", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        yield re.search(r":guide (http://localhost:\d+/unionkg.html)$", server.stdout.readline().strip())[1]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_guide_is_served_to_browser_with_a_slide_per_question(guide_url, neo4j_http, tmp_path):
    # Browser's request carries pragma and cache-control headers: its page asks first
    preflight = urllib.request.Request(
        guide_url,
        method="OPTIONS",
        headers={
            "Origin": neo4j_http,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "pragma,cache-control",
        },
    )
    with urllib.request.urlopen(preflight, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Access-Control-Allow-Headers"] == "pragma,cache-control"
    with urllib.request.urlopen(guide_url, timeout=30) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        page = response.read().decode()
    blocks = [
        html.unescape(b) for b in re.findall(r'<pre class="code runnable"[^>]*>(.*?)</pre>', page, re.S)
    ]
    expected = []
    for question in questions().values():
        if params := params_command(question):
            expected.append(params.removesuffix(";"))
        expected.append(guide_query(question))
    assert blocks == expected
    assert page.count("<slide ") == len(questions()) + 1  # the contents first
    run_cli("query", "guide", "--out", tmp_path / "guide.html")  # the same page, to host elsewhere
    assert (tmp_path / "guide.html").read_text(encoding="utf-8") == page


def test_browser_plays_the_guide_and_a_slide_answers(loaded, neo4j_http, guide_url):
    name = "union_hierarchy"
    question = get(name)
    with connect(loaded) as driver:
        answer = answer_neo4j(question, None, driver, loaded.database)
    slide = list(questions()).index(name) + 1  # slides count from 0, the contents first
    with open_browser(neo4j_http, loaded.uri, loaded.user, loaded.password) as browser:
        browser.run(f":guide {guide_url}#slide-{slide}")
        browser.chromium.wait_for(
            f"[...document.querySelectorAll('h3')].some(h => h.innerText === "
            f"{json.dumps(question.title_zh)})",
            "the question's slide",
        )
        browser.run_guide_block(0)  # :params
        browser.wait_for_frame('"federation": "北京市总工会"')
        browser.run_guide_block(1)  # the query
        frame = browser.wait_for_frame(f"Started streaming {len(answer.rows)} records")
    assert answer.rows and all(f'"{row["union_name"]}"' in frame for row in answer.rows)
