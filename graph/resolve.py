"""Resolution: many :class:`ArticleGraph` → one :class:`KnowledgeGraph`.

Entities of the same type merge when they share a name or a specific alias
(经开区总工会 in two articles is one union; 市总工会 / 北京市总工会 via the federation
gazetteer). Relative names (区总工会, 该公司工会) and a name's tail not headed by a place
(第一分公司 of 中铁某集团第一分公司) never merge across articles: in two articles they may
mean two bodies. A node's canonical name is the name (``Entity.name``) the most
articles of the group call it by, ties to the longest, then the first in code-point
order: a one-off fragment (习贯彻北京市工会十五大) never wins over the name the articles
use. Its id (``union/北京市总工会``) is derived from it, so the same articles give the same
ids on every run and in any batches.

>>> from loaders.text import compose, split_lines
>>> from graph.extract import extract
>>> a = compose("a.txt", 0, None, split_lines("北京市总工会举办培训。"))
>>> b = compose("b.txt", 0, None, split_lines("市总工会召开会议。"))
>>> kg = resolve([extract(a), extract(b)])
>>> sorted(n.id for n in kg.nodes.values() if n.type.value == "Union")
['union/北京市总工会']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.dates import event_dates, start_date
from graph.extract import lexicon as lx
from graph.model import (
    ArticleGraph,
    Edge,
    Evidence,
    KnowledgeGraph,
    Mention,
    Node,
    node_id,
    normalise_name,
)
from ontology import gazetteers
from ontology.schema import EntityType, Predicate

_IN_TIME = (Predicate.holdsPost, Predicate.hasHonour)  # facts that begin at a date
_RELATIVE = re.compile(r"^(区|市|县|镇|乡|街道|该|本|集团|公司)")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _mergeable_names(entity) -> list[str]:
    known = lx.union_aliases()
    return [
        normalise_name(n)
        for n in entity.names
        if n == entity.name
        or (n in known or len(n) >= 3 and not _RELATIVE.match(n) and not _generic_tail(entity.name, n))
        and not _another_place(entity.name, n)
    ]


def _generic_tail(name: str, short: str) -> bool:
    """Is ``short`` the tail of ``name`` that does not start with a place (第一分公司工会 of
    中铁某集团第一分公司工会)? Another article's 第一分公司 is another company's; a tail
    headed by a place (礼贤镇总工会 of 大兴区礼贤镇总工会) names the same body anywhere."""
    return name.endswith(short) and lx.place_at_start(short) is None


def _another_place(name: str, alias: str) -> bool:
    """Whether ``alias`` is the gazetteer's name of a place other than ``name``, or names
    a body after such a place: one article's 某地区（以下简称：经开区） must not make that
    place, or its 经开区总工会, 北京经济技术开发区's everywhere."""
    facts = lx.place_facts()
    head = lx.place_at_start(alias[:-1])  # a place the alias starts with, not the alias itself
    if head is not None and head not in name and facts[head].name not in name:
        return True
    fact = facts.get(alias)
    return fact is not None and fact.name != name


def resolve(graphs: Iterable[ArticleGraph], failures=(), *, release_entities: bool = False) -> KnowledgeGraph:
    """One graph of the articles' entities and relations. With ``release_entities``,
    for a caller done with ``graphs`` (a build), their entities are let go as they are
    merged, so that the extraction and the graph are never both whole in memory (at
    100k articles each takes more than a gigabyte)."""
    graphs = list(graphs)
    uf = _UnionFind()
    mergeable: dict[int, list[str]] = {}  # id(entity) → its mergeable names, the first its name
    dated = {}  # (article id, event name) → when the article says it happened
    for g in graphs:
        dated.update(((g.article.id, name), when) for name, when in event_dates(g).items())
        for e in g.entities:
            names = mergeable[id(e)] = _mergeable_names(e)
            for n in names[1:]:
                uf.union((e.type, names[0]), (e.type, n))

    kg = KnowledgeGraph(failures=list(failures))
    groups: dict = {}
    for g in graphs:
        kg.articles[g.article.id] = g.article
        for e in g.entities:
            groups.setdefault(uf.find((e.type, normalise_name(e.name))), []).append((g, e))
        if release_entities:
            g.entities = []  # the group holds them now, until it is merged

    local_ids: dict[tuple[str, str], str] = {}  # (article id, entity name) → node id
    texts: dict[str, str] = {}  # one string per mention text: a name is named thousands of times
    for key in list(groups):
        members = groups.pop(key)
        etype = members[0][1].type
        canonical = _canonical(members)
        node = kg.nodes.setdefault(
            node_id(etype, canonical), Node(node_id(etype, canonical), etype, canonical)
        )
        for g, e in members:
            node.merge_names.update(mergeable.pop(id(e)))
            node.aliases.update(n for n in e.names if n != canonical)
            for span in e.spans:
                text = g.article.text[span.start : span.end]
                node.mentions.append(
                    Mention(g.article.id, span.start, span.end, texts.setdefault(text, text))
                )
            for n in e.names:
                local_ids[(g.article.id, n)] = node.id
            if when := dated.get((g.article.id, e.name)):
                node.dates.append(when)
        if etype is EntityType.District:
            node.facts.update(_district_facts(canonical))

    for g in graphs:
        for r in g.relations:
            s = local_ids.get((g.article.id, r.subject))
            o = local_ids.get((g.article.id, r.object))
            if not s or not o or s == o:
                continue
            edge = Edge(s, r.predicate, o, r.title, r.inferred, r.confidence)
            edge = kg.edges.setdefault(edge.key, edge)
            edge.confidence = max(edge.confidence, r.confidence)
            if r.evidence:
                edge.evidence.append(
                    Evidence(g.article.id, r.evidence.start, r.evidence.end, g.snippet(r.evidence), r.rule)
                )
                if r.predicate in _IN_TIME and (since := start_date(g.article, r.evidence)):
                    edge.since = min(filter(None, (edge.since, since)), key=lambda w: w.start)
    return kg


def _canonical(members: list) -> str:
    """The name most articles of the group give the entity; ties to the longest
    (normalised), then the first in code-point order.

    >>> from graph.model import ArticleGraph, Entity
    >>> from loaders.article import Article
    >>> def named(article, name):
    ...     return ArticleGraph(Article(article, "", "", "", [])), Entity(EntityType.Event, name)
    >>> _canonical([named("a1", "北京市工会十五大"), named("a2", "习贯彻北京市工会十五大"),
    ...             named("a3", "北京市工会十五大")])
    '北京市工会十五大'
    >>> _canonical([named("a1", "北京公交集团"), named("a2", "北京公共交通控股(集团)有限公司")])
    '北京公共交通控股(集团)有限公司'
    """
    articles: dict[str, set[str]] = {}
    for g, e in members:
        articles.setdefault(e.name, set()).add(g.article.id)
    return min(articles, key=lambda n: (-len(articles[n]), -len(normalise_name(n)), n))


def _district_facts(name: str) -> dict[str, str]:
    for d in gazetteers.districts():
        if d.name == name:
            return {k: v for k, v in (("gb2260", d.code), ("wikidata", d.wikidata)) if v}
    return {}
