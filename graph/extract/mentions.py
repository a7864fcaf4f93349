"""Components that find entity mentions. Each takes the :class:`Doc` and adds to it."""

from __future__ import annotations

import re
from functools import cache

from graph.extract import lexicon as lx
from graph.extract.doc import PUNCT, Doc, Found
from ontology.schema import ORGANISATIONS, EntityType, Predicate

P = Predicate

T = EntityType
_SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in lx.SUFFIXES))
_SUFFIX_TYPE = dict(lx.SUFFIXES)
_ABBREV = re.compile(r"[（(]\s*以下简称\s*[：:]?\s*[“\"]?(?P<short>[^”\"）)]{1,12}?)[”\"]?\s*[）)]")
_OPEN_QUOTE, _CLOSE_QUOTE = '“"‘「『', '”"’」』'
# a quotation: each opening mark with its own closing mark (ASCII quotes pair with themselves)
_QUOTE = r"(?:“[^“”\n]{1,30}”|‘[^‘’\n]{1,30}’|\"[^\"“”\n]{1,30}\"|'[^'‘’\n]{1,30}')"
_QUOTED = re.compile(_QUOTE)
_DIGITS = re.compile(r"[\d一二三四五六七八九十百千两]+[家个名所位批项场处支]$")
_SINGLE_CHAR_PLACE = {"镇", "乡", "村"}
# surnames that are far more often prepositions or verbs before a common noun
_FUNCTION_CHARS = set("向对为和与跟给被把将从由让在于展以及同")
_QUOTED_HEAD = re.compile(r"[“\"][\u4e00-\u9fffA-Za-z0-9]{1,10}[”\"]$")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()·\-]")


_BOUNDARIES = frozenset(lx.BOUNDARY_WORDS)
_BOUNDARY_LENGTHS = sorted({len(w) for w in lx.BOUNDARY_WORDS}, reverse=True)


def _boundary_before(doc: Doc, pos: int) -> str | None:
    """A boundary word ending at ``pos``: a one-character word must be a token of its
    own (中 in 中国 is not); a longer one must end where a token ends (认真落实|全国)."""
    for n in _BOUNDARY_LENGTHS:  # longest first, as the word list is ordered
        w = doc.text[pos - n : pos]
        if pos >= n and w in _BOUNDARIES:
            if doc.is_word(pos - n, pos) if n == 1 else doc.is_token_edge(pos):
                return w
    return None


def extend_left(
    doc: Doc, end: int, suffix_start: int, limit: int = 24, quoted_head: bool = False
) -> tuple[int, list[tuple[int, int]]]:
    """Where a name ending with the suffix at ``suffix_start`` begins, and the spans
    inside it to cut out (an 以下简称 parenthesis). Stops at punctuation, a boundary
    word, a number of units (72家), a blocked span, or a listed name before 和/与/、."""
    text = doc.text
    pos, skips = suffix_start, []
    while pos > 0 and end - pos < limit:
        ch = text[pos - 1]
        if ch in "）)":
            opener = max(text.rfind("（", 0, pos - 1), text.rfind("(", 0, pos - 1))
            inner = text[opener + 1 : pos - 1] if opener >= 0 else ""
            if opener >= 0 and inner.lstrip().startswith("以下简称"):
                skips.append((opener, pos))
                pos = opener
                continue
            if opener >= 0 and pos - opener <= 6 and not any(c in PUNCT - set("（）()") for c in inner):
                pos = opener  # （集团） inside a name
                continue
            break
        if quoted_head and ch in '”"':
            head = _QUOTED_HEAD.search(text, max(0, pos - 14), pos)
            if head:  # “燕山”劳模…联盟, “时传祥”劳模精神研究中心: a quoted name part
                pos = head.start()
                break
        if ch in PUNCT or not _NAME_CHARS.match(ch):
            break
        if doc.is_blocked(pos - 1, pos):
            break
        word = _boundary_before(doc, pos)
        if (
            word
            and pos == suffix_start
            and len(word) == 1
            and word in "前后里内外"
            and text[pos] in "村庄屯营"
        ):
            pos -= 1  # 茅山后村, 八里庄: a locality word ends a village's name
            continue
        if word:
            if (
                word in ("和",)
                and not _ends_with_name(text, pos - 1)
                and suffix_start - pos <= 5
                and text[pos] not in "区市县"
            ):
                pos -= 1  # 文化和旅游局: 和 inside a name
                continue
            break
        if _DIGITS.search(text[max(0, pos - 6) : pos]) and not lx.is_common_word(text[pos - 1 : pos + 1]):
            break  # 72家… ends a name; 第三项目部 does not (项目)
        pos -= 1
    return pos, skips


def _ends_with_name(text: str, pos: int) -> bool:
    return any(text.startswith(s, pos - len(s)) for s, _ in lx.SUFFIXES) or any(
        text.startswith(p, pos - len(p)) for p in ("区", "市", "县")
    )


def _cut(text: str, start: int, end: int, skips: list[tuple[int, int]]) -> str:
    out, pos = [], start
    for s0, s1 in sorted(skips):
        out.append(text[pos:s0])
        pos = s1
    out.append(text[pos:end])
    return "".join(out)


def abbreviations(doc: Doc) -> None:
    """(以下简称“经开区”): the short form stands for the name before the parenthesis."""
    for m in _ABBREV.finditer(doc.text):
        short = m.group("short").strip()
        full_start, _ = extend_left(doc, m.start(), m.start())
        full = doc.text[full_start : m.start()]
        # the full name may continue a known place (北京经济技术开发区)
        place = _longest_place_ending(full)
        if place:
            full = place
        if full and short and full != short:
            doc.expansions[short] = full


def _longest_place_ending(s: str) -> str | None:
    facts = lx.place_facts()
    for i in range(len(s)):
        if s[i:] in facts:
            return s[i:]
    return None


def places(doc: Doc) -> None:
    """Real places from the gazetteers (all Beijing's districts, streets and towns,
    China's provinces and cities), full names and their common short forms."""
    text = doc.text
    titles = [t.span() for t in re.finditer(r"《[^》\n]{1,40}》", text)]
    for m in lx.place_regex().finditer(text):
        if any(t0 < m.start() < t1 for t0, t1 in titles):
            continue  # 《北京市快递员职业发展报告》: a place in the title of a work
        name = m.group(0)
        fact = lx.place_facts()[name]
        part = _district_part(text, m.end()) if fact.level == "area" else None
        if part is not None:  # 某某临空经济区（大兴）: the zone's part in one district, named so
            district = lx.place_facts()[part.group(1)].name
            zone = doc.add(
                Found(m.start(), part.end(), T.District, fact.name + part.group(0), "gazetteer", 0.8)
            )
            doc.add(Found(part.start(1), part.end(1), T.District, district, "owner", 0.7))
            doc.relate(zone.name, P.locatedIn, district, m.start(), part.end(), "zone-part")
            continue
        doc.add(
            Found(m.start(), m.end(), T.District, fact.name, "gazetteer", 0.9 if name == fact.name else 0.7)
        )
    for short, full in list(doc.expansions.items()):
        for m in re.finditer(re.escape(short), text):
            if full in lx.place_facts():
                doc.add(Found(m.start(), m.end(), T.District, full, "abbreviation", 0.9))


_PART_IN = re.compile(r"[（(]([\u4e00-\u9fff]{2,4}?)(?:片区|部分)?[）)]")


def _district_part(text: str, pos: int) -> re.Match | None:
    """（大兴）, （海淀片区） right after a zone's name: the district of the part meant."""
    m = _PART_IN.match(text, pos)
    fact = lx.place_facts().get(m.group(1)) if m else None
    return m if fact is not None and fact.level == "county" else None


def federation_bodies(doc: Doc) -> None:
    """Short forms of real federation bodies that no suffix rule reads as a name
    (市总工会, 全总, 兵团工会), under their full names. A short form inside a longer
    name (北京市总工会, 区总工会) is not one."""
    for m in _union_alias_regex().finditer(doc.text):
        if not doc.covering(m.start(), m.end()) and not doc.at(m.start(), m.end(), {T.Union}):
            doc.add(Found(m.start(), m.end(), T.Union, lx.union_aliases()[m.group(0)], "federation", 0.85))


@cache
def _union_alias_regex() -> re.Pattern:
    longer = [a for a in lx.union_aliases() if len(a) > 2]
    short = [a for a in lx.union_aliases() if len(a) <= 2]  # 全总, but not in 完全总结
    return re.compile(
        "|".join(
            [f"(?:{'|'.join(map(re.escape, sorted(longer, key=len, reverse=True)))})"]
            + ([f"(?<![\u4e00-\u9fff])(?:{'|'.join(map(re.escape, short))})"] if short else [])
        )
    )


# 以岭药业、科兴中维、华科仪等6个示范点: the items of a list counted with 等 are of a kind
_COUNTED_LIST = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z]{2,12}、)+[\u4e00-\u9fffA-Za-z]{2,12})等(?:\d+|[一二三四五六七八九十]+)?(?:家|个|所)"
)


def listed_names(doc: Doc) -> None:
    """Short names listed beside a body the text names in full take its type: in
    以岭药业、科兴中维、华科仪等6家企业 the two brand names are enterprises too."""
    for m in _COUNTED_LIST.finditer(doc.text):
        items, pos = [], m.start(1)
        for item in m.group(1).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        kinds = (T.Enterprise, T.Organisation)
        known = [f for s, e in items if (f := doc.ending_at(e, kinds)) is not None and f.start >= s]
        if len({f.type for f in known}) != 1 or len(items) > 8:
            continue  # no anchor, or anchors of several kinds
        first = doc.ending_at(items[0][1], kinds)
        if first is None or first.start < items[0][0]:
            items = items[1:]  # the first item runs into the words before the list
        for s, e in items:
            name = doc.text[s:e]
            if doc.at(s, e) is None and not doc.between(s, e) and not lx.is_common_word(name, 200):
                doc.add(Found(s, e, known[0].type, name, "listed", 0.6))


def organisations(doc: Doc) -> None:
    """Names ending with an organisation, venue or place suffix, extended leftwards to
    where the name begins (总工会, 有限公司, 学院, 公园, 街道 …)."""
    text = doc.text
    for m in _SUFFIX_RE.finditer(text):
        suffix = m.group(0)
        etype = _SUFFIX_TYPE[suffix]
        end = m.end()
        limit = 12 if etype is T.District else 30
        start, skips = extend_left(
            doc, end, m.start(), limit=limit, quoted_head=etype in (T.Organisation, T.Enterprise, T.Venue)
        )
        if end - start >= limit or any(
            c.type is T.District and c.rule == "gazetteer" for c in doc.covering(start, end)
        ):
            continue  # cut short by the length limit, or inside a listed place's name
        if text.startswith("部", end) and suffix in ("中学", "小学", "幼儿园"):
            continue  # …学校中学部: a school's division, not a school
        if suffix.endswith("部") and text[end : end + 1] in ("署", "分", "门"):
            continue  # 工作部署, 大部分: 部 starts another word
        listed = doc.ending_at(end, {T.District})
        if etype is T.District and listed is not None and listed.rule == "gazetteer" and listed.start > start:
            continue  # 人大附中亦庄新城: a listed place (亦庄新城) is the whole name of a place
        if (
            text[start - 1 : start] != "、" or etype is not T.Enterprise
        ):  # a listed firm starts where the list says (、拜某…公司)
            start = _trim_leading_non_name(doc, start, m.start())
        if (
            etype is T.Venue and suffix in text[start : m.start()]
        ):  # 棚改工地某某工地: the site is the last one named
            start = text.rfind(suffix, start, m.start()) + len(suffix)
        name = _cut(text, start, end, skips)
        prefix = name[: len(name) - len(suffix)]
        if "某" in prefix:
            doc.blocked.append((start, end))  # 北京某公司: a withheld name, no place in it either
            continue
        if not _plausible_name(doc, name, prefix, etype, start, m.start()):
            continue
        if (
            etype is T.District
            and suffix in _SINGLE_CHAR_PLACE
            and not _after_place(doc, start)
            and not _listed_with_kin(text, start, end, suffix)
        ):
            continue
        if etype is T.District and not _plausible_place(prefix, suffix):
            continue
        if name in lx.place_facts():
            etype = T.District
        if etype in (T.Enterprise, T.District):  # a venue keeps its district (东城区第一文化馆)
            start, name = _strip_leading_places(doc, start, name, 2 if etype is T.District else 4)
        if etype is not T.District and _counted(text, name):
            continue  # 新增10家某某学院: counted, so a kind of body, not one
        fact = lx.place_facts().get(name) if etype is T.District else None
        if fact is not None and fact.name != name:  # 雁栖镇 is 雁栖地区, as the gazetteer names it
            doc.add(Found(start, end, etype, fact.name, "suffix", 0.75, printed=name))
        else:
            doc.add(Found(start, end, etype, name, "suffix", 0.75))
    _continue_abbreviated(doc)


_COUNT = re.compile(r"[\d一二三四五六七八九十百千]+[家所个]$")


def _counted(text: str, name: str) -> bool:
    """Is ``name`` printed somewhere after a count (8家, 三所)?"""
    at = text.find(name)
    while at >= 0:
        if _COUNT.search(text, max(0, at - 6), at):
            return True
        at = text.find(name, at + 1)
    return False


_NAMED_BODIES = ORGANISATIONS | {T.Venue}


def _trim_leading_non_name(doc: Doc, start: int, suffix_start: int) -> int:
    """Drop leading dates, verbs, adverbs and the like (2024年…, 搭建…联盟) from a name."""
    date = re.match(r"(\d{4}年?(\d{1,2}月)?|今年|去年|明年)", doc.text[start:suffix_start])
    if date:
        start += date.end()
    for word, flag in lx.pos(doc.text[start:suffix_start]):
        if (
            not (flag.startswith("v") and flag != "vn" or flag in lx.NON_NAME_POS)
            or lx.NAME_ANCHOR.match(word)
            or word in ("东", "西", "南", "北")
            or len(word) == 1
            and flag == "a"
        ):
            # a name's head, whatever jieba tags it (首都: an adverb; 西 of 西庄户村: a locality word;
            # 黄 of 黄草洼村)
            break
        rest = doc.text[start:suffix_start]
        if any(
            f.type in _NAMED_BODIES and len(f.name) > len(rest) and f.name.endswith(rest) for f in doc.found
        ):
            break  # 安居发展中心: the tail of a name the text gave in full (北京安居发展中心)
        start += len(word)
    return start


_BARE_SUFFIXES = frozenset(s for s, _ in lx.SUFFIXES) | {"农场", "企业", "单位", "机关", "学校"}
_GENERIC_UNION_OWNER = re.compile(r"(全国|中国|各地|地方|远郊区|郊区|城区|各区|市|区|县)")


def _plausible_place(prefix: str, suffix: str) -> bool:
    """学生社区, 四川地区, 各街道 are not places' names: a common word before 社区 or 村,
    a province or city before 地区 (the X region), a generic word before any."""
    if suffix in ("社区", "村") and lx.is_common_word(prefix, 200):
        return False
    fact = lx.place_facts().get(prefix)
    if suffix == "地区" and fact is not None and fact.level in ("provincial", "prefectural"):
        return False
    return not re.search(r"(各|全|该|本|所在|周边|附近)$", prefix)


def _plausible_name(
    doc: Doc, name: str, prefix: str, etype: EntityType, start: int, suffix_start: int
) -> bool:
    if len(prefix) < 2 or lx.GENERIC_PREFIXES.match(prefix) or lx.NOT_A_NAME.search(name):
        return False
    if (
        prefix in _BARE_SUFFIXES
        or etype is T.Union
        and _GENERIC_UNION_OWNER.fullmatch(prefix)
        and not name.endswith("总工会")
    ):
        return False  # 公司工会, 全国工会, 远郊区工会: a kind of union, not one union's name
    if (
        doc.is_blocked(start, suffix_start)
        or name.count("（") != name.count("）")
        or name.count("(") != name.count(")")
    ):
        return False
    if (
        etype is T.Union
        and not name.endswith("总工会")
        and prefix in lx.place_facts()
        and lx.place_facts()[prefix].level in ("provincial", "prefectural")
    ):
        return False  # 北京工会…, 北京市工会十四大: a city and 工会 is not a union's name (临空经济区工会 is)
    if etype in ORGANISATIONS and not _anchored(doc, prefix, start):
        return False
    return True


# suffixes of bodies that own others (…集团 in …集团工会); place suffixes are not owners
_OWNER_SUFFIXES = frozenset(s for s, t in lx.SUFFIXES if t is not T.District and len(s) > 1)
_OWNER_SUFFIX = re.compile("|".join(map(re.escape, _OWNER_SUFFIXES)))


def _anchored(doc: Doc, prefix: str, start: int) -> bool:
    """Does the part before the suffix name someone? A place, a known body, a sector,
    an owner's own suffix, a quotation, or a word too rare to be a common noun."""
    if prefix in lx.union_aliases() or prefix + "工会" in lx.union_aliases() or lx.NAME_ANCHOR.search(prefix):
        return True
    if _union_alias_regex().match(prefix):
        return True  # a department of a federation body (全总基层工作部, 市总工会权益保障部)
    if any(c in prefix for c in '“”"「'):
        return True
    if prefix in _OWNER_SUFFIXES or _OWNER_SUFFIX.search(prefix, 1):
        return True  # an owner body's suffix inside the prefix, or the prefix itself
    if lx.place_at_start(prefix, 10):
        return True
    if len(prefix) >= 3 and any(
        f.type in _NAMED_BODIES | {T.District} and len(f.printed) > len(prefix) and f.printed.endswith(prefix)
        for f in doc.found
    ):
        return True  # 智能制造产业基地工会 after 海淀智能制造产业基地: a body the text named in full
    tokens = [w for w, _, _ in lx.tokenizer().tokenize(prefix, HMM=False)]
    return (
        any(len(w) >= 2 and not lx.is_common_word(w, 200) for w in tokens)
        or sum(len(w) == 1 for w in tokens) >= 2
    )


def _strip_leading_places(doc: Doc, start: int, name: str, shortest: int = 4) -> tuple[int, str]:
    """天津宝坻区锦绣园项目部 → 锦绣园项目部, located in 宝坻区 (a county or a town
    before a business's name is where it is, not part of its name)."""
    from graph.extract.relations import place_prefixes

    places = place_prefixes(name)
    if not places:
        return start, name
    last, at = places[-1]
    rest = name[at + len(last) :]
    fact = lx.place_facts().get(last)
    if fact is None or fact.level not in ("county", "township") or last != fact.name or len(rest) < shortest:
        return start, name
    if lx.suffix_of(rest) == rest:
        return start, name  # 怀柔区会议中心: what is left is a bare suffix, not a name
    new_start = start + at + len(last)
    doc.relate(rest, P.locatedIn, fact.name, start, start + len(name), "place-before-name")
    return new_start, rest


def shared_owner_lists(doc: Doc) -> None:
    """Lists that share an owner: 华建五局安装公司党委、工会、团委 → …公司工会, …公司团委;
    密云区委宣传部、区总工会与区文化和旅游局 → 密云区总工会, 密云区文化和旅游局."""
    text = doc.text
    units = "|".join(lx.UNIT_SUFFIXES)
    for f in [f for f in doc.found if f.type in ORGANISATIONS]:
        owner = next(
            (f.name[: -len(u)] for u in lx.UNIT_SUFFIXES if f.name.endswith(u) and len(f.name) > len(u) + 1),
            None,
        )
        pos = f.end
        while owner:
            m = re.match(rf"(、|和|与|及)({units})(?![\u4e00-\u9fff]{{0,1}}[会局院])", text[pos:])
            if not m:
                break
            unit = m.group(2)
            etype = T.Union if unit.endswith("工会") else T.Organisation
            doc.add(Found(pos + len(m.group(1)), pos + m.end(), etype, owner + unit, "shared-owner", 0.7))
            pos += m.end()
        district = _place_head_name(f.name)
        pos = f.end
        while district and district.endswith(("区", "县", "市")):
            m = re.match(
                r"(、|和|与|及)([区县市][\u4e00-\u9fff]{1,12}?(?:总工会|工会|局|委员会|委|办|部))", text[pos:]
            )
            if not m:
                break
            name = district[:-1] + m.group(2)
            etype = T.Union if name.endswith("工会") else T.Organisation
            doc.add(Found(pos + len(m.group(1)), pos + m.end(), etype, name, "shared-owner", 0.7))
            pos += m.end()


# ，区总工会主席… / 、区人大常委会 / 今年夏季区总工会将…: a body of "the district" the
# article is about (after punctuation or a word no place name ends with)
_DISTRICT_BODY = re.compile(
    r"(?:(?<=[，。、；：\n（(“,;:季日天年将由在与和及向为领到经合选])|^)区((?:总工会|人大常委会|政协|委|政府|人民政府|"
    r"[\u4e00-\u9fff]{2,14}?(?:局|委员会|协调小组|领导小组|中心|工委)))"
)


def district_bodies(doc: Doc) -> None:
    """区总工会, 区人大常委会 in an article about one district are that district's
    bodies (大兴区总工会): taken only when the article names exactly one district."""
    counties = {
        f.name
        for f in doc.found
        if f.type is T.District and (fact := lx.place_facts().get(f.name)) and fact.level == "county"
    }
    if len(counties) != 1:
        return
    district = counties.pop()
    for m in _DISTRICT_BODY.finditer(doc.text):
        name = district + m.group(1)
        with_post = any(doc.text.startswith(t, m.end()) for t in lx.POST_TITLES + ["党组"])
        known = doc.at(m.start(), m.end())
        if not with_post and name not in doc.text and known is None:
            continue  # 区总工会 alone is a kind of body, unless a post, the full name or a name's suffix ties it
        if known is not None and known.type in ORGANISATIONS:
            doc.rename(known, name)  # 区人大常委会 found by its suffix: name it in full
        elif known is None and not doc.covering(m.start(), m.end()):
            etype = T.Union if name.endswith("工会") else T.Organisation
            doc.add(Found(m.start(), m.end(), etype, name, "district-body", 0.7))


# ，街道总工会主席… / 由镇总工会主办 / 。公司工会主席…: the union of "the street" (town,
# company…) the article is about
_SHORT_UNION = re.compile(
    r"(?:(?<=[，。、；：\n（(“,;:由与和及])|^)(?:(?:街道|镇|乡)(?:总工会|工会联合会|工联会|工会)|(?:公司|集团|学校|医院|学院)工会)"
)


def short_unions(doc: Doc) -> None:
    """街道总工会, 镇工会, 公司工会 in an article that names one such union in full
    (回龙观街道总工会, 某某有限公司工会) are that union; with two or none it stays a kind of body."""
    for m in _SHORT_UNION.finditer(doc.text):
        short = m.group(0).replace("工联会", "工会联合会")  # 工联会: the usual short form
        # named in the body (the headline may shorten a name the body gives in full)
        named = {
            f.name
            for f in doc.found
            if f.type is T.Union
            and f.name.endswith(short)
            and len(f.name) > len(short)
            and f.start >= doc.article.body_start
        }
        unions = {
            n for n in named if not any(o != n and o.endswith(n) for o in named)
        }  # 汤河口镇总工会 is 怀柔区汤河口镇总工会
        if len(unions) == 1 and doc.at(m.start(), m.end()) is None and not doc.covering(m.start(), m.end()):
            doc.add(Found(m.start(), m.end(), T.Union, unions.pop(), "short-union", 0.7))


def _place_head_name(name: str) -> str | None:
    facts = lx.place_facts()
    for k in range(min(len(name), 10), 1, -1):
        if name[:k] in facts and facts[name[:k]].name == name[:k]:
            return name[:k]
    return None


def _listed_with_kin(text: str, start: int, end: int, suffix: str) -> bool:
    """东庄户村、西庄户村: a name listed beside another with the same suffix."""
    return (
        text[start - 2 : start] == suffix + "、"
        or re.match(rf"、[\u4e00-\u9fff]{{1,5}}?{suffix}", text[end : end + 7]) is not None
    )


def _after_place(doc: Doc, start: int) -> bool:
    before = doc.ending_at(start, {T.District})
    return before is not None or bool(
        re.search(r"(在|到|赴|位于|走进|来到)$", doc.text[max(0, start - 3) : start])
    )


def _continue_abbreviated(doc: Doc) -> None:
    """经开区总工会 → also known as 北京经济技术开发区总工会 when the text says 以下简称“经开区”."""
    for f in doc.found:
        for short, full in doc.expansions.items():
            if f.name.startswith(short) and f.name != short and not f.name.startswith(full):
                doc.rename(f, full + f.name[len(short) :])


_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]{0,4}")


def people(doc: Doc) -> None:
    """Named people: after post titles (副主席李明华), occupations (主任医师孙丽), honours
    (全国劳动模范陈志刚, 获得者吴建国) or at the start of a clause before a speech verb (孟晓岚指出)."""
    text = doc.text
    for m in lx.surname_start_regex().finditer(text):  # only where a surname may begin
        i = m.start()
        if text[i] not in lx.surnames() and text[i : i + 2] not in lx.surnames():
            continue
        chinese = _CHINESE_RUN.match(text, i).end() - i  # a name is Chinese characters only
        for length in (3, 2, 4):
            if length > chinese:
                continue
            name = text[i : i + length]
            if not lx.AFTER_NAME.match(text[i + length : i + length + 2]) and not _STUDIO.match(
                text, i + length
            ):
                continue
            if (
                length == 3
                and (name[2] in lx.NAME_FOLLOWERS or lx.is_common_word(name[:2], 3000))
                or lx.is_common_word(name)
            ):
                continue  # 展开面(对面): a very common word does not start a name
            if length == 3 and _FOLLOWING_WORD.match(text, i + 2):
                continue  # 苏某来到: the third character starts the word after a two-character name
            if length == 4 and name[:2] not in lx.surnames():
                continue  # four characters: only with a two-character surname (欧阳)
            if (
                name[0] in _FUNCTION_CHARS
                and lx.is_common_word(name[1:], 200)
                and not lx.occupation_before(text, i)
                and not text[max(0, i - 8) : i].endswith(_TITLES_BEFORE_NAME)
            ):
                continue  # 向师生, 对职工: a preposition before a noun (not 司机于海洋: a surname after a cue)
            cue = _person_cue(doc, i, i + length)
            if cue:
                if not any(f.start <= i < f.end for f in doc.found if f.type is not T.District):
                    doc.add(Found(i, i + length, T.Person, name, cue, 0.8))
                break
    # the names listed before a person found: 邱某、宋某当选副主席
    for person in sorted((f for f in doc.found if f.type is T.Person), key=lambda f: -f.start):
        at = person.start
        while at > 0 and text[at - 1] == "、" and (listed := _listed_person_before(doc, at - 1)):
            doc.add(listed)
            at = listed.start
    # and after it: 区领导王某、刘某某、杜某与劳动模范座谈
    for person in sorted((f for f in doc.found if f.type is T.Person), key=lambda f: f.start):
        at = person.end
        while text[at : at + 1] in ("、", "和", "与") and (listed := _listed_person_after(doc, at + 1)):
            doc.add(listed)
            at = listed.end
            if text[at - len(listed.name) - 1] != "、":
                break  # 甲和乙: the pair ends there
    # the same name again with no cue of its own: 吴某1994年参加工作 (not 吴某劳模创新工作室)
    for name in {f.name for f in doc.found if f.type is T.Person}:
        for m in re.finditer(re.escape(name), text):
            after = text[m.end() : m.end() + 2]
            if (
                (lx.AFTER_NAME.match(after) or after[:1].isdigit())
                and doc.at(m.start(), m.end()) is None
                and not doc.covering(m.start(), m.end())
            ):
                doc.add(Found(m.start(), m.end(), T.Person, name, "named-again", 0.8))


def _listed_person_before(doc: Doc, end: int) -> Found | None:
    """A person's name that ends at ``end``, where a 、 lists another: two or three
    characters from a surname, after punctuation or a post title (主席张某、李某)."""
    text = doc.text
    for n in (3, 2):
        start = end - n
        name = text[start:end]
        if start < 0 or not _CHINESE_RUN.fullmatch(name) or doc.at(start, end) is not None:
            continue
        if name[0] not in lx.surnames() and name[:2] not in lx.surnames() or lx.is_common_word(name):
            continue
        if (
            start == 0
            or text[start - 1] in "，。；：、\n（("
            or text[max(0, start - 8) : start].endswith(_TITLES_BEFORE_NAME)
        ):
            return Found(start, end, T.Person, name, "listed-person", 0.7)
    return None


# what ends a name in a list of names: the next item, the list's end, or what the people do
_LIST_GOES_ON = re.compile(
    r"[、，,；;。：:（(]|与|和|及|等|分别|共同|一行|作|在|为|出席|参加|座谈|获|包揽|把"
)


def _listed_person_after(doc: Doc, start: int) -> Found | None:
    """A person's name that starts at ``start``, right after a 、 that ends another
    person's name: two or three characters from a surname, where the list goes on."""
    text = doc.text
    for n in (3, 2):
        name = text[start : start + n]
        if len(name) < n or not _CHINESE_RUN.fullmatch(name) or doc.covering(start, start + n):
            continue
        if name[0] not in lx.surnames() and name[:2] not in lx.surnames() or lx.is_common_word(name):
            continue
        if _LIST_GOES_ON.match(text, start + n) and not (n == 3 and lx.is_common_word(name[1:])):
            return Found(start, start + n, T.Person, name, "listed-person", 0.7)
    return None


@cache
def _honour_at_end() -> re.Pattern:
    return re.compile(f"(?:{lx.honour_regex().pattern})$")


_TITLES_BEFORE_NAME = tuple(t for t in lx.POST_TITLES if t != "负责人")
# two-character words that follow a name (来到, 介绍, 表示 …), not single characters or punctuation
_FOLLOWING_WORD = re.compile(
    r"(?:{})".format(
        "|".join(
            w for w in re.findall(r"[\u4e00-\u9fff]{2,}", lx.AFTER_NAME.pattern) if w not in ("同志", "代表")
        )
    )
)
_STUDIO = re.compile(r"(?:劳模|技能大师|大师|职工|工匠)?(?:创新)?工作室")
_COUNTED_AFTER = re.compile(r"等[\d一二三四五六七八九十百]+[人名位]")


_PROFILE = re.compile(r"是[^，。；]{2,30}的(?:一名|一位)?")


def _person_cue(doc: Doc, start: int, end: int) -> str | None:
    text = doc.text
    before = text[max(0, start - 8) : start]
    if before.endswith(_TITLES_BEFORE_NAME):
        return "after-title"
    if lx.occupation_before(text, start):
        return "after-occupation"
    if before.endswith(("领导", "负责同志")) and not before.endswith("的领导"):
        return "after-leaders"  # 区领导王某、刘某: officials, their posts not said
    if before.endswith(("获得者", "代表", "劳模", "工匠", "能手", "标兵")) or _honour_at_end().search(before):
        return "after-honour"
    clause_start = (
        start == 0 or text[start - 1] in "，。；：\n、,;:）)”"
    )  # ”: after a quotation (“……。”某某说)
    if clause_start and _PROFILE.match(text, end) and lx.occupation_before(text, doc.clause_end(end)):
        return "profile"  # 韩某是某公司的高级技师: who a worker is
    if _STUDIO.match(text, end) and (
        doc.ending_at(start, ORGANISATIONS) or text[start - 1 : start] in ("", "、", "，", "与", "和", "为")
    ):
        return "studio-name"  # 某公司张某创新工作室: a studio is named after its leading worker
    if _COUNTED_AFTER.match(text, end):
        return "counted-with"  # 某小学李某等6人荣获…: the first of a group the text counts
    if (
        text[start - 1 : start] in ("，", ",")
        and doc.ending_at(start - 1, {T.Person})
        and lx.AFTER_NAME.match(text[end : end + 2])
    ):
        return "listed-person"  # 副主席王某，袁某参加: a name that continues a list of people
    if text[start - 1 : start] == "的" and text[end : end + 1] in ("；", ";"):
        return "described"  # …称号的刘某；…: one of a list of people, each described first
    if (
        text[start - 1 : start] == "的"
        and doc.ending_at(start - 1, ORGANISATIONS) is not None
        and (re.match(r"[、等和]|被|获", text[end : end + 1]) or _FOLLOWING_WORD.match(text, end))
    ):
        return "of-body"  # 某公司的贺某、某中学的喻某等10人被命名为…
    # 该校机电工程学院（实训中心）周立平说: a speaker right after the body they speak for
    after_body = doc.ending_at(start, ORGANISATIONS) is not None
    if (clause_start or after_body) and re.match(
        r"(指出|表示|强调|介绍|说|认为|讲述|分享|回顾|当选)", text[end : end + 2]
    ):
        return "speaker"
    return None


# 获评“某区最美劳动者”, “某区先进工作者”称号: a quoted title conferred
_CONFERRED_TITLE = re.compile(
    r"(?:获评|被评为|评为|荣获|被授予|授予)“([^“”，。、]{3,16})”|“([^“”，。、]{3,16})”(?:荣誉)?称号"
)


_UNIT_TITLE = re.compile(r"(职工之家|单位|集体|班组|示范点|示范区|企业|窗口|基地|工作室|驿站|之家|站点)$")


@cache
def _qualified_honour() -> re.Pattern:
    """Who confers (a place, 全国, 首都), a trade in a few characters, a kind of honour
    conferred on people (not 奖状 or 先锋号, which go to units)."""
    places = "|".join(sorted((p for p in lx.place_facts() if len(p) >= 2), key=len, reverse=True))
    return re.compile(
        rf"(?P<qualifier>全国|首都|国家|中国|{places})(?P<trade>[\u4e00-\u9fff]{{0,4}}?)"
        r"(?:五一劳动奖章|劳动模范|先进工作者|技术能手|岗位能手|技能标兵|巾帼标兵|技能大师)"
    )


def honours(doc: Doc) -> None:
    """Honour titles from the gazetteer (全国劳动模范, 首都劳动奖章 …), the local-craftsman
    pattern, a district's short name + 工匠 (朝阳工匠), and quoted titles conferred (获评“X”, “X”称号)."""
    text = doc.text
    for m in _CONFERRED_TITLE.finditer(text):
        group = 1 if m.group(1) else 2
        if _UNIT_TITLE.search(m.group(group)):
            continue  # 模范职工之家, 先进集体: a title given to units is not an honour
        if not doc.at(m.start(group), m.end(group), {T.Honour}):
            doc.add(Found(m.start(group), m.end(group), T.Honour, m.group(group), "quoted-title", 0.7))
    for m in lx.honour_regex().finditer(text):
        if m.group(0) in lx.honour_suffixes():
            continue  # a bare 劳动模范 or 工匠 is a kind of person, not a conferred title
        doc.add(Found(m.start(), m.end(), T.Honour, lx.honour_names()[m.group(0)], "gazetteer", 0.9))
    for m in re.finditer(r"([\u4e00-\u9fff]{2,3})工匠", text):
        place = lx.place_facts().get(m.group(1))
        if place and not doc.at(m.start(), m.end(), {T.Honour}):
            doc.add(Found(m.start(), m.end(), T.Honour, m.group(0), "place-craftsman", 0.7))
    for m in _qualified_honour().finditer(text):
        # 全国邮政五一劳动奖章, 全国造纸工业劳动模范, 某省先进工作者: a title with who confers it
        qualifier, trade = m.group("qualifier"), m.group("trade")
        if not (
            qualifier in lx.place_facts() or qualifier in ("全国", "首都", "国家", "中国")
        ) or _UNIT_TITLE.search(m.group(0)):
            continue
        if (
            re.search(r"[的和与及等各]", trade)
            or doc.covering(m.start(), m.end())
            or doc.at(m.start(), m.end(), {T.Honour})
        ):
            continue
        doc.add(Found(m.start(), m.end(), T.Honour, m.group(0), "qualified-honour", 0.7))


def programmes(doc: Doc) -> None:
    """Quoted initiative names (“职工心理健康培训”, “1+3”顺义产改模式, 雏鹰计划) and
    well-known national programmes from the gazetteer."""
    text = doc.text
    for m in lx.programme_regex().finditer(text):
        doc.add(Found(m.start(), m.end(), T.Programme, lx.programme_names()[m.group(0)], "gazetteer", 0.85))
    for m in _QUOTED_RUN.finditer(text):
        start, end = m.span()
        quoted = text[start:end]
        # “X”为主题 is a theme; “X”主题活动, “X”主题诗会 name an occurrence
        if re.match(
            r"(为主题|的主题|为题|主题(?![\u4e00-\u9fff]{0,2}(活动|会|赛|展|课|讲座|沙龙|日)))",
            text[end : end + 8],
        ) or text[max(0, start - 1) : start] in ("以",):
            doc.blocked.append((start, end))
            continue
        if re.search(r"[，。！？,!?]", quoted) or len(quoted) > 24:
            continue  # a quoted sentence, not a name
        campaign = re.match(r"(活动|行动)", text[end : end + 2]) and _programme_context(text, start, end)
        if "、" in quoted and campaign and len(quoted) <= 16:
            # 深化“送温暖、送文化、送健康”活动: a campaign named by its slogans
            doc.add(Found(start, end + 2, T.Programme, quoted + text[end : end + 2], "quoted-campaign", 0.65))
            continue
        if re.search(r"、|——", quoted) or re.match(
            r"(的(?!工作(体系|机制|格局|模式))|工会)", text[end : end + 5]
        ):
            continue  # “强基固本、服务职工…”, “走访——协商——落实”, “四型”工会: slogans and descriptions
        if "暨" in quoted and _joint_programmes(doc, start, end):
            continue
        generic = lx.GENERIC_TAILS.match(text[end : end + 4])
        tail = "" if generic else _tail(text, end, lx.PROGRAMME_SUFFIXES + lx.EVENT_SUFFIXES)
        parts = list(_QUOTED.finditer(text, start, end))
        if len(parts) > 1 and _quoted_list(doc, parts, tail):
            continue
        head = _head(doc, start)
        name = text[head : end + len(tail)]
        if tail and any(name.endswith(s) for s in lx.EVENT_SUFFIXES) and _is_occurrence(doc, head, name):
            continue  # an event; the events component takes it
        if not (tail or generic or _programme_context(text, start, end) or _programme_like(quoted)):
            continue
        if not (tail or generic) and doc.at(start + 1, end - 1, {T.Honour}):
            continue  # 开展“X工匠”推荐申报工作: the quotation is the title conferred, not a programme
        if generic:
            head = start
            name = quoted
        doc.add(Found(head, end + len(tail), T.Programme, name, "quoted", 0.7 if tail or generic else 0.6))


# 以职工恳谈会为抓手: a standing instrument of the body's work
_INSTRUMENT = re.compile(r"以([^，。；、“”\"]{3,14}?)为(抓手|载体|平台|依托|牵引|引领|突破口)")
# 实施携手共进行动: a named initiative without quotation marks
_UNQUOTED_INITIATIVE = re.compile(
    r"(?:实施|开展|启动|推进|推出|打造|深化|组织开展)(?:了)?([\u4e00-\u9fff]{2,8}?(?:行动|工程|计划))(?![\u4e00-\u9fff])"
)


# 办理职工普惠服务卡, 通过职工之家小程序: a service a body runs for its members
_SERVICE = re.compile(
    r"(?:通过|办理|使用|登录|下载|关注|依托|推出|上线|开通|发放)(?:了)?"
    r"([\u4e00-\u9fffA-Za-z]{2,12}?(?:小程序|服务卡|互助卡|会员卡|APP|App|公众号))"
)


# 已开展职工恳谈会86场: a kind of gathering held again and again is a standing programme
_COUNTED = re.compile(
    r"(?:(?<=开展)|(?<=举办)|(?<=组织)|(?<=[，,、]))([\u4e00-\u9fff]{2,8}?(?:沟通会|座谈会|宣讲会|培训班|讲座|活动|培训|课|会))"
    r"(?:\d+|[一二三四五六七八九十百千]+)余?(?:场|期|次|堂)"
)


def instruments(doc: Doc) -> None:
    """Programmes named by how the text uses them: 以X为抓手, 实施X行动, 办理X服务卡,
    开展X86场."""
    for pattern in (_INSTRUMENT, _UNQUOTED_INITIATIVE, _SERVICE, _COUNTED):
        for m in pattern.finditer(doc.text):
            name = m.group(1)
            lead = re.match(r"(持续|继续|累计|共|已|还)?(开展|举办|组织)(了)?", name)
            if lead and lead.end() < len(name) - 1:
                name = name[lead.end() :]
            if re.match(r"(各项|各类|一系列|系列|多项|相关|这|此|该|本|其)", name):
                continue
            doc.add(Found(m.end(1) - len(name), m.end(1), T.Programme, name, "instrument", 0.65))


def _quoted_list(doc: Doc, parts: list[re.Match], tail: str) -> bool:
    """Quotations side by side that share what follows: “公安+工会”“司法+工会”调解机制 is
    two mechanisms; “青年英才”“拔尖人才”认定 names two talent titles."""
    titles = [m for m in parts if m.group(0)[1:-1].endswith(_TITLE_ENDINGS)]
    if titles and len(titles) == len(parts):
        for m in titles:
            doc.add(Found(m.start() + 1, m.end() - 1, T.Honour, m.group(0)[1:-1], "quoted-title", 0.7))
        return True
    if tail and not any(tail.endswith(s) for s in lx.EVENT_SUFFIXES):
        for m in parts:
            doc.add(Found(m.start(), m.end(), T.Programme, m.group(0) + tail, "quoted-list", 0.7))
        return True
    if not tail and doc.text.startswith("等", parts[-1].end()):
        for m in parts:  # “冬日暖阳”“清凉一夏”等慰问活动: each one a programme
            doc.add(Found(m.start(), m.end(), T.Programme, m.group(0), "quoted-list", 0.65))
        return True
    return False


# what a conferred title of a person ends with (青年英才, 拔尖人才, 技术能手)
_TITLE_ENDINGS = ("人才", "能手", "标兵", "之星", "工匠", "劳模", "先锋", "劳动者", "最美职工")


def _programme_like(quoted: str) -> bool:
    """A quotation that names a standing thing: 顺义工匠日, 职工法律服务日, 区级示范技能送教."""
    inner = quoted.strip('“”"‘’')
    return (
        3 <= len(inner) <= 15
        and not re.search(r"[、·]", inner)
        and bool(
            re.search(
                r"(日|培训|送教|服务|机制|工程|计划|行动|驿站|平台|体系|竞赛|大赛|进[\u4e00-\u9fff]{2})$",
                inner,
            )
        )
    )


_QUOTED_RUN = re.compile(rf"{_QUOTE}{{1,3}}")


_TAIL_STOP = re.compile(r"和|与|及|包含|包括|完成|顺利|正式|已|将|为|是|在|慰问金|成功|全面|进一步")


def _tail(text: str, end: int, suffixes: list[str], limit: int = 10) -> str:
    """The words after a quotation up to the last suffix within ``limit`` characters."""
    window = re.split(r"[，。、；：！？,.;:!?（）()《》“”\"\n…—]", text[end : end + limit], maxsplit=1)[0]
    window = _TAIL_STOP.split(window, maxsplit=1)[0]  # “X”顺利完成建设, “X”包含Y计划: the sentence goes on
    if (
        re.match(r"(这|该|此|等)", window)
        or "的" in window
        and not re.match(r"的工作(体系|机制|格局|模式)", window)
    ):
        return ""  # ‘接待日’这个平台, “…”的必修课程体系: a description, not the name's end
    return window[: _last_suffix_end(window, suffixes)]


def _joint_programmes(doc: Doc, start: int, end: int) -> bool:
    """“职工读书节暨劳模工匠进社区”: two programmes joined; each that reads as one is one."""
    pos, found = start + 1, False
    for part in doc.text[start + 1 : end - 1].split("暨"):
        if _programme_like(part):
            doc.add(Found(pos, pos + len(part), T.Programme, part, "quoted-joint", 0.65))
            found = True
        pos += len(part) + 1
    return found


# 搭建新就业群体“一站式”服务平台: the words between the verb and the quotation are the name's
_NOT_A_HEAD = re.compile(r"(了|将|把|为|成为|对|在|以|的|和|与|并|还|也)")
_VERB_THEN_HEAD = re.compile(r"(?:搭建|打造|建立|建设|推出|实施|开展|启动|构建|创建)([\u4e00-\u9fff]{1,6})$")


def _head(doc: Doc, start: int) -> int:
    """Modifiers kept before a quotation: an edition or year (第二届, 2024年), a place,
    the words after an organising verb, one word right after the body's name (…工会助“新”行动)."""
    text = doc.text
    m = re.search(rf"({lx.EDITION}|\d{{4}}年?|[\u4e00-\u9fff]{{2,4}}区)$", text[max(0, start - 8) : start])
    if m:
        return start - len(m.group(0))
    m = _VERB_THEN_HEAD.search(text, max(0, start - 10), start)
    if m and m.group(1) not in ("企业", "全市", "全区", "各级", "基层") and not _NOT_A_HEAD.match(m.group(1)):
        return m.start(
            1
        )  # (not 实施企业“三个一”体检: whose; not 启动了“X”工程, 建设将“X”: words of the sentence)
    if (
        start > 1
        and doc.ending_at(start - 1, ORGANISATIONS) is not None
        and "\u4e00" <= text[start - 1] <= "\u9fff"
    ):
        return start - 1
    return start


def _programme_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4) : start]
    return bool(
        re.search(
            r"(开展|实施|推进|启动|打造|深化|构建|建立|推出|落实|推广|创新|探索|形成|通过|依托|围绕|持续)$",
            before,
        )
    )


def _is_occurrence(doc: Doc, start: int, name: str) -> bool:
    if name.endswith("系列活动"):
        return False
    before = doc.text[max(0, start - 6) : start]
    return not re.search(r"(深化|推进|实施|落实|推广|持续开展|常态化开展)$", before)


def events(doc: Doc) -> None:
    """One reported occurrence: what follows an organising verb up to an event word
    (举办工会财务培训班), or what precedes 在…举办/举行/召开 (…启动仪式在文汇书院举办)."""
    text = doc.text
    verbs = "|".join(sorted(lx.ORGANISE_VERBS, key=len, reverse=True))
    for m in re.finditer(rf"(?:{verbs})(?:了)?", text):
        start = m.end()
        clause = text[start : doc.clause_end(start, 60)]
        cut = _last_event_suffix(clause)
        # no second action before the event word (举办…启动仪式 is fine: 启动 names it)
        if cut and not re.search(rf"(?:{verbs}|到|前往|赴)", clause[: cut - _suffix_length(clause[:cut])]):
            _add_event(doc, start, start + cut, "after-verb")
    for m in re.finditer(
        r"(?:在|于)[^，。；,;]{2,30}?(?:举办|举行|召开|开幕|启动|开班|进行|收官|落幕|闭幕|开赛|启幕)", text
    ):
        end = m.start()
        s0, _ = doc.sentence_bounds(end)
        clause_start = doc.clause_start(s0, end)
        if clause_start == end and text[end - 1 : end] in "，,":  # X大赛颁奖暨展演，在某剧场收官
            end -= 1
            clause_start = doc.clause_start(s0, end)
        phrase = text[clause_start:end]
        cut = _last_event_suffix(phrase)
        if cut and cut == len(phrase):
            _add_event(doc, clause_start, end, "before-venue")
    for m in _SOURCE_MEETING.finditer(text):
        _add_event(doc, m.start(1), m.end(1), "source-meeting")
    for m in re.finditer(r"(召开|开班|举行|启幕|启动|开启|开幕|揭牌|已结束|结束|闭幕|落幕)", text):
        if m.end() < len(text) and text[m.end()] not in "。，\n,":
            continue
        s0, _ = doc.sentence_bounds(m.start())
        s0 = doc.clause_start(s0, m.start())
        s0 += len(re.match(r"(标志着|随着|经过|通过|此次|本次)?", text[s0:]).group(0))
        announced = text.rfind("宣布", s0, m.start())
        s0 = announced + 2 if announced >= 0 else s0  # 副区长某某宣布运动会开幕: what opens follows 宣布
        phrase = text[s0 : m.start()]
        phrase = re.sub(r"(近日|日前|当天|今天|昨天|正式|顺利|隆重|圆满|已)+$", "", phrase)
        cut = _last_event_suffix(phrase)
        if cut and cut == len(phrase) and m.group(0) in ("启动", "启幕") and phrase.endswith("活动"):
            # 2023年区直机关职工健步走活动启动: what is launched runs on; the launch is the event.
            # “X”主题诗会暨“Y”阅读系列活动启幕: the occurrence that opens it comes first
            start = _name_start(doc, s0, s0 + cut, "launched")
            opening, joint, launched = text[start : s0 + cut].rpartition("暨")
            if joint:
                _add_event(doc, start, start + len(opening), "opening")
            at = start + len(opening) + len(joint)
            programme = doc.add(Found(at, s0 + cut, T.Programme, launched, "launched", 0.65))
            event = doc.at(start, start + len(opening), {T.Event}) if joint else None
            if event:
                doc.relate(event.name, P.partOf, programme.name, start, s0 + cut, "opening-of")
        elif cut and cut == len(phrase):
            _add_event(doc, s0, s0 + cut, "sentence-subject")


_HEADLINE_ACTIVITY = re.compile("|".join(lx.longest_first("headline_activities")))
# an occurrence the body names shortly: 参加了揭幕仪式, 座谈会上，, 在此次关爱活动中
_SHORT_OCCURRENCE = re.compile(
    r"(?:参加了?|出席了?|参与了?|观看了?|此次|本次|这次)([\u4e00-\u9fff]{0,8}?(?:%s))|(?:^|[，。\n])([\u4e00-\u9fff]{0,6}?(?:%s))(?:上|中|现场)[，,]"
    % (("|".join(lx.EVENT_SUFFIXES),) * 2)
)


def occurrences(doc: Doc) -> None:
    """A news report is about an occurrence even when no rule above found its name: the
    one the body names shortly (参加了揭幕仪式, 座谈会上，), else what the headline says
    was done, from its first verb of activity (某区总工会采购农产品慰问一线环卫职工 → 慰问一线环卫职工)."""
    if doc.article.kind == "feature" or any(f.type is T.Event and f.rule != "major-event" for f in doc.found):
        return
    for m in _SHORT_OCCURRENCE.finditer(doc.text, doc.article.body_start):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        if name not in ("活动", "会议", "大会") and not doc.covering(m.start(group), m.end(group)):
            doc.add(Found(m.start(group), m.end(group), T.Event, name, "short-occurrence", 0.55))
            return
    headline = doc.text[: len(doc.article.title)]
    m = _HEADLINE_ACTIVITY.search(headline)
    if m is None:
        return
    # 某区总工会举办X: what is held follows the verb; 某区总工会慰问X: the visit is the verb and its object
    start = m.end() if m.group(0) in lx.ORGANISE_VERBS else m.start()
    if len(headline) - start >= 4 and not doc.between(
        start, len(headline), ORGANISATIONS | {T.Event, T.Programme}
    ):
        doc.add(Found(start, len(headline), T.Event, headline[start:], "headline-occurrence", 0.5))


# 此次活动为某区总工会“X”系列活动之一: the series a report's occurrence belongs to
ONE_OF_SERIES = re.compile(
    r"(?:此次|本次|这次|该)(?:活动|比赛|大赛|演出|慰问)?(?:是|为|系|作为)([^，。；]{2,40}?)之一"
)


def series(doc: Doc) -> None:
    """The series the report says its occurrence is one of: a programme (its name after
    the body that runs it, if one is named first)."""
    for m in ONE_OF_SERIES.finditer(doc.text):
        start, end = m.span(1)
        owner = doc.starting_at(start, ORGANISATIONS)
        start = owner.end if owner is not None and owner.end < end - 2 else start
        start += len(re.match(r"的?", doc.text[start:end]).group(0))
        if re.search("(系列活动|活动|行动|工程|计划)$", doc.text[start:end]) and not doc.at(
            start, end, {T.Programme}
        ):
            doc.add(Found(start, end, T.Programme, doc.text[start:end], "one-of-series", 0.65))


def listed_events(doc: Doc) -> None:
    """Occurrences listed one after another (包括A大赛、B展演、C比赛等14项赛事): each item
    that ends with an event word is one, when two or more of the list do."""
    for m in _EVENT_LIST.finditer(doc.text):
        pos, items = m.start(), []
        for item in m.group(0).split("、"):
            opener = list(_LIST_OPENER.finditer(item))  # X包括A大赛、…: the list starts after 包括
            items.append((pos + (opener[-1].end() if opener else 0), pos + len(item)))
            pos += len(item) + 1
        for start, end in items:
            if end - start >= 4 and not doc.covering(start, end) and not doc.at(start, end, {T.Event}):
                doc.add(Found(start, end, T.Event, doc.text[start:end], "listed-events", 0.6))


# 记者近日从朝阳区…工作推进会上了解到: the meeting the news comes from
_SOURCE_MEETING = re.compile(
    r"(?:从|在)([^，。；,;“”]{4,40}?(?:会议|大会|会|仪式|论坛|发布会))上(?:了解到|获悉|得知|透露|介绍|宣布)"
)


def congresses(doc: Doc) -> None:
    """Congresses are events: 北京市工会十四大, 中国工会十七大, 党的十九大; so are the major
    events of the country (冬奥会, 服贸会), named in passing."""
    for m in lx.CONGRESS.finditer(doc.text):
        doc.add(Found(m.start(), m.end(), T.Event, m.group(0), "congress", 0.85))
    for m in _MAJOR_EVENT.finditer(doc.text):
        if not doc.covering(m.start(), m.end()):
            doc.add(Found(m.start(), m.end(), T.Event, m.group(0), "major-event", 0.7))


_LIST_OPENER = re.compile(r"包括|包含|其中有|如|有|：|:")
# (not exhibitions: the ones a list names are mostly standing displays that people visit)
_EVENT_WORD = "|".join(
    w
    for w in lx.EVENT_SUFFIXES
    if w not in ("活动", "会议", "大会", "工作") and not w.endswith(("展览", "展"))
)
_EVENT_LIST = re.compile(
    rf"(?:[^，。；：、\n]{{2,20}}?(?:{_EVENT_WORD})、)+[^，。；：、\n]{{2,20}}?(?:{_EVENT_WORD})(?=等|和|及|，|。|；|$)"
)
_MAJOR_EVENT = re.compile("|".join(lx.longest_first("major_events")))


def _suffix_length(name: str) -> int:
    return max((len(s) for s in lx.EVENT_SUFFIXES if name.endswith(s)), default=0)


def _last_event_suffix(s: str) -> int:
    return _last_suffix_end(s, lx.EVENT_SUFFIXES)


def _last_suffix_end(s: str, suffixes: list[str]) -> int:
    """Where the last of ``suffixes`` in ``s`` ends (0 if none is in it)."""
    return max((s.rfind(suffix) + len(suffix) for suffix in suffixes if suffix in s), default=0)


def _inside_quotes(head: str) -> bool:
    """Does ``head`` end inside a quotation (密云区"青春的 …)?"""
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1 or head.count("‘") > head.count("’")


_GENERIC_EVENT = re.compile(r"^(各级|各类|各项|各|该|本|有关|相关|其他|部分)")


_TIME_CUE = re.compile(r"近日|日前|当天|当日|昨天|今天|\d{1,2}月\d{1,2}日|此次|本次|活动现场|现场")


def _habitual(doc: Doc, start: int, name: str) -> bool:
    """开展劳动和技能竞赛 in a paragraph of what a body does year round: a kind of
    activity, not one occurrence. An occurrence has its own name (quotes, a year, an
    edition), is in the headline or the lead, or its sentence says when."""
    if re.search(r"[“”\"'‘’\d届]", name) or re.search(r"(会议|会|仪式|典礼|论坛)$", name):
        return False  # a meeting is one occurrence by nature
    lead_end = doc.text.find("\n", doc.article.body_start)
    if start < (lead_end if lead_end >= 0 else len(doc.text)):
        return False
    s0, s1 = doc.sentence_bounds(start)
    return not _TIME_CUE.search(doc.text, s0, s1)


def _name_start(doc: Doc, start: int, end: int, rule: str) -> int:
    """Where an activity's name begins: past leading modifiers that are other names or
    function words (…承办的, 在X, 以X为主题的, 近日); never inside a body's name."""
    text = doc.text
    while True:
        s = text[start:end]
        m = re.match(r"^(.*?的)", s)
        if m and len(m.group(1)) < len(s) - 2 and not _inside_quotes(m.group(1)):
            start += len(m.group(1))
            continue
        inner = [f for f in doc.found if start <= f.start < end and f.end < end and f.type is not T.Programme]
        lead = next((f for f in inner if f.start == start and f.type in ORGANISATIONS | {T.District}), None)
        m2 = re.match(
            r"^(近日|日前|当天|正式|集中|共同|一起|联合|携手|首次|再次|全体|分别|开展|举办|组织)", s
        )
        if m2:
            start += len(m2.group(0))
            continue
        if (
            lead
            and rule != "sentence-subject"
            and lead.end - lead.start < len(s) - 2
            and not (lead.type is T.District and rule == "before-venue" and text[lead.end] not in "（(")
        ):
            # (but 某区第二届技能大赛闭幕式在…举行: the place is part of the occurrence's name)
            start = lead.end
            continue
        # 北京某某联盟理事长单位交接活动: from the start of the body's name, not its middle
        straddled = next(
            (f for f in doc.found if f.start < start < f.end < end - 2 and f.type in ORGANISATIONS), None
        )
        return straddled.start if straddled else start


# 以“花草奇遇记”为主题的亲子活动: a short theme names the occurrence (not a slogan with commas)
_THEMED = re.compile(r"以([“\"][^”\"，,。、]{2,10}[”\"])为主题的")


def _add_event(doc: Doc, start: int, end: int, rule: str) -> None:
    text = doc.text
    themed = _THEMED.search(text, start, end)
    start = _name_start(doc, start, end, rule)
    if themed and themed.end() == start and end - start <= 6:
        doc.add(Found(themed.start(1), end, T.Event, themed.group(1) + text[start:end], rule + "-theme", 0.6))
        return
    for sk in _ABBREV.finditer(text, start, end):
        start = max(start, sk.end()) if sk.start() <= start + 1 else start
    name = text[start:end].strip()
    if rule == "after-verb" and _habitual(doc, start, name):
        return
    if len(name) < 4 or _GENERIC_EVENT.match(name) or name in lx.EVENT_SUFFIXES or name.endswith("系列活动"):
        return
    if doc.at(start, end, {T.Programme}):
        return
    if re.match(
        r"^(此次|本次|该|这|此|活动|会上|会议|不少于|好|多场|各类|各项|丰富多彩|[\d一二三四五六七八九十百]+[场次期])",
        name,
    ):
        return
    listed = re.match(r"^(.+)等[^”\"’、]{0,6}$", name)
    if listed:  # 开展技能人才云宣讲、工匠精神宣传周等活动: each item is an occurrence
        pos = start
        for item in listed.group(1).split("、"):
            if len(item) >= 4 and "、" in listed.group(1) and not _QUOTED.fullmatch(item):
                doc.add(Found(pos, pos + len(item), T.Event, item, rule + "-list", 0.55))
            pos += len(item) + 1
        return
    if len(name) <= 4 and not re.search(r"[“\"\d届]", name):
        return  # 文体活动, 技能竞赛: a kind of activity, not one occurrence
    if re.search(r"(选树|评选|推选|征集|认定|评比)活动$", name):
        # a selection runs for months, through many occurrences: a programme
        doc.add(Found(start, end, T.Programme, name, "selection", 0.6))
        return
    doc.add(Found(start, end, T.Event, name, rule, 0.6))
