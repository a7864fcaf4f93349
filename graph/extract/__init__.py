"""Extraction: :class:`~loaders.article.Article` → :class:`~graph.model.ArticleGraph`.

A pipeline of named components run in order over a shared :class:`Doc`, like spaCy's:
mention finders first (abbreviations, places, organisations, honours, people,
programmes, events), then relation rules, then :func:`assemble` turns mentions into
one entity per name and keeps only relations the schema allows.

Rule-based, offline and deterministic: the gazetteers hold real-world facts, the rules
hold how union news is written.

>>> from loaders.text import compose, split_lines
>>> art = compose("x.txt", 0, None, split_lines("近日，北京市总工会党组成员、副主席张三出席活动。"))
>>> g = extract(art)
>>> sorted((e.type.value, e.name) for e in g.entities)
[('District', '北京市'), ('Person', '张三'), ('Union', '北京市总工会')]
>>> [(r.subject, r.predicate.value, r.object, r.title) for r in g.relations if r.predicate.value == "holdsPost"]
[('张三', 'holdsPost', '北京市总工会', '党组成员、副主席')]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.extract import lexicon as lx
from graph.extract import mentions, relations
from graph.extract.doc import Doc, Found
from graph.model import ArticleGraph, Entity, Relation, Span, normalise_name
from loaders.article import Article
from ontology.schema import ORGANISATIONS, EntityType

Component = Callable[[Doc], None]

PIPELINE: list[tuple[str, Component]] = [
    ("abbreviations", mentions.abbreviations),
    ("places", mentions.places),
    ("organisations", mentions.organisations),
    ("federation_bodies", mentions.federation_bodies),
    ("listed_names", mentions.listed_names),
    ("shared_owner_lists", mentions.shared_owner_lists),
    ("district_bodies", mentions.district_bodies),
    ("short_unions", mentions.short_unions),
    ("honours", mentions.honours),
    ("people", mentions.people),
    ("programmes", mentions.programmes),
    ("instruments", mentions.instruments),
    ("events", mentions.events),
    ("congresses", mentions.congresses),
    ("listed_events", mentions.listed_events),
    ("series", mentions.series),
    ("occurrences", mentions.occurrences),
    ("names", relations.names),
    ("posts", relations.posts),
    ("elected", relations.elected),
    ("posts_in_a_list", relations.posts_in_a_list),
    ("honours_held", relations.honours_held),
    ("honours_conferred", relations.honours_conferred),
    ("honours_in_apposition", relations.honours_in_apposition),
    ("employers", relations.employers),
    ("activities", relations.activities),
]


class Extractor:
    """An ordered list of named components; ``extractor(article)`` runs them all."""

    def __init__(self, components: list[tuple[str, Component]] | None = None):
        self.components = list(components or PIPELINE)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def __call__(self, article: Article) -> ArticleGraph:
        doc = Doc.of(article)
        for _, component in self.components:
            component(doc)
        return assemble(doc)


def extract(article: Article) -> ArticleGraph:
    return _DEFAULT(article)


_DEFAULT = Extractor()


_UNIT = re.compile(rf"(办|{'|'.join(u for u in lx.UNIT_SUFFIXES if u != '工会')})(工会)?")


_COMPANY_TAIL = re.compile(r"[（(]集团[）)](股份)?有限(责任)?公司|(股份)?有限(责任)?公司|集团(有限)?公司")


def _printed_over(text: str, name: str, f: Found) -> bool:
    """Is ``name`` printed somewhere over the words of ``f``?"""
    at = text.find(name, max(0, f.end - len(name)), f.start + len(name))
    return 0 <= at <= f.start and f.end <= at + len(name)


def _keep(doc: Doc, f: Found) -> bool:
    """Drop mentions that are pieces of a larger name rather than names of their own."""
    if doc.is_blocked(f.start, f.end) and f.type is not T.Person and not f.rule.endswith("-theme"):
        return False
    if f.rule in ("owner", "short-owner", "chain", "parent", "abbreviation", "shared-owner", "district-body"):
        return True
    covers = doc.covering(f.start, f.end)
    if f.type is T.District:
        if any(c.type in ORGANISATIONS | {T.Venue, T.Honour, T.Person} for c in covers):
            return False  # 北京华信银行, 朝阳工匠: the place is part of another name
        if any(_printed_over(doc.text, p.name, f) for p in doc.found if p.type is T.Person):
            return False  # 朝阳 of 宁朝阳, where the text names the person again without a cue
        if f.rule == "gazetteer" and any(c.type is T.District and c.rule == "gazetteer" for c in covers):
            return False  # 北京 in 北京大兴国际机场临空经济区
        if any(c.rule == "congress" for c in covers):
            return False  # 北京市 of 北京市工会十五大: the congress's name, not a place it mentions
        in_activity = any(c.type in (T.Event, T.Programme) for c in covers)
        return not in_activity or f.printed == f.name
    if f.type is T.Person:  # a person inside another name is none, but for the studio named after them
        return f.rule == "studio-name" or not any(c.type is not T.District for c in covers)
    if f.type in ORGANISATIONS | {T.Venue}:
        if (
            f.rule == "suffix"
            and re.search(r"(党委|[区市县]委)$", f.name)
            and any(c.start == f.start and _UNIT.fullmatch(doc.text[f.end : c.end]) for c in covers)
        ):
            return False  # …区委 of …区委办, …党委 of …党委宣传部: the unit is named whole
        if f.rule == "suffix" and any(c.type is T.Venue and c.start == f.start for c in covers):
            return False  # …学院 of …学院昌平校区: a site keeps its owner in its name
        if f.rule == "suffix" and any(
            c.type is T.Enterprise and c.start == f.start and _COMPANY_TAIL.fullmatch(doc.text, f.end, c.end)
            for c in covers
        ):
            return False  # 中国建筑一局 of 中国建筑一局（集团）有限公司: the company, named whole
        # a suffix match inside a longer name is kept only where it ends a name part (…集团 / 华通公司)
        return not any(c.type in (T.Event, T.Programme) and c.rule == "quoted" for c in covers)
    if f.type is T.Programme:  # 送温暖 of 深化“送温暖、送文化、送健康”活动: one of its slogans
        return not any(c.type is T.Programme and c.rule == "quoted-campaign" for c in covers)
    return True


T = EntityType


def assemble(doc: Doc) -> ArticleGraph:
    """One entity per (type, name) with every printed form as an alias; relations whose
    ends exist and whose types the schema allows."""
    entities: dict[tuple[EntityType, str], Entity] = {}
    expansions = {**lx.union_aliases(), **doc.expansions}
    for f in sorted(doc.found, key=lambda f: (f.start, -f.end)):
        if not _keep(doc, f):
            continue
        name = f.name
        if f.type is T.Union and name in expansions:
            name = expansions[name]
        if f.type is T.Programme:  # “产改” is the 产业工人队伍建设改革 of the gazetteer
            name = lx.programme_names().get(normalise_name(name), _edition_of(name))
        key = (f.type, normalise_name(name))
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(f.type, name, confidence=f.confidence)
        if "以下简称" not in f.printed:  # 某地区（以下简称：经开区）总工会 is printed, but no one's name
            entity.add_alias(f.printed)
        if f.name != name:
            entity.add_alias(f.name)
        entity.spans.append(Span(f.start, f.end))
        entity.confidence = max(entity.confidence, f.confidence)
        if f.rule not in entity.rules:
            entity.rules.append(f.rule)
    _merge_place_prefixed(entities)
    _merge_contained_events(entities)
    _merge_abbreviations(entities, doc.text)
    _merge_unions_of_one_owner(entities)
    by_name: dict[str, Entity] = {}
    for e in entities.values():
        # two rules may find the same words (a listed place that also ends with 街道)
        e.spans = sorted(set(e.spans), key=lambda s: (s.start, s.end))
        for n in e.names:
            by_name.setdefault(n, e)
    graph = ArticleGraph(doc.article, sorted(entities.values(), key=lambda e: e.spans[0].start))
    seen = set()
    for r in doc.relations:
        s, o = by_name.get(r.subject), by_name.get(r.object)
        if s is None or o is None or s is o or not r.predicate.allows(s.type, o.type):
            continue
        key = (s.name, r.predicate, o.name)
        if key in seen:
            continue
        seen.add(key)
        graph.relations.append(
            Relation(
                s.name, r.predicate, o.name, Span(r.start, r.end), r.title, r.confidence, r.inferred, r.rule
            )
        )
    return graph


def _merge_place_prefixed(entities: dict) -> None:
    """儒林街道总工会 and 延庆区儒林街道总工会 in one article are one union."""
    for key, short in list(entities.items()):
        for other_key, long in entities.items():
            if other_key == key or long.type is not short.type or other_key not in entities:
                continue
            # 和 comes and goes in a body's name: 人力资源(和)社会保障局, 文化(和)旅游局
            long_plain, short_plain = long.name.replace("和", ""), short.name.replace("和", "")
            if long_plain.endswith(short_plain) and len(short_plain) >= 4 and long_plain != short_plain:
                prefix = long_plain[: -len(short_plain)]
                if prefix in lx.place_facts() or any(prefix.endswith(s) for s, _ in lx.SUFFIXES):
                    long.absorb(short)
                    del entities[key]
                    break


# (after the place that holds it: 大兴区2025年“悦读大兴”阅读季)
_EDITION = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{1,5}}[区市县镇])?({lx.EDITION}|\d{{4}}年?)(?P<core>.{{4,}}?)(系列活动)?$"
)
_RECURRING = re.compile(
    "({})$".format(
        "|".join(lx.CONTESTS + ("阅读季", "读书月", "文化节", "艺术节", "体育节", "活动季", "嘉年华"))
    )
)


def _edition_of(name: str) -> str:
    """第四届“顺义工匠”选树系列活动 and 2023“顺义工匠”选树系列活动 are editions of
    “顺义工匠”选树, 第十届某市职工技能大赛 one of 某市职工技能大赛, 2024年“书香职工”阅读季
    one of “书香职工”阅读季: the programme is named without edition and series words."""
    m = _EDITION.match(name)
    return m.group("core") if m and (m.group(3) or _RECURRING.search(m.group("core"))) else name


def _merge_contained_events(entities: dict) -> None:
    """An article names its occurrence shortly in the headline and fully in the body
    (青年职工联谊会 / “相约春天，携手同行”青年职工联谊会, 职工心理健康讲座 / 职工心理健康公益讲座):
    one event, the fullest name."""
    events = sorted((e for e in entities.values() if e.type is T.Event), key=lambda e: -len(e.name))
    for i, short in enumerate(events):
        bare = normalise_name(short.name)
        long = next(
            (e for e in events[:i] if _shortens(bare, normalise_name(e.name)) and e is not short), None
        )
        if long is None or len(bare) < 4:
            continue
        long.absorb(short)
        entities.pop((T.Event, bare), None)


def _shortens(short: str, long: str) -> bool:
    """``short`` is ``long`` or ``long`` with a few words left out inside it: the same
    first and last two characters, the rest in order."""
    if short in long:
        return True
    return (
        len(short) >= 6
        and len(long) - len(short) <= 4
        and short[:2] == long[:2]
        and short[-2:] == long[-2:]
        and _runs_through(short, long)
    )


def _merge_abbreviations(entities: dict, text: str) -> None:
    """北京安泰二公司 in the headline is 北京安泰第二开发建设有限公司 of the body, 北京文旅集团
    is 北京文化旅游控股（集团）有限公司: a short name whose characters run in order through
    a longer name of the same type, with the same start and the same kind of ending. A
    longer name that merely continues the short one (北京宏远建设集团华通公司) is another body."""
    orgs = sorted((e for e in entities.values() if e.type in ORGANISATIONS), key=lambda e: -len(e.name))
    for short in sorted(orgs, key=lambda e: len(e.name)):
        if not any(o is short for o in orgs):
            continue  # merged into a shorter name printed in full
        for long in orgs:
            if long is short or long.type is not short.type or not _abbreviates(short.name, long.name):
                continue
            if long.name not in text and short.name in text:
                long, short = (
                    short,
                    long,
                )  # 区推进X小组 read as 朝阳区推进X小组: the name printed in full wins
            long.absorb(short)
            entities.pop((short.type, normalise_name(short.name)), None)
            orgs[:] = [o for o in orgs if o is not short]
            break


def _merge_unions_of_one_owner(entities: dict) -> None:
    """首都机场集团工会 in the headline and 首都机场集团有限公司工会 in the body: the unions
    of two names the article gives one body are one union (the longer name wins)."""
    owners = {n: e for e in entities.values() if e.type in (T.Enterprise, T.Organisation) for n in e.names}
    kept: dict[int, Entity] = {}  # the owner's id → its union
    for union in sorted((e for e in entities.values() if e.type is T.Union), key=lambda e: -len(e.name)):
        owner = owners.get(union.name.removesuffix("工会")) if union.name.endswith("工会") else None
        first = kept.setdefault(id(owner), union) if owner is not None else union
        if first is not union:
            first.absorb(union)
            del entities[next(key for key, e in entities.items() if e is union)]


_LEGAL_FORM = re.compile(r"(控股)?(股份)?(有限责任|有限)?公司")
_BUSINESS_ENDING = ("集团", "公司")


def _abbreviates(short: str, long: str) -> bool:
    if short[0] in "区市县" and long.endswith(short[1:]) and len(long) > len(short):
        # 区职工之家建设协调小组 after 顺义区职工之家建设协调小组: "the district's", said again
        return long[: len(long) - len(short) + 1] in lx.place_facts()
    if long.startswith(short):  # 北京安泰集团有限责任公司: the same body by its legal name
        return bool(_LEGAL_FORM.fullmatch(long[len(short) :]))
    if len(long) <= len(short) + 1 or short[:2] != long[:2] or not _runs_through(short, long):
        return False
    if short[-1] != long[-1] and not (short.endswith(_BUSINESS_ENDING) and long.endswith(_BUSINESS_ENDING)):
        return False
    head = short[: -len(suffix)] if (suffix := lx.suffix_of(short)) else short
    return not long.startswith(head)  # 华建五局安装公司湖北分公司工会 is a branch's union


def _runs_through(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)
