"""The schema of the graph: nine entity types and ten relations (see GUIDELINES.md).

Every stage speaks these names: the extractor emits them, the gold files use them,
the RDF vocabulary (``ontology/unionkg.ttl``) and the Neo4j labels mirror them.

>>> EntityType("Union").slug
'union'
>>> Predicate.holdsPost.allows(EntityType.Person, EntityType.Union)
True
>>> Predicate.hasHonour.allows(EntityType.Person, EntityType.Union)
False
"""

from __future__ import annotations

from enum import Enum


class EntityType(str, Enum):
    Union = "Union"
    Enterprise = "Enterprise"
    Organisation = "Organisation"
    District = "District"
    Venue = "Venue"
    Person = "Person"
    Honour = "Honour"
    Programme = "Programme"
    Event = "Event"

    @property
    def slug(self) -> str:
        """Lower-case path segment used in stable ids (``union/北京市总工会``)."""
        return self.value.lower()

    @property
    def is_organisation(self) -> bool:
        return self in ORGANISATIONS


ORGANISATIONS = frozenset({EntityType.Union, EntityType.Enterprise, EntityType.Organisation})
_ORGS = ORGANISATIONS
_PLACES = frozenset({EntityType.District})
_ANY_ORG_OR_PLACE = _ORGS | {EntityType.Venue, EntityType.District}


class Predicate(str, Enum):
    """A relation of the guidelines; ``domain`` and ``range`` are the allowed end types."""

    holdsPost = "holdsPost"
    worksFor = "worksFor"
    hasHonour = "hasHonour"
    unionOf = "unionOf"
    subOrganizationOf = "subOrganizationOf"
    locatedIn = "locatedIn"
    organised = "organised"
    participatedIn = "participatedIn"
    partOf = "partOf"
    heldAt = "heldAt"

    @property
    def domain(self) -> frozenset[EntityType]:
        return _SIGNATURES[self][0]

    @property
    def range(self) -> frozenset[EntityType]:
        return _SIGNATURES[self][1]

    def allows(self, subject: EntityType, obj: EntityType) -> bool:
        return subject in self.domain and obj in self.range

    @property
    def neo4j_type(self) -> str:
        """UPPER_SNAKE relationship type for Neo4j (``holdsPost`` → ``HOLDS_POST``)."""
        out = []
        for ch in self.value:
            if ch.isupper():
                out.append("_")
            out.append(ch.upper())
        return "".join(out)


E = EntityType
_SIGNATURES: dict[Predicate, tuple[frozenset[EntityType], frozenset[EntityType]]] = {
    Predicate.holdsPost: (frozenset({E.Person}), _ORGS),
    Predicate.worksFor: (frozenset({E.Person}), frozenset({E.Enterprise, E.Organisation})),
    Predicate.hasHonour: (frozenset({E.Person}), frozenset({E.Honour})),
    Predicate.unionOf: (frozenset({E.Union}), frozenset({E.Enterprise, E.Organisation, E.District})),
    Predicate.subOrganizationOf: (_ORGS, _ORGS),
    Predicate.locatedIn: (_ORGS | {E.Venue, E.District}, _PLACES),
    Predicate.organised: (_ORGS, frozenset({E.Event, E.Programme})),
    Predicate.participatedIn: (_ORGS | {E.Person}, frozenset({E.Event})),
    Predicate.partOf: (frozenset({E.Event}), frozenset({E.Programme})),
    Predicate.heldAt: (frozenset({E.Event}), _ANY_ORG_OR_PLACE),
}
del E
