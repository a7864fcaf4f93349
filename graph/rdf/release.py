"""The open-data RDF release of a :class:`~graph.model.KnowledgeGraph`.

Every fact is traceable to the words that state it: the triple of an edge sits in the
named graph of each article that is its evidence, and a reified statement of the edge
points (``prov:wasDerivedFrom``) at mentions, spans of the article text with their
offsets in the text and in the source file. Edges marked ``inferred`` sit in the graph
``{base}graph/inferred`` instead. Descriptions of entities, articles, mentions and
statements are in the default graph.

IRI scheme (stable across runs and machines; see :class:`IriScheme`)::

    {base}id/{node.id}                   an entity          (…/id/union/北京市总工会)
    {base}article/{article.id}           an article
    {base}mention/{article.id}/{s}-{e}   a span [s, e) of an article's text
    {base}graph/{article.id}             the facts an article states
    {base}graph/inferred                 the facts no article states
    {base}graph/curated                  the facts and entities a person corrected
    {base}graph/statistics               counts the build computed (graph/statistics.py)
    {base}statistics/…                   their resources: counts per type, predicate, kind of activity
    {base}graph/listings                 the rows of the listing questions, numbered by the build
    {base}curator/{name}                 a person who made corrections (prov:Agent)
    {base}statement/{sha1 of edge key}   the reified edge
    {base}post/{sha1 of org id, title}   the org:Post of a holdsPost with a title

An entity id an earlier build published and that now names another node stays valid:
``<{base}id/{old id}> owl:sameAs <{base}id/{node.id}>`` (see :mod:`graph.registry`).

>>> from loaders.article import Article
>>> from graph.model import Node
>>> from ontology.schema import EntityType
>>> kg = KnowledgeGraph()
>>> a = Article.from_parts("p.txt", 0, "标题", [(0, "标题")], [(3, "北京市总工会召开会议")])
>>> kg.articles[a.id] = a
>>> kg.nodes["union/北京市总工会"] = Node("union/北京市总工会", EntityType.Union, "北京市总工会")
>>> ds = to_dataset(kg)
>>> sorted(str(o) for o in ds.objects(IriScheme(DEFAULT_BASE).entity("union/北京市总工会"), SKOS.prefLabel))
['北京市总工会']
>>> from graph.rdf.validation import validate
>>> validate(ds).conforms
True
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import TIME

from graph.curation.corrections import curated_edge, curated_node
from graph.dates import first_date, seen
from graph.iris import DEFAULT_BASE, IriScheme
from graph.model import Edge, Evidence, KnowledgeGraph, Node
from graph.statistics import (
    Reach,
    Statistics,
    compute,
    fact_rows,
    listing_order,
    timelines,
    unions_below,
)
from loaders import dates
from loaders.article import Article
from ontology.schema import EntityType, Predicate
from ontology.vocab import (
    DCAT,
    DCTERMS,
    NIF,
    ONTOLOGY_IRI,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    SPDX,
    UKG,
    VOID,
    WD,
    XSD,
    class_iri,
    property_iri,
)

ONTOLOGY_PATH = Path(__file__).resolve().parents[2] / "ontology" / "unionkg.ttl"
DATA_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
WIKIDATA = URIRef("https://www.wikidata.org/")

# dump file → media type; void.ttl describes them and is written last
DUMPS = {
    "graph.ttl": "text/turtle",
    "graph.nt": "application/n-triples",
    "graph.nq": "application/n-quads",
    "graph.trig": "application/trig",
    "graph.jsonld": "application/ld+json",
}
VOID_FILE = "void.ttl"
# the listings graph: not data but an index the embedded store loads (listing_statements)
LISTINGS_FILE = "listings.nq"

_QID = re.compile(r"Q[1-9][0-9]*")
# ---------------------------------------------------------------- the statements

# A statement is (subject, predicate, object, graph), each term in N-Triples syntax
# (``<iri>``, ``"text"@zh``), the graph "" for the default graph. Writing terms as text
# once lets the release be sorted and written as a stream, in no more memory at 100k
# articles than at 100.
Statement = tuple[str, str, str, str]


def _iri(term: str) -> str:
    return f"<{term}>"


def _literal(value: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax, escaped by pyoxigraph (an ``xsd:string`` is written bare)."""
    if lang:
        return str(ox.Literal(value, language=lang))
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None))


def _integer(n: int) -> str:
    return f'"{n}"^^<{_INTEGER}>'


@lru_cache(maxsize=None)
def _decimal(confidence: float) -> str:
    return _literal(str(Literal(Decimal(repr(round(confidence, 4))))), datatype=str(XSD.decimal))


_TIME_IN = {"day": TIME.inXSDDate, "month": TIME.inXSDgYearMonth, "year": TIME.inXSDgYear}
_DATE_TYPES = {"day": str(XSD.date), "month": str(XSD.gYearMonth), "year": str(XSD.gYear)}


def _date_literal(text: str) -> str:
    """xsd:date, xsd:gYearMonth or xsd:gYear as precise as the date (loaders.dates)."""
    kind = dates.precision(text)
    if kind and dates.normalise(text) == text:
        return _literal(text, datatype=_DATE_TYPES[kind])
    return _literal(text)  # a date the loader could not normalise (an older build): kept as printed


_TYPE, _LABEL, _COMMENT = _iri(RDF.type), _iri(RDFS.label), _iri(RDFS.comment)
_TRUE, _FALSE = f'"true"^^<{XSD.boolean}>', f'"false"^^<{XSD.boolean}>'
# the terms of every mention, looked up once (a namespace lookup costs more than the rest)
_MENTION, _IN_ARTICLE, _MENTION_OF, _ANCHOR_OF, _SNIPPET, _DERIVED_FROM, _LISTING_PLACE = map(
    _iri,
    (
        UKG.Mention,
        UKG.inArticle,
        UKG.mentionOf,
        NIF.anchorOf,
        UKG.snippet,
        PROV.wasDerivedFrom,
        UKG.listingPlace,
    ),
)
_TEXT_START, _TEXT_END, _SOURCE_START, _SOURCE_END = map(
    _iri, (UKG.textStart, UKG.textEnd, UKG.sourceStart, UKG.sourceEnd)
)
_INTEGER = str(XSD.integer)
_SAME_AS = _iri(OWL.sameAs)


def statements(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Iterator[Statement]:
    """Every statement of the release, unsorted; a statement may come more than once
    (a span that is both a mention and evidence): the release holds it once."""
    builder = _Statements(kg, IriScheme(base))
    for node in kg.nodes.values():
        yield from builder.node(node)
    for article in kg.articles.values():
        yield from builder.article(article)
    for edge in kg.edges.values():
        yield from builder.edge(edge)
    for old, new in kg.redirects.items():  # ids published earlier: the same entity
        yield _iri(builder.iris.entity(old)), _SAME_AS, _iri(builder.iris.entity(new)), ""
    if kg.curation.get("applied"):
        yield _iri(builder.iris.curated_graph), _COMMENT, _CURATED_NOTE, ""
    yield from builder.statistics(compute(kg))


def listing_statements(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Iterator[Statement]:
    """The graph ``{base}graph/listings``, each statement once, in the order of the places:
    an index for the embedded store, written apart from the dumps (``listings.nq``)."""
    return _Statements(kg, IriScheme(base)).listings()


def to_dataset(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The whole release as an rdflib Dataset (default graph plus one named graph per
    article and ``{base}graph/inferred``). No blank nodes. For graphs that fit in
    memory (validation, tests); :func:`write_release` streams."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, str(ns))
    return ds.parse(data="".join(_nquad(*st) for st in statements(kg, base)), format="nquads")


def _nquad(s: str, p: str, o: str, g: str) -> str:
    return f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n"


class _Statements:
    def __init__(self, kg: KnowledgeGraph, iris: IriScheme):
        self.kg, self.iris = kg, iris

    def node(self, node: Node) -> Iterator[Statement]:
        me, label = _iri(self.iris.entity(node.id)), _literal(node.name, lang="zh")
        yield me, _TYPE, _iri(class_iri(node.type)), ""
        yield me, _LABEL, label, ""
        yield me, _iri(SKOS.prefLabel), label, ""
        for alias in sorted(node.aliases - {node.name}):
            yield me, _iri(SKOS.altLabel), _literal(alias, lang="zh"), ""
        if node.type is EntityType.Honour:
            yield me, _iri(SKOS.inScheme), _iri(UKG.HonourTitles), ""
        if node.type in _CLASSIFIED_BY_NAME:
            scheme, prop = _CLASSIFIED_BY_NAME[node.type]
            if (concept := concept_by_name_ending(scheme, node.name)) is not None:
                yield me, _iri(prop), _iri(concept), ""
        if gb2260 := node.facts.get("gb2260"):
            yield me, _iri(UKG.gb2260), _literal(gb2260.strip()), ""
        qid = node.facts.get("wikidata", "").strip()
        if _QID.fullmatch(qid):  # anything else is not a Wikidata item: leave unlinked
            yield me, _SAME_AS, _iri(WD[qid]), ""
        if corrections := curated_node(self.kg, node):
            curated = _iri(self.iris.curated_graph)
            yield me, _TYPE, _iri(class_iri(node.type)), curated
            yield me, _iri(SKOS.prefLabel), label, curated
            yield from self.curation(me, corrections)
        if when := first_date(node.dates):  # as Neo4j's date: one, the most precise
            yield me, _iri(SCHEMA.startDate), _date_literal(when.start), ""
            yield me, _iri(UKG.datePrecision), _literal(when.precision), ""
            if when.end:
                yield me, _iri(SCHEMA.endDate), _date_literal(when.end), ""
        for m in node.mentions:
            mention = _iri(self.iris.mention(m.article_id, m.start, m.end))
            yield from self.mention(mention, m.article_id, m.start, m.end, text=m.text)
            yield mention, _MENTION_OF, me, ""

    def article(self, article: Article) -> Iterator[Statement]:
        me = _iri(self.iris.article(article.id))
        yield me, _TYPE, _iri(SCHEMA.NewsArticle), ""
        yield me, _iri(SCHEMA.headline), _literal(article.title, lang="zh"), ""
        yield me, _iri(UKG.articleKind), _literal(article.kind), ""
        yield me, _iri(UKG.sourceFile), _literal(article.source), ""
        yield me, _iri(UKG.textChecksum), _literal(article.checksum), ""
        if article.date:
            yield me, _iri(SCHEMA.datePublished), _date_literal(article.date), ""
            yield me, _iri(UKG.datePrecision), _literal(dates.precision(article.date) or "unknown"), ""
            if article.date_origin:
                yield me, _iri(UKG.dateOrigin), _literal(article.date_origin), ""
        if article.url:
            yield me, _iri(SCHEMA.url), _literal(article.url, datatype=str(XSD.anyURI)), ""
        if article.outlet:
            yield me, _iri(SCHEMA.publisher), _literal(article.outlet, lang="zh"), ""
        for name in article.byline.reporters:
            yield me, _iri(UKG.reporter), _literal(name, lang="zh"), ""
        for name in article.byline.correspondents:
            yield me, _iri(UKG.correspondent), _literal(name, lang="zh"), ""
        yield _iri(self.iris.article_graph(article.id)), _DERIVED_FROM, me, ""

    def in_time(self, statement: str, edge: Edge) -> Iterator[Statement]:
        """A fact in time: the dates of the first and last articles that state it, and a
        post's or honour's start where one says when (org:memberDuring, a time:Interval)."""
        first, last = seen(edge, self.kg.articles)
        if first:
            yield statement, _iri(UKG.firstSeen), _date_literal(first), ""
            yield statement, _iri(UKG.lastSeen), _date_literal(last), ""
        if edge.since:
            during, start = _iri(statement[1:-1] + "/during"), _iri(statement[1:-1] + "/since")
            yield statement, _iri(ORG.memberDuring), during, ""
            yield during, _TYPE, _iri(TIME.Interval), ""
            yield during, _iri(TIME.hasBeginning), start, ""
            yield start, _TYPE, _iri(TIME.Instant), ""
            yield (
                start,
                _iri(_TIME_IN[dates.precision(edge.since.start)]),
                _date_literal(edge.since.start),
                "",
            )
            yield start, _iri(UKG.datePrecision), _literal(edge.since.precision), ""

    def mention(
        self, me: str, article_id: str, start: int, end: int, text: str | None = None
    ) -> Iterator[Statement]:
        """The description of the mention resource ``me`` of a span."""
        yield me, _TYPE, _MENTION, ""
        yield me, _IN_ARTICLE, _iri(self.iris.article(article_id)), ""
        yield me, _TEXT_START, _integer(start), ""
        yield me, _TEXT_END, _integer(end), ""
        article = self.kg.articles.get(article_id)
        if article is not None:  # the article's own text is the authority for the words
            text = article.text[start:end]
            source_span = article.source_span(start, end)
            if source_span is not None:
                yield me, _SOURCE_START, _integer(source_span[0]), ""
                yield me, _SOURCE_END, _integer(source_span[1]), ""
        if text:
            yield me, _ANCHOR_OF, _literal(text, lang="zh"), ""

    def edge(self, edge: Edge) -> Iterator[Statement]:
        subject, obj = _iri(self.iris.entity(edge.subject)), _iri(self.iris.entity(edge.object))
        prop = _iri(property_iri(edge.predicate))
        facts = [(subject, prop, obj)]
        if edge.predicate is Predicate.holdsPost and edge.title:
            post = _iri(self.iris.post(edge.object, edge.title))
            facts += [
                (subject, _iri(ORG.holds), post),
                (post, _TYPE, _iri(ORG.Post)),
                (post, _iri(ORG.postIn), obj),
                (post, _LABEL, _literal(edge.title, lang="zh")),
            ]
        corrections = curated_edge(self.kg, edge)
        if edge.inferred:
            inferred = _iri(self.iris.inferred_graph)
            graphs = [inferred]
            yield inferred, _COMMENT, _INFERRED_NOTE, ""
        else:
            # an asserted edge without evidence or curator lands in the default graph,
            # and validate() reports its statement as underived
            graphs = sorted({_iri(self.iris.article_graph(ev.article_id)) for ev in edge.evidence})
            graphs = graphs or ([] if corrections else [""])
        if corrections:
            graphs.append(_iri(self.iris.curated_graph))
        for graph in graphs:
            for s, p, o in facts:
                yield s, p, o, graph

        statement = _iri(self.iris.statement(edge))
        yield statement, _TYPE, _iri(RDF.Statement), ""
        yield statement, _iri(RDF.subject), subject, ""
        yield statement, _iri(RDF.predicate), prop, ""
        yield statement, _iri(RDF.object), obj, ""
        yield statement, _iri(UKG.confidence), _decimal(edge.confidence), ""
        yield statement, _iri(UKG.inferred), _TRUE if edge.inferred else _FALSE, ""
        if edge.title:
            yield statement, _iri(UKG.title), _literal(edge.title, lang="zh"), ""
        for rule in sorted({ev.rule for ev in edge.evidence if ev.rule}):
            yield statement, _iri(UKG.rule), _literal(rule), ""
        yield from self.in_time(statement, edge)
        for ev in edge.evidence:
            mention = _iri(self.iris.mention(ev.article_id, ev.start, ev.end))
            yield from self.mention(mention, ev.article_id, ev.start, ev.end)
            yield mention, _SNIPPET, _literal(ev.snippet, lang="zh"), ""
            yield statement, _DERIVED_FROM, mention, ""
        yield from self.curation(statement, corrections)

    def statistics(self, stats: Statistics) -> Iterator[Statement]:
        """The graph ``{base}graph/statistics``: counts on the entities' own IRIs, and
        resources for the counts per kind of activity, type and predicate."""
        graph = _iri(self.iris.statistics_graph)
        yield graph, _COMMENT, _STATISTICS_NOTE, ""
        kinds = {kind: _iri(self.iris.statistic("kind", kind)) for kind in stats.activity_kinds}
        for kind, n in stats.activity_kinds.items():
            yield kinds[kind], _TYPE, _iri(UKG.ActivityKind), graph
            yield kinds[kind], _LABEL, _literal(kind, lang="zh"), graph
            yield kinds[kind], _iri(UKG.activityCount), _integer(n), graph
            yield kinds[kind], _iri(UKG.exampleNames), _literal("、".join(stats.kind_examples[kind])), graph
        for node_id, s in stats.entities.items():
            me = _iri(self.iris.entity(node_id))
            yield me, _iri(UKG.articleCount), _integer(s.articles), graph
            yield me, _iri(UKG.mentionCount), _integer(s.mentions), graph
            if s.first_mentioned:
                yield me, _iri(UKG.firstMentioned), _date_literal(s.first_mentioned), graph
                yield me, _iri(UKG.lastMentioned), _date_literal(s.last_mentioned), graph
            if s.activities:  # as a question that counts activities finds only those that have some
                yield me, _iri(UKG.organisedCount), _integer(s.organised), graph
                yield me, _iri(UKG.attendedCount), _integer(s.attended), graph
                yield me, _iri(UKG.activityCount), _integer(s.activities), graph
            if node_id in stats.union_ranks:
                yield me, _iri(UKG.activityRank), _integer(stats.union_ranks[node_id]), graph
            if s.bodies:
                yield me, _iri(UKG.bodyCount), _integer(s.bodies), graph
            for kind in s.activity_kinds:
                yield me, _iri(UKG.activityKind), kinds[kind], graph
            for names, prop in [
                (s.organisers, UKG.organiserNames),
                (s.honours, UKG.honourNames),
                (s.posts, UKG.postNames),
                (s.employers, UKG.employerNames),
            ]:
                if names:
                    yield me, _iri(prop), _literal("、".join(names)), graph
            for key in s.name_keys:
                yield me, _iri(UKG.nameKey), _literal(key), graph
            if s.districts:
                yield from self.reach(me, s.districts, graph)
            for reach in s.districts_by_year:
                that_year = _iri(self.iris.statistic("reach", node_id, reach.year))
                yield me, _iri(UKG.reachByYear), that_year, graph
                yield that_year, _TYPE, _iri(UKG.DistrictReach), graph
                yield that_year, _iri(UKG.year), _literal(reach.year, datatype=str(XSD.gYear)), graph
                yield from self.reach(that_year, reach, graph)
        for me, counted, n, cls, prop in [
            *(
                (self.iris.statistic("type", t.value), class_iri(t), n, UKG.TypeCount, UKG.entityCount)
                for t, n in stats.entity_types.items()
            ),
            *(
                (
                    self.iris.statistic("predicate", p.value),
                    property_iri(p),
                    n,
                    UKG.PredicateCount,
                    UKG.factCount,
                )
                for p, n in stats.predicates.items()
            ),
        ]:
            me = _iri(me)
            yield me, _TYPE, _iri(cls), graph
            yield me, _iri(UKG.countOf), _iri(counted), graph
            yield me, _iri(prop), _integer(n), graph

    def listings(self) -> Iterator[Statement]:
        """The graph ``{base}graph/listings``: the rows of the saved questions that list
        over a hub, numbered from 1 across them in their order, so that a question reads a
        page of rows in order from one index and joins those only (Oxigraph reads an index
        at 0.3 µs a row but joins at ~7 µs a row and pattern: at 100k articles these took
        0.6–2.2 s joining every row). The key's ukg:mentionPlace, ukg:timelinePlace,
        ukg:unionPlace or ukg:factPlace names its rows' places; the resources a row shows
        (a mention; an article and an activity; a union; a statement and a mention) have its
        place as their ukg:listingPlace."""
        graph = _iri(self.iris.listings_graph)
        yield graph, _COMMENT, _LISTINGS_NOTE, ""
        entity, article, mention = self.iris.entity, self.iris.article, self.iris.mention

        def mention_rows() -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
            for node_id in sorted(self.kg.nodes):
                yield node_id, listing_order(self.kg.nodes[node_id], self.kg.articles)

        def fact_row(row: tuple[Edge, Evidence | None]) -> tuple[str, ...]:
            edge, ev = row
            statement = self.iris.statement(edge)
            return (statement, mention(ev.article_id, ev.start, ev.end)) if ev else (statement,)

        place = 1
        for key_place, rows_of, shown_in in [
            (UKG.mentionPlace, mention_rows(), lambda span: (mention(*span),)),
            (UKG.timelinePlace, timelines(self.kg), lambda row: (article(row[0]), entity(row[1]))),
            (UKG.unionPlace, unions_below(self.kg), lambda union: (entity(union),)),
            (UKG.factPlace, fact_rows(self.kg), fact_row),
        ]:
            for key, rows in rows_of:
                me = _iri(entity(key))
                for row in rows:
                    number = _integer(place)
                    yield me, _iri(key_place), number, graph
                    for resource in shown_in(row):
                        yield _iri(resource), _LISTING_PLACE, number, graph
                    place += 1

    def reach(self, me: str, reach: Reach, graph: str) -> Iterator[Statement]:
        """The districts a programme reached, their number and their names for display."""
        yield me, _iri(UKG.districtCount), _integer(len(reach.districts)), graph
        yield me, _iri(UKG.districtNames), _literal("、".join(reach.names)), graph
        for district in reach.districts:
            yield me, _iri(UKG.reachedDistrict), _iri(self.iris.entity(district)), graph

    def curation(self, me: str, corrections: list[dict]) -> Iterator[Statement]:
        """Who corrected the entity or statement ``me``, when, how and from which article."""
        for c in corrections:
            curator = _iri(self.iris.curator(c.get("curator") or "anonymous"))
            yield curator, _TYPE, _iri(PROV.Agent), ""
            yield curator, _LABEL, _literal(c.get("curator") or "anonymous"), ""
            yield me, _iri(PROV.wasAttributedTo), curator, ""
            yield me, _iri(UKG.curation), _literal(c["action"]), ""
            if c.get("date"):
                yield me, _iri(DCTERMS.modified), _date_literal(c["date"]), ""
            if c.get("note"):
                yield me, _COMMENT, _literal(c["note"], lang="zh"), ""
            if c.get("article") in self.kg.articles:
                yield me, _iri(PROV.hadPrimarySource), _iri(self.iris.article(c["article"])), ""


_CURATED_NOTE = _literal(
    "Facts and entities a person corrected (graph/curation/corrections.py): their statements and entities "
    "say who (prov:wasAttributedTo), when (dcterms:modified) and how (ukg:curation).",
    lang="en",
)

_STATISTICS_TEXT = (
    "Counts the build computed from the whole graph (graph/statistics.py), exact for this release: "
    "per entity (ukg:articleCount, ukg:activityCount, …, ukg:nameKey), the districts each programme "
    "reached (ukg:reachedDistrict, ukg:reachByYear), per kind of activity, entity type and relation; "
    "and the unions ranked by activities (ukg:activityRank), the order most_active_unions reads a page from."
)
_STATISTICS_NOTE = _literal(_STATISTICS_TEXT, lang="en")

_LISTINGS_TEXT = (
    "The rows of the saved questions that list over a hub, numbered by the build from 1 across them "
    "(graph/rdf/release.py), so that a question reads a page in order from one index: each entity's "
    "mentions (ukg:mentionPlace), each activity's timeline (ukg:timelinePlace), the unions below each "
    "body (ukg:unionPlace), each entity's facts with their evidence (ukg:factPlace); the resources a "
    "row shows have its place as their ukg:listingPlace. Renumbered by every build; only those four "
    "questions read them, so a copy of the data without this graph answers every other question."
)
_LISTINGS_NOTE = _literal(_LISTINGS_TEXT, lang="en")

_INFERRED_NOTE = _literal(
    "Facts that no article states: added from other articles or from outside knowledge "
    "(see the ukg:inferred statements and their prov:wasDerivedFrom mentions).",
    lang="en",
)


# ---------------------------------------------------------------- SKOS classifications

# entity type → (concept scheme, property) of the classification its name's ending gives
_CLASSIFIED_BY_NAME = {
    EntityType.District: (UKG.DistrictLevels, UKG.districtLevel),
    EntityType.Union: (UKG.UnionKinds, UKG.unionKind),
}


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@lru_cache(maxsize=None)
def _name_endings(scheme: URIRef) -> list[tuple[str, URIRef]]:
    """(Chinese label, concept) of a scheme's concepts, longest label first, so that
    地区 wins over 区 and 经济技术开发区 over 区."""
    onto = ontology_graph()
    endings = [
        (str(label), concept)
        for concept in onto.subjects(SKOS.inScheme, scheme)
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for label in onto.objects(concept, prop)
        if label.language == "zh"
    ]
    return sorted(endings, key=lambda e: (-len(e[0]), e[0]))


def concept_by_name_ending(scheme: URIRef, name: str) -> URIRef | None:
    """The concept of ``scheme`` whose Chinese label ends ``name``, if any.

    >>> concept_by_name_ending(UKG.DistrictLevels, "南磨房地区") == UKG.Area
    True
    >>> concept_by_name_ending(UKG.UnionKinds, "北京市总工会") == UKG.FederationOfTradeUnions
    True
    >>> concept_by_name_ending(UKG.UnionKinds, "北京公交集团公司工会") is None
    True
    """
    name = name.strip()
    return next((concept for label, concept in _name_endings(scheme) if name.endswith(label)), None)


# ---------------------------------------------------------------- writing the release


def merged_graph(ds: Dataset | Graph) -> Graph:
    """All triples of every graph of ``ds`` in one graph (the view SHACL checks)."""
    merged = Graph()
    for prefix, ns in PREFIXES.items():
        merged.bind(prefix, str(ns))
    if isinstance(ds, Dataset):
        for s, p, o, _ in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        merged += ds
    return merged


# The release is sorted, so that the same graph gives byte-identical dumps, and written
# as a stream: statements are sorted in runs of RUN_LINES lines (spilled into files when
# there are more) and merged. Keys are bytes (UTF-8 sorts as code points do) ending in
# a newline. _SEP joins a triple and its graph in a key: it sorts below every character
# that can follow a term ("@", "^", " ") and above the newline, and N-Triples escapes it
# wherever a term holds it, so keys sort as the statements' N-Quads lines do.
_SEP = b"\x0b"
RUN_LINES = 250_000  # of about 125 bytes: the release of 10k articles peaked 165 MB lower than with 1M


class _SortedLines:
    """Lines, sorted and each kept once, however many: runs sorted in memory, spilled
    into files in ``directory`` and merged."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.lines: list[bytes] = []
        self.runs: list[str] = []

    def add(self, line: bytes) -> None:
        self.lines.append(line)
        if len(self.lines) >= RUN_LINES:
            fd, path = tempfile.mkstemp(dir=self.directory, suffix=".run")
            with os.fdopen(fd, "wb") as f:
                f.writelines(sorted(set(self.lines)))
            self.runs.append(path)
            self.lines = []

    def __iter__(self) -> Iterator[bytes]:
        with ExitStack() as files:
            runs = [files.enter_context(open(path, "rb")) for path in self.runs]
            previous = None
            for line in heapq.merge(*runs, sorted(set(self.lines))):
                if line != previous:
                    yield line
                    previous = line


class _Dump:
    """A file being written, with its size and SHA-256 (for VoID) taken on the way."""

    def __init__(self, path: Path):
        self.path, self.size, self.sha256 = path, 0, hashlib.sha256()
        self.file = open(path, "wb")

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.file.write(data)

    def flush(self) -> None:
        self.file.flush()

    def close(self) -> None:
        """Flush to disk: a power cut after the rename into place cannot truncate it."""
        with self.file:
            self.file.flush()
            os.fsync(self.file.fileno())


@dataclass
class _TripleCounts:
    """What VoID says about the distinct triples: how many, predicates, class sizes."""

    triples: int = 0
    predicates: Counter = field(default_factory=Counter)  # "<iri>" → triples
    instances: Counter = field(default_factory=Counter)  # "<class iri>" → rdf:type triples
    statistics: int = 0  # triples of the graph {base}graph/statistics
    listings: int = 0  # and of {base}graph/listings, in listings.nq

    def add(self, triple: bytes) -> None:
        _, predicate, obj = triple.split(b" ", 2)  # IRIs hold no space
        self.triples += 1
        self.predicates[predicate] += 1
        if predicate == _TYPE_KEY:
            self.instances[obj] += 1


_TYPE_KEY = _TYPE.encode()


def umask() -> int:
    """The process's file-creation mask (reading it means setting it: put it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_release(
    kg: KnowledgeGraph, out_dir: Path, base: str = DEFAULT_BASE, *, issued: str | None = None
) -> list[Path]:
    """Write the dumps (``graph.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``), the
    listings (``listings.nq``) and ``void.ttl`` into ``out_dir``; return their paths.
    ``issued`` is the ISO date of the release (default today). ``graph.ttl`` and
    ``graph.nt`` hold every triple of every graph, inferred ones included; the quad
    formats keep the named graphs.

    N-Triples and N-Quads are sorted lines. Turtle lists the triples in that order,
    TriG and JSON-LD the quads by graph (the default graph first), then subject,
    predicate and object; pyoxigraph writes those three (its JSON-LD keeps the
    default graph a default graph, rdflib's names it by a blank node). The files are
    written beside their final names and renamed into place once all are on disk, so
    an interrupted write leaves none that looks complete.
    """
    issued_on = date.fromisoformat(issued) if issued else date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=out_dir, prefix=".release.", suffix=".tmp"))
    try:
        dumps, counts = _write_dumps(kg, base, work)
        listings = _Dump(work / LISTINGS_FILE)
        for statement in listing_statements(kg, base):
            listings.write(_nquad(*statement).encode())
            counts.listings += bool(statement[3])
        listings.close()
        void = _Dump(work / VOID_FILE)
        void.write(
            _void(kg, counts, IriScheme(base), issued_on, dumps, listings).serialize(
                format="turtle", encoding="utf-8"
            )
        )
        void.close()
        written = []
        for name in [*DUMPS, LISTINGS_FILE, VOID_FILE]:
            os.replace(work / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_dumps(kg: KnowledgeGraph, base: str, work: Path) -> tuple[dict[str, _Dump], _TripleCounts]:
    by_triple = _SortedLines(work)  # every quad, as N-Quads lines sort
    by_graph = _SortedLines(work)  # the quads of named graphs, graph first
    for s, p, o, g in statements(kg, base):
        triple = f"{s} {p} {o}".encode()
        if g:
            graph = g.encode()
            by_triple.add(triple + _SEP + graph + b"\n")
            by_graph.add(graph + _SEP + triple + b"\n")
        else:
            by_triple.add(triple + b"\n")

    dumps = {name: _Dump(work / name) for name in DUMPS}
    nquads, ntriples, counts = dumps["graph.nq"], dumps["graph.nt"], _TripleCounts()
    graph_first = work / "by-graph.nq"  # the quads in the order of TriG and JSON-LD
    with open(graph_first, "wb") as quads_by_graph:
        previous = None
        for key in by_triple:
            triple, _, graph = key[:-1].partition(_SEP)
            if graph:
                nquads.write(b"%s %s .\n" % (triple, graph))
            else:
                nquads.write(triple + b" .\n")
                quads_by_graph.write(triple + b" .\n")
            if triple != previous:  # the quads of a triple are neighbours
                ntriples.write(triple + b" .\n")
                counts.add(triple)
                previous = triple
        statistics_graph = _iri(IriScheme(base).statistics_graph).encode()
        for key in by_graph:
            graph, _, triple = key[:-1].partition(_SEP)
            quads_by_graph.write(b"%s %s .\n" % (triple, graph))
            counts.statistics += graph == statistics_graph
    ntriples.close()
    nquads.close()

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for name, source, rdf_format, options in [
        ("graph.ttl", ntriples.path, ox.RdfFormat.TURTLE, {"prefixes": prefixes}),
        ("graph.trig", graph_first, ox.RdfFormat.TRIG, {"prefixes": prefixes}),
        ("graph.jsonld", graph_first, ox.RdfFormat.JSON_LD, {}),
    ]:
        source_format = ox.RdfFormat.N_TRIPLES if source == ntriples.path else ox.RdfFormat.N_QUADS
        ox.serialize(ox.parse(path=str(source), format=source_format), dumps[name], rdf_format, **options)
        dumps[name].close()
    return dumps, counts


def software_version() -> str:
    try:
        return metadata.version("unionkg")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        return "0.1.0"


def _prefixed(iri: str) -> tuple[str, str] | None:
    """(prefix, local name) of an IRI in one of the vocabularies of :data:`PREFIXES`."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return prefix, iri[len(str(ns)) :]
    return None


def _void(
    kg: KnowledgeGraph,
    counts: _TripleCounts,
    iris: IriScheme,
    issued: date,
    dumps: dict[str, _Dump],
    listings: _Dump,
) -> Graph:
    """VoID and DCAT description of the release: sizes, class partitions, the Wikidata
    linkset, vocabularies, licence, issue date, software and the checksum of each dump."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, str(ns))
    dataset = iris.dataset
    version = software_version()
    software = iris.dataset_part("software", "unionkg", version)
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("unionkg 北京工会知识图谱", lang="zh")))
    g.add((dataset, DCTERMS.title, Literal("unionkg: a knowledge graph of Beijing trade unions", lang="en")))
    g.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Trade-union organisations of Beijing, their people, honours, programmes and events, "
                "extracted from articles of 劳动午报; every fact is traced to the words of an article.",
                lang="en",
            ),
        )
    )
    g.add((dataset, DCTERMS.license, DATA_LICENCE))
    g.add((dataset, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    g.add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    g.add((dataset, PROV.wasAttributedTo, software))
    g.add((software, RDF.type, PROV.SoftwareAgent))
    g.add((software, RDF.type, SCHEMA.SoftwareApplication))
    g.add((software, SCHEMA.name, Literal("unionkg")))
    g.add((software, SCHEMA.softwareVersion, Literal(version)))
    g.add((dataset, VOID.uriSpace, Literal(f"{iris.base}id/")))
    g.add((dataset, VOID.triples, Literal(counts.triples)))
    g.add((dataset, VOID.entities, Literal(len(kg.nodes))))

    instances = {key.decode()[1:-1]: n for key, n in counts.instances.items()}
    terms_used = {key.decode()[1:-1] for key in counts.predicates} | set(instances)
    for prefix in sorted({qname[0] for term in terms_used if (qname := _prefixed(term))}):
        g.add((dataset, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    for cls, count in sorted(instances.items()):
        prefix, local = _prefixed(cls) or ("class", hashlib.sha1(cls.encode()).hexdigest())
        partition = iris.dataset_part("class", f"{prefix}-{local}")
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, VOID["class"], URIRef(cls)))
        g.add((partition, VOID.entities, Literal(count)))

    def same_as_linkset(name: str, target: URIRef, triples: int) -> None:
        linkset = iris.dataset_part("links", name)
        g.add((dataset, VOID.subset, linkset))
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((linkset, VOID.linkPredicate, OWL.sameAs))
        g.add((linkset, VOID.subjectsTarget, dataset))
        g.add((linkset, VOID.objectsTarget, target))
        g.add((linkset, VOID.triples, Literal(triples)))

    # the named graphs of counts and of numbered rows, parts of the dataset
    for graph, title, text, triples in [
        (iris.statistics_graph, "statistics", _STATISTICS_TEXT, counts.statistics),
        (iris.listings_graph, "listings", _LISTINGS_TEXT, counts.listings),
    ]:
        g.add((dataset, VOID.subset, graph))
        g.add((graph, RDF.type, VOID.Dataset))
        g.add((graph, DCTERMS.title, Literal(title, lang="en")))
        g.add((graph, DCTERMS.description, Literal(text, lang="en")))
        g.add((graph, VOID.triples, Literal(triples)))

    redirects = len(kg.redirects)  # the other owl:sameAs links
    same_as_linkset("wikidata", WIKIDATA, counts.predicates[_SAME_AS.encode()] - redirects)
    if redirects:  # ids published by earlier releases, each the same as an entity of this one
        same_as_linkset("redirects", dataset, redirects)
    g.add((WIKIDATA, RDF.type, VOID.Dataset))
    g.add((WIKIDATA, DCTERMS.title, Literal("Wikidata", lang="en")))
    g.add((WIKIDATA, VOID.uriSpace, Literal(str(WD))))

    for part, name, written in [
        *((dataset, name, written) for name, written in dumps.items()),
        (iris.listings_graph, LISTINGS_FILE, listings),
    ]:
        dump = iris.dataset_part("dump", name)
        checksum = iris.dataset_part("dump", name, "sha256")
        g.add((part, VOID.dataDump, dump))
        g.add((part, DCAT.distribution, dump))
        g.add((dump, RDF.type, DCAT.Distribution))
        g.add((dump, DCAT.downloadURL, dump))
        g.add((dump, DCTERMS.title, Literal(name)))
        media = DUMPS.get(name, "application/n-quads")
        g.add((dump, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
        g.add((dump, DCAT.byteSize, Literal(written.size, datatype=XSD.nonNegativeInteger)))
        g.add((dump, DCTERMS.license, DATA_LICENCE))
        g.add((dump, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(written.sha256.hexdigest(), datatype=XSD.hexBinary)))
    return g
