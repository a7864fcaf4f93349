"""The saved research questions, and the runner that answers them from either store.

Each question is two files of one name in this folder: ``NAME.cypher`` for Neo4j and
``NAME.rq`` (SPARQL) for the embedded RDF store of a build. Both start with the same
header, ``//`` or ``#`` comments::

    // 中文标题 | English title
    // answers: what the question answers (more lines may follow, indented)
    // param NAME (KIND) = DEFAULT: what it is
    // columns: first, second, ...
    // example: unionkg query run NAME --param NAME=VALUE

(the header ends with the example). A parameter's KIND says how it is bound: ``name``
is the name or an alias of an entity (bound as a ``@zh`` literal in SPARQL, a string in
Cypher), ``text`` a plain string, ``int`` a whole number. Values are always bound as
query parameters, never written into the query text, so a value cannot change what a
query does. SPARQL substitutions need the bound variable in the ``SELECT`` clause: the
runner drops these echoes of the input, and fills the columns a row leaves unbound
with ``None``.

A listing over a hub can read only its page's rows on the embedded store, where the build
numbered or ranked them (the listings of ``listings.nq``: ``ukg:mentionPlace``,
``ukg:timelinePlace``, ``ukg:unionPlace``, ``ukg:factPlace``; ``ukg:activityRank``): its
SPARQL takes the first places in order with ``LIMIT 50  # window``, a limit the runner
sets to the page's end, and its total comes from ``NAME.total.rq``, which counts them
(``SELECT ... (… AS ?total)``).

>>> question = get("union_hierarchy")
>>> question.title_en
'Unions under a federation, at any depth'
>>> [(p.name, p.kind, p.default) for p in question.parameters]
[('federation', 'name', '北京市总工会')]
>>> question.bind({"federation": "大兴区总工会"})
{'federation': '大兴区总工会'}
>>> get("co_participation").bind({"min_shared": "2"})
{'organisation': '北京市总工会', 'min_shared': 2}
>>> get("co_participation").bind({"min_shared": "two"})
Traceback (most recent call last):
...
queries.library.ParameterError: co_participation: parameter min_shared must be a whole number, not 'two'
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from rdflib import Literal

LIBRARY_DIR = Path(__file__).resolve().parent
KINDS = ("name", "text", "int")
BACKENDS = ("embedded", "neo4j")

_PARAM_LINE = re.compile(r"(?P<name>[a-z_][a-z0-9_]*) \((?P<kind>\w+)\) = (?P<default>.*?): (?P<doc>.+)")


class LibraryError(ValueError):
    """A saved question's files are missing or their headers are malformed."""


class OutdatedStore(RuntimeError):
    """The store was built before something a question reads (the build's listings)."""


class UnknownQuestion(LookupError):
    def __str__(self) -> str:
        return f"no saved question {self.args[0]!r} (see `unionkg query list`)"


class ParameterError(ValueError):
    """A parameter that the question does not declare, or a value of the wrong kind."""


DEFAULT_LIMIT = 50  # rows a person reads; a script that wants them all asks for Page.all()


@dataclass(frozen=True)
class Page:
    """Which rows of an answer: ``limit`` rows after the first ``offset``, in the
    question's order (every question orders its rows by all their columns, so a page
    holds the same rows on both backends and pages neither lose nor repeat a row).

    >>> Page(limit=2, offset=4).next_offset(total=7), Page(limit=2, offset=6).next_offset(total=7)
    (6, None)
    >>> Page.all().limit is None
    True
    """

    limit: int | None = DEFAULT_LIMIT  # None: every row
    offset: int = 0

    def __post_init__(self) -> None:
        if self.limit is not None and (not isinstance(self.limit, int) or self.limit < 1):
            raise ParameterError(f"a page's limit must be a whole number of at least 1, not {self.limit!r}")
        if not isinstance(self.offset, int) or self.offset < 0:
            raise ParameterError(f"a page's offset must be a whole number of at least 0, not {self.offset!r}")

    @classmethod
    def all(cls) -> Page:
        return cls(limit=None)

    def next_offset(self, total: int) -> int | None:
        """Where the next page starts, or None after the last one."""
        if self.limit is None or self.offset + self.limit >= total:
            return None
        return self.offset + self.limit

    def cypher(self, query: str) -> str:
        """``query`` (which ends with its ORDER BY) cut to this page: the numbers are
        whole numbers checked above, so writing them into the text is safe. (The embedded
        store pages in Python: see :meth:`graph.rdf.store.EmbeddedStore.query_page`.)"""
        limit = "" if self.limit is None else f" LIMIT {self.limit}"
        return f"{query.rstrip()}\nSKIP {self.offset}{limit}\n"


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # one of KINDS
    default: str | int
    doc: str

    def convert(self, value: object, question: str) -> str | int:
        if self.kind != "int":
            return str(value)
        try:
            return int(str(value).strip())
        except ValueError:
            raise ParameterError(
                f"{question}: parameter {self.name} must be a whole number, not {value!r}"
            ) from None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title_zh: str
    title_en: str
    answers: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    example: dict[str, str]  # the parameters of the header's example command
    cypher: str
    sparql: str
    sparql_total: str | None = None  # NAME.total.rq: the total, for a question whose SPARQL has a window

    def bind(self, values: Mapping[str, object] | None = None) -> dict[str, str | int]:
        """Every declared parameter with its value: given in ``values`` or the default."""
        values = dict(values or {})
        declared = {p.name: p for p in self.parameters}
        if unknown := sorted(set(values) - set(declared)):
            known = ", ".join(declared) or "none"
            raise ParameterError(f"{self.name}: unknown parameter {', '.join(unknown)} (it takes: {known})")
        return {name: p.convert(values.get(name, p.default), self.name) for name, p in declared.items()}

    def cypher_page(self, page: Page) -> str:
        """The Cypher that answers ``page`` and counts the whole answer in one evaluation,
        as the embedded store does: every row is computed and sorted once, and only the
        page's rows are sent. (Counting in a second statement computed the answer twice: at
        100k articles 40 ms instead of 110 for co_participation, 55 instead of 119 for
        union_hierarchy.) A page's numbers are whole numbers (see :class:`Page`), so
        writing them into the text is safe.

        >>> print(get("honours").cypher_page(Page(limit=10, offset=20)).split("\\n}\\n")[-1])
        WITH * ORDER BY holders DESC, honour
        WITH collect({`honour`: `honour`, `holders`: `holders`, `people`: `people`}) AS rows
        RETURN size(rows) AS total, rows[20..30] AS rows
        """
        body, _, last = self.cypher.rstrip().rpartition("\n")
        body, order = (body, f"WITH * {last}\n") if last.startswith("ORDER BY") else (self.cypher, "")
        row = ", ".join(f"`{c}`: `{c}`" for c in self.columns)
        end = "" if page.limit is None else page.offset + page.limit
        return (
            f"CALL () {{\n{body}\n}}\n{order}WITH collect({{{row}}}) AS rows\n"
            f"RETURN size(rows) AS total, rows[{page.offset}..{end}] AS rows"
        )

    def sparql_page(self, page: Page) -> str:
        """The SPARQL that answers ``page``: with its window (``LIMIT n  # window``) set to
        the page's end, or taken out for every row.

        >>> print(get("entity_mentions").sparql_page(Page(limit=10, offset=20)).split("LIMIT")[1][:4])
         30
        """
        end = "" if page.limit is None else f"LIMIT {page.offset + page.limit}"
        return _WINDOW.sub(end, self.sparql)

    @property
    def header(self) -> str:
        """The header as text, for ``unionkg query show``."""
        lines = [f"{self.name}: {self.title_zh} | {self.title_en}", f"answers: {self.answers}"]
        lines += [f"param {p.name} ({p.kind}) = {p.default}: {p.doc}" for p in self.parameters]
        lines += [f"columns: {', '.join(self.columns)}", f"example: {example_command(self)}"]
        return "\n".join(lines)


_WINDOW = re.compile(r"LIMIT \d+(?=[ \t]*# window\b)")


def example_command(question: SavedQuery) -> str:
    params = "".join(f" --param {_shell_word(f'{k}={v}')}" for k, v in question.example.items())
    return f"unionkg query run {question.name}{params}"


def _shell_word(word: str) -> str:
    # letters of any script are safe in a shell word; quote only what the shell would read
    return word if re.fullmatch(r"[\w=.,:/@%+-]+", word) else shlex.quote(word)


# ---------------------------------------------------------------- reading the library


def parse_header(text: str, comment: str, path: Path) -> dict:
    """The header fields of a query file whose comment lines start with ``comment``."""
    lines = []
    for line in text.splitlines():  # the leading comments, up to the example
        if not line.startswith(comment):
            break
        lines.append(line[len(comment) :].removeprefix(" "))
        if lines[-1].startswith("example:"):
            break
    if not lines or " | " not in lines[0]:
        raise LibraryError(f"{path}: the first line must be '{comment} 中文标题 | English title'")
    title_zh, title_en = (part.strip() for part in lines[0].split(" | ", 1))
    fields: dict[str, list[str]] = {"answers": [], "param": [], "columns": [], "example": []}
    current = None
    for line in lines[1:]:
        if line.startswith("  ") and current is not None:  # a continuation line
            fields[current][-1] += " " + line.strip()
            continue
        key, sep, value = line.partition(":") if not line.startswith("param ") else ("param", ":", line[6:])
        if not sep or key not in fields:
            raise LibraryError(f"{path}: header line {line!r} is not one of {', '.join(fields)}")
        fields[key].append(value.strip())
        current = key
    for key in ("answers", "columns", "example"):
        if len(fields[key]) != 1:
            raise LibraryError(f"{path}: the header needs exactly one '{key}:' line")
    parameters = []
    for line in fields["param"]:
        m = _PARAM_LINE.fullmatch(line)
        if not m or m["kind"] not in KINDS:
            raise LibraryError(
                f"{path}: parameter line {line!r} is not 'NAME (name|text|int) = DEFAULT: what'"
            )
        default = int(m["default"]) if m["kind"] == "int" else m["default"]
        parameters.append(Parameter(m["name"], m["kind"], default, m["doc"].strip()))
    return {
        "title_zh": title_zh,
        "title_en": title_en,
        "answers": fields["answers"][0],
        "parameters": tuple(parameters),
        "columns": tuple(c.strip() for c in fields["columns"][0].split(",")),
        "example": _example_parameters(fields["example"][0], path),
    }


def _example_parameters(command: str, path: Path) -> dict[str, str]:
    words = shlex.split(command)
    if words[:3] != ["unionkg", "query", "run"] or len(words) < 4 or words[3] != path.stem:
        raise LibraryError(
            f"{path}: the example must be 'unionkg query run {path.stem} [--param NAME=VALUE ...]'"
        )
    params = {}
    for flag, assignment in zip(words[4::2], words[5::2]):
        key, sep, value = assignment.partition("=")
        if flag != "--param" or not sep:
            raise LibraryError(f"{path}: the example's {flag} {assignment} is not --param NAME=VALUE")
        params[key] = value
    return params


def load(name: str, directory: Path = LIBRARY_DIR) -> SavedQuery:
    """The question ``name``, read from its two files; their headers must agree."""
    cypher_path, sparql_path = directory / f"{name}.cypher", directory / f"{name}.rq"
    if not cypher_path.is_file() or not sparql_path.is_file():
        raise UnknownQuestion(name)
    cypher, sparql = cypher_path.read_text(encoding="utf-8"), sparql_path.read_text(encoding="utf-8")
    header = parse_header(cypher, "//", cypher_path)
    if parse_header(sparql, "#", sparql_path) != header:
        raise LibraryError(f"{sparql_path}: its header differs from the one of {cypher_path.name}")
    total_path = directory / f"{name}.total.rq"
    total = total_path.read_text(encoding="utf-8") if total_path.is_file() else None
    if (total is None) != (_WINDOW.search(sparql) is None):
        raise LibraryError(
            f"{sparql_path}: a question whose SPARQL has a window (LIMIT n  # window) counts its rows "
            f"in {total_path.name}, and only such a question has one"
        )
    question = SavedQuery(name=name, cypher=cypher, sparql=sparql, sparql_total=total, **header)
    question.bind(question.example)  # the example must name declared parameters of the right kind
    return question


@lru_cache(maxsize=1)
def questions() -> dict[str, SavedQuery]:
    """Every saved question of the package, by name."""
    return {path.stem: load(path.stem) for path in sorted(LIBRARY_DIR.glob("*.cypher"))}


def get(name: str) -> SavedQuery:
    try:
        return questions()[name]
    except KeyError:
        raise UnknownQuestion(name) from None


# ---------------------------------------------------------------- answering


@dataclass
class Answer:
    question: str
    backend: str
    parameters: dict[str, str | int]
    columns: tuple[str, ...]
    rows: list[dict[str, object]] = field(default_factory=list)
    total: int = 0  # the rows of the whole answer, of which ``rows`` is one page
    page: Page = field(default_factory=Page)

    @classmethod
    def whole(cls, question: str, backend: str, columns: tuple[str, ...], rows: list[dict]) -> Answer:
        """Rows that are the whole answer (a table ``unionkg analyse`` computed)."""
        return cls(question, backend, {}, columns, rows, len(rows), Page.all())

    @property
    def next_offset(self) -> int | None:
        return self.page.next_offset(self.total)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "backend": self.backend,
            "parameters": self.parameters,
            "columns": list(self.columns),
            "total": self.total,
            "offset": self.page.offset,
            "limit": self.page.limit,
            "next_offset": self.next_offset,
            "rows": self.rows,
        }

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: "" if row[c] is None else row[c] for c in self.columns} for row in self.rows)
        return out.getvalue()

    def to_table(self) -> str:
        """Columns aligned in a terminal (a Chinese character is two cells wide)."""
        cells = [list(self.columns)] + [
            ["" if r[c] is None else str(r[c]) for c in self.columns] for r in self.rows
        ]
        widths = [max(_display_width(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = ["  ".join(_pad(text, width) for text, width in zip(row, widths)).rstrip() for row in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines.append(f"({self.extent})")
        return "\n".join(lines)

    @property
    def extent(self) -> str:
        """Which rows these are: "rows 51–100 of 312; next: --offset 100"."""
        if len(self.rows) == self.total:
            return f"{self.total} row{'' if self.total == 1 else 's'}"
        first = self.page.offset + 1
        shown = f"rows {first}–{first + len(self.rows) - 1}" if self.rows else "no rows"
        more = f"; next: --offset {self.next_offset}" if self.next_offset is not None else ""
        return f"{shown} of {self.total}{more}"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _display_width(text))


def answer_embedded(
    question: SavedQuery, values: Mapping[str, object] | None, store, page: Page = Page()
) -> Answer:
    """One page of the answer to ``question``, with the total, from its SPARQL on a
    :class:`graph.rdf.store.EmbeddedStore`."""
    params = question.bind(values)
    bindings = {p.name: _sparql_value(p, params[p.name]) for p in question.parameters}
    if question.sparql_total is None:
        rows, total = store.query_page(question.sparql, bindings, page.offset, page.limit)
    else:  # the window holds the page's rows only: they are cut from it, the total counted apart
        if not store.query(_HAS_LISTINGS):  # else every page would be empty, and its total 0
            raise OutdatedStore(
                f"{store.directory}: built before the listings that {question.name} pages through "
                "(the graph …/graph/listings): build it again with `unionkg build`"
            )
        rows, _ = store.query_page(question.sparql_page(page), bindings, page.offset, page.limit)
        counted = store.query(question.sparql_total, bindings)
        total = counted[0]["total"] if counted else 0
    # SPARQL leaves an unbound column out of its row; Cypher returns every column
    shaped = _shape(question, rows, "SPARQL", False)
    return Answer(question.name, "embedded", params, question.columns, shaped, total, page)


# the build's listings graph is described in the default graph, even when it lists nothing
_HAS_LISTINGS = """SELECT ?listings WHERE {
  ?listings rdfs:comment ?note FILTER(STRENDS(STR(?listings), "/graph/listings"))
} LIMIT 1"""


def answer_neo4j(
    question: SavedQuery,
    values: Mapping[str, object] | None,
    driver,
    database: str = "neo4j",
    page: Page = Page(),
) -> Answer:
    """One page of the answer to ``question``, with the total, from its Cypher through a
    Neo4j driver, in a read transaction (the server refuses any write in it)."""
    params = question.bind(values)

    def read(tx):
        if page.limit is None:  # streamed, not collected: the rows tell the total unless past the end
            rows = [record.data() for record in tx.run(page.cypher(question.cypher), params)]
            if rows or not page.offset:
                return rows, page.offset + len(rows)
        answer = tx.run(question.cypher_page(page), params).single()
        return answer["rows"], answer["total"]

    with driver.session(database=database) as session:
        rows, total = session.execute_read(read)
    shaped = _shape(question, rows, "Cypher", True)
    return Answer(question.name, "neo4j", params, question.columns, shaped, total, page)


def _sparql_value(parameter: Parameter, value: str | int) -> object:
    # entity names are Chinese labels: an "…"@zh literal matches skos:prefLabel directly
    return Literal(value, lang="zh") if parameter.kind == "name" else value


def _shape(question: SavedQuery, rows: list[dict], language: str, complete: bool) -> list[dict[str, object]]:
    """Rows with exactly the declared columns, in order, values as plain Python values."""
    echoes = {p.name for p in question.parameters} - set(question.columns)
    shaped = []
    for row in rows:
        unexpected = set(row) - set(question.columns) - echoes
        missing = set(question.columns) - set(row) if complete else set()
        if unexpected or missing:
            raise LibraryError(
                f"{question.name}: its {language} returns columns {sorted(set(row) - echoes)}, "
                f"not the ones the header declares ({', '.join(question.columns)})"
            )
        shaped.append({c: _plain(row.get(c)) for c in question.columns})
    return shaped


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j.time values
        return value.iso_format()
    return value


# ---------------------------------------------------------------- running by name


def run(
    name: str,
    values: Mapping[str, object] | None = None,
    *,
    backend: str = "embedded",
    graph: Path | str = "build",
    page: Page = Page(),
) -> Answer:
    """One page (the first 50 rows unless ``page`` says otherwise; ``Page.all()``: every
    row) of the answer to the saved question ``name``, with the total number of rows:
    from the embedded store of the build in ``graph``, or from the Neo4j server
    (``backend="neo4j"``) that the ``NEO4J_*`` variables name
    (:class:`graph.neo4j.loader.Neo4jSettings`).

    >>> import pathlib, tempfile
    >>> from graph.rdf.store import EmbeddedStore
    >>> build = pathlib.Path(tempfile.mkdtemp())
    >>> ids, ukg = "https://w3id.org/unionkg/id/", "https://w3id.org/unionkg/ontology#"
    >>> label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    >>> _ = (build / "graph.nq").write_text(
    ...     f'<{ids}person/张三> <{ukg}hasHonour> <{ids}honour/示例奖章> <https://w3id.org/unionkg/graph/a1> .\\n'
    ...     f'<{ids}honour/示例奖章> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ukg}Honour> .\\n'
    ...     f'<{ids}honour/示例奖章> {label} "示例奖章"@zh .\\n<{ids}person/张三> {label} "张三"@zh .\\n')
    >>> EmbeddedStore.create(build / "store", build / "graph.nq").close()
    >>> run("honours", {"min_holders": "1"}, graph=build).rows
    [{'honour': '示例奖章', 'holders': 1, 'people': '张三'}]
    """
    question = get(name)
    values = question.bind(values)  # a wrong parameter is reported before any store is opened
    if backend == "embedded":
        from graph.rdf.store import EmbeddedStore

        with EmbeddedStore.open(Path(graph) / "store") as store:
            return answer_embedded(question, values, store, page)
    if backend == "neo4j":
        from graph.neo4j.loader import Neo4jSettings, connect

        settings = Neo4jSettings.from_env()
        with connect(settings) as driver:
            return answer_neo4j(question, values, driver, settings.database, page)
    raise ParameterError(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
