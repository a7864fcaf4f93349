"""Statistics of a resolved :class:`~graph.model.KnowledgeGraph`, computed by the build so
that the saved questions read counts instead of counting at query time.

Oxigraph joins at 12–25 µs a row, so a question that counts every fact of a kind cannot
answer in 100 ms on a large archive (issue #21); its counts are data instead. They are
computed from the whole resolved graph at every build (an incremental build resolves the
whole graph again), so they are always exact. The RDF release writes them in the named
graph ``{base}graph/statistics`` (:mod:`graph.rdf.release`), the Neo4j rows as properties
of the entities (:mod:`graph.neo4j.rows`). The rows of the questions that list over a hub
(``listing_order``, ``timelines``, ``unions_below``, ``fact_rows``) are put in order here
too, for the release to number them in ``{base}graph/listings``.

Not kept: the pairs of bodies that share activities. They grow with the square of an
activity's participants (490k pairs in 10k synthetic articles, whose largest event has 363
participants: 2.0 M quads, 44 % of the release), and ``co_participation`` lists the shared
activities, which is the join that counting them takes anyway.

>>> from graph.model import Mention
>>> from loaders.article import Article
>>> a = Article.from_parts("p.txt", 0, "标题", [(0, "标题")], [(3, "甲工会和乙公司举办培训班")], date="2024-05-08")
>>> kg = KnowledgeGraph(articles={a.id: a})
>>> kg.nodes["union/甲工会"] = Node("union/甲工会", EntityType.Union, "甲工会",
...                                 mentions=[Mention(a.id, 3, 6, "甲工会")])
>>> kg.nodes["enterprise/乙公司"] = Node("enterprise/乙公司", EntityType.Enterprise, "乙公司")
>>> kg.nodes["event/培训班"] = Node("event/培训班", EntityType.Event, "培训班")
>>> for s, p in [("union/甲工会", Predicate.organised), ("enterprise/乙公司", Predicate.participatedIn)]:
...     kg.edges[(s, p.value, "event/培训班", "")] = Edge(s, p, "event/培训班")
>>> stats = compute(kg)
>>> union = stats.entities["union/甲工会"]
>>> union.articles, union.mentions, union.first_mentioned, union.organised, union.attended, union.activities
(1, 1, '2024-05-08', 1, 0, 1)
>>> stats.entities["event/培训班"].activity_kinds, stats.activity_kinds
(('培训',), {'培训': 1})
>>> name_keys("工会")
('会', '工', '工会')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.dates import first_and_last, seen
from graph.model import Edge, Evidence, KnowledgeGraph, Node
from ontology.schema import EntityType, Predicate

if TYPE_CHECKING:
    from loaders.article import Article

# the kinds of activity, each a word an activity's name contains (training, lectures,
# contests, honouring, visits to the needy, recuperation trips, …); one name may hold several
ACTIVITY_KINDS = (
    "培训", "讲座", "宣讲", "研修", "竞赛", "比赛", "选树", "认定", "表彰", "慰问", "送温暖", "送清凉",
    "疗休养", "健身", "健步走", "徒步", "植树", "阅读", "联谊", "游园", "展演", "代表大会", "接待日",
    "调解", "送教", "工作法",
)  # fmt: skip
ACTIVITIES = (EntityType.Event, EntityType.Programme)
EXAMPLES = 5  # activities named as examples of a kind
_TAKING_PART = (Predicate.organised, Predicate.participatedIn)
_BODY_OF_A_PERSON = (Predicate.holdsPost, Predicate.worksFor)
_UPWARDS = (Predicate.unionOf, Predicate.subOrganizationOf, Predicate.locatedIn)  # to a district


@dataclass(frozen=True)
class EntityStatistics:
    articles: int  # articles that name the entity
    mentions: int  # spans that name it
    first_mentioned: str | None  # the date of the first of those articles (ISO, as precise as it)
    last_mentioned: str | None
    organised: int  # events and programmes it organised
    attended: int  # those it took part in
    activities: int  # those it organised or took part in (one that it did both counts once)
    bodies: int  # bodies it holds a post in or works for
    activity_kinds: tuple[str, ...]  # an event's or programme's kinds (ACTIVITY_KINDS in its name)
    organisers: tuple[str, ...]  # an event's or programme's: the names of who organised it, in order
    honours: tuple[str, ...]  # the names of its honours, in order
    posts: tuple[str, ...]  # its posts (holdsPost), "body（title）" or "body", in order
    employers: tuple[str, ...]  # the names of the bodies it works for, in order
    name_keys: tuple[str, ...]  # the characters and character pairs of its names (name_keys)
    districts: Reach | None = None  # a programme's: the districts it reached, the innermost only
    districts_by_year: tuple[Reach, ...] = ()  # a programme's: those it reached each year, all of them


@dataclass(frozen=True)
class Reach:
    """Districts a programme reached: it or one of its parts was held at a place in them or
    organised by a body in them (a chain of unionOf, subOrganizationOf and locatedIn leads
    there)."""

    year: str | None  # the year of the first article that says so, or None: ever
    districts: tuple[str, ...]  # their Node.ids, in the order of their names
    names: tuple[str, ...]


@dataclass
class Statistics:
    entities: dict[str, EntityStatistics] = field(default_factory=dict)  # Node.id → its statistics
    entity_types: dict[EntityType, int] = field(default_factory=dict)  # entities of each type
    predicates: dict[Predicate, int] = field(default_factory=dict)  # facts of each predicate
    activity_kinds: dict[str, int] = field(default_factory=dict)  # events and programmes of each kind
    # of each kind, the names of the EXAMPLES activities most named in articles (then by name)
    kind_examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the unions that have activities, ranked from 1: the most activities, then the most
    # organised, then by name (the order of the saved question most_active_unions)
    union_ranks: dict[str, int] = field(default_factory=dict)


def name_keys(*names: str) -> tuple[str, ...]:
    """Every character and every pair of neighbouring characters of ``names``: a text that
    a name contains has its first pair (or, one character long, itself) among them, so
    looking that key up finds every candidate, as Neo4j's CJK full-text index does."""
    keys = {name[i : i + n] for name in names for n in (1, 2) for i in range(len(name) - n + 1)}
    return tuple(sorted(keys))


def compute(kg: KnowledgeGraph) -> Statistics:
    """The statistics of ``kg``: per entity, per type, predicate and kind of activity."""
    doing: dict[str, dict[Predicate, set[str]]] = defaultdict(lambda: defaultdict(set))
    # display names: who organised an activity, a person's honours, posts and employers
    names: dict[Predicate, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    bodies: dict[str, set[str]] = defaultdict(set)
    for edge in kg.edges.values():
        if edge.predicate in _TAKING_PART:
            doing[edge.subject][edge.predicate].add(edge.object)
        if edge.predicate in _BODY_OF_A_PERSON:
            bodies[edge.subject].add(edge.object)
        if edge.predicate is Predicate.organised:
            names[edge.predicate][edge.object].add(kg.nodes[edge.subject].name)
        elif edge.predicate in (Predicate.hasHonour, Predicate.worksFor):
            names[edge.predicate][edge.subject].add(kg.nodes[edge.object].name)
        elif edge.predicate is Predicate.holdsPost:
            body = kg.nodes[edge.object].name
            names[edge.predicate][edge.subject].add(f"{body}（{edge.title}）" if edge.title else body)

    reach = _programme_reach(kg)
    stats = Statistics()
    for node in kg.nodes.values():
        organised, attended = doing[node.id][Predicate.organised], doing[node.id][Predicate.participatedIn]
        articles = {m.article_id for m in node.mentions}
        first, last = first_and_last(articles, kg.articles)
        stats.entities[node.id] = EntityStatistics(
            articles=len(articles),
            mentions=len({(m.article_id, m.start, m.end) for m in node.mentions}),
            first_mentioned=first,
            last_mentioned=last,
            organised=len(organised),
            attended=len(attended),
            activities=len(organised | attended),
            bodies=len(bodies[node.id]),
            activity_kinds=_kinds(node),
            organisers=tuple(sorted(names[Predicate.organised][node.id])) if node.type in ACTIVITIES else (),
            honours=tuple(sorted(names[Predicate.hasHonour][node.id])),
            posts=tuple(sorted(names[Predicate.holdsPost][node.id])),
            employers=tuple(sorted(names[Predicate.worksFor][node.id])),
            name_keys=name_keys(node.name, *node.aliases),
            **reach.get(node.id, {}),
        )
    stats.entity_types = dict(Counter(n.type for n in kg.nodes.values()))
    stats.predicates = dict(Counter(e.predicate for e in kg.edges.values()))
    stats.activity_kinds = dict(Counter(kind for s in stats.entities.values() for kind in s.activity_kinds))
    of_kind = defaultdict(list)
    for node_id, s in stats.entities.items():
        for kind in s.activity_kinds:
            of_kind[kind].append((-s.articles, kg.nodes[node_id].name))
    stats.kind_examples = {
        kind: tuple(dict.fromkeys(name for _, name in sorted(acts)))[:EXAMPLES]
        for kind, acts in of_kind.items()
    }
    active_unions = [
        (-s.activities, -s.organised, kg.nodes[node_id].name, node_id)
        for node_id, s in stats.entities.items()
        if s.activities and kg.nodes[node_id].type is EntityType.Union
    ]
    stats.union_ranks = {node_id: rank for rank, (*_, node_id) in enumerate(sorted(active_unions), start=1)}
    return stats


def listing_order(node: Node, articles: Mapping[str, Article]) -> list[tuple[str, int, int]]:
    """The spans that name ``node`` (article id, start, end), each once, in the order of the
    saved question entity_mentions: the newest article first (an undated one last), then by
    title, offset and source file, compared as the strings the release writes.

    >>> from graph.model import Mention
    >>> from loaders.article import Article
    >>> old = Article.from_parts("a.txt", 0, "乙", [(0, "乙")], [(2, "工会")], date="2023")
    >>> new = Article.from_parts("b.txt", 0, "甲", [(0, "甲")], [(2, "工会，工会")], date="2024-05-08")
    >>> node = Node("union/工会", EntityType.Union, "工会", mentions=[
    ...     Mention(old.id, 2, 4, "工会"), Mention(new.id, 5, 7, "工会"), Mention(new.id, 2, 4, "工会")])
    >>> articles = {old.id: old, new.id: new}
    >>> [(articles[a].title, start) for a, start, _ in listing_order(node, articles)]
    [('甲', 2), ('甲', 5), ('乙', 2)]
    """
    spans = {(m.article_id, m.start, m.end) for m in node.mentions}

    def later_keys(span: tuple[str, int, int]) -> tuple:
        article = articles[span[0]]
        return article.title, span[1], article.source, span  # the span: the same order every build

    ordered = sorted(spans, key=later_keys)
    # stable: among one date the order above stays; "" (no date) sorts last
    ordered.sort(key=lambda span: articles[span[0]].date or "", reverse=True)
    return ordered


def timelines(kg: KnowledgeGraph) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Per event or programme, in the order of their ids, the rows of the saved question
    programme_timeline: each article that names it or a part of it (partOf, at any depth)
    with that part, as (article id, part id), once, in the question's order: by date (an
    undated article last), source file, title and the part's name.

    >>> from graph.model import Mention
    >>> from loaders.article import Article
    >>> old = Article.from_parts("a.txt", 0, "乙", [(0, "乙")], [(2, "开幕式，大赛")], date="2023")
    >>> new = Article.from_parts("b.txt", 0, "甲", [(0, "甲")], [(2, "大赛")], date="2024-05-08")
    >>> kg = KnowledgeGraph(articles={old.id: old, new.id: new})
    >>> kg.nodes["programme/大赛"] = Node("programme/大赛", EntityType.Programme, "大赛", mentions=[
    ...     Mention(new.id, 2, 4, "大赛"), Mention(old.id, 6, 8, "大赛")])
    >>> kg.nodes["event/开幕式"] = Node("event/开幕式", EntityType.Event, "开幕式",
    ...                                 mentions=[Mention(old.id, 2, 5, "开幕式")])
    >>> kg.edges["e"] = Edge("event/开幕式", Predicate.partOf, "programme/大赛")
    >>> [(kg.articles[a].title, part) for a, part in dict(timelines(kg))["programme/大赛"]]
    [('乙', 'programme/大赛'), ('乙', 'event/开幕式'), ('甲', 'programme/大赛')]
    """
    parts = defaultdict(set)
    for edge in kg.edges.values():
        if edge.predicate is Predicate.partOf:
            parts[edge.object].add(edge.subject)
    below = _Closure(parts)  # an activity and every part of it, at any depth

    def key(row: tuple[str, str]) -> tuple:
        article, part = kg.articles[row[0]], kg.nodes[row[1]]
        return article.date is None, article.date or "", article.source, article.title, part.name, row

    for node_id in sorted(n.id for n in kg.nodes.values() if n.type in ACTIVITIES):
        rows = {(m.article_id, part) for part in below(node_id) for m in kg.nodes[part].mentions}
        if rows:
            yield node_id, sorted(rows, key=key)


def unions_below(kg: KnowledgeGraph) -> Iterator[tuple[str, list[str]]]:
    """Per entity, in the order of their ids, the rows of the saved question union_hierarchy: the unions below it or
    below the body it is the union of (a chain of subOrganizationOf, unionOf and locatedIn
    leads there), itself left out, in the question's order: by name, then the names of the
    bodies each is the union of (none first).

    >>> kg = KnowledgeGraph()
    >>> for node_id, kind in [("union/市总工会", EntityType.Union), ("district/北京市", EntityType.District),
    ...                       ("district/大兴区", EntityType.District), ("union/大兴区总工会", EntityType.Union)]:
    ...     kg.nodes[node_id] = Node(node_id, kind, node_id.split("/")[1])
    >>> for s, p, o in [("union/市总工会", Predicate.unionOf, "district/北京市"),
    ...                 ("union/大兴区总工会", Predicate.unionOf, "district/大兴区"),
    ...                 ("district/大兴区", Predicate.locatedIn, "district/北京市")]:
    ...     kg.edges[(s, p.value, o, "")] = Edge(s, p, o)
    >>> below = dict(unions_below(kg))
    >>> below["union/市总工会"], below["district/北京市"]
    (['union/大兴区总工会'], ['union/大兴区总工会', 'union/市总工会'])
    """
    up, union_of = defaultdict(set), defaultdict(set)
    for edge in kg.edges.values():
        if edge.predicate in _UPWARDS:
            up[edge.subject].add(edge.object)
        if edge.predicate is Predicate.unionOf:
            union_of[edge.subject].add(edge.object)
    above = _Closure(up)
    below = defaultdict(set)
    for union in (n.id for n in kg.nodes.values() if n.type is EntityType.Union):
        for top in set().union(*(above(parent) for parent in up[union])):
            below[top].add(union)
    for node_id, bodies in union_of.items():  # the unions below the body it represents too
        below[node_id] = below[node_id].union(*(below[body] for body in bodies))

    def key(union: str) -> tuple:
        return kg.nodes[union].name, "、".join(sorted({kg.nodes[b].name for b in union_of[union]})), union

    for top in sorted(below):
        if unions := below[top] - {top}:
            yield top, sorted(unions, key=key)


def fact_rows(kg: KnowledgeGraph) -> Iterator[tuple[str, list[tuple[Edge, Evidence | None]]]]:
    """Per entity, in the order of their ids, the rows of the saved question fact_evidence:
    each fact it is the subject or the object of, with each span of text that states it
    (its first evidence there), or once with None when none does; in the question's order:
    by relation, subject, object, title, the article's title and the snippet.

    >>> from loaders.article import Article
    >>> a = Article.from_parts("a.txt", 0, "标题", [(0, "标题")], [(3, "张三任甲工会主席")])
    >>> kg = KnowledgeGraph(articles={a.id: a})
    >>> for node_id, kind in [("person/张三", EntityType.Person), ("union/甲工会", EntityType.Union)]:
    ...     kg.nodes[node_id] = Node(node_id, kind, node_id.split("/")[1])
    >>> said = Evidence(a.id, 3, 11, "张三任甲工会主席")
    >>> kg.edges["post"] = Edge("person/张三", Predicate.holdsPost, "union/甲工会", "主席", evidence=[said, said])
    >>> kg.edges["job"] = Edge("person/张三", Predicate.worksFor, "union/甲工会")
    >>> [(edge.predicate.value, ev and ev.snippet) for edge, ev in dict(fact_rows(kg))["union/甲工会"]]
    [('holdsPost', '张三任甲工会主席'), ('worksFor', None)]
    """
    facts = defaultdict(list)
    for edge in kg.edges.values():
        facts[edge.subject].append(edge)
        if edge.object != edge.subject:
            facts[edge.object].append(edge)

    def key(row: tuple[Edge, Evidence | None]) -> tuple:
        edge, ev = row
        title = kg.articles[ev.article_id].title if ev and ev.article_id in kg.articles else ""
        said = (title, ev.snippet, ev.article_id, ev.start, ev.end) if ev else ("", "", "", 0, 0)
        subject, obj = kg.nodes[edge.subject].name, kg.nodes[edge.object].name
        return edge.predicate.neo4j_type, subject, obj, edge.title or "", *said, edge.key

    for node_id in sorted(facts):
        rows = []
        for edge in facts[node_id]:
            spans = {}  # (article id, start, end) → the first evidence read there
            for ev in edge.evidence:
                spans.setdefault((ev.article_id, ev.start, ev.end), ev)
            rows += [(edge, ev) for ev in spans.values()] or [(edge, None)]
        yield node_id, sorted(rows, key=key)


def _programme_reach(kg: KnowledgeGraph) -> dict[str, dict]:
    """Per programme, the ``districts`` and ``districts_by_year`` of its EntityStatistics:
    the answers of the questions programme_districts and programme_years, which read every
    programme's places and bodies (seconds on a large archive) when they count themselves."""
    parts = defaultdict(set)  # a whole → its parts
    steps = defaultdict(list)  # an activity → (a place it was held at or a body that organised it, year)
    up, located_in = defaultdict(set), defaultdict(set)
    for edge in kg.edges.values():
        if edge.predicate in (Predicate.heldAt, Predicate.organised):
            first, _ = seen(edge, kg.articles)
            year = first[:4] if first else None
            if edge.predicate is Predicate.heldAt:
                steps[edge.subject].append((edge.object, year))
            else:
                steps[edge.object].append((edge.subject, year))
        elif edge.predicate is Predicate.partOf:
            parts[edge.object].add(edge.subject)
        if edge.predicate in _UPWARDS:
            up[edge.subject].add(edge.object)
        if edge.predicate is Predicate.locatedIn:
            located_in[edge.subject].add(edge.object)
    is_district = {n.id for n in kg.nodes.values() if n.type is EntityType.District}
    districts_above = _Closure(up, keep=is_district)
    holding = _Closure(located_in)  # a district and the districts it lies in

    def reach(ids: set[str], year: str | None) -> Reach:
        ordered = sorted(ids, key=lambda i: (kg.nodes[i].name, i))
        return Reach(year, tuple(ordered), tuple(kg.nodes[i].name for i in ordered))

    found = {}
    for whole in (n.id for n in kg.nodes.values() if n.type is EntityType.Programme):
        ever, yearly = set(), defaultdict(set)
        for act in {whole} | parts[whole]:
            for where, year in steps[act]:
                ever |= districts_above(where)
                if year:
                    yearly[year] |= districts_above(where)
        if not ever:
            continue
        # a programme in 大兴区 does not count 北京市 as well
        innermost = {d for d in ever if not any(d in holding(o) - {o} for o in ever - {d})}
        found[whole] = {
            "districts": reach(innermost, None),
            "districts_by_year": tuple(reach(ids, year) for year, ids in sorted(yearly.items()) if ids),
        }
    return found


class _Closure:
    """A node and every node a chain of ``up`` leads to from it (those in ``keep``, when
    given), remembered: a body above many programmes' events is walked from once."""

    def __init__(self, up: dict[str, set[str]], keep: set[str] | None = None):
        self.up, self.keep, self.known = up, keep, {}

    def __call__(self, start: str) -> frozenset[str]:
        if start not in self.known:
            reached, todo = {start}, [start]
            while todo:
                for parent in self.up[todo.pop()] - reached:
                    reached.add(parent)
                    todo.append(parent)
            self.known[start] = frozenset(reached if self.keep is None else reached & self.keep)
        return self.known[start]


def _kinds(node: Node) -> tuple[str, ...]:
    if node.type not in ACTIVITIES:
        return ()
    return tuple(kind for kind in ACTIVITY_KINDS if kind in node.name)
