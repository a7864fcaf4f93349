"""Network analytics of a :class:`~graph.model.KnowledgeGraph`: who is central, which
organisations work together, how the federation is structured, and how the coverage
moves over time.

- **centrality** of organisations and people: degree (distinct neighbours), PageRank and
  betweenness on the undirected graph of all facts (events, places and honours included,
  since they are what connects two organisations);
- **communities** of organisations that appear together: two organisations are linked
  once per event or programme both took part in (organised, participated, hosted it) and
  once per article that names both; Louvain communities of that graph;
- **hierarchy**: the forest of ``subOrganizationOf`` (a body under its parent) and
  ``unionOf`` (a union under the enterprise, organisation or district it represents);
- **timeline**: articles, mentions, entities first seen and facts stated per month, for
  the articles whose date is known.

>>> from graph.model import KnowledgeGraph, Node, Edge
>>> from ontology.schema import EntityType as T, Predicate as P
>>> kg = KnowledgeGraph()
>>> for nid, t, name in [("union/市", T.Union, "市总工会"), ("union/区", T.Union, "区总工会"),
...                      ("person/张", T.Person, "张三"), ("event/会", T.Event, "大会")]:
...     kg.nodes[nid] = Node(nid, t, name)
>>> for s, p, o in [("union/区", P.subOrganizationOf, "union/市"), ("person/张", P.holdsPost, "union/区"),
...                 ("union/市", P.organised, "event/会"), ("union/区", P.participatedIn, "event/会")]:
...     kg.edges[(s, p.value, o, "")] = Edge(s, p, o)
>>> a = analyse(kg)
>>> [(c.name, c.degree) for c in a.centrality]
[('区总工会', 3), ('市总工会', 2), ('张三', 1)]
>>> a.communities[0].members
['区总工会', '市总工会']
>>> print(a.hierarchy_text())
市总工会 [Union]
└── 区总工会 [Union] 隶属
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, fields

import networkx as nx

from graph.model import KnowledgeGraph
from ontology.schema import ORGANISATIONS, EntityType, Predicate

# Exact betweenness is O(nodes × edges): past this many nodes it is estimated from a
# sample of this many source nodes (networkx's k-sampling, seeded, so runs agree).
BETWEENNESS_SAMPLE = 300

_GATHERINGS = frozenset({EntityType.Event, EntityType.Programme})
# Facts that put an organisation at an event or programme.
_TAKES_PART = frozenset({Predicate.organised, Predicate.participatedIn, Predicate.heldAt})
_BRIEF_MEMBERS = 8
_LINK_WORDS = {"": "", Predicate.subOrganizationOf.value: " 隶属", Predicate.unionOf.value: " 的工会"}


@dataclass
class Centrality:
    id: str
    name: str
    type: str
    degree: int  # distinct neighbours, any type
    pagerank: float
    betweenness: float
    articles: int  # articles that mention it


@dataclass
class Community:
    number: int
    members: list[str]  # names, the most connected first
    ids: list[str]
    ties: int  # co-occurrences (shared events + shared articles) inside the community


@dataclass
class HierarchyNode:
    id: str
    name: str
    type: str
    link: str = ""  # how it hangs under its parent: subOrganizationOf or unionOf ("" for a root)
    children: list[HierarchyNode] = field(default_factory=list)


@dataclass
class Period:
    month: str  # YYYY-MM
    articles: int
    mentions: int
    new_entities: int  # entities first mentioned this month
    facts: int  # statements of a relation (evidence) in this month's articles


@dataclass
class Table:
    columns: tuple[str, ...]
    rows: list[dict]


@dataclass
class Analysis:
    nodes: int
    edges: int
    articles: int
    dated_articles: int
    centrality: list[Centrality]
    communities: list[Community]
    hierarchy: list[HierarchyNode]
    timeline: list[Period]

    def to_json(self) -> dict:
        return asdict(self)

    def tables(self, brief: bool = False) -> dict[str, Table]:
        """Each section as columns and flat rows, for CSV files; ``brief`` for a terminal:
        no ids, and the first few members of a community."""

        def members(c: Community) -> str:
            shown = c.members[:_BRIEF_MEMBERS] if brief else c.members
            return "、".join(shown) + (
                f" …(+{len(c.members) - len(shown)})" if len(shown) < len(c.members) else ""
            )

        centrality_columns = tuple(f.name for f in fields(Centrality) if not (brief and f.name == "id"))
        return {
            "centrality": Table(
                centrality_columns,
                [{k: v for k, v in asdict(c).items() if k in centrality_columns} for c in self.centrality],
            ),
            "communities": Table(
                ("community", "size", "ties", "members"),
                [
                    {"community": c.number, "size": len(c.members), "ties": c.ties, "members": members(c)}
                    for c in self.communities
                ],
            ),
            "hierarchy": Table(
                ("depth", "id", "name", "type", "parent", "link"),
                [
                    {
                        "depth": depth,
                        "id": n.id,
                        "name": n.name,
                        "type": n.type,
                        "parent": parent,
                        "link": n.link,
                    }
                    for depth, n, parent in _walk(self.hierarchy)
                ],
            ),
            "timeline": Table(tuple(f.name for f in fields(Period)), [asdict(p) for p in self.timeline]),
        }

    def hierarchy_text(self) -> str:
        """The hierarchy as an indented tree, one organisation a line."""
        lines: list[str] = []

        def draw(node: HierarchyNode, prefix: str, last: bool, root: bool) -> None:
            branch = "" if root else ("└── " if last else "├── ")
            lines.append(f"{prefix}{branch}{node.name} [{node.type}]{_LINK_WORDS[node.link]}")
            inner = prefix if root else prefix + ("    " if last else "│   ")
            for i, child in enumerate(node.children):
                draw(child, inner, i == len(node.children) - 1, False)

        for root in self.hierarchy:
            draw(root, "", True, True)
        return "\n".join(lines)


def undirected(kg: KnowledgeGraph) -> nx.Graph:
    """Every fact as an undirected link, weighted by how many facts join the two nodes."""
    g = nx.Graph()
    g.add_nodes_from(sorted(kg.nodes))
    for e in kg.edges.values():
        if g.has_edge(e.subject, e.object):
            g[e.subject][e.object]["weight"] += 1
        else:
            g.add_edge(e.subject, e.object, weight=1)
    return g


def centrality(kg: KnowledgeGraph, top: int | None = None, by: str = "pagerank") -> list[Centrality]:
    """Organisations and people, highest first ``by`` pagerank, betweenness, degree or articles."""
    g = undirected(kg)
    if not g:
        return []
    pagerank = nx.pagerank(g, weight="weight")
    sample = BETWEENNESS_SAMPLE if len(g) > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(g, k=sample, seed=0)
    articles = {nid: len({m.article_id for m in n.mentions}) for nid, n in kg.nodes.items()}
    rows = [
        Centrality(
            nid,
            kg.nodes[nid].name,
            kg.nodes[nid].type.value,
            g.degree(nid),
            round(pagerank[nid], 5),
            round(betweenness[nid], 5),
            articles[nid],
        )
        for nid in g
        if kg.nodes[nid].type in ORGANISATIONS or kg.nodes[nid].type is EntityType.Person
    ]
    rows.sort(key=lambda c: (-getattr(c, by), -c.pagerank, c.id))
    return rows[:top] if top else rows


def co_occurrence(kg: KnowledgeGraph) -> nx.Graph:
    """Organisations linked by shared events/programmes and shared articles (``weight``)."""
    orgs = {nid for nid, n in kg.nodes.items() if n.type in ORGANISATIONS}
    groups: dict[str, set[str]] = defaultdict(set)  # an event, programme or article → its organisations
    for e in kg.edges.values():
        if e.predicate not in _TAKES_PART:
            continue
        for org, other in ((e.subject, e.object), (e.object, e.subject)):
            if org in orgs and kg.nodes[other].type in _GATHERINGS:
                groups[other].add(org)
    for nid in orgs:
        for m in kg.nodes[nid].mentions:
            groups["article:" + m.article_id].add(nid)
    g = nx.Graph()
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            weight = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=weight)
    return g


def communities(kg: KnowledgeGraph, top: int | None = None) -> list[Community]:
    """Louvain communities (seeded, so reproducible) of :func:`co_occurrence`, largest first."""
    g = co_occurrence(kg)
    found = nx.community.louvain_communities(g, weight="weight", seed=0) if g else []
    strength = dict(g.degree(weight="weight"))
    ranked = sorted(
        (sorted(c, key=lambda nid: (-strength[nid], nid)) for c in found if len(c) > 1),
        key=lambda ids: (-len(ids), ids[0]),
    )
    out = [
        Community(i, [kg.nodes[nid].name for nid in ids], ids, int(g.subgraph(ids).size(weight="weight")))
        for i, ids in enumerate(ranked, start=1)
    ]
    return out[:top] if top else out


def hierarchy(kg: KnowledgeGraph) -> list[HierarchyNode]:
    """The structure of the federation as a forest, biggest tree first: a body under the
    organisation it is part of, a union under the unit it is the union of. A body with two
    parents appears under both; a cycle is cut where it closes."""
    children: dict[str, dict[str, str]] = defaultdict(dict)  # parent → child → link
    for e in kg.edges.values():
        if e.predicate in (Predicate.subOrganizationOf, Predicate.unionOf):
            children[e.object][e.subject] = e.predicate.value
    has_parent = {c for kids in children.values() for c in kids}

    def grow(nid: str, link: str, ancestors: frozenset[str]) -> HierarchyNode:
        node = kg.nodes[nid]
        kids = sorted(c for c in children[nid] if c not in ancestors)
        return HierarchyNode(
            nid, node.name, node.type.value, link, [grow(c, children[nid][c], ancestors | {c}) for c in kids]
        )

    forest = [grow(r, "", frozenset({r})) for r in sorted(children) if r not in has_parent]
    covered = {n.id for _, n, _ in _walk(forest)}
    for nid in sorted(children):  # bodies on a cycle that no root reaches
        if nid not in covered:
            forest.append(grow(nid, "", frozenset({nid})))
            covered |= {n.id for _, n, _ in _walk(forest[-1:])}
    return sorted(forest, key=lambda n: (-sum(1 for _ in _walk([n])), n.id))


def timeline(kg: KnowledgeGraph) -> list[Period]:
    """Per month (``YYYY-MM``) of the articles with a known date."""
    month_of = {aid: a.date[:7] for aid, a in kg.articles.items() if a.date and len(a.date) >= 7}
    articles = Counter(month_of.values())
    mentions: Counter = Counter()
    first_seen: Counter = Counter()
    for node in kg.nodes.values():
        months = [month_of[m.article_id] for m in node.mentions if m.article_id in month_of]
        mentions.update(months)
        if months:
            first_seen[min(months)] += 1
    facts = Counter(
        month_of[ev.article_id] for e in kg.edges.values() for ev in e.evidence if ev.article_id in month_of
    )
    return [Period(m, articles[m], mentions[m], first_seen[m], facts[m]) for m in sorted(articles)]


def analyse(kg: KnowledgeGraph, top: int | None = None, by: str = "pagerank") -> Analysis:
    """All four analyses; ``top`` keeps the first N centrality rows (ranked ``by``) and communities."""
    return Analysis(
        nodes=len(kg.nodes),
        edges=len(kg.edges),
        articles=len(kg.articles),
        dated_articles=sum(1 for a in kg.articles.values() if a.date),
        centrality=centrality(kg, top, by),
        communities=communities(kg, top),
        hierarchy=hierarchy(kg),
        timeline=timeline(kg),
    )


def _walk(forest: list[HierarchyNode], depth: int = 0, parent: str = ""):
    """(depth, node, parent id) of every node of ``forest``, depth first."""
    for node in forest:
        yield depth, node, parent
        yield from _walk(node.children, depth + 1, node.id)
