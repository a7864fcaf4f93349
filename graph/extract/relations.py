"""Components that find relations between the mentions of a :class:`Doc`.

``names``: what a name itself says (a union's owner, a parent body, a place prefix);
``posts`` and ``honours_held``: titles before a person's name; ``activities``: who
organised, attended or hosted what, from the verbs of each sentence.
"""

from __future__ import annotations

import re

from graph.extract import lexicon as lx
from graph.extract import mentions
from graph.extract.doc import Doc, Found, FoundRelation
from ontology.schema import ORGANISATIONS, EntityType, Predicate

T = EntityType
P = Predicate
_UNION_SUFFIX = re.compile(r"(总工会|工会联合会|工会委员会|工会)$")
_PARENT_SUFFIX = re.compile(r"(集团|公司|铁路局|总工会|工会|医院|学院|大学)")


def names(doc: Doc) -> None:
    for f in doc.found:  # owners and parents found on the way are read in turn
        if f.type is T.Union and f.rule != "federation":  # 市总工会 does not print its place
            _union_owner(doc, f)
        elif f.type in ORGANISATIONS | {T.Venue} and f.rule != "short-owner":
            # (a short owner, 南郊农场 for 首农食品集团南郊农场, has its parts read in the full name)
            _parent_and_place(doc, f)
        elif f.type is T.District:
            _place_chain(doc, f)
    _setting(doc)
    _project_departments(doc)
    _place_of(doc)


def _place_of(doc: Doc) -> None:
    """某地区的某公园, 某镇的某公司: a site or body the text sets in a place before it."""
    for place in [f for f in doc.found if f.type is T.District]:
        if doc.text[place.end : place.end + 1] != "的":
            continue
        site = doc.starting_at(place.end + 1, ORGANISATIONS | {T.Venue})
        if site is not None and site.type is not T.Union:
            doc.relate(site.name, P.locatedIn, place.name, place.start, site.end, "place-of", confidence=0.7)


def _owner_entity(doc: Doc, f: Found, owner: str, start: int) -> Found | None:
    """The entity a name's leading part stands for, added if the text has none there."""
    end = start + len(owner)
    existing = doc.at(start, end) if doc.text[start:end] == owner else None
    if existing:
        return existing
    fact = lx.place_facts().get(owner)
    if fact:
        return doc.add(Found(start, end, T.District, fact.name, "owner", 0.8, printed=owner))
    for suffix, etype in lx.SUFFIXES:
        if owner.endswith(suffix) and len(owner) > len(suffix) + 1 and etype is not T.District:
            return doc.add(Found(start, end, etype, owner, "owner", 0.7, printed=owner))
    return None


def _union_owner(doc: Doc, f: Found) -> None:
    """北京市总工会 → unionOf 北京市; 华辰集团工会 → unionOf 华辰集团. Sector unions
    (北京市建设工会) have no owner."""
    owner = _UNION_SUFFIX.sub("", f.name)
    if not owner:
        return
    places = place_prefixes(owner)
    whole = places and "".join(p for p, _ in places) == owner
    if doc.text[f.start : f.end] != f.name:  # 区总工会 named 大兴区总工会: no owner printed to point at
        owner = _canonical(places[-1][0]) if whole else owner
        if any(g.type in _OWNERS and g.name == owner for g in doc.found):
            doc.relate(f.name, P.unionOf, owner, f.start, f.end, "union-owner", confidence=0.9)
        return
    if whole:
        name, start = places[-1]
        target = doc.add(
            Found(
                f.start + start,
                f.start + start + len(name),
                T.District,
                _canonical(name),
                "owner",
                0.85,
                printed=name,
            )
        )
        doc.relate(f.name, P.unionOf, target.name, f.start, f.end, "union-owner", confidence=0.9)
        _chain(doc, f, places)
        return
    target = _tail_owner(doc, f, owner)
    if target is None and any(owner.endswith(s) for s, t in lx.SUFFIXES if t is not T.District):
        target = _named_owner(doc, f, owner)
    if target is not None:
        doc.relate(f.name, P.unionOf, target.name, f.start, f.end, "union-owner", confidence=0.9)


_OWNERS = frozenset({T.Enterprise, T.Organisation, T.District})


def _tail_owner(doc: Doc, f: Found, owner: str) -> Found | None:
    """A union named after the tail of a body the article names in full (…生物医药基地
    and later 生物医药基地总工会, 北京某某医院 and 某某医院工会): that body, when it is the
    only one ending so. The short form printed in the union's name becomes its alias."""
    if len(owner) < 3 or lx.suffix_of(owner) == owner:
        return None  # 分公司工会, 项目部工会: a kind of body, not one of them
    longer = {
        x.name: x
        for x in doc.found
        if x.type in _OWNERS
        and not f.start <= x.start < f.end
        and any(len(n) > len(owner) and n.endswith(owner) for n in (x.name, x.printed))
    }
    if len(longer) != 1:
        return None
    body = next(iter(longer.values()))
    end = f.start + len(owner)
    if doc.text.startswith(owner, f.start):
        inside = doc.at(f.start, end, {body.type})
        if inside is not None and inside.name == owner:
            inside.name, inside.rule = body.name, "short-owner"  # the same body, by its short form
        elif inside is None:
            doc.add(Found(f.start, end, body.type, body.name, "short-owner", 0.7, printed=owner))
    return body


def _named_owner(doc: Doc, f: Found, owner: str) -> Found | None:
    """The body a name starts with (华辰集团 of 华辰集团工会), or, for a name that a list
    shares (…党委、工会和团委), the body named earlier in the text."""
    if doc.text.startswith(owner, f.start):
        return _owner_entity(doc, f, owner, f.start)
    return next((x for x in doc.found if x.name == owner and x.type in ORGANISATIONS), None)


def place_prefixes(s: str) -> list[tuple[str, int]]:
    """Consecutive places at the start of ``s`` (延庆区香水园街道… → 延庆区, 香水园街道).
    Real places come from the gazetteers; after one, an unlisted county (锦江区) or town
    (石垡村) is taken by its suffix."""
    out, pos = [], 0
    facts = lx.place_facts()
    while pos < len(s):
        for j in range(min(len(s), pos + 12), pos + 1, -1):
            if s[pos:j] in facts:
                out.append((s[pos:j], pos))
                pos = j
                break
        else:
            m = _unlisted_place_after(out[-1][0], s, pos) if out else None
            if m and len(s) > m.end():
                out.append((m.group(0), pos))
                pos = m.end()
                continue
            break
    return out


_UNLISTED_BELOW = {  # the level of a known place → what an unlisted place inside it ends with
    "provincial": re.compile(r"[\u4e00-\u9fff]{1,3}?(市|区|县)"),
    "prefectural": re.compile(r"[\u4e00-\u9fff]{1,3}?(区|县)"),
    "county": re.compile(r"[\u4e00-\u9fff]{1,4}?(镇|乡|街道)"),
    "township": re.compile(r"[\u4e00-\u9fff]{1,3}?(村|社区)"),
}


def _unlisted_place_after(known: str, s: str, pos: int):
    fact = lx.place_facts().get(known)
    pattern = _UNLISTED_BELOW.get(fact.level) if fact else None
    return pattern.match(s, pos) if pattern else None


def _chain(doc: Doc, f: Found, places: list[tuple[str, int]]) -> None:
    for (outer, outer_at), (inner, at) in zip(places, places[1:]):
        # both ends are places the text names (延庆区香水园街道: 延庆区 and 香水园街道)
        doc.add(
            Found(
                f.start + outer_at,
                f.start + outer_at + len(outer),
                T.District,
                _canonical(outer),
                "chain",
                0.8,
                printed=outer,
            )
        )
        doc.add(
            Found(
                f.start + at,
                f.start + at + len(inner),
                T.District,
                _canonical(inner),
                "chain",
                0.8,
                printed=inner,
            )
        )
        if _place_rank(outer) < _place_rank(
            inner
        ):  # 朝阳区海淀区…: two places side by side, not one in the other
            doc.relate(_canonical(inner), P.locatedIn, _canonical(outer), f.start, f.end, "place-chain")


_RANK_BY_ENDING = (
    ("省", 0),
    ("自治区", 0),
    ("市", 1),
    ("区", 2),
    ("县", 2),
    ("镇", 3),
    ("乡", 3),
    ("街道", 3),
    ("地区", 3),
    ("村", 4),
    ("社区", 4),
)


def _place_rank(place: str) -> int:
    """A place's level as :func:`lexicon.level` ranks it (province 0 … village 4); an
    unlisted place by its ending."""
    fact = lx.place_facts().get(place)
    if fact is not None:
        return lx.level(fact)
    return next((rank for ending, rank in _RANK_BY_ENDING if place.endswith(ending)), 4)


def _canonical(place: str) -> str:
    fact = lx.place_facts().get(place)
    return fact.name if fact else place


def _parent_and_place(doc: Doc, f: Found) -> None:
    """北京宏远建设集团华通公司 → subOrganizationOf 北京宏远建设集团;
    大兴区水务局 → locatedIn 大兴区."""
    places = place_prefixes(f.name)
    rest_at = places[-1][1] + len(places[-1][0]) if places else 0
    # a city or narrower place (成都市政府, 大兴区水务局); not Beijing itself (北京市某局: provincial level)
    local = places and (
        places[-1][0] not in lx.place_facts()
        or lx.place_facts()[places[-1][0]].level in ("prefectural", "county", "township", "area")
    )
    # a venue only after a place printed in full (怀柔区会议中心), not a short name (朝阳公园)
    venue_in_place = f.type is T.Venue and places and places[-1][0] == _canonical(places[-1][0])
    # (某区委: the district's Party committee, one character after the place)
    if (
        local
        and (f.type is T.Organisation or venue_in_place)
        and (len(f.name) - rest_at >= 2 or f.name[rest_at:] == "委")
    ):
        _chain(doc, f, places)
        name, at = places[-1]
        doc.add(
            Found(
                f.start + at,
                f.start + at + len(name),
                T.District,
                _canonical(name),
                "owner",
                0.75,
                printed=name,
            )
        )
        doc.relate(f.name, P.locatedIn, _canonical(name), f.start, f.end, "place-prefix")
    unit = next((u for u in lx.UNIT_SUFFIXES if f.name.endswith(u) and u != "工会"), None)
    owner = f.name[: -len(unit)] if unit else ""
    party = re.fullmatch(r"(.+[区市县])委", owner) if unit else None
    if party and party.group(1) in lx.place_facts() and f.type is T.Organisation:
        # 某区委宣传部: a department of the district's Party committee, which lies in the district
        place = lx.place_facts()[party.group(1)]
        doc.add(
            Found(
                f.start,
                f.start + len(party.group(1)),
                T.District,
                place.name,
                "owner",
                0.75,
                printed=party.group(1),
            )
        )
        doc.relate(f.name, P.locatedIn, place.name, f.start, f.end, "place-prefix")
        return
    if (
        owner
        and f.type is not T.Union
        and any(owner.endswith(s) for s, t in lx.SUFFIXES if t is not T.District)
    ):
        # 北京安居发展中心党委宣传部, …团委: units of the body they are named after
        target = _named_owner(doc, f, owner)
        if target is not None:
            doc.relate(f.name, P.subOrganizationOf, target.name, f.start, f.end, "unit-of", confidence=0.75)
            return
    if f.type is T.Venue:
        _campus_place(doc, f)
        return  # 北京传媒职业学院昌平校区: a site keeps its owner in its name
    # a parent body named at the start: the longest inner name ending in a parent suffix
    for m in reversed(list(_PARENT_SUFFIX.finditer(f.name))):
        cut = m.end()
        if cut >= len(f.name) - 1 or cut - rest_at < 2:
            continue
        if _LEGAL_FORM.fullmatch(f.name[cut:]):
            break  # 北京安泰集团有限责任公司 is 北京安泰集团 itself, by its legal name
        parent = f.name[:cut]
        if (
            lx.GENERIC_PREFIXES.match(parent)
            or parent in lx.place_facts()
            or parent.count("（") != parent.count("）")
            or parent.count("(") != parent.count(")")
        ):
            continue
        if parent.endswith("工会") and (
            parent[:-2] in lx.place_facts() or parent[:-2] in ("地区", "街道", "社区")
        ):
            continue  # 北京工会某协会, 地区工会服务站: a place and 工会 is no union's name
        if re.fullmatch(r"[市区县]工会", parent):
            break  # 市工会干部学院: "the city's union", a kind, not a name
        target = doc.starting_at(f.start, ORGANISATIONS)
        if target is None or target.end - target.start != cut or target is f:
            etype = (
                T.Union
                if _UNION_SUFFIX.search(parent)
                else next(t for s, t in lx.SUFFIXES if parent.endswith(s))
            )
            target = doc.add(Found(f.start, f.start + cut, etype, parent, "parent", 0.7, printed=parent))
        child = f.name[cut:]
        if f.type is not T.Union and _names_itself(child):
            # 上海铁路局南京机务段: two names side by side, the second a part of the first
            doc.rename(f, child, start=f.start + cut)
        doc.relate(f.name, P.subOrganizationOf, target.name, f.start, f.end, "parent-prefix", confidence=0.75)
        break


_LEGAL_FORM = re.compile(r"(控股)?(股份)?(有限责任|有限)?公司")


def _campus_place(doc: Doc, f: Found) -> None:
    """北京某某学院昌平校区 lies in 昌平区: a campus is named after where it is."""
    if not f.name.endswith("校区"):
        return
    body = f.name[:-2]
    place = next((body[i:] for i in range(1, len(body) - 1) if body[i:] in lx.place_facts()), None)
    if place:
        at = f.start + len(body) - len(place)
        doc.add(Found(at, at + len(place), T.District, _canonical(place), "owner", 0.7, printed=place))
        doc.relate(f.name, P.locatedIn, _canonical(place), f.start, f.end, "campus-place")


def _names_itself(part: str) -> bool:
    """Is ``part`` a full name of its own (starts with a place or a proper noun) rather
    than a unit of its parent (工程总承包部)?"""
    if len(part) < 4 or not any(part.endswith(s) for s, _ in lx.SUFFIXES):
        return False
    if re.search(r"(分公司|分行|支行|分院|分局|分厂|分中心)$", part):
        return False  # 湖北分公司: a branch is named only with its parent
    if re.search(r"^[\u4e00-\u9fff]{2,}(商场|酒店|饭店|宾馆|医院|学校|机务段|车站)$", part):
        return True  # 金源集团新安商场: a store or a site has a name of its own
    if place_prefixes(part):
        return True
    first = next(iter(lx.tokenizer().tokenize(part, HMM=False)))[0]
    return len(first) >= 2 and not lx.is_common_word(first, 200)


def _place_chain(doc: Doc, f: Found) -> None:
    printed = doc.text[f.start : f.end]
    places = place_prefixes(printed)
    if len(places) > 1 and sum(len(p) for p, _ in places) == len(printed):
        _chain(doc, f, places)
    elif places and places[0][0] != printed:
        # 昌平智能制造产业基地, 北京大兴国际机场临空经济区: a zone named after the district it
        # lies in; the places in its name are not mentions of their own
        head, at = next((p for p in reversed(places) if p[0] in lx.place_facts()), places[0])
        fact = lx.place_facts()[head]
        if fact.level == "county" and fact.name != f.name:
            _zone_in(doc, f, head, at)
    elif (zone := lx.place_facts().get(printed)) and zone.level == "area":
        # 大兴生物医药基地: a listed zone printed with the name of the district the gazetteer puts
        # it in (not 昌平园, a park's short name with its district fused in: 中关村昌平园)
        head = next(
            (printed[:k] for k in range(len(printed) - 2, 1, -1) if _canonical(printed[:k]) == zone.parent),
            None,
        )
        if head and lx.place_facts()[head].level == "county":
            _zone_in(doc, f, head, 0)
    # 天津宝坻区: adjacent places in the text
    before = doc.ending_at(f.start, {T.District})
    if before and before.name != f.name and _is_parent(before.name, f.name):
        doc.relate(f.name, P.locatedIn, before.name, before.start, f.end, "adjacent-places")


def _zone_in(doc: Doc, f: Found, head: str, at: int) -> None:
    """The zone ``f`` lies in the district whose name ``head`` its name starts with (at ``at``)."""
    district = lx.place_facts()[head].name
    doc.add(Found(f.start + at, f.start + at + len(head), T.District, district, "owner", 0.7, printed=head))
    doc.relate(f.name, P.locatedIn, district, f.start, f.end, "place-prefix")


def _is_parent(outer: str, inner: str) -> bool:
    fact = lx.place_facts().get(inner)
    outer_fact = lx.place_facts().get(outer)
    if fact is None or outer_fact is None:
        return inner.endswith(("村", "社区")) and outer.endswith(("镇", "乡", "街道", "地区"))
    return fact.parent == outer_fact.name or lx.level(outer_fact) < lx.level(fact)


_PROJECT_UNIT = ("项目部", "工程总承包部")


def _project_departments(doc: Doc) -> None:
    """A project department is a unit of the firm that runs the project: one named
    without its firm (某某公司在武清区某某园项目部举办…) belongs to the one firm its
    sentence names before it, or else the one firm the article names."""
    parts = {r.subject for r in doc.relations if r.predicate is P.subOrganizationOf}
    firms = [f for f in doc.found if f.type is T.Enterprise and not f.name.endswith(_PROJECT_UNIT)]
    for unit in [f for f in doc.found if f.type is T.Enterprise and f.name.endswith(_PROJECT_UNIT)]:
        if unit.name in parts:
            continue
        s0, _ = doc.sentence_bounds(unit.start)
        candidates = [f for f in firms if s0 <= f.start and f.end <= unit.start] or firms
        if len({f.name for f in candidates}) == 1:
            firm = candidates[0]
            doc.relate(
                unit.name,
                P.subOrganizationOf,
                firm.name,
                firm.start,
                unit.end,
                "project-of-firm",
                confidence=0.7,
            )
            parts.add(unit.name)


def _setting(doc: Doc) -> None:
    """The article's own setting: a street or town and the district it belongs to, both
    named in the article (大兴区 … 礼贤镇)."""
    districts = dict.fromkeys(f.name for f in doc.found if f.type is T.District)  # text order
    for name in districts:
        fact = lx.place_facts().get(name)
        if fact and fact.level == "township" and fact.parent in districts:
            f = next(x for x in doc.found if x.name == name)
            doc.relate(name, P.locatedIn, fact.parent, f.start, f.end, "setting", confidence=0.7)


def posts(doc: Doc) -> None:
    """ORG + titles + PERSON: 北京市总工会党组成员、副主席李明华 → holdsPost(title=…)."""
    for person in [f for f in doc.found if f.type is T.Person and f.rule == "after-title"]:
        pos = person.start
        title_start = pos
        while True:
            words = [t for t in lx.POST_TITLES if doc.text.startswith(t, title_start - len(t))]
            if not words:
                break
            # 某镇党委副书记: 副书记 of the 党委 rather than 党委副书记 of the 镇
            word = next((t for t in words if doc.ending_at(title_start - len(t), ORGANISATIONS)), words[0])
            title_start -= len(word)
            # 党组副书记, 兼职副主席, 工会主席: the kind of title before it, where no body ends (镇党委副书记)
            if not doc.ending_at(title_start, ORGANISATIONS):
                title_start -= len(
                    _TITLE_KIND.search(doc.text, max(0, title_start - 3), title_start).group(0)
                )
            dept = re.search(
                r"([\u4e00-\u9fff]{1,8}(部|处|科|室|办公室|中心))$",
                doc.text[max(0, title_start - 10) : title_start],
            )
            org = doc.ending_at(title_start, ORGANISATIONS)
            if org is None and dept:
                title_start -= len(dept.group(0))
                org = doc.ending_at(title_start, ORGANISATIONS)
            if org:
                title = doc.text[title_start:pos].strip("、，,")
                doc.blocked.append((title_start, pos))
                doc.relate(
                    person.name,
                    P.holdsPost,
                    org.name,
                    org.start,
                    person.end,
                    "title-before-name",
                    title=title,
                    confidence=0.85,
                )
                # …领导小组副组长，区政协党组成员、副主席，区总工会主席孙立新: one post per body
                if doc.text[org.start - 1 : org.start] not in ("，", "、", ","):
                    break
                pos = title_start = org.start - 1
                continue
            if doc.text[title_start - 1 : title_start] in ("、", "兼"):  # 党委书记兼工会主席
                title_start -= 1


def posts_in_a_list(doc: Doc) -> None:
    """Officials listed after one whose body is named hold their posts there too:
    某区总工会党组书记、主席甲，常务副主席乙、副主席丙; 副书记甲、乙 (乙 the same post)."""
    posts = {r.subject: r for r in doc.relations if r.predicate is P.holdsPost}
    last: FoundRelation | None = None
    for person in sorted((f for f in doc.found if f.type is T.Person), key=lambda f: f.start):
        if person.name in posts:
            last = posts[person.name]
            continue
        if last is None or doc.sentence_bounds(last.start) != doc.sentence_bounds(person.start):
            continue
        between = doc.text[last.end : person.start]
        title = next((t for t in lx.POST_TITLES if between.endswith(t)), None)
        if title and re.fullmatch(
            r"[，,、](?:[\u4e00-\u9fff]{0,6}[、]?)*", between[: len(between) - len(title)] or "，"
        ):
            # 乙 after a comma with a title of its own, no body named between
            doc.relate(
                person.name,
                P.holdsPost,
                last.object,
                last.start,
                person.end,
                "post-in-list",
                title=title,
                confidence=0.7,
            )
        elif between in ("、", "，", ","):
            doc.relate(
                person.name,
                P.holdsPost,
                last.object,
                last.start,
                person.end,
                "post-in-list",
                title=last.title,
                confidence=0.65,
            )
        else:
            continue
        last = doc.relations[-1]
        posts[person.name] = last


_CHINESE = re.compile(r"[\u4e00-\u9fff]*")
_TITLE_KIND = re.compile(r"(党组|党委|党工委|兼职|专职|挂职|提名|工会|)$")


def elected(doc: Doc) -> None:
    """PERSON 当选为 ORG + title: 孟某当选为区总工会主席 → holdsPost(title=主席); the
    people listed before (甲、乙当选…) too, and a title alone takes the body of the
    election before it in the sentence (……当选区总工会主席，丙当选副主席)."""
    last: Found | None = None  # the body of the last election
    for person in sorted((f for f in doc.found if f.type is T.Person), key=lambda f: f.start):
        verb = re.match(r"当选为?", doc.text[person.end : person.end + 3])
        if not verb:
            continue
        at = person.end + verb.end()
        org = doc.starting_at(at, ORGANISATIONS)
        if org is None and last is not None and doc.sentence_bounds(last.start) == doc.sentence_bounds(at):
            org, title_at = last, at
        else:
            title_at = org.end if org else at
        title = org and next((t for t in lx.POST_TITLES if doc.text.startswith(t, title_at)), None)
        if not title:
            continue
        last = org
        listed = person
        while listed is not None:
            doc.relate(
                listed.name,
                P.holdsPost,
                org.name,
                listed.start,
                title_at + len(title),
                "elected",
                title=title,
                confidence=0.8,
            )
            listed = (
                doc.ending_at(listed.start - 1, {T.Person})
                if doc.text[listed.start - 1 : listed.start] == "、"
                else None
            )


def _workplace(doc: Doc, person: Found) -> Found | None:
    """The body printed before a person's occupation and name: 某公司(机务)工程师陈某."""
    occupation = lx.occupation_before(doc.text, person.start)
    at = person.start - occupation
    return next(
        (
            org
            for k in range(5)
            if occupation
            and _CHINESE.fullmatch(doc.text, at - k, at)
            and (org := doc.ending_at(at - k, {T.Enterprise, T.Organisation}))
        ),
        None,
    )


def employers(doc: Doc) -> None:
    """A person who works somewhere the sentence names: 范某在金源集团新安商场砥砺深耕,
    现就职于某公司, 某公司机务工程师陈某 (the body, an occupation, the name) → worksFor."""
    for person in (f for f in doc.found if f.type is T.Person and f.rule == "studio-name"):
        org = doc.ending_at(person.start, {T.Enterprise, T.Organisation})  # 某公司张某创新工作室
        if org is not None:
            doc.relate(
                person.name, P.worksFor, org.name, org.start, person.end, "studio-of-body", confidence=0.7
            )
    for person in [f for f in doc.found if f.type is T.Person]:
        if org := _workplace(doc, person):
            doc.relate(
                person.name, P.worksFor, org.name, org.start, person.end, "occupation-at", confidence=0.75
            )
            continue
        org = (
            doc.ending_at(person.start - 1, {T.Enterprise, T.Organisation})
            if doc.text[person.start - 1 : person.start] == "的"
            else None
        )
        if org is not None:
            doc.relate(person.name, P.worksFor, org.name, org.start, person.end, "of-body", confidence=0.7)
            continue  # 某中学的喻某
        org = (
            doc.starting_at(person.end + 1, {T.Enterprise, T.Organisation})
            if doc.text.startswith("是", person.end)
            else None
        )
        if (
            org
            and (occupation := re.match(r"的(?:一名|一位)?", doc.text[org.end :]))
            and lx.occupation_before(doc.text, doc.clause_end(org.end + occupation.end()))
        ):
            doc.relate(person.name, P.worksFor, org.name, person.start, org.end, "profile", confidence=0.7)
            continue  # 韩某是某公司的高级技师
        s0, s1 = doc.sentence_bounds(person.start)
        for m in re.finditer(r"(?:在|于)", doc.text[person.end : s1]):
            at = person.end + m.end()
            org = doc.starting_at(at, {T.Enterprise, T.Organisation})
            while org is not None and (nxt := doc.starting_at(org.end, {T.Enterprise, T.Organisation})):
                org = nxt  # 金源集团新安商场: the unit, not its group
            if org and re.match(
                r"[^，。；]{0,6}(工作|任职|深耕|从事|就职|扎根|坚守)", doc.text[org.end : org.end + 10]
            ):
                doc.relate(
                    person.name, P.worksFor, org.name, person.start, org.end, "works-at", confidence=0.7
                )
                break


def honours_held(doc: Doc) -> None:
    """Honours right before a person's name: 全国劳动模范陈志刚, 北京大工匠、首都劳动奖章获得者吴建国,
    or before the body and occupation of that person: 全国劳动模范、某公司高级技师梁某."""
    # where the posts of each person begin: 全国劳动模范、某公司党委书记兼工会主席某某
    posts_from = {
        r.subject: r.start
        for r in doc.relations
        if r.predicate is P.holdsPost and r.rule == "title-before-name"
    }
    for person in [f for f in doc.found if f.type is T.Person]:
        pos = person.start
        text = doc.text
        if workplace := _workplace(doc, person):
            pos = workplace.start - (text[workplace.start - 1 : workplace.start] == "、")
        elif (
            posts_from.get(person.name, person.end) < person.start
            and text[posts_from[person.name] - 1] == "、"
        ):
            pos = posts_from[person.name] - 1
        pos -= len(re.search(r"(获得者|代表|)$", text[max(0, pos - 3) : pos]).group(0))
        while True:
            honour = doc.ending_at(pos, {T.Honour})
            if honour is None:
                break
            doc.relate(
                person.name,
                P.hasHonour,
                honour.name,
                honour.start,
                person.end,
                "honour-before-name",
                confidence=0.85,
            )
            # and the people listed after that one: 劳动模范甲、乙、丙
            listed = person
            while text[listed.end : listed.end + 1] == "、" and (
                listed := doc.starting_at(listed.end + 1, {T.Person})
            ):
                doc.relate(
                    listed.name,
                    P.hasHonour,
                    honour.name,
                    honour.start,
                    listed.end,
                    "honour-before-list",
                    confidence=0.75,
                )
            pos = honour.start
            pos -= len(re.search(r"(、|和|及|)$", text[max(0, pos - 1) : pos]).group(0))
            pos -= len(re.search(f"(首届|{lx.EDITION}|)$", text[max(0, pos - 4) : pos]).group(0))


def honours_in_apposition(doc: Doc) -> None:
    """Honours of people named beside them without a verb: the people listed before 等 and
    the title (甲，乙等第N届北京大工匠), and a person described by a list before the name, one
    item an honour (北京市劳动模范、骨科主任医师、某医院党委书记宋某; 首都劳动奖章获得者、某公司职工沈某)."""
    honours = {(f.start, f.end): f for f in doc.found if f.type is T.Honour}
    for honour in honours.values():  # 甲，乙，丙等第N届北京大工匠: the people listed before 等
        if re.search(rf"等({lx.EDITION})?$", doc.text[max(0, honour.start - 6) : honour.start]):
            s0, _ = doc.sentence_bounds(honour.start)
            for person in (f for f in doc.found if f.type is T.Person and s0 <= f.start < honour.start):
                doc.relate(
                    person.name,
                    P.hasHonour,
                    honour.name,
                    person.start,
                    honour.end,
                    "listed-before-honour",
                    confidence=0.7,
                )
    for person in [f for f in doc.found if f.type is T.Person]:
        s0, _ = doc.sentence_bounds(person.start)
        at = doc.clause_start(s0, person.start)
        for item in re.finditer(r"[^、]+(?=、)", doc.text[at : person.start]):
            start, end = at + item.start(), at + item.end()
            end -= len(re.search(r"(称号)?(获得者)?$", doc.text[start:end]).group(0))
            start += len(re.match(r"[（(]?(其中|包括|他们是|她们是|有)?[：:]?", doc.text[start:end]).group(0))
            honour = honours.get((start, end))
            if honour is not None:
                doc.relate(
                    person.name,
                    P.hasHonour,
                    honour.name,
                    honour.start,
                    person.end,
                    "honour-in-apposition",
                    confidence=0.75,
                )


# what confers a title on the people before it: 陈某等50人被授予“某区劳动模范”称号
_CONFERRED = re.compile(r"(被授予|荣获|获得|获评|被评为|评为|被命名为|当选为|当选|获)(?:\d{4}年度?)?[“\"]?$")
# a clause that goes on about the sentence's subject: 陈某……，先后荣获全国劳动模范
_SAME_SUBJECT = re.compile(r"(他|她)?(先后|曾|曾经|还|并|也|多次|相继|又|已)*")


def honours_conferred(doc: Doc) -> None:
    """The people of a clause that is given an honour: 陈某等50人被授予“某区劳动模范”称号,
    张某、李某荣获首都劳动奖章, 王某……，先后荣获全国劳动模范、北京大工匠 → hasHonour."""
    people = [f for f in doc.found if f.type is T.Person]
    for honour in [f for f in doc.found if f.type is T.Honour]:
        pos = honour.start
        while doc.text[pos - 1 : pos] in ("、", "和", "及") and (
            before := doc.ending_at(pos - 1, {T.Honour})
        ):
            pos = before.start  # the first of a list of honours: 荣获全国劳动模范、首都劳动奖章
        s0, _ = doc.sentence_bounds(pos)
        verb = _CONFERRED.search(doc.text, s0, pos)
        if verb is None:
            continue
        titled = re.match(r"[”\"]?(荣誉)?(称号)?的", doc.text[honour.end : honour.end + 6])
        if titled:  # 获得全国先进工作者荣誉称号的某法院庭长王某: the one it describes
            after = honour.end + titled.end()
            holder = next((p for p in people if after <= p.start < doc.clause_end(after)), None)
            if holder:
                doc.relate(
                    holder.name,
                    P.hasHonour,
                    honour.name,
                    honour.start,
                    holder.end,
                    "honour-described",
                    confidence=0.75,
                )
            continue
        clause = doc.clause_start(s0, verb.start())
        holders = [p for p in people if clause <= p.start and p.end <= verb.start()]
        same = not holders and _SAME_SUBJECT.fullmatch(doc.text, clause, verb.start())
        if same:
            holders = [p for p in people if s0 <= p.start < clause][:1]
        if same and not holders and (same.group(1) or re.search("[他她]", doc.text[s0:clause])):
            # 他先后荣获…, 他带领团队…，先后获得…: the person the paragraph spoke of last
            paragraph = doc.text.rfind("\n", 0, s0) + 1
            holders = [p for p in people if paragraph <= p.start < s0][-1:]
        for person in holders:
            doc.relate(
                person.name,
                P.hasHonour,
                honour.name,
                person.start,
                honour.end,
                "honour-conferred",
                confidence=0.8,
            )


def activities(doc: Doc) -> None:
    """Per sentence: organisers (the bodies before 举办/开展/召开…), participants (people
    who 出席/致辞…, bodies that 参加, whose staff go, that act or are honoured there), the
    place (在 X 举办), and partOf (an event named after a programme)."""
    # (助力冬奥会: a major event named in passing is not what the report reports)
    events = [f for f in doc.found if f.type is T.Event and f.rule != "major-event"]
    programmes = [f for f in doc.found if f.type is T.Programme]
    for ev in events:
        for pr in programmes:
            pn = _bare(pr.name)
            if pn and pn in _bare(ev.name) and pr.name != ev.name:
                doc.relate(ev.name, P.partOf, pr.name, ev.start, ev.end, "event-named-after-programme")
    _launches(doc, events)
    programmes = [f for f in doc.found if f.type is T.Programme]
    for ev in events:
        for pr in programmes:
            core = _quoted_core(pr.name)
            if core and core in ev.name and pr.name != ev.name:
                doc.relate(ev.name, P.partOf, pr.name, ev.start, ev.end, "shared-quoted-name")
    verbs = "|".join(sorted(lx.ORGANISE_VERBS + lx.PROGRAMME_VERBS, key=len, reverse=True))
    for m in re.finditer(rf"({verbs})", doc.text):
        s0, s1 = doc.sentence_bounds(m.start())
        clause_end = doc.clause_end(m.end())
        # a body runs the events it holds; it also runs the programmes it pushes forward
        kinds = (T.Programme,) if m.group(0) in lx.PROGRAMME_VERBS else (T.Event, T.Programme)
        targets = [f for f in doc.found if f.type in kinds and m.end() <= f.start < clause_end]
        if not targets:
            before = [f for f in doc.found if f.type is T.Event and s0 <= f.start and f.end <= m.start()]
            targets = before[-1:]
        subjects, rule = _verb_subjects(doc, s0, m.start())
        for org in subjects:
            for target in targets:
                if doc.ending_at(target.start, ORGANISATIONS) in (None, org):
                    doc.relate(
                        org.name,
                        P.organised,
                        target.name,
                        org.start,
                        target.end,
                        rule,
                        confidence=0.7 if rule == "subject-verb-object" else 0.6,
                    )
        # 某区举办表彰会: a place that holds an occurrence is where it happens
        place = (
            doc.starting_at(doc.clause_start(s0, m.start()), {T.District})
            if m.group(0) in ("举办", "举行", "召开")
            else None
        )
        if place is not None and place.end == m.start():
            for target in (t for t in targets if t.type is T.Event):
                doc.relate(
                    target.name, P.heldAt, place.name, place.start, target.end, "place-holds", confidence=0.65
                )
    for m in re.finditer(r"(成立|组建|设立)了?", doc.text):  # X工会…，成立Y服务队: a unit it set up
        unit = doc.starting_at(m.end(), {T.Organisation, T.Enterprise})
        for org in _verb_subjects(doc, doc.sentence_bounds(m.start())[0], m.start())[0] if unit else ():
            doc.relate(
                unit.name, P.subOrganizationOf, org.name, org.start, unit.end, "set-up-by", confidence=0.6
            )
    for pr in [f for f in doc.found if f.type is T.Programme]:
        owner = doc.ending_at(pr.start, ORGANISATIONS)  # 落实全国总工会“559”工作部署: whose it is
        if owner is not None:
            doc.relate(
                owner.name, P.organised, pr.name, owner.start, pr.end, "body-before-programme", confidence=0.7
            )
    for m in re.finditer(r"由", doc.text):  # 由海淀区总工会主办，…工会承办
        listed = _listed(doc, m.end(), len(doc.text))
        after = doc.text[listed[-1].end : listed[-1].end + 20] if listed else ""
        # bodies the text lists after the last one found (…工会、集团人力资源部联合主办) do not part it from its verb
        verb = re.match(
            r"(?:、[^，。；、,;]{2,10}?)*(?:共同|联合)?(?P<verb>主办|承办|协办|举办|组织|指导|发起)", after
        )
        s0, s1 = doc.sentence_bounds(m.start())
        ev = _sentence_event(doc, s0, s1, events) or _main_event(doc, events)
        if verb and ev and verb.group("verb") != "指导":
            for org in listed:
                if org.type in ORGANISATIONS:
                    doc.relate(org.name, P.organised, ev.name, org.start, org.end, "by-organiser")
        for later in re.finditer(r"[，,、]\s*((?:[^，。；,;、]{2,40}?))(承办|协办)", doc.text[s0:s1]):
            f = doc.starting_at(s0 + later.start(1), ORGANISATIONS)
            if verb and ev and f:
                doc.relate(f.name, P.organised, ev.name, f.start, f.end, "by-organiser")
    _headline_subject(doc)
    _topic_organiser(doc)
    _article_organiser(doc, _main_event(doc, events))
    _marks_launch(doc, events)
    for pr in [f for f in doc.found if f.type is T.Programme and f.rule == "instrument"]:
        s0, _ = doc.sentence_bounds(pr.start)
        for org in _subjects(doc, s0, pr.start):  # 儒林街道总工会以职工恳谈会为抓手
            doc.relate(org.name, P.organised, pr.name, org.start, pr.end, "subject-instrument")
    for m in re.finditer(r"(?:在|于|到)", doc.text):
        listed = _listed(doc, m.end(), len(doc.text))
        described = (
            re.match(r"[^，。；、“”\n]{1,12}?的", doc.text[m.end() : m.end() + 13]) if not listed else None
        )
        if described:  # 在京城最大的棚改工地某某工地举办: the place after what the text says of it
            listed = _listed(doc, m.end() + described.end(), len(doc.text))
        place = listed[0] if listed else None
        if place is None:
            continue
        s0, s1 = doc.sentence_bounds(m.start())
        ev = _sentence_event(doc, s0, s1, events)
        if ev and re.match(
            r"[^，。；]{0,12}(举办|举行|召开|开展|进行|启动|开幕|参观|打卡|闭幕|落幕|落下帷幕|拉开帷幕|收官|开赛|启幕)",
            doc.text[place.end : place.end + 16],
        ):
            doc.relate(ev.name, P.heldAt, place.name, place.start, ev.end, "held-at")
    main = _main_event(doc, events)
    for m in re.finditer(r"(来自|邀请|包括[：:]?|前往|走进|来到|共赴|赴)", doc.text):
        s0, s1 = doc.sentence_bounds(m.start())
        ev = _sentence_event(doc, s0, s1, events) or main
        if ev is None:
            continue
        for f in _listed(doc, m.end(), s1):
            if m.group(0)[:2] in ("来自", "邀请", "包括") and f.type in ORGANISATIONS:
                doc.relate(f.name, P.participatedIn, ev.name, f.start, f.end, "came-from")
            elif (
                m.group(0)[:2] not in ("来自", "邀请", "包括")
                and f.type in (T.Venue, T.Organisation, T.District)
                and "结束后" not in doc.text[s0 : m.start()]
            ):  # 活动结束后，职工们前往X: after it, elsewhere
                doc.relate(ev.name, P.heldAt, f.name, f.start, f.end, "visited")
    for body in [f for f in doc.found if f.type in ORGANISATIONS]:
        # 顺义区总工会一行参观了…, A、B等单位参加, A、B也纷纷开设分会场: bodies that take part
        if _TOOK_PART.match(doc.text[body.end : body.end + 12]):
            s0, s1 = doc.sentence_bounds(body.start)
            ev = _sentence_event(doc, s0, s1, events) or main
            for f in _listed_before(doc, body) if ev else ():
                doc.relate(f.name, P.participatedIn, ev.name, f.start, f.end, "took-part")
    for m in re.finditer(r"在(位于)?", doc.text):  # 在位于X的职工恳谈会主会场: where it was held
        listed = _listed(doc, m.end(), len(doc.text))
        if listed and re.match(
            r"的[^，。；]{0,12}(主会场|分会场|会场|现场)", doc.text[listed[0].end : listed[0].end + 16]
        ):
            s0, s1 = doc.sentence_bounds(m.start())
            ev = _sentence_event(doc, s0, s1, events) or main
            if ev:
                doc.relate(ev.name, P.heldAt, listed[0].name, listed[0].start, listed[0].end, "held-at")
    _staff_taking_part(doc, events)
    _acting_at_the_event(doc, main)
    _honoured_at_the_event(doc, events, main)
    attending: dict[int, Found] = {}  # a person's start → the event they attended
    for person in sorted(
        (f for f in doc.found if f.type is T.Person and f.rule != "studio-name"), key=lambda f: -f.start
    ):
        after = doc.text[person.end : person.end + 8]
        if (
            re.match(
                r"(等)?[^，。]{0,3}(出席|参加|致辞|讲话|主持|发言|宣讲|分享|讲述|作|参与|为|指出|表示|强调|介绍|说[：:，,])",
                after,
            )
            or person.rule == "after-honour"
        ):
            s0, s1 = doc.sentence_bounds(person.start)
            ev = _sentence_event(doc, s0, s1, events) or _main_event(doc, events)
        else:  # 市总工会副主席高某，区委副书记、区长郭某出席: each official of the list
            ev = next((attending[o.start] for o in _next_official(doc, person) if o.start in attending), None)
        if ev:
            attending[person.start] = ev
            doc.relate(person.name, P.participatedIn, ev.name, person.start, person.end, "attended")
    _people_at_the_event(doc, events, main, set(attending))
    _prize_winners(doc, events, main)
    for m in mentions.ONE_OF_SERIES.finditer(doc.text) if main else ():  # 此次活动为某“X”系列活动之一
        series = doc.ending_at(m.end(1), {T.Programme})
        if series is not None and series.name != main.name:
            doc.relate(
                main.name, P.partOf, series.name, series.start, series.end, "one-of-series", confidence=0.7
            )


# 某银行荣获团体一等奖, 甲、乙包揽了第一名和第二名: who won a prize took part
_PRIZE = re.compile(
    r"(?:荣获|获得|夺得|摘得|斩获|获|包揽了?)(?:了)?(?:团体|个人)?(?:[一二三]等奖|特等奖|优秀奖|冠军|亚军|季军|金奖|银奖|铜奖|第[一二三四五六七八九十\d]+名)"
)


def _prize_winners(doc: Doc, events: list[Found], main: Found | None) -> None:
    for m in _PRIZE.finditer(doc.text):
        s0, s1 = doc.sentence_bounds(m.start())
        event = _sentence_event(doc, s0, s1, events) or main
        if event is None:
            continue
        clause = doc.clause_start(s0, m.start())
        for f in doc.found:  # the bodies and people of the prize's clause
            if (
                f.type in ORGANISATIONS | {T.Person}
                and clause <= f.start
                and f.end <= m.start()
                and not doc.covering(f.start, f.end)
            ):
                doc.relate(
                    f.name, P.participatedIn, event.name, f.start, m.end(), "prize-winner", confidence=0.65
                )


_AT_EVENT_VERB = re.compile("|".join(lx.longest_first("taking_part_verbs")))


def _people_at_the_event(doc: Doc, events: list[Found], main: Found | None, done: set[int]) -> None:
    """A person named in a sentence before a verb of taking part (区长王某、劳模李某…出席,
    某某率慰问团看望…, 某某为获奖者颁奖) took part in the sentence's event, else the article's."""
    for person in (
        f for f in doc.found if f.type is T.Person and f.start not in done and f.rule != "studio-name"
    ):
        s0, s1 = doc.sentence_bounds(person.start)
        verb = _AT_EVENT_VERB.search(doc.text, person.end, s1)
        ev = (_sentence_event(doc, s0, s1, events) or main) if verb else None
        if ev is not None and ev.start != person.start and not doc.covering(person.start, person.end):
            doc.relate(
                person.name,
                P.participatedIn,
                ev.name,
                person.start,
                verb.end(),
                "before-verb-of-taking-part",
                confidence=0.6,
            )


def _next_official(doc: Doc, person: Found) -> list[Found]:
    """The person named next in a list of officials (…副主席高某，区委副书记、区长郭某):
    after a comma, a body, then titles right before the name."""
    if doc.text[person.end : person.end + 1] not in ("，", "、") or not doc.starting_at(
        person.end + 1, ORGANISATIONS
    ):
        return []
    nxt = min(
        (f for f in doc.found if f.type is T.Person and f.start > person.end),
        key=lambda f: f.start,
        default=None,
    )
    if nxt is None or nxt.start - person.end > 40 or re.search(r"[。；;]", doc.text[person.end : nxt.start]):
        return []
    return [nxt] if doc.text.endswith(tuple(lx.POST_TITLES), 0, nxt.start) else []


# 组织全体干部职工, 带领区园林绿化局职工及子女: a body's staff taken to an event, the whole staff
# or the staff of a body named there (not 组织百余名职工, some of them)
_STAFF_TAKEN = re.compile(r"(组织|带领|动员|发动)了?")
_STAFF = re.compile(r"(全体|本单位)?(干部)?(职工|员工)")


def _staff_taking_part(doc: Doc, events: list[Found]) -> None:
    """A body takes part in an event its staff is taken to: the body named before 职工, or,
    for 全体职工, the owner of the union that takes them (X工会组织全体干部职工…)."""
    owners = {r.subject: r.object for r in doc.relations if r.predicate is P.unionOf}
    for m in _STAFF_TAKEN.finditer(doc.text):
        s0, s1 = doc.sentence_bounds(m.start())
        event = _sentence_event(doc, s0, s1, events)
        body = doc.starting_at(m.end(), ORGANISATIONS)
        staff = _STAFF.match(doc.text, body.end if body else m.end())
        if event is None or staff is None or doc.covering(staff.start(), staff.end()):
            continue
        if body is not None:
            participant = body.name
        else:
            union = (
                next((f for f in _subjects(doc, s0, m.start()) if f.name in owners), None)
                if staff.group(1)
                else None
            )
            participant = owners[union.name] if union else None
        if participant:
            doc.relate(participant, P.participatedIn, event.name, m.start(), staff.end(), "staff-taken")


_HONOURED = re.compile(r"(现场)?(授旗|授牌|颁奖|颁发|授予)")


def _honoured_at_the_event(doc: Doc, events: list[Found], main: Found | None) -> None:
    """为新成立的X突击队现场授旗: a body given a flag, a plaque or an award is at the event."""
    for m in _HONOURED.finditer(doc.text):
        body = doc.ending_at(m.start(), ORGANISATIONS)
        s0, s1 = doc.sentence_bounds(m.start())
        event = _sentence_event(doc, s0, s1, events) or main
        if (
            body is not None
            and event is not None
            and re.search(r"为[^，。；,;]{0,12}$", doc.text[max(s0, body.start - 13) : body.start])
        ):
            doc.relate(
                body.name,
                P.participatedIn,
                event.name,
                body.start,
                m.end(),
                "honoured-at-event",
                confidence=0.6,
            )


_AT_THE_EVENT = re.compile(r"(活动中|活动现场|会上|仪式上)[，,]")


def _acting_at_the_event(doc: Doc, main: Found | None) -> None:
    """活动中，X工会向职工发出倡议; 活动现场，X总工会发布…: a body that acts at the article's
    event, as the subject of a sentence set there, takes part in it."""
    for m in _AT_THE_EVENT.finditer(doc.text) if main else ():
        for body in _listed(doc, m.end(), doc.clause_end(m.end())):  # 会上，A、B和C作了交流发言
            if body.type in ORGANISATIONS and not _introduces_person(doc, body):
                doc.relate(
                    body.name,
                    P.participatedIn,
                    main.name,
                    body.start,
                    body.end,
                    "acts-at-event",
                    confidence=0.6,
                )


_OPENING = re.compile(
    r"^(近日|日前|今年以来|近年来|当天|今年|同时|与此同时|此外|据了解|据悉|据介绍|目前|下一步|接下来|"
    r"[春夏秋冬]季|(?:春节|元旦|节日|暑期|汛期|[“\"]?两节[”\"]?)期间|\d{1,2}月\d{1,2}日|[，,\s])*$"
)


def _topic_organiser(doc: Doc) -> None:
    """An event no clause gives an organiser is run by the body its paragraph is about:
    the body that opens a clause of it (潍坊市总工会对接…；组织召开全市现场推进会议)."""
    organised = {r.object for r in doc.relations if r.predicate is P.organised}
    text = doc.text
    for f in sorted(
        (f for f in doc.found if f.type is T.Event and f.rule not in ("congress", "major-event")),
        key=lambda f: f.start,
    ):
        if f.name in organised or f.start < doc.article.body_start:
            continue
        topic = _clause_opener(doc, text.rfind("\n", 0, f.start) + 1, f.start)
        # with the bodies it is joined to (X项目部联合Y街道总工会，在工地举办…)
        for body in (_bodies_from(doc, topic.start, f.start) or [topic]) if topic is not None else ():
            doc.relate(body.name, P.organised, f.name, topic.start, f.end, "paragraph-topic", confidence=0.55)
            organised.add(f.name)


def _article_organiser(doc: Doc, main: Found | None) -> None:
    """The article's own event, when no sentence names who held it, was held by the
    union the article is about: the first one that opens a clause (活动中，X工会向…)."""
    if (
        main is None
        or main.rule == "congress"
        or any(r.predicate is P.organised and r.object == main.name for r in doc.relations)
    ):
        return
    body = doc.article.body_start
    for f in sorted((f for f in doc.found if f.type is T.Union and f.start >= body), key=lambda f: f.start):
        s0, _ = doc.sentence_bounds(f.start)
        clause_start = max(s0, doc.text.rfind("，", s0, f.start) + 1)
        if re.match(r"、|和|与|的(负责人|代表|相关负责)", doc.text[f.end : f.end + 5]):
            continue  # 会上，A、B作了交流发言; A的负责人介绍…: bodies that speak, not the host
        if (
            re.fullmatch(
                r"(活动中|会上|活动现场|现场|仪式上|当天|同时|此外)?[，,]?", doc.text[clause_start : f.start]
            )
            and not doc.covering(f.start, f.end)
            and not _introduces_person(doc, f)
        ):
            doc.relate(f.name, P.organised, main.name, f.start, main.end, "article-subject", confidence=0.5)
            return


# …活动在…举办，标志着2023年…职工健步走活动启动: the event opens the programme
_MARKS = re.compile(r"标志着([^，。；]{4,40}?)(正式)?(启动|开启|拉开帷幕|拉开序幕|开幕)")


def _marks_launch(doc: Doc, events: list[Found]) -> None:
    for m in _MARKS.finditer(doc.text):
        s0, _ = doc.sentence_bounds(m.start())
        programme = doc.starting_at(m.start(1), {T.Programme})
        event = next((e for e in reversed(events) if s0 <= e.start < m.start()), None)
        if programme and event:
            doc.relate(event.name, P.partOf, programme.name, event.start, programme.end, "marks-launch")


def _clause_opener(doc: Doc, start: int, end: int) -> Found | None:
    """The first body in [start, end) that opens its clause (近日，X总工会…)."""
    for f in sorted(
        (f for f in doc.found if f.type in ORGANISATIONS and start <= f.start < end), key=lambda f: f.start
    ):
        s0, _ = doc.sentence_bounds(f.start)
        if _OPENING.match(doc.text[max(s0, start) : f.start]) and not doc.covering(f.start, f.end):
            if not _introduces_person(doc, f):
                return f
    return None


def _introduces_person(doc: Doc, body: Found) -> bool:
    """北京市总工会副主席张三…: a clause about a person, not about the body."""
    return any(doc.text.startswith(t, body.end) for t in lx.POST_TITLES + ["党组", "相关"])


def _headline_subject(doc: Doc) -> None:
    """A headline that opens with a body is about what that body does: 市建设工会
    助“新”行动…, 北京安居发展中心工会举办青年职工联谊会."""
    end = doc.article.body_start
    subject = doc.starting_at(0, ORGANISATIONS)
    if subject is None or subject.end >= end:
        return
    for f in doc.found:
        if f.type in (T.Event, T.Programme) and subject.end <= f.start and f.end <= end:
            doc.relate(
                subject.name, P.organised, f.name, subject.start, f.end, "headline-subject", confidence=0.65
            )


# the occasion of a programme: X启动仪式, X启动活动 (of X活动), X颁奖展演活动 (of X)
_OCCASION = re.compile(
    r"^(?P<programme>.{4,}?)(?:(?P<launch>启动仪式|启动会|开幕式|开班仪式|启动)|(?P<launch_activity>启动活动)|"
    r"(?P<finale>颁奖展演活动|颁奖仪式|颁奖典礼|颁奖活动|总决赛|决赛))$"
)


_INNER_EDITION = re.compile(rf"(?<=[^“\"]){lx.EDITION}")
_LAST_CONTEST = re.compile(".*(?:{})".format("|".join(lx.CONTESTS)))


def _launches(doc: Doc, events: list[Found]) -> None:
    """An event named as the occasion of a programme belongs to it (partOf); in a joint
    occasion (先进表彰暨第九届“活力杯”职工运动会) the part after 暨 is the programme's."""
    for ev in events:
        part = ev.name.rsplit("暨", 1)[-1]
        m = _OCCASION.match(part)
        if m:
            name = m.group("programme") + ("活动" if m.group("launch_activity") else "")
            if m.group("finale") and (contest := _LAST_CONTEST.search(name)):
                name = name[: contest.end()]  # …技能大赛焊工决赛: the final of one trade of the contest
        elif part != ev.name and re.match(lx.EDITION, part):
            name = part  # …暨第九届“活力杯”职工运动会: an edition of the programme
        else:
            continue
        if not re.search(r"[“\"\d届]", name) and part == ev.name:
            continue
        name = re.sub(f"^{lx.EDITION}", "", name) if part != ev.name else name
        place = next((p for p in lx.place_regex().finditer(name) if p.start() > 0), None)
        if place and re.search(r"——|[”\"]", name[: place.start()]):
            name = name[place.start() :]  # 奋进新征程——“…”密云区“青春的旋律”…比赛: the theme is not the name
        # the words as printed, where they stand in the event's name (X活动 of X启动活动 is not printed)
        printed = name if name in part else m.group("programme")
        start = ev.end - len(part) + part.find(printed)
        name = _INNER_EDITION.sub("", name)  # 某公司第三届驾驶员技能大赛: an edition of 某公司驾驶员技能大赛
        programme = next(
            (f for f in doc.found if f.type is T.Programme and _bare(f.name) == _bare(name)), None
        )
        if programme is None:
            programme = doc.add(
                Found(start, start + len(printed), T.Programme, name, "launched", 0.7, printed=printed)
            )
        doc.relate(ev.name, P.partOf, programme.name, ev.start, ev.end, "launch-of")


def _quoted_core(name: str) -> str | None:
    m = re.search(r"[“\"]([^”\"]{2,})[”\"]", name)
    return m.group(0) if m else None


def _listed(doc: Doc, pos: int, end: int) -> list[Found]:
    """The names listed from ``pos``: A、B和C …"""
    out = []
    while pos < end:
        f = doc.starting_at(pos, ORGANISATIONS | {T.Venue, T.District})
        if f is None:
            break
        while True:  # the most specific place of a chain: 榆垡镇石垡村 → 石垡村, 宝坻区锦绣园项目部
            nxt = doc.starting_at(f.end, ORGANISATIONS | {T.District, T.Venue})
            if nxt is None or nxt.type is T.District and f.type is not T.District:
                break
            f = nxt
        out.append(f)
        joiner = re.match(r"(、|和|与|及|以及)", doc.text[f.end : end])
        if not joiner:
            break
        pos = f.end + len(joiner.group(0))
    return out


_TOOK_PART = re.compile(  # …等单位参加, …相关负责同志参加大会 (the body through its people)
    r"(一行|代表|(等(单位|部门|企业)?)?((相关)?负责(同志|人))?(也|还|均|都)?(纷纷|共同)?(参加|参与|出席|(开设|设立|设置)了?分会场))"
)


def _listed_before(doc: Doc, last: Found) -> list[Found]:
    """The names listed up to ``last``: A、B和C → A, B, C."""
    out = [last]
    while True:
        m = re.search(r"(、|和|与|及|以及)$", doc.text[max(0, out[0].start - 2) : out[0].start])
        prev = doc.ending_at(out[0].start - len(m.group(0)), ORGANISATIONS) if m else None
        if prev is None:
            return out[::-1]
        out.insert(0, prev)


def _main_event(doc: Doc, events: list[Found]) -> Found | None:
    """The article's own occurrence: the first event of the body (else of the headline),
    preferring one the text says was held."""
    body = [e for e in events if e.start >= doc.article.body_start] or events
    # a meeting the article reports from, or one it says was held, before things merely done
    held = [e for e in body if e.rule in ("source-meeting", "sentence-subject", "before-venue")]
    return (held or body or [None])[0]


def _bare(name: str) -> str:
    return re.sub(r"[“”\"'‘’]", "", name)


def _sentence_event(doc: Doc, s0: int, s1: int, events: list[Found]) -> Found | None:
    inside = [e for e in events if s0 <= e.start < s1]
    return inside[0] if inside else None


def _bare_clause(doc: Doc, s0: int, verb_at: int) -> bool:
    """Does the verb's clause open with it, with nothing but adverbs before it?"""
    clause_start = doc.clause_start(s0, verb_at)
    return clause_start > s0 and bool(
        re.fullmatch(
            r"(还|也|将|并|同时|持续|积极|先后|陆续|不断|进一步|相继|已|共|精心|大力|着力|深入|认真|全面|扎实)*",
            doc.text[clause_start:verb_at],
        )
    )


def _verb_subjects(doc: Doc, s0: int, verb_at: int) -> tuple[list[Found], str]:
    """Who does the verb at ``verb_at``, and by which rule: the bodies opening its clause,
    or, for a clause of adverbs only (X总工会深化…，持续开展A，推出B), the sentence's subject."""
    subjects = _subjects(doc, s0, verb_at)
    if subjects or not _bare_clause(doc, s0, verb_at):
        return subjects, "subject-verb-object"
    body = doc.article.body_start
    opener = _clause_opener(doc, max(s0, body) if verb_at > body else s0, verb_at)
    return ([opener] if opener else []), "sentence-subject"


def _subjects(doc: Doc, s0: int, verb_at: int) -> list[Found]:
    """The bodies that are the subject of a verb: the names at the start of its clause,
    joined by 、/与/和/联合/携手 (密云区委宣传部、区总工会与区文化和旅游局携手…)."""
    clause_start = doc.clause_start(s0, verb_at)
    return _bodies_from(doc, clause_start, verb_at)


def _bodies_from(doc: Doc, pos: int, verb_at: int) -> list[Found]:
    """The bodies named from ``pos`` on, joined by 、/与/和/联合/携手, before ``verb_at``."""
    orgs = []
    while pos < verb_at:
        where = re.match(r"(在|于)", doc.text[pos:verb_at])
        if where:  # 在北京传媒职业学院昌平校区举办: the place, not who holds it
            place = _listed(doc, pos + 1, verb_at)
            if not place:
                break
            pos = place[-1].end
            continue
        f = doc.starting_at(pos, ORGANISATIONS)
        if f is None:
            skip = re.match(
                r"(近日|日前|当天|还|也|将|已|共同|联合|携手|与|和|及|、|，|由)", doc.text[pos:verb_at]
            )
            if skip:
                pos += len(skip.group(0))
                continue
            break
        orgs.append(f)
        pos = f.end
        joiner = re.match(r"(、|与|和|及|联合|携手)", doc.text[pos:verb_at])
        if not joiner:
            break
        pos += len(joiner.group(0))
    return orgs
