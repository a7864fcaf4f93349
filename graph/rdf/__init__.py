"""The RDF side: the open-data release, its validation, and the embedded SPARQL store.

- :mod:`graph.rdf.release`: a :class:`~graph.model.KnowledgeGraph` as statements, the
  dumps (Turtle, N-Triples, N-Quads, TriG, JSON-LD), the listings the embedded store pages
  through (``listings.nq``) and their VoID description;
- :mod:`graph.rdf.validation`: the release checked against ``ontology/shapes.ttl``;
- :mod:`graph.rdf.store`: the embedded Oxigraph store the saved questions are asked of.

The IRIs are the model's (:mod:`graph.iris`), shared with the Neo4j side.
"""

from graph.rdf.release import (
    DUMPS,
    LISTINGS_FILE,
    VOID_FILE,
    listing_statements,
    merged_graph,
    ontology_graph,
    software_version,
    statements,
    to_dataset,
    umask,
    write_release,
)
from graph.rdf.validation import ValidationResult, validate

__all__ = [
    "DUMPS",
    "LISTINGS_FILE",
    "VOID_FILE",
    "ValidationResult",
    "listing_statements",
    "merged_graph",
    "ontology_graph",
    "software_version",
    "statements",
    "to_dataset",
    "umask",
    "validate",
    "write_release",
]
