"""The ontology: entity types and relations (:mod:`ontology.schema`), the RDF vocabulary,
SHACL shapes and the gazetteers of real-world facts the extractor relies on."""

from ontology.schema import ORGANISATIONS, EntityType, Predicate

__all__ = ["EntityType", "Predicate", "ORGANISATIONS"]
