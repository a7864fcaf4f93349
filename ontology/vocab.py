"""The RDF vocabulary of the graph: the ``ukg:`` ontology terms as a strict rdflib
:class:`~rdflib.namespace.DefinedNamespace` (a misspelt term raises ``AttributeError``
instead of silently minting a new IRI), and the standard vocabularies it builds on.

The terms mirror ``ontology/unionkg.ttl``; :func:`class_iri` and :func:`property_iri`
map the names of :mod:`ontology.schema` onto them.

>>> class_iri(EntityType.Union)
rdflib.term.URIRef('https://w3id.org/unionkg/ontology#Union')
>>> property_iri(Predicate.holdsPost)
rdflib.term.URIRef('https://w3id.org/unionkg/ontology#holdsPost')
>>> UKG.holdPost
Traceback (most recent call last):
...
AttributeError: term 'holdPost' not in namespace 'https://w3id.org/unionkg/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
)

from ontology.schema import EntityType, Predicate

ONTOLOGY_IRI = "https://w3id.org/unionkg/ontology"


class UKG(DefinedNamespace):
    """Terms of ``https://w3id.org/unionkg/ontology#`` (prefix ``ukg:``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # the nine entity types (ontology.schema.EntityType)
    Union: URIRef
    Enterprise: URIRef
    Organisation: URIRef
    District: URIRef
    Venue: URIRef
    Person: URIRef
    Honour: URIRef
    Programme: URIRef
    Event: URIRef

    # the ten relations (ontology.schema.Predicate)
    holdsPost: URIRef
    worksFor: URIRef
    hasHonour: URIRef
    unionOf: URIRef
    subOrganizationOf: URIRef
    locatedIn: URIRef
    organised: URIRef
    participatedIn: URIRef
    partOf: URIRef
    heldAt: URIRef

    # reference facts and classifications of entities
    gb2260: URIRef
    districtLevel: URIRef
    unionKind: URIRef

    # articles
    articleKind: URIRef
    dateOrigin: URIRef
    datePrecision: URIRef
    firstSeen: URIRef
    lastSeen: URIRef
    sourceFile: URIRef
    textChecksum: URIRef
    reporter: URIRef
    correspondent: URIRef

    # provenance: where in an article an entity is named or a statement is made
    Mention: URIRef
    inArticle: URIRef
    mentionOf: URIRef
    textStart: URIRef
    textEnd: URIRef
    sourceStart: URIRef
    sourceEnd: URIRef
    snippet: URIRef

    # reified statements (one per edge)
    title: URIRef
    confidence: URIRef
    inferred: URIRef
    rule: URIRef
    curation: URIRef  # how a person corrected an entity or statement (graph/curation/corrections.py)

    # SKOS concept schemes and their concepts
    HonourTitles: URIRef
    DistrictLevels: URIRef
    UnionKinds: URIRef
    City: URIRef
    County: URIRef
    CityDistrict: URIRef
    FunctionalZone: URIRef
    Subdistrict: URIRef
    Area: URIRef
    Town: URIRef
    Township: URIRef
    Village: URIRef
    Community: URIRef
    FederationOfTradeUnions: URIRef
    JointUnion: URIRef
    IndustrialUnion: URIRef
    BranchUnion: URIRef
    GrassrootsUnion: URIRef

    # statistics the build computes (graph/statistics.py), in the graph …/graph/statistics
    articleCount: URIRef
    mentionCount: URIRef
    firstMentioned: URIRef
    lastMentioned: URIRef
    organisedCount: URIRef
    attendedCount: URIRef
    activityCount: URIRef
    bodyCount: URIRef
    nameKey: URIRef
    activityRank: URIRef
    ActivityKind: URIRef
    activityKind: URIRef
    TypeCount: URIRef
    PredicateCount: URIRef
    countOf: URIRef
    entityCount: URIRef
    factCount: URIRef
    organiserNames: URIRef
    exampleNames: URIRef
    honourNames: URIRef
    postNames: URIRef
    employerNames: URIRef
    reachedDistrict: URIRef
    districtCount: URIRef
    districtNames: URIRef
    reachByYear: URIRef
    DistrictReach: URIRef
    year: URIRef

    # the rows of the listing questions, numbered by the build (graph/rdf/release.py), in the graph …/graph/listings
    mentionPlace: URIRef
    timelinePlace: URIRef
    unionPlace: URIRef
    factPlace: URIRef
    listingPlace: URIRef


class NIF(DefinedNamespace):
    """The NLP Interchange Format core terms used for mention text."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Phrase: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef


class SPDX(DefinedNamespace):
    """The SPDX terms DCAT 3 uses for checksums of distributions."""

    _NS = Namespace("http://spdx.org/rdf/terms#")
    _fail = True

    Checksum: URIRef
    checksum: URIRef
    algorithm: URIRef
    checksumValue: URIRef
    checksumAlgorithm_sha256: URIRef


SCHEMA = SDO  # schema.org, https form
WD = Namespace("http://www.wikidata.org/entity/")  # Wikidata items, as Wikidata's RDF names them

# prefix → namespace, for serialisers and SPARQL prologues
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "ukg": UKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "org": ORG,
    "time": TIME,
    "schema": SCHEMA,
    "foaf": FOAF,
    "prov": PROV,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "void": VOID,
    "sh": SH,
    "nif": NIF,
    "spdx": SPDX,
    "wd": WD,
}


def class_iri(etype: EntityType) -> URIRef:
    """The ``ukg:`` class of an entity type."""
    return UKG[etype.value]


def property_iri(predicate: Predicate) -> URIRef:
    """The ``ukg:`` object property of a relation."""
    return UKG[predicate.value]
