"""The contracts of the graph stages.

``extract``: :class:`~loaders.article.Article` → :class:`ArticleGraph` (entities and
relations of one article, each with evidence spans into ``Article.text``).

``resolve``: many :class:`ArticleGraph` → one :class:`KnowledgeGraph` of :class:`Node`
and :class:`Edge`, one node per real-world entity, keyed by a stable id that the RDF
IRIs and the Neo4j node keys share.

>>> e = Entity(EntityType.Union, "北京市总工会", aliases=["市总工会"])
>>> e.names
['北京市总工会', '市总工会']
>>> node_id(EntityType.Union, "北京市总工会")
'union/北京市总工会'
>>> node_id(EntityType.Event, '“书香”诗会 <1>')
'event/书香诗会_1'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from loaders.article import Article, LoadError, from_row
from ontology.schema import EntityType, Predicate

_QUOTES = "“”‘’\"'「」『』《》〈〉·・•"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)


def normalise_name(name: str) -> str:
    """The comparison form of a name, as GUIDELINES.md scores it: NFKC, no quote
    marks, no middle dots, no white space."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name).translate(_QUOTE_TABLE))
    # NFKC again: removing a space can bring a letter and a combining mark together
    # ("t¨" is "t", a space and U+0308), and the form must not change when normalised twice
    return unicodedata.normalize("NFKC", s)


def node_id(etype: EntityType, name: str) -> str:
    """Stable id of an entity: its type and normalised canonical name, made safe to
    use as the last segment of an IRI (letters of any script kept, others → ``_``)."""
    slug = re.sub(r"[^\w\-.~]+", "_", normalise_name(name)).strip("_") or "_"
    return f"{etype.slug}/{slug}"


@dataclass(frozen=True)
class Span:
    """Half-open character span of ``Article.text``."""

    start: int
    end: int


@dataclass
class Entity:
    """One entity as one article names it (annotated once per article)."""

    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    confidence: float = 1.0
    rules: list[str] = field(default_factory=list)  # the extraction rules that found it

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def add_alias(self, alias: str) -> None:
        if alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def absorb(self, other: "Entity") -> None:
        """Take in ``other``, another name of this entity in the same article."""
        for alias in other.names:
            self.add_alias(alias)
        self.spans.extend(other.spans)
        self.rules.extend(r for r in other.rules if r not in self.rules)


@dataclass
class Relation:
    """``subject`` and ``object`` are entity names (``Entity.name``) of the same article."""

    subject: str
    predicate: Predicate
    object: str
    evidence: Span | None = None
    title: str | None = None
    confidence: float = 1.0
    inferred: bool = False
    rule: str = ""  # the extraction rule that stated it

    @property
    def key(self) -> tuple[str, Predicate, str]:
        return (self.subject, self.predicate, self.object)


@dataclass
class ArticleGraph:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity(self, name: str) -> Entity | None:
        for e in self.entities:
            if name in e.names:
                return e
        return None

    def snippet(self, span: Span) -> str:
        return snippet(self.article.text, span.start, span.end)

    def to_json(self) -> dict:
        """The article and its extraction, as a build's ``sources.jsonl`` keeps them so
        that the next build need not extract the article again.

        >>> from loaders.article import Article
        >>> a = Article.from_parts("p.txt", 0, "标题", [(0, "标题")], [(3, "张三任主席")])
        >>> g = ArticleGraph(a, [Entity(EntityType.Person, "张三", spans=[Span(3, 5)], rules=["after-title"])],
        ...                  [Relation("张三", Predicate.holdsPost, "张三", Span(3, 8), "主席", 0.8, rule="posts")])
        >>> ArticleGraph.from_json(g.to_json()) == g
        True
        """
        return {
            "article": self.article.to_json(),
            "entities": [
                {
                    "type": e.type.value,
                    "name": e.name,
                    "aliases": e.aliases,
                    "spans": [vars(s) for s in e.spans],
                    "confidence": e.confidence,
                    "rules": e.rules,
                }
                for e in self.entities
            ],
            "relations": [
                {
                    "s": r.subject,
                    "p": r.predicate.value,
                    "o": r.object,
                    "evidence": vars(r.evidence) if r.evidence else None,
                    "title": r.title,
                    "confidence": r.confidence,
                    "inferred": r.inferred,
                    "rule": r.rule,
                }
                for r in self.relations
            ],
        }

    @classmethod
    def from_json(cls, d: dict) -> ArticleGraph:
        entities = [
            Entity(
                EntityType(e["type"]),
                e["name"],
                list(e["aliases"]),
                [from_row(Span, s) for s in e["spans"]],
                e["confidence"],
                list(e["rules"]),
            )
            for e in d["entities"]
        ]
        relations = [
            Relation(
                r["s"],
                Predicate(r["p"]),
                r["o"],
                from_row(Span, r["evidence"]) if r["evidence"] else None,
                r["title"],
                r["confidence"],
                r["inferred"],
                r["rule"],
            )
            for r in d["relations"]
        ]
        return cls(Article.from_json(d["article"]), entities, relations)


def snippet(text: str, start: int, end: int, context: int = 12) -> str:
    """The words around ``text[start:end]``, on one line: the evidence a reader checks.

    >>> snippet("第一行\\n北京市总工会召开会议", 4, 10, context=2)
    '行 北京市总工会召开'
    """
    return text[max(0, start - context) : end + context].replace("\n", " ")


@dataclass
class Mention:
    """Where a node is named: an article and a span of its text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class When:
    """When something happened (graph/dates.py): ``start`` ISO (2024, 2024-05,
    2024-05-08); ``precision`` day, month, year or around (about the article's date:
    近日); ``end`` the last day of a range; ``article_id`` the article that says so."""

    start: str
    precision: str
    end: str | None = None
    article_id: str = ""

    @property
    def rank(self) -> tuple:
        """Most precise first, then earliest: the date a node shows."""
        return ("day", "around", "month", "year").index(self.precision), self.start


@dataclass
class Node:
    id: str
    type: EntityType
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # reference facts from gazetteers (e.g. {"gb2260": "110105", "wikidata": "Q394701"})
    facts: dict[str, str] = field(default_factory=dict)
    dates: list[When] = field(default_factory=list)  # an event's, one per article that dates it
    # the normalised names resolution merged it by: what the id registry (graph/registry.py)
    # knows it by; set by resolve, not kept in graph.json
    merge_names: set[str] = field(default_factory=set, compare=False, repr=False)


@dataclass
class Evidence:
    article_id: str
    start: int
    end: int
    snippet: str
    rule: str = ""  # the extraction rule that read the fact there


@dataclass
class Edge:
    subject: str  # Node.id
    predicate: Predicate
    object: str  # Node.id
    title: str | None = None
    inferred: bool = False
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    since: When | None = None  # a post's or honour's start, where an article says it (2019年当选)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.subject, self.predicate.value, self.object, self.title or "")


@dataclass
class KnowledgeGraph:
    articles: dict[str, Article] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)
    failures: list[LoadError] = field(default_factory=list)
    # ids published by an earlier build that now name another node: old id → node id
    redirects: dict[str, str] = field(default_factory=dict)
    # corrections applied by hand (graph/curation/corrections.py): node ids, fact keys, rejected, stale
    curation: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """The whole graph as JSON (``graph.json`` of a build folder), so that later
        stages such as ``unionkg load neo4j build/`` need not extract again.

        >>> kg = KnowledgeGraph(nodes={"union/甲": Node("union/甲", EntityType.Union, "甲", {"乙"})})
        >>> KnowledgeGraph.from_json(kg.to_json()) == kg
        True
        """
        return {
            "articles": [a.to_json() for a in self.articles.values()],
            "nodes": [
                {
                    "id": n.id,
                    "type": n.type.value,
                    "name": n.name,
                    "aliases": sorted(n.aliases),
                    "facts": n.facts,
                    "mentions": [vars(m) for m in n.mentions],
                    **({"dates": [vars(w) for w in n.dates]} if n.dates else {}),
                }
                for n in self.nodes.values()
            ],
            "edges": [
                {
                    "subject": e.subject,
                    "predicate": e.predicate.value,
                    "object": e.object,
                    "title": e.title,
                    "inferred": e.inferred,
                    "confidence": e.confidence,
                    "evidence": [vars(ev) for ev in e.evidence],
                    **({"since": vars(e.since)} if e.since else {}),
                }
                for e in self.edges.values()
            ],
            "failures": [{"source": f.source, "reason": f.reason, "line": f.line} for f in self.failures],
            "redirects": dict(self.redirects),  # old id → the id it now names
            "curation": dict(self.curation),
        }

    @classmethod
    def from_json(cls, d: dict) -> "KnowledgeGraph":
        kg = cls(failures=[from_row(LoadError, f) for f in d["failures"]])
        for a in d["articles"]:
            article = Article.from_json(a)
            kg.articles[article.id] = article
        for n in d["nodes"]:
            kg.nodes[n["id"]] = Node(
                n["id"],
                EntityType(n["type"]),
                n["name"],
                set(n["aliases"]),
                [from_row(Mention, m) for m in n["mentions"]],
                dict(n["facts"]),
                [from_row(When, w) for w in n.get("dates", [])],
            )
        for e in d["edges"]:
            edge = Edge(
                e["subject"],
                Predicate(e["predicate"]),
                e["object"],
                e["title"],
                e["inferred"],
                e["confidence"],
                [from_row(Evidence, ev) for ev in e["evidence"]],
                from_row(When, e["since"]) if e.get("since") else None,
            )
            kg.edges[edge.key] = edge
        kg.redirects = dict(d.get("redirects", {}))
        kg.curation = dict(d.get("curation", {}))
        return kg

    def summary(self) -> dict:
        from collections import Counter

        return {
            "articles": len(self.articles),
            "entities": dict(sorted(Counter(n.type.value for n in self.nodes.values()).items())),
            "relations": dict(sorted(Counter(e.predicate.value for e in self.edges.values()).items())),
            "redirects": len(self.redirects),
            "failures": [str(f) for f in self.failures],
        }
