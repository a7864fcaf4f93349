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

from loaders.article import Article, LoadError
from ontology.schema import EntityType, Predicate

_QUOTES = "“”‘’\"'「」『』《》〈〉·・•"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)


def normalise_name(name: str) -> str:
    """The comparison form of a name, as GUIDELINES.md scores it: NFKC, no quote
    marks, no middle dots, no white space."""
    s = unicodedata.normalize("NFKC", name)
    return re.sub(r"\s+", "", s.translate(_QUOTE_TABLE))


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

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def add_alias(self, alias: str) -> None:
        if alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)


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

    def snippet(self, span: Span, context: int = 12) -> str:
        text = self.article.text
        return text[max(0, span.start - context) : span.end + context].replace("\n", " ")


@dataclass
class Mention:
    """Where a node is named: an article and a span of its text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Node:
    id: str
    type: EntityType
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # reference facts from gazetteers (e.g. {"gb2260": "110105", "wikidata": "Q394701"})
    facts: dict[str, str] = field(default_factory=dict)


@dataclass
class Evidence:
    article_id: str
    start: int
    end: int
    snippet: str


@dataclass
class Edge:
    subject: str  # Node.id
    predicate: Predicate
    object: str  # Node.id
    title: str | None = None
    inferred: bool = False
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.subject, self.predicate.value, self.object, self.title or "")


@dataclass
class KnowledgeGraph:
    articles: dict[str, Article] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)
    failures: list[LoadError] = field(default_factory=list)

    def summary(self) -> dict:
        from collections import Counter

        return {
            "articles": len(self.articles),
            "entities": dict(sorted(Counter(n.type.value for n in self.nodes.values()).items())),
            "relations": dict(sorted(Counter(e.predicate.value for e in self.edges.values()).items())),
            "failures": [str(f) for f in self.failures],
        }
