"""Gazetteers of real-world facts for the rule-based entity extractor.

The data files live next to this module (UTF-8 TSV with a header line; ``#`` lines at the
top give the source and the meaning of the columns):

=============================  ==========================================================
``districts.tsv``              北京市, its 16 districts and 北京经济技术开发区 (GB/T 2260 code,
                               Wikidata QID copied from ``shared/facts/beijing_districts.tsv``)
``beijing_areas.tsv``          functional zones and localities (中关村, 城市副中心, 回龙观 …)
``beijing_subdistricts.tsv``   the 街道 / 地区 / 镇 / 乡 of the 16 districts
``china_divisions.tsv``        provincial and prefecture-level divisions of China, plus
                               county-level units of 天津 and the Hebei areas around Beijing
``honours.tsv``                honour titles (全国劳动模范, 首都劳动奖章, 北京大工匠 …)
``honour_suffixes.txt``        endings of honour titles (劳动模范, 工匠, 奖章 …)
``union_federation.tsv``       中华全国总工会, provincial federations, Beijing district unions …
``org_suffixes.tsv``           name endings per entity type (有限公司 → Enterprise …)
``surnames.txt``               Chinese surnames, single-character and compound
=============================  ==========================================================

Every reader parses its file once (:func:`functools.cache`) and returns immutable values.

>>> from ontology.gazetteers import all_place_names, union_names
>>> fact = all_place_names()["朝阳"]
>>> fact.name, fact.code, fact.wikidata, fact.parent
('朝阳区', '110105', 'Q394701', '北京市')
>>> all_place_names()["望京街道"].parent
'朝阳区'
>>> union_names()["全总"].name
'中华全国总工会'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = [
    "ENTITY_TYPES",
    "Area",
    "District",
    "Division",
    "Honour",
    "PlaceFact",
    "Subdistrict",
    "Suffix",
    "UnionBody",
    "all_place_names",
    "ambiguous_place_names",
    "beijing_areas",
    "china_divisions",
    "compound_surnames",
    "districts",
    "honour_names",
    "honour_suffixes",
    "honours",
    "split_surname",
    "subdistricts",
    "suffix_rows",
    "suffixes",
    "surnames",
    "union_names",
    "unions",
]

#: Entity types that ``org_suffixes.tsv`` gives endings for.
ENTITY_TYPES = ("Union", "Enterprise", "Organisation", "Venue", "District", "Programme", "Event")


# ---------------------------------------------------------------- reading the files


def _lines(filename: str) -> list[str]:
    text = files(__name__).joinpath(filename).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _table(filename: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file as dicts (``#`` comment lines skipped, missing trailing cells = "")."""
    header, *body = _lines(filename)
    columns = header.split("\t")
    rows = []
    for number, line in enumerate(body, start=2):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > len(columns):
            raise ValueError(
                f"{filename}: data line {number} has {len(cells)} cells, header has {len(columns)}"
            )
        cells += [""] * (len(columns) - len(cells))
        rows.append(dict(zip(columns, cells)))
    return tuple(rows)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


# ---------------------------------------------------------------- record types


@dataclass(frozen=True)
class District:
    """A row of ``districts.tsv``: 北京市, one of its 16 districts, or 北京经济技术开发区."""

    name: str
    name_en: str
    short: tuple[str, ...]
    code: str | None  # GB/T 2260; None for the functional zone
    wikidata: str | None  # None where no reliable QID was found
    kind: str  # municipality / district / functional_zone
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short)

    @property
    def parent(self) -> str | None:
        return None if self.kind == "municipality" else "北京市"


@dataclass(frozen=True)
class Area:
    """A row of ``beijing_areas.tsv``: a named zone or locality that is not a plain division."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    district: str | None  # None when it spans districts
    note: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


_TOWNSHIP_KINDS = ("街道", "地区", "镇", "乡")


@dataclass(frozen=True)
class Subdistrict:
    """A row of ``beijing_subdistricts.tsv``: a 街道, 地区, 镇 or 乡 of a Beijing district.

    >>> s = next(s for s in subdistricts() if s.name == "温泉地区")
    >>> s.kind, s.district, s.aliases, s.base
    ('地区', '海淀区', ('温泉镇',), '温泉')
    """

    name: str
    kind: str  # 街道 / 地区 / 镇 / 乡
    district: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def base(self) -> str:
        """The name without its 街道/地区/镇/乡 ending (kept whole if that leaves one character).

        Bases are often landmarks too (天坛, 前门, 香山), so they are not in :func:`all_place_names`.
        """
        for suffix in _TOWNSHIP_KINDS:
            if self.name.endswith(suffix) and len(self.name) - len(suffix) >= 2:
                return self.name[: -len(suffix)]
        return self.name


@dataclass(frozen=True)
class Division:
    """A row of ``china_divisions.tsv``."""

    name: str
    short: tuple[str, ...]
    kind: str
    level: str  # provincial / prefectural / county / other
    parent: str | None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.short)


@dataclass(frozen=True)
class Honour:
    """A row of ``honours.tsv``; ``{placeholders}`` in the name make it a pattern.

    >>> h = honour_names()["全国劳模"]
    >>> h.name, h.level, h.recipient
    ('全国劳动模范', 'national', 'person')
    """

    name: str
    level: str  # national / municipal / provincial / district / enterprise / other
    aliases: tuple[str, ...]
    recipient: str  # person / collective / both
    note: str

    @property
    def is_pattern(self) -> bool:
        return "{" in self.name

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class UnionBody:
    """A row of ``union_federation.tsv``."""

    name: str
    aliases: tuple[str, ...]
    kind: str  # national / municipal / provincial / district / industry / system / enterprise
    parent: str | None
    note: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Suffix:
    """A row of ``org_suffixes.tsv``."""

    suffix: str
    type: str  # one of ENTITY_TYPES
    note: str
    extract: bool = False  # the extractor finds names by this ending


@dataclass(frozen=True)
class Programme:
    """A row of ``programmes.tsv``: a standing union programme named without quotes."""

    name: str
    aliases: tuple[str, ...]
    level: str
    note: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class PlaceFact:
    """What :func:`all_place_names` knows about a place name.

    ``level`` is ``provincial``, ``prefectural``, ``county`` (Beijing's districts and the
    functional zone included), ``township`` (街道/地区/镇/乡), ``area`` (beijing_areas.tsv)
    or ``other``; ``parent`` is the name of the enclosing division, if any.
    """

    name: str
    kind: str
    level: str
    parent: str | None
    in_beijing: bool
    code: str | None = None
    wikidata: str | None = None
    source: str = ""  # the file the fact comes from


# ---------------------------------------------------------------- readers


@cache
def districts() -> tuple[District, ...]:
    """北京市, the 16 districts and 北京经济技术开发区, in file order.

    >>> [d.name for d in districts() if d.kind == "district"][:3]
    ['东城区', '西城区', '朝阳区']
    >>> next(d for d in districts() if d.name == "门头沟区").wikidata is None
    True
    """
    return tuple(
        District(
            name=r["name_zh"],
            name_en=r["name_en"],
            short=_split(r["short"]),
            code=r["gb2260_code"] or None,
            wikidata=r["wikidata_qid"] or None,
            kind=r["kind"],
            source=r["source"],
        )
        for r in _table("districts.tsv")
    )


@cache
def beijing_areas() -> tuple[Area, ...]:
    """Named zones and localities of Beijing (中关村, 北京城市副中心, 回龙观 …).

    >>> next(a for a in beijing_areas() if a.name == "北京城市副中心").district
    '通州区'
    """
    return tuple(
        Area(r["name"], _split(r["aliases"]), r["kind"], r["district"] or None, r["note"])
        for r in _table("beijing_areas.tsv")
    )


@cache
def subdistricts() -> tuple[Subdistrict, ...]:
    """The township-level divisions of Beijing's 16 districts.

    >>> len([s for s in subdistricts() if s.district == "东城区"])
    17
    """
    return tuple(
        Subdistrict(r["name"], r["kind"], r["district"], _split(r["aliases"]))
        for r in _table("beijing_subdistricts.tsv")
    )


@cache
def china_divisions() -> tuple[Division, ...]:
    """Provincial, prefecture-level and selected county-level divisions of China.

    >>> d = next(d for d in china_divisions() if d.name == "临沂市")
    >>> d.short, d.kind, d.parent
    (('临沂',), 'prefecture_city', '山东省')
    """
    return tuple(
        Division(r["name"], _split(r["short"]), r["kind"], r["level"], r["parent"] or None)
        for r in _table("china_divisions.tsv")
    )


@cache
def honours() -> tuple[Honour, ...]:
    """All rows of ``honours.tsv`` (titles and ``{placeholder}`` patterns)."""
    return tuple(
        Honour(r["name"], r["level"], _split(r["aliases"]), r["recipient"], r["note"])
        for r in _table("honours.tsv")
    )


@cache
def honour_suffixes() -> tuple[str, ...]:
    """Endings of honour titles, longest first.

    >>> "工匠" in honour_suffixes() and "劳动模范" in honour_suffixes()
    True
    """
    return tuple(sorted(dict.fromkeys(_lines("honour_suffixes.txt")), key=len, reverse=True))


@cache
def unions() -> tuple[UnionBody, ...]:
    """Union federation bodies (中华全国总工会, 北京市总工会, the district unions …).

    >>> next(u for u in unions() if u.name == "朝阳区总工会").parent
    '北京市总工会'
    """
    return tuple(
        UnionBody(r["name"], _split(r["aliases"]), r["kind"], r["parent"] or None, r["note"])
        for r in _table("union_federation.tsv")
    )


@cache
def suffix_rows() -> tuple[Suffix, ...]:
    """All rows of ``org_suffixes.tsv``."""
    return tuple(
        Suffix(r["suffix"], r["type"], r["note"], r["extract"] == "yes") for r in _table("org_suffixes.tsv")
    )


@cache
def suffixes(type: str) -> tuple[str, ...]:
    """The name endings of one entity type, longest first (match them in this order).

    >>> suffixes("Union")[:2]
    ('工会工作委员会', '经费审查委员会')
    >>> "有限公司" in suffixes("Enterprise")
    True
    """
    if type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {type!r}; expected one of {ENTITY_TYPES}")
    found = [row.suffix for row in suffix_rows() if row.type == type]
    return tuple(sorted(dict.fromkeys(found), key=len, reverse=True))


@cache
def programmes() -> tuple[Programme, ...]:
    """Standing national and Beijing union programmes.

    >>> "产改" in next(p for p in programmes() if p.name == "产业工人队伍建设改革").aliases
    True
    """
    return tuple(
        Programme(row["name"], _split(row["aliases"]), row["level"], row["note"])
        for row in _table("programmes.tsv")
    )


@cache
def surnames() -> frozenset[str]:
    """Single-character and compound Chinese surnames.

    >>> {"王", "欧阳"} <= surnames()
    True
    """
    return frozenset(_lines("surnames.txt"))


@cache
def compound_surnames() -> tuple[str, ...]:
    """The surnames of two or more characters, longest first."""
    return tuple(sorted((s for s in surnames() if len(s) > 1), key=lambda s: (-len(s), s)))


def split_surname(name: str) -> tuple[str, str] | None:
    """Split a personal name into (surname, given name), compound surnames first.

    >>> split_surname("欧阳晓明"), split_surname("张伟"), split_surname("口罩")
    (('欧阳', '晓明'), ('张', '伟'), None)
    """
    for surname in compound_surnames():
        if name.startswith(surname) and len(name) > len(surname):
            return surname, name[len(surname) :]
    if len(name) > 1 and name[0] in surnames():
        return name[0], name[1:]
    return None


# ---------------------------------------------------------------- lookup tables


@cache
def union_names() -> dict[str, UnionBody]:
    """Every union name and alias mapped to its body (first row wins on a clash)."""
    table: dict[str, UnionBody] = {}
    for body in unions():
        for name in body.names:
            table.setdefault(name, body)
    return table


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _placeholder_values() -> dict[str, tuple[str, ...]]:
    beijing = [d for d in districts() if d.kind != "municipality"]
    return {
        "district": tuple(d.name for d in beijing),
        "district_short": tuple(s for d in beijing if d.kind == "district" for s in d.short),
        "province": tuple(d.name for d in china_divisions() if d.level == "provincial"),
    }


@cache
def honour_names() -> dict[str, Honour]:
    """Every concrete honour name and alias mapped to its row.

    Patterns whose placeholders are places (``{district}``, ``{district_short}``,
    ``{province}``) are expanded; explicit rows win over expansions, so 北京市劳动模范
    stays municipal. ``{org}`` patterns are not expanded.

    >>> honour_names()["顺义工匠"].level
    'district'
    >>> honour_names()["北京市劳动模范"].level
    'municipal'
    >>> honour_names()["河北省五一劳动奖章"].level
    'provincial'
    """
    table: dict[str, Honour] = {}
    for honour in honours():
        if not honour.is_pattern:
            for name in honour.names:
                table.setdefault(name, honour)
    values = _placeholder_values()
    for honour in honours():
        keys = _PLACEHOLDER.findall(honour.name)
        if len(keys) != 1 or keys[0] not in values:
            continue
        for value in values[keys[0]]:
            table.setdefault(honour.name.replace("{" + keys[0] + "}", value), honour)
    return table


def _place_facts() -> list[tuple[str, PlaceFact]]:
    """(name, fact) pairs in priority order: Beijing before the rest of China."""
    pairs: list[tuple[str, PlaceFact]] = []
    for d in districts():
        level = "provincial" if d.kind == "municipality" else "county"
        fact = PlaceFact(d.name, d.kind, level, d.parent, True, d.code, d.wikidata, "districts.tsv")
        pairs += [(name, fact) for name in d.names]
    for a in beijing_areas():
        fact = PlaceFact(a.name, a.kind, "area", a.district or "北京市", True, source="beijing_areas.tsv")
        pairs += [(name, fact) for name in a.names]
    for s in subdistricts():
        fact = PlaceFact(s.name, s.kind, "township", s.district, True, source="beijing_subdistricts.tsv")
        pairs += [(name, fact) for name in s.names]
    for level in ("provincial", "prefectural", "county", "other"):
        for d in china_divisions():
            if d.level == level:
                in_beijing = d.name == "北京市" or d.parent == "北京市"
                fact = PlaceFact(d.name, d.kind, d.level, d.parent, in_beijing, source="china_divisions.tsv")
                pairs += [(name, fact) for name in d.names]
    return pairs


@cache
def all_place_names() -> dict[str, PlaceFact]:
    """Every place name and short name mapped to its fact.

    On a clash the Beijing fact wins (朝阳 → 朝阳区, not 辽宁朝阳市), then the higher
    level (吉林 → 吉林省); see :func:`ambiguous_place_names` for the losers.

    >>> all_place_names()["经开区"].name
    '北京经济技术开发区'
    >>> all_place_names()["临沂"].parent
    '山东省'
    >>> all_place_names()["吉林"].name
    '吉林省'
    """
    table: dict[str, PlaceFact] = {}
    for name, fact in _place_facts():
        table.setdefault(name, fact)
    return table


@cache
def ambiguous_place_names() -> dict[str, tuple[PlaceFact, ...]]:
    """Names that stand for more than one place, with every candidate in priority order.

    >>> [f.parent for f in ambiguous_place_names()["八里庄街道"]]
    ['朝阳区', '海淀区']
    >>> [f.name for f in ambiguous_place_names()["朝阳"]]
    ['朝阳区', '朝阳市']
    """
    seen: dict[str, dict[tuple[str, str | None], PlaceFact]] = {}
    for name, fact in _place_facts():
        seen.setdefault(name, {}).setdefault((fact.name, fact.parent), fact)
    return {name: tuple(facts.values()) for name, facts in seen.items() if len(facts) > 1}
