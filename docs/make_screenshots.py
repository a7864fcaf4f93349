"""Take the README's pictures of Neo4j Browser, with headless Chromium (Debian's package):

- ``docs/neo4j-browser.png``: the sample graph around two districts, in the unionkg style
  (``ontology/neo4j_browser.grass``: colours by type, Chinese names as captions);
- ``docs/neo4j-guide.png``: the guide of saved questions (``unionkg query guide``), one
  question asked from its slide.

Usage (after ``unionkg build examples/pages --out build``)::

    .venv/bin/python docs/make_screenshots.py [BUILD] [--out-dir docs]

It starts a Neo4j server of its own (free ports, a temporary home, a random password),
loads BUILD into it, logs Browser in, takes the pictures and stops the server; the usual
local server, if one runs, is not touched.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # the repo, and the tests' Chromium helper

from graph import pipeline  # noqa: E402  (after the path is set)
from graph.neo4j.loader import Neo4jSettings, load  # noqa: E402
from graph.neo4j.server import temporary_server  # noqa: E402
from queries.browser import guide_url, serve_guide  # noqa: E402
from queries.library import questions  # noqa: E402
from support.chromium import BrowserPage, open_browser  # noqa: E402

# two districts, their unions and the bodies, events and people two facts away
GRAPH_QUERY = """MATCH (d:District) WHERE d.name IN ['大兴区', '怀柔区']
MATCH p = (d)-[*1..2]-(:Entity)
WHERE none(r IN relationships(p) WHERE r:MENTIONED_IN)
RETURN p"""
GUIDE_QUESTION = "union_activities"
LAYOUT_SECONDS = 8  # Browser's force layout settles in this time


# Scale and centre the drawing in the canvas left of Browser's overview panel (the legend of
# colours): the layer that Browser's zoom transforms gets a transform of our own.
FRAME_GRAPH = """(() => {
  const svg = document.querySelector('svg.neod3viz');
  const zoomed = svg.querySelector('.layer.nodes').parentNode;
  const box = svg.querySelector('.layer.nodes').getBBox();
  const canvas = svg.getBoundingClientRect();
  const free = {width: document.querySelector('[data-testid=vizInspector]').getBoundingClientRect().left - canvas.left,
                height: canvas.height};
  const view = svg.viewBox.baseVal;  // Browser's viewBox puts (0, 0) in the middle of the canvas
  const scale = Math.min(1.6, 0.9 * Math.min(free.width / box.width, free.height / box.height));
  const x = view.x + (free.width - scale * box.width) / 2 - scale * box.x;
  const y = view.y + (free.height - scale * box.height) / 2 - scale * box.y;
  zoomed.setAttribute('transform', `translate(${x},${y}) scale(${scale})`);
  return scale;
})()"""


def graph_picture(browser: BrowserPage, out: Path) -> Path:
    chromium = browser.chromium
    browser.run(GRAPH_QUERY)
    chromium.wait_for("document.querySelectorAll('svg .node').length > 0", "the graph")
    chromium.evaluate("document.querySelector('[data-testid=frame] button[title=Fullscreen]').click(), 1")
    time.sleep(LAYOUT_SECONDS)
    chromium.evaluate(FRAME_GRAPH)
    return chromium.screenshot(out)


def guide_picture(browser: BrowserPage, out: Path) -> Path:
    server = serve_guide(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        slide = list(questions()).index(GUIDE_QUESTION) + 1  # the contents first
        browser.run(":clear")
        browser.run(f":guide {guide_url(server)}#slide-{slide}")
        browser.chromium.wait_for("document.querySelectorAll('pre.runnable').length > 0", "the guide's slide")
        browser.run_guide_block(0)
        browser.run_guide_block(1)
        browser.wait_for_frame("Started streaming")
        time.sleep(1)  # the frame unfolds
        return browser.chromium.screenshot(out)
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "build", nargs="?", default=REPO / "build", type=Path, help="a build folder (default build/)"
    )
    parser.add_argument(
        "--out-dir", default=REPO / "docs", type=Path, help="where the PNG files go (default docs/)"
    )
    args = parser.parse_args(argv)
    kg = pipeline.read_graph([args.build])
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="unionkg-screenshots.") as home:
        with temporary_server(Path(home), password) as server:
            settings = Neo4jSettings(server.bolt_uri, password=password)
            load(kg, settings)
            with open_browser(server.http_uri, server.bolt_uri, settings.user, password) as browser:
                for picture in (
                    graph_picture(browser, args.out_dir / "neo4j-browser.png"),
                    guide_picture(browser, args.out_dir / "neo4j-guide.png"),
                ):
                    print(f"wrote {picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
