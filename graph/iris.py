"""The IRIs of the graph's entities, articles, mentions and statements under a base.

Both outputs name things by them: the RDF release (:mod:`graph.rdf`) and the Neo4j rows
(:mod:`graph.neo4j.rows`), whose ``iri`` properties are the same IRIs.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rdflib import URIRef

from graph.model import Edge

DEFAULT_BASE = "https://w3id.org/unionkg/"

# characters that may not appear in an IRI path as they are (RFC 3987), and the ones
# that would end the path (#, ?) or read as an escape (%): percent-encoded
_NOT_IRI_SAFE = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`%#?]')


def iri_segment(text: str) -> str:
    return _NOT_IRI_SAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def sha1(*parts: str) -> str:
    return hashlib.sha1("\t".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class IriScheme:
    """The IRIs of a release under ``base``.

    >>> iris = IriScheme("https://example.org/kg/")
    >>> iris.entity("district/朝阳区")
    rdflib.term.URIRef('https://example.org/kg/id/district/朝阳区')
    >>> iris.mention("a0123456789abcde", 3, 9)
    rdflib.term.URIRef('https://example.org/kg/mention/a0123456789abcde/3-9')
    """

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            raise ValueError(f"the base IRI must end with '/': {self.base!r}")

    def entity(self, node_id: str) -> URIRef:
        return URIRef(f"{self.base}id/{iri_segment(node_id)}")

    def article(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}article/{iri_segment(article_id)}")

    def mention(self, article_id: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}mention/{iri_segment(article_id)}/{start}-{end}")

    def article_graph(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{iri_segment(article_id)}")

    @property
    def inferred_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/inferred")

    @property
    def curated_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/curated")

    @property
    def statistics_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/statistics")

    @property
    def listings_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/listings")

    def statistic(self, *path: str) -> URIRef:
        """Resources of the statistics graph: counts per type, predicate and kind of activity."""
        return URIRef(f"{self.base}statistics/{'/'.join(iri_segment(p) for p in path)}")

    def curator(self, name: str) -> URIRef:
        return URIRef(f"{self.base}curator/{iri_segment(name)}")

    def statement(self, edge: Edge) -> URIRef:
        return URIRef(f"{self.base}statement/{sha1(*edge.key)}")

    def post(self, org_id: str, title: str) -> URIRef:
        return URIRef(f"{self.base}post/{sha1(org_id, title)}")

    @property
    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}dataset")

    def dataset_part(self, *path: str) -> URIRef:
        """Resources that describe the release: class partitions, linksets, dumps."""
        return URIRef(f"{self.base}dataset/{'/'.join(iri_segment(p) for p in path)}")
