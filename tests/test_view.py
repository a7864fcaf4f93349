"""`unionkg view`: the self-contained HTML page, opened in headless Chromium (Debian's
package, installed by `make chromium`) to check that it really draws the graph."""

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest

from graph.model import Edge, Evidence, KnowledgeGraph, Mention, Node
from graph.view import COLOURS, render_html
from loaders.article import Article
from ontology.schema import EntityType, Predicate

from conftest import run_cli

WINDOW = (1280, 800)


def chromium(page: Path, *flags: str, fragment: str = "") -> subprocess.CompletedProcess:
    """Headless Chromium on ``page`` after its scripts ran (virtual time: the layout's
    timers run at once, so the figures do not depend on the machine's speed)."""
    binary = shutil.which("chromium")
    assert binary, "Debian's chromium is not installed: run `make chromium`"
    url = page.resolve().as_uri() + (f"#{quote(fragment)}" if fragment else "")
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
         f"--window-size={WINDOW[0]},{WINDOW[1]}", "--virtual-time-budget=30000", *flags, url],
        capture_output=True, text=True, timeout=180, check=True)


def dom(page: Path, fragment: str = "") -> str:
    return chromium(page, "--dump-dom", fragment=fragment).stdout


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) pixels of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line) if channels == 3 else bytes(b for j in range(0, stride, 4) for b in line[j : j + 3]))
        previous = line
    return width, height, rows


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
    headlines = {json.loads(line)["title"] for line in (sample_build / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    assert {a["title"] for a in data["articles"]} <= headlines
    assert all(n["sources"] for n in data["nodes"]), "every entity cites the articles that name it"


def test_chromium_draws_the_graph_coloured_by_type(page, tmp_path):
    shot = tmp_path / "view.png"
    chromium(page, f"--screenshot={shot}")
    width, height, rows = png_pixels(shot)
    assert (width, height) == WINDOW
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
    hostile = '</script><img src=x onerror="document.title=\'pwned\'">'
    article = Article.from_parts("x.txt", 0, "标题" + hostile, [], [(0, "正文" + hostile)])
    kg = KnowledgeGraph(articles={article.id: article})
    for nid, etype in (("union/u", EntityType.Union), ("event/e", EntityType.Event)):
        kg.nodes[nid] = Node(nid, etype, "工会" + hostile, mentions=[Mention(article.id, 0, 2, "标题")])
    kg.edges[("union/u", "organised", "event/e", "")] = Edge(
        "union/u", Predicate.organised, "event/e", evidence=[Evidence(article.id, 0, 2, hostile)])
    page = tmp_path / "hostile.html"
    page.write_text(render_html(kg, title=hostile), encoding="utf-8")
    html = dom(page, fragment="union/u")
    assert 'data-rendered="true"' in html and "<title>pwned" not in html
    assert '<img src="x"' not in html  # (the data's JSON holds the words, escaped, but no element)
    assert "&lt;/script&gt;&lt;img src=x" in html  # shown as the text it is


def test_the_time_filter_shows_the_entities_named_in_articles_of_that_time(tmp_path):
    out = tmp_path / "dated.html"
    run_cli("view", "--graph", Path(__file__).parent / "dated", "--out", out)
    data = page_data(out.read_text(encoding="utf-8"))
    named_2023 = [n for n in data["nodes"] if any(d.startswith("2023") for d in n["dates"])]
    named_2022_06_to_2023 = [n for n in data["nodes"] if any("2022-06" <= d[:7] <= "2023-12" for d in n["dates"])]
    assert 0 < len(named_2023) < len(named_2022_06_to_2023) < len(data["nodes"])
    assert f"{len(named_2023)} in time" in dom(out, fragment="time=2023..2023")
    assert f"{len(named_2022_06_to_2023)} in time" in dom(out, fragment="time=2022-06..2023")
