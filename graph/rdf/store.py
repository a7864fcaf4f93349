"""The on-disk RDF store that ``unionkg query`` reads, with no server: pyoxigraph.

Chosen over rdflib's in-memory Dataset by ``benchmarks/rdf_store.py``: it bulk-loads
the N-Quads of a release an order of magnitude faster, answers SPARQL one to two orders
of magnitude faster, and opens an existing store without re-parsing anything.

The default graph of the store is the merge of all graphs of the release (each
triple once), so a question about facts need not know which article's named graph
states them; ``GRAPH ?g { … }`` still finds the articles. Parameters are bound values (SEP-0007 substitutions),
never pasted into the query text; the ``ukg:``, ``schema:``, ``skos:``, … prefixes of
:data:`ontology.vocab.PREFIXES` are predeclared.

>>> import tempfile, pathlib
>>> from rdflib import Literal
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "g.nq").write_text('<https://w3id.org/unionkg/id/person/张三> '
...     '<http://www.w3.org/2000/01/rdf-schema#label> "张三"@zh <https://w3id.org/unionkg/graph/a1> .\\n')
>>> with EmbeddedStore.create(tmp / "store", tmp / "g.nq") as store:
...     store.query("SELECT ?who ?name WHERE { ?who rdfs:label ?name }", {"name": Literal("张三", lang="zh")})
[{'who': 'https://w3id.org/unionkg/id/person/张三', 'name': '张三'}]
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from datetime import date
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
import rdflib

from ontology.vocab import PREFIXES

_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
# N-Quads lines (one statement each) per bulk load: creating the store of 10k articles
# peaked 135 MB above its start with 50k, 443 MB with 250k (and took 45 s, not 37 s)
BULK_LOAD_LINES = 50_000


class EmbeddedStore:
    """A read-only pyoxigraph store in a directory, built from an N-Quads dump."""

    def __init__(self, store: ox.Store, directory: Path):
        self._store: ox.Store | None = store
        self.directory = directory

    @classmethod
    def create(
        cls, directory: Path | str, nquads_path: Path | str, *index_paths: Path | str
    ) -> EmbeddedStore:
        """Build a store of ``nquads_path`` (a release's ``graph.nq``) in ``directory``,
        replacing any store there; with ``index_paths`` (its ``listings.nq``), N-Quads of an
        index the questions read, put in the default graph only (no question asks for them
        by graph: at 100k articles their named graph would be 15 M more quads).

        The store is built in a temporary directory beside the target and renamed into
        place, so a reader never opens a half-loaded store.
        """
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        building = Path(
            tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}.", suffix=".building")
        )
        try:
            store = ox.Store(str(building))
            with open(nquads_path, "rb") as nquads:
                # in slices: what one bulk load holds in memory grows with its input
                # (1.7 GB for the 2.5 M quads of 10k articles, 0.4 GB in slices)
                while lines := list(islice(nquads, BULK_LOAD_LINES)):
                    store.bulk_load(b"".join(lines), format=ox.RdfFormat.N_QUADS)
            # Make the default graph the merge of all graphs. (Oxigraph's union-default-graph
            # mode would yield a triple once per graph that holds it: joins multiply and
            # counts lie when two articles state the same fact.) Copied in slices too:
            # one SPARQL INSERT holds them all in memory (1 GB at 100k articles).
            copies = (
                ox.Quad(q.subject, q.predicate, q.object)
                for graph in store.named_graphs()
                for q in store.quads_for_pattern(None, None, None, graph)
            )
            indexes = (
                ox.Quad(q.subject, q.predicate, q.object)
                for path in index_paths
                for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
            )
            for default_graph in (copies, indexes):
                while quads := list(islice(default_graph, BULK_LOAD_LINES)):
                    store.bulk_extend(quads)
            # compacts what the slices left: at 100k articles 3.4 → 2.1 GB and questions
            # about twice as fast, for a tenth more loading time
            store.flush()
            store.optimize()
            del store  # closes the database before its directory moves
            _replace_directory(building, directory)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        return cls.open(directory)

    @classmethod
    def open(cls, directory: Path | str) -> EmbeddedStore:
        directory = Path(directory)
        if not directory.is_dir():
            raise FileNotFoundError(f"no store at {directory}: build one with EmbeddedStore.create")
        return cls(ox.Store.read_only(str(directory)), directory)

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise ValueError(f"the store at {self.directory} is closed")
        return self._store

    def query(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict[str, object]]:
        """Run a SPARQL query; each binding ``name → value`` fixes the variable ``?name``.

        Values are Python values (``str`` → xsd:string, ``int``, ``float``, ``bool``,
        ``date``…) or rdflib / pyoxigraph terms: bind ``rdflib.Literal("…", lang="zh")``
        to match a Chinese label, ``rdflib.URIRef(…)`` for a resource. A bound variable
        must appear in the ``SELECT`` clause (or use ``SELECT *``): oxigraph substitutes
        projected variables only.

        Returns one dict per solution, variable → Python value (IRIs as ``str``, unbound
        variables left out); ``ASK`` gives ``[{}]`` when true and ``[]`` when false;
        ``CONSTRUCT``/``DESCRIBE`` give ``{"subject", "predicate", "object"}`` dicts.
        """
        result = self._run(sparql, bindings)
        if isinstance(result, ox.QueryBoolean):
            return [{}] if bool(result) else []
        if isinstance(result, ox.QueryTriples):
            return [
                {
                    "subject": _to_python(t.subject),
                    "predicate": _to_python(t.predicate),
                    "object": _to_python(t.object),
                }
                for t in result
            ]
        names = [v.value for v in result.variables]
        return [
            {name: _to_python(term) for name in names if (term := solution[name]) is not None}
            for solution in result
        ]

    def query_page(
        self,
        sparql: str,
        bindings: dict[str, object] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[dict[str, object]], int]:
        """The solutions ``offset`` to ``offset + limit`` of a ``SELECT``, as :meth:`query`
        gives them, and the number of all its solutions, from one evaluation: oxigraph
        computes every solution of an ordered query anyway, and skipping the conversion of
        the others is cheaper than counting them in a second query."""
        result = self._run(sparql, bindings)
        names = [v.value for v in result.variables]
        end = None if limit is None else offset + limit
        rows, total = [], 0
        for total, solution in enumerate(result, start=1):
            if total > offset and (end is None or total <= end):
                rows.append(
                    {name: _to_python(term) for name in names if (term := solution[name]) is not None}
                )
        return rows, total

    def _run(self, sparql: str, bindings: dict[str, object] | None):
        substitutions = {ox.Variable(name): _to_term(value) for name, value in (bindings or {}).items()}
        try:
            return self.store.query(sparql, prefixes=_PREFIXES, substitutions=substitutions)
        except RuntimeError as e:
            if "projection" in str(e):
                raise ValueError(f"{e}: a bound variable must be in the SELECT clause") from e
            raise

    def count_triples(self) -> int:
        """Distinct triples over all graphs (a triple stated by two articles counts once)."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return rows[0]["n"]

    def close(self) -> None:
        self._store = None  # pyoxigraph closes the database when the last reference goes

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _replace_directory(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``. A directory cannot be renamed over a non-empty one, so
    the old store steps aside first; readers that have it open keep their files."""
    if not target.exists():
        os.rename(new, target)
        return
    retired = target.with_name(f".{target.name}.{uuid.uuid4().hex}.old")
    os.rename(target, retired)
    os.rename(new, target)
    shutil.rmtree(retired, ignore_errors=True)


def _to_term(value: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, rdflib.URIRef):
        return ox.NamedNode(str(value))
    literal = value if isinstance(value, rdflib.Literal) else rdflib.Literal(value)
    if literal.language:
        return ox.Literal(str(literal), language=literal.language)
    return ox.Literal(str(literal), datatype=ox.NamedNode(str(literal.datatype or rdflib.XSD.string)))


def _integer(text: str) -> int:
    if not text.lstrip("+-").isdigit():  # int() would also take "1_000" and " 1"
        raise ValueError(text)
    return int(text)


# the datatypes of the release and of SPARQL's aggregates, read without rdflib: an
# rdflib Literal costs tens of microseconds, as much as oxigraph spends on a row
_FAST_DATATYPES = {
    str(rdflib.XSD.string): str,
    str(rdflib.XSD.integer): _integer,
    str(rdflib.XSD.nonNegativeInteger): _integer,
    str(rdflib.XSD.date): date.fromisoformat,
}


def _to_python(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        datatype = term.datatype.value
        if datatype in _FAST_DATATYPES:
            try:
                return _FAST_DATATYPES[datatype](term.value)
            except ValueError:
                pass  # not in the canonical form: rdflib's reading below decides
        return rdflib.Literal(term.value, datatype=datatype).toPython()
    raise TypeError(f"unexpected term {term!r}")
