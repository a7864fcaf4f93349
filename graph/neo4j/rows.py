"""A :class:`~graph.model.KnowledgeGraph` as Neo4j node and relationship rows.

The property-graph model mirrors the ontology and the RDF release (``graph/rdf/release.py``);
the Neo4j loader (``graph/neo4j/loader.py``), the CSV export (``graph/neo4j/csv_export.py``)
and the saved Cypher questions all follow it:

- ``(:Entity:<Type>)`` one node per entity, keyed by ``iri`` (the entity's IRI in the
  RDF release); ``id``, ``name``, ``aliases`` (list), ``type``; Districts also
  ``gb2260`` and ``wikidata`` when known; Events that an article dates ``date`` (a Neo4j
  date: the first day of a month or year), ``date_precision`` (day, around, month, year)
  and ``end_date`` (a range's last day).
- ``(:Article)`` one node per article, keyed by ``iri``; ``id``, ``title``, ``kind``,
  ``date`` (ISO: 2024-05-08, 2024-05 or 2024), ``date_precision`` (day, month, year),
  ``date_origin`` (loaders.dates.ORIGINS), ``source``, ``url``, ``outlet``, ``reporters``
  (list), ``checksum``.
- ``(:Entity)-[:MENTIONED_IN {start, end, text}]->(:Article)`` one per span: where the
  article names the entity and the words it uses. As in the RDF release, the words around
  them are kept only where they are evidence, on the facts (with a snippet on each of its
  2.5 M mentions, the database of 100k articles took 994 MB instead of 642 MB).
- ``(:Redirect {iri})-[:SAME_AS]->(:Entity)`` an entity IRI an earlier build published
  that now names another entity (``KnowledgeGraph.redirects``).
- ``(:Entity)-[:HOLDS_POST|WORKS_FOR|…]->(:Entity)`` one per fact (``graph.model.Edge``),
  keyed by ``key`` (the statement IRI); ``title`` (posts only), ``inferred``,
  ``confidence``, ``since`` and ``since_precision`` (a post's or honour's start, where an
  article says when), ``first_seen`` and ``last_seen`` (the dates of the first and last
  articles that state it, ISO), ``articles`` (ids of the articles that state it, no repeats),
  ``snippets`` (evidence snippets), ``evidence`` (``"<article id>:<start>-<end>"``,
  where ``snippets[i]`` was read), so that an incremental load can take one article's
  evidence back out, and ``evidence_titles`` (the title of that article).
- Statistics the build computed (:mod:`graph.statistics`), on every entity:
  ``article_count``, ``mention_count``, ``first_mentioned`` and ``last_mentioned`` (ISO, as an
  article's ``date``); where it organised or took part in activities ``organised_count``,
  ``attended_count`` and ``activity_count``; a person's ``body_count`` (bodies it holds a
  post in or works for); an event's or programme's ``activity_kinds`` (list) and
  ``organiser_names`` (who organised it, joined by 、); a person's ``honour_names``,
  ``post_names`` ("body（title）") and ``employer_names``, joined likewise; a programme's
  ``district_count`` and ``district_names`` (the innermost districts it reached) and, year by
  year, ``reach_years``, ``reach_district_counts`` and ``reach_district_names`` (lists, the
  i-th of each for one year). Counts per label and type are Neo4j's own (its count store).
- Entities and facts a person corrected (:mod:`graph.curation.corrections`) have ``curated`` (true)
  and ``curator`` (the names of who corrected them, a list).

Properties that are unknown are absent (Neo4j stores no nulls); the statistics' are None
in the rows, so that a load removes a statistic an earlier one set.

>>> from loaders.article import Article
>>> from graph.model import Edge, Evidence, Mention, Node
>>> from ontology.schema import EntityType, Predicate
>>> a = Article.from_parts("p.txt", 0, "标题", [(0, "标题")], [(3, "张三任北京市总工会主席")])
>>> kg = KnowledgeGraph(articles={a.id: a})
>>> kg.nodes["union/北京市总工会"] = Node("union/北京市总工会", EntityType.Union, "北京市总工会",
...     aliases={"市总工会"}, mentions=[Mention(a.id, 6, 12, "北京市总工会")])
>>> kg.nodes["person/张三"] = Node("person/张三", EntityType.Person, "张三", mentions=[Mention(a.id, 3, 5, "张三")])
>>> edge = Edge("person/张三", Predicate.holdsPost, "union/北京市总工会", title="主席",
...             evidence=[Evidence(a.id, 3, 14, "张三任北京市总工会主席")])
>>> kg.edges[edge.key] = edge
>>> pg = to_property_graph(kg)
>>> union = pg.entities[0]
>>> union.labels, union.props["iri"], union.props["aliases"]
(('Entity', 'Union'), 'https://w3id.org/unionkg/id/union/北京市总工会', ['市总工会'])
>>> post = pg.facts[0]
>>> post.type, post.props["title"], post.props["articles"] == [a.id], post.props["evidence"] == [f"{a.id}:3-14"]
('HOLDS_POST', '主席', True, True)
>>> pg.counts()
{'Article': 1, 'Entity': 2, 'Person': 1, 'Union': 1, 'HOLDS_POST': 1, 'MENTIONED_IN': 2}
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from graph.curation.corrections import curated_edge, curated_node
from graph.dates import first_date, seen
from graph.iris import DEFAULT_BASE, IriScheme
from graph.model import Edge, Evidence, KnowledgeGraph, Node
from graph.statistics import EntityStatistics, compute
from loaders import dates
from loaders.article import Article
from ontology.schema import Predicate

ENTITY = "Entity"
ARTICLE = "Article"
MENTIONED_IN = "MENTIONED_IN"
REDIRECT, SAME_AS = "Redirect", "SAME_AS"
FACT_TYPES = tuple(p.neo4j_type for p in Predicate)
REFERENCE_FACTS = ("gb2260", "wikidata")  # gazetteer facts a node may carry


@dataclass(frozen=True)
class NodeRow:
    """One node: its labels and its properties (``props["iri"]`` is the key)."""

    labels: tuple[str, ...]
    props: dict


@dataclass(frozen=True)
class RelationshipRow:
    """One relationship from the node keyed ``source`` to the node keyed ``target``."""

    type: str
    source: str
    target: str
    props: dict

    def row(self) -> dict:
        """The parameter row a Cypher ``UNWIND $rows AS row`` reads."""
        return {"type": self.type, "source": self.source, "target": self.target, "props": self.props}


@dataclass
class PropertyGraph:
    articles: list[NodeRow] = field(default_factory=list)
    entities: list[NodeRow] = field(default_factory=list)
    mentions: list[RelationshipRow] = field(default_factory=list)
    facts: list[RelationshipRow] = field(default_factory=list)
    redirects: list[RelationshipRow] = field(default_factory=list)  # a :Redirect node and its SAME_AS each
    # keys of facts a person rejected: an earlier load has them
    rejected: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return (
            len(self.articles)
            + len(self.entities)
            + len(self.mentions)
            + len(self.facts)
            + len(self.redirects)
        )

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type, as Neo4j would count them."""
        labels = Counter(label for n in self.articles + self.entities for label in n.labels)
        labels.update([REDIRECT] * len(self.redirects))
        types = Counter(r.type for r in self.mentions + self.facts + self.redirects)
        return dict(sorted(labels.items())) | dict(sorted(types.items()))


def to_property_graph(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> PropertyGraph:
    """The rows of every node and relationship of ``kg`` (IRIs under ``base``)."""
    iris = IriScheme(base)
    pg = PropertyGraph()
    stats = compute(kg)
    for article in kg.articles.values():
        pg.articles.append(NodeRow((ARTICLE,), article_props(article, iris)))
    for node in kg.nodes.values():
        pg.entities.append(
            NodeRow(
                (ENTITY, node.type.value),
                entity_props(node, iris)
                | statistics_props(stats.entities[node.id])
                | _curated(curated_node(kg, node)),
            )
        )
        pg.mentions.extend(_mentions(node, iris))
    for edge in kg.edges.values():
        pg.facts.append(_fact(edge, iris, _curated(curated_edge(kg, edge)), kg.articles))
    for old, new in kg.redirects.items():
        pg.redirects.append(RelationshipRow(SAME_AS, str(iris.entity(old)), str(iris.entity(new)), {}))
    for rejected in kg.curation.get("rejected", []):
        s, p, o, title = rejected["key"]
        pg.rejected.append(str(iris.statement(Edge(s, Predicate(p), o, title or None))))
    return pg


def entity_props(node: Node, iris: IriScheme) -> dict:
    props = {
        "iri": str(iris.entity(node.id)),
        "id": node.id,
        "name": node.name,
        "aliases": sorted(node.aliases - {node.name}),
        "type": node.type.value,
    }
    for key in REFERENCE_FACTS:
        if value := node.facts.get(key, "").strip():
            props[key] = value
    if when := first_date(node.dates):  # Neo4j dates are days: a month or year starts on its first
        props["date"] = neo4j_date(when.start)
        props["date_precision"] = when.precision
        if when.end:
            props["end_date"] = date.fromisoformat(when.end)
    return props


def statistics_props(stats: EntityStatistics) -> dict:
    """The entity's statistics. One it has none of is None, as the RDF release leaves it
    out: the load's ``SET n += row`` then removes what an earlier load set (an entity
    whose last activity went with a changed article), and the CSV export leaves it empty."""
    active = stats.activities > 0  # as a question that counts activities finds only those that have some
    by_year = stats.districts_by_year
    return {
        "article_count": stats.articles,
        "mention_count": stats.mentions,
        "first_mentioned": stats.first_mentioned,
        "last_mentioned": stats.last_mentioned,
        "organised_count": stats.organised if active else None,
        "attended_count": stats.attended if active else None,
        "activity_count": stats.activities if active else None,
        "body_count": stats.bodies or None,
        "activity_kinds": list(stats.activity_kinds) or None,
        "organiser_names": "、".join(stats.organisers) or None,
        "honour_names": "、".join(stats.honours) or None,
        "post_names": "、".join(stats.posts) or None,
        "employer_names": "、".join(stats.employers) or None,
        # a programme's districts (statistics.Reach): all of them, then those of each year
        "district_count": len(stats.districts.districts) if stats.districts else None,
        "district_names": "、".join(stats.districts.names) if stats.districts else None,
        "reach_years": [r.year for r in by_year] or None,
        "reach_district_counts": [len(r.districts) for r in by_year] or None,
        "reach_district_names": ["、".join(r.names) for r in by_year] or None,
    }


def neo4j_date(iso: str) -> date:
    """2024-05-08, 2024-05 or 2024 as a day: Neo4j's dates are days (the precision goes beside)."""
    return date.fromisoformat((iso + "-01-01")[:10])


def article_props(article: Article, iris: IriScheme) -> dict:
    props = {
        "iri": str(iris.article(article.id)),
        "id": article.id,
        "title": article.title,
        "kind": article.kind,
        "date": article.date,
        "date_precision": dates.precision(article.date) if article.date else None,
        "date_origin": article.date_origin,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "reporters": list(article.byline.reporters),
        "checksum": article.checksum,
    }
    return {k: v for k, v in props.items() if v is not None}


def _mentions(node: Node, iris: IriScheme) -> list[RelationshipRow]:
    source = str(iris.entity(node.id))
    rows: dict[tuple[str, int, int], RelationshipRow] = {}  # a span named twice is one mention
    for m in node.mentions:
        props = {"start": m.start, "end": m.end, "text": m.text}
        target = str(iris.article(m.article_id))
        rows.setdefault((target, m.start, m.end), RelationshipRow(MENTIONED_IN, source, target, props))
    return list(rows.values())


def _curated(corrections: list[dict]) -> dict:
    if not corrections:
        return {}
    return {"curated": True, "curator": sorted({c.get("curator") or "anonymous" for c in corrections})}


def _fact(edge: Edge, iris: IriScheme, curated: dict, articles: dict[str, Article]) -> RelationshipRow:
    evidence: dict[str, Evidence] = {}  # "<article id>:<start>-<end>" → the first evidence read there
    for ev in edge.evidence:
        evidence.setdefault(f"{ev.article_id}:{ev.start}-{ev.end}", ev)
    props = {
        "key": str(iris.statement(edge)),
        "title": edge.title,
        "inferred": edge.inferred,
        "confidence": round(edge.confidence, 4),
        "articles": list(dict.fromkeys(ev.article_id for ev in edge.evidence)),
        "snippets": [ev.snippet for ev in evidence.values()],
        "rules": [ev.rule for ev in evidence.values()],
        "evidence": list(evidence),
        # the title of the article each was read in: fact_evidence sorts every piece of a
        # hub's evidence by it, and looking 16k articles up took twice its other work
        "evidence_titles": [
            articles[ev.article_id].title if ev.article_id in articles else "" for ev in evidence.values()
        ],
        **curated,
        # a day, or a month's or year's first day, as an event's date
        "since": neo4j_date(edge.since.start) if edge.since else None,
        "since_precision": edge.since.precision if edge.since else None,
    }
    props["first_seen"], props["last_seen"] = seen(edge, articles)
    return RelationshipRow(
        edge.predicate.neo4j_type,
        str(iris.entity(edge.subject)),
        str(iris.entity(edge.object)),
        {k: v for k, v in props.items() if v is not None},
    )
