"""Validation of a release against the SHACL shapes of ``ontology/shapes.ttl``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, Literal
from rdflib.util import guess_format

from graph.iris import DEFAULT_BASE
from graph.rdf.release import LISTINGS_FILE, ONTOLOGY_PATH, merged_graph, ontology_graph
from ontology.vocab import SH

SHAPES_PATH = ONTOLOGY_PATH.with_name("shapes.ttl")


@dataclass
class ValidationResult:
    conforms: bool
    report: str  # pyshacl's text report: one block per violation, with its message
    results: Graph  # the SHACL validation report as RDF

    def __str__(self) -> str:
        return self.report


@lru_cache(maxsize=8)
def shapes_graph(base: str = DEFAULT_BASE) -> Graph:
    """The SHACL shapes, with their IRI patterns rewritten from the default base to ``base``."""
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    if base != DEFAULT_BASE:
        default_prefix, prefix = "^" + re.escape(DEFAULT_BASE), "^" + re.escape(base)
        for shape, pattern in list(shapes.subject_objects(SH.pattern)):
            if str(pattern).startswith(default_prefix):
                shapes.set((shape, SH.pattern, Literal(prefix + str(pattern)[len(default_prefix) :])))
    return shapes


def validate(source: Path | str | Dataset | Graph, base: str = DEFAULT_BASE) -> ValidationResult:
    """Check a release against ``ontology/shapes.ttl`` (with the ontology, no inference).

    ``source`` is a release directory (its ``graph.nt`` and ``listings.nq`` are read), an
    RDF file in any format rdflib knows by its extension, or a graph or dataset in memory.
    """
    if isinstance(source, (Dataset, Graph)):
        data = merged_graph(source)
    else:
        path = Path(source)
        paths = [path]
        if path.is_dir():  # a release: its triples, and its listings where it has them
            paths = [path / "graph.nt", *(p for p in [path / LISTINGS_FILE] if p.exists())]
        loaded = Dataset()
        for part in paths:
            loaded.parse(part, format=guess_format(str(part)) or "turtle")
        data = merged_graph(loaded)
    conforms, results, report = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(base),
        ont_graph=ontology_graph(),
        inference="none",  # RDFS would type a wrong object as the range and hide the error
    )
    return ValidationResult(bool(conforms), report, results)
