"""The property graph as CSV files for ``neo4j-admin database import full``: the path
for graphs too big for transactions (the import writes the store files directly, into
a database that must not exist yet or is overwritten).

The files hold the rows of :mod:`graph.neo4j.rows`, one file per kind of row,
each with its header line; :func:`import_arguments` are the ``neo4j-admin`` arguments
that read them. Lists are joined with the unit separator (U+001F), which no text
contains; every value is quoted and an unknown one left empty, so that the import
stores no property for it and an empty list for ``""``. Constraints and indexes are not part of an import:
``unionkg load neo4j`` on the imported database creates them (and changes no data).

>>> from graph.model import KnowledgeGraph, Node
>>> from ontology.schema import EntityType
>>> import tempfile
>>> kg = KnowledgeGraph(nodes={"union/甲": Node("union/甲", EntityType.Union, "甲")})
>>> export = write_csv(kg, Path(tempfile.mkdtemp()))
>>> print(",".join(export.files["entities"].read_text().splitlines()[0].split(",")[:12]))
"iri:ID",":LABEL","id","name","aliases:string[]","type","gb2260","wikidata","date:date","date_precision","end_date:date","article_count:long"
>>> import_arguments(export.directory)[:3]
['database', 'import', 'full']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.iris import DEFAULT_BASE
from graph.model import KnowledgeGraph
from graph.neo4j.rows import REDIRECT, REFERENCE_FACTS, NodeRow, to_property_graph

ARRAY_DELIMITER = "\x1f"

# file → the columns after the id (nodes) or the ends and type (relationships), with
# their neo4j-admin types
NODE_COLUMNS = {
    "entities": [
        "id",
        "name",
        "aliases:string[]",
        "type",
        *REFERENCE_FACTS,
        "date:date",
        "date_precision",
        "end_date:date",
        # statistics (graph/statistics.py)
        "article_count:long",
        "mention_count:long",
        "first_mentioned",
        "last_mentioned",
        "organised_count:long",
        "attended_count:long",
        "activity_count:long",
        "body_count:long",
        "activity_kinds:string[]",
        "organiser_names",
        "honour_names",
        "post_names",
        "employer_names",
        "district_count:long",
        "district_names",
        "reach_years:string[]",
        "reach_district_counts:long[]",
        "reach_district_names:string[]",
    ],
    "articles": [
        "id",
        "title",
        "kind",
        "date",
        "date_precision",
        "date_origin",
        "source",
        "url",
        "outlet",
        "reporters:string[]",
        "checksum",
    ],
    "redirects": [],  # IRIs published earlier: (:Redirect {iri})-[:SAME_AS]->(:Entity)
}
RELATIONSHIP_COLUMNS = {
    "mentions": ["start:int", "end:int", "text"],
    "facts": [
        "key",
        "title",
        "inferred:boolean",
        "confidence:double",
        "articles:string[]",
        "snippets:string[]",
        "rules:string[]",
        "evidence:string[]",
        "evidence_titles:string[]",
        "since:date",
        "since_precision",
        "first_seen",
        "last_seen",
    ],
    "same_as": [],
}


@dataclass
class CsvExport:
    directory: Path
    files: dict[str, Path]  # "entities", "articles", "redirects", "mentions", "facts", "same_as" → file
    rows: dict[str, int]


def write_csv(kg: KnowledgeGraph, directory: Path, base: str = DEFAULT_BASE) -> CsvExport:
    """Write ``entities.csv``, ``articles.csv``, ``redirects.csv``, ``mentions.csv``,
    ``facts.csv`` and ``same_as.csv``."""
    directory.mkdir(parents=True, exist_ok=True)
    pg = to_property_graph(kg, base)
    redirects = [NodeRow((REDIRECT,), {"iri": r.source}) for r in pg.redirects]
    nodes = {"entities": pg.entities, "articles": pg.articles, "redirects": redirects}
    rels = {"mentions": pg.mentions, "facts": pg.facts, "same_as": pg.redirects}
    export = CsvExport(directory, {}, {})
    for name, rows in nodes.items():
        header = ["iri:ID", ":LABEL", *NODE_COLUMNS[name]]
        lines = ([n.props["iri"], _cell(list(n.labels)), *_cells(n.props, NODE_COLUMNS[name])] for n in rows)
        export.files[name], export.rows[name] = _write(directory / f"{name}.csv", header, lines), len(rows)
    for name, rows in rels.items():
        header = [":START_ID", ":END_ID", ":TYPE", *RELATIONSHIP_COLUMNS[name]]
        lines = ([r.source, r.target, r.type, *_cells(r.props, RELATIONSHIP_COLUMNS[name])] for r in rows)
        export.files[name], export.rows[name] = _write(directory / f"{name}.csv", header, lines), len(rows)
    return export


def import_arguments(directory: Path, database: str = "neo4j") -> list[str]:
    """``neo4j-admin`` arguments that import the files of ``directory`` into ``database``
    (replacing it)."""
    nodes = [f"--nodes={directory / f'{name}.csv'}" for name in NODE_COLUMNS]
    rels = [f"--relationships={directory / f'{name}.csv'}" for name in RELATIONSHIP_COLUMNS]
    return [
        "database",
        "import",
        "full",
        database,
        *nodes,
        *rels,
        "--array-delimiter=U+001F",
        "--multiline-fields=true",
        "--overwrite-destination=true",
    ]


def import_csv(directory: Path, home: Path, database: str = "neo4j") -> str:
    """Import the files of ``directory`` into ``database`` of the stopped local server
    whose home is ``home``; neo4j-admin's report. Raises ServerError if it fails."""
    from graph.neo4j.server import ServerError, admin

    done = admin(*import_arguments(directory, database), home=home)
    if done.returncode != 0:
        raise ServerError(
            f"neo4j-admin import of {directory} failed: {(done.stderr or done.stdout).strip()[-800:]}"
        )
    return done.stdout


def _cells(props: dict, columns: list[str]) -> list:
    return [_cell(props.get(column.split(":")[0])) for column in columns]


def _cell(value) -> str | None:
    """None → None (no property); a list → its items joined (an empty list → "")."""
    if isinstance(value, list):
        items = [str(item) for item in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise ValueError(f"a list item contains the array delimiter U+001F: {value!r}")
        return ARRAY_DELIMITER.join(items)
    if isinstance(value, bool):
        return str(value).lower()
    return None if value is None else str(value)


def _write(path: Path, header: list[str], rows) -> Path:
    """Every value quoted, None left as an empty cell: the import stores no property for
    an empty cell and an empty list for a quoted empty one."""

    def line(cells) -> str:
        return ",".join("" if c is None else '"' + c.replace('"', '""') + '"' for c in cells) + "\n"

    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(line(header))
        for row in rows:
            f.write(line(row))
    return path
