"""The saved Cypher questions in Neo4j Browser: as favourites, and as a guide.

Browser imports favourites from ``.cypher`` files or a ``.zip`` of them (Favorites →
Import) and names each after its first comment line. A favourite is one statement, the
question with its parameters written in as their defaults, so that a click shows rows
(Browser shows a run of ``:params`` and a query as two summaries, without the rows); a
comment line under the title says which values to change.

The guide is one HTML page, a slide per question whose blocks a click puts into the
editor: the same ``:params``, then the query. Browser fetches a guide (``:guide URL`` or
``:play URL``) from its own page, so from hosts its server allows
(``browser.remote_content_hostname_whitelist``, ``localhost`` by default) that allow it
to (CORS): :func:`serve_guide` serves it so on ``localhost``.

>>> from queries.library import get
>>> text = favourite(get("union_hierarchy"))
>>> print(text.splitlines()[0])
// 某总工会之下的各级工会 | Unions under a federation, at any depth
>>> print(text.splitlines()[1])
// parameters, written in below (change them there): federation = "北京市总工会"
>>> "$federation" in text, text.splitlines()[-1]  # the first page, as `unionkg query run` shows
(False, 'SKIP 0 LIMIT 50')
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from queries.library import Page, SavedQuery, questions

FOLDER = "unionkg"  # the favourites folder Browser shows


GUIDE_PATH = "/unionkg.html"


def _literal(value: str | int) -> str:
    # JSON's string escapes are valid in Cypher
    return json.dumps(value, ensure_ascii=False)


def params_command(question: SavedQuery) -> str | None:
    """``:params {…};`` setting the question's parameters to their defaults, if it has any."""
    if not question.parameters:
        return None
    values = ", ".join(f"{p.name}: {_literal(p.default)}" for p in question.parameters)
    return f":params {{{values}}};"


def favourite(question: SavedQuery) -> str:
    """The Browser favourite of ``question``: its title, a line naming the parameters,
    then the Cypher file with each ``$parameter`` replaced by the default's literal."""
    first_page = Page().cypher(question.cypher)
    if not question.parameters:
        return first_page
    defaults = {p.name: _literal(p.default) for p in question.parameters}
    title, _, rest = first_page.partition("\n")
    named = ", ".join(f"{name} = {value}" for name, value in defaults.items())
    written_in = re.sub(r"\$(\w+)\b", lambda m: defaults.get(m.group(1), m.group(0)), rest)
    return f"{title}\n// parameters, written in below (change them there): {named}\n{written_in}"


def write_favourites(path: Path | str) -> Path:
    """A zip of every question's favourite, ``unionkg/NAME.cypher``, for Browser's import."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, question in questions().items():
            archive.writestr(f"{FOLDER}/{name}.cypher", favourite(question))
    tmp.replace(path)
    return path


def guide_query(question: SavedQuery) -> str:
    """The first page of the question's Cypher without its header comments (its slide
    says what they say)."""
    lines = Page().cypher(question.cypher).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("// example:")) + 1
    return "\n".join(lines[first:]).strip()


def guide_html() -> str:
    """The Browser guide of the saved questions: a slide of contents, then one per
    question with two blocks, ``:params`` and the query. Two runs, not one: Browser
    shows a run of several statements as a list of summaries, without the rows."""
    e = html.escape
    saved = questions()
    contents = "".join(f"<li>{e(q.title_zh)} <small>{e(q.title_en)}</small></li>" for q in saved.values())
    slides = [
        f"""<slide class="row-fluid"><div class="col-sm-12">
<h3>北京工会知识图谱 · 研究问题</h3>
<p class="lead">The Beijing trade-union graph: {len(saved)} saved questions, one per slide.</p>
<p>On each slide, click a grey block to put it into the editor, then run it (Ctrl+Enter):
first <code>:params</code>, which sets the question's parameters (change a value to ask
about another union, district or person), then the query. The same questions answer in
the shell: <code>unionkg query run NAME --param k=v</code>.</p>
<ol>{contents}</ol>
</div></slide>"""
    ]
    for name, q in saved.items():
        steps = ""
        if params := params_command(q):
            described = "".join(f"<li><code>{e(p.name)}</code>: {e(p.doc)}</li>" for p in q.parameters)
            steps = (
                f"<p>1. Set the parameters</p><ul>{described}</ul>\n"
                f'<pre class="code runnable">{e(params.removesuffix(";"))}</pre>\n<p>2. Ask</p>\n'
            )
        slides.append(f"""<slide class="row-fluid"><div class="col-sm-12">
<h3>{e(q.title_zh)}</h3>
<p class="lead">{e(q.title_en)}</p>
<p>{e(q.answers)}</p>
{steps}<pre class="code runnable" data-question="{e(name)}">{e(guide_query(q))}</pre>
<p>Columns: {e(", ".join(q.columns))}. In the shell: <code>unionkg query run {e(name)}</code></p>
</div></slide>""")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        "<title>unionkg 研究问题 | saved questions</title></head>\n"
        '<body><article class="guide"><carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel></article></body></html>\n"
    )


class _GuideHandler(BaseHTTPRequestHandler):
    """Serves the guide at :data:`GUIDE_PATH` to Browser's page on another origin: its
    request carries ``pragma`` and ``cache-control`` headers, so it asks first (OPTIONS)."""

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._allow_any_origin()
        self.send_header("Access-Control-Allow-Methods", "GET")
        self.send_header(
            "Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers", "")
        )
        self.end_headers()

    def do_GET(self) -> None:
        if self.path.split("#")[0] != GUIDE_PATH:
            self.send_error(404, f"the guide is at {GUIDE_PATH}")
            return
        body = guide_html().encode()
        self.send_response(200)
        self._allow_any_origin()
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _allow_any_origin(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")

    def log_message(self, format: str, *args) -> None:  # no line per request on stderr
        pass


def serve_guide(port: int = 8001) -> ThreadingHTTPServer:
    """An HTTP server of the guide on 127.0.0.1:``port`` (0: any free port), not yet
    serving: call its ``serve_forever()``; the guide's URL is :func:`guide_url`."""
    return ThreadingHTTPServer(("127.0.0.1", port), _GuideHandler)


def guide_url(server: ThreadingHTTPServer) -> str:
    """The guide's URL as Browser needs it: host ``localhost``, which Browser allows by default."""
    return f"http://localhost:{server.server_address[1]}{GUIDE_PATH}"
