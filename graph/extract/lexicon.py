"""Word lists the extraction rules use: name suffixes by entity type, post titles,
boundary words, and the real-world gazetteers of :mod:`ontology.gazetteers`.

These describe how union news is written, never which names a sample contains.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from pathlib import Path

import jieba
import jieba.posseg

from ontology import gazetteers
from ontology.schema import EntityType

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not ours to print
T = EntityType

LEXICON = Path(__file__).resolve().parents[2] / "ontology" / "lexicon"


def words(name: str) -> tuple[str, ...]:
    """The words of ``ontology/lexicon/<name>.txt``, one a line, in the file's order."""
    lines = (LEXICON / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def longest_first(name: str) -> list[str]:
    return sorted(words(name), key=len, reverse=True)


# Name endings (ontology/gazetteers/org_suffixes.tsv, the rows marked extract), longest first:
# a name's type is decided by the suffix it ends with.
SUFFIXES: list[tuple[str, EntityType]] = sorted(
    ((row.suffix, T(row.type)) for row in gazetteers.suffix_rows() if row.extract), key=lambda st: -len(st[0])
)

BOUNDARY_WORDS = longest_first("boundary_words")

POST_TITLES = longest_first("post_titles")

OCCUPATIONS = tuple(longest_first("occupations"))

_LISTED_OCCUPATION_AT_END = re.compile("(?:" + "|".join(OCCUPATIONS) + ")$")
_OCCUPATION_ENDING_AT_END = re.compile(r"[\u4e00-\u9fff]{1,2}[员师]$|[\u4e00-\u9fff]{2}工$")


def occupation_before(text: str, pos: int) -> int:
    """The length of the occupation that ends at ``pos`` (检车员 in 检车员吴某), else 0;
    none where its last character makes a word with the next (施工程…: 工程). A listed
    occupation first: the generic endings would take a character too many (所律师)."""
    window = max(0, pos - 6)
    m = _LISTED_OCCUPATION_AT_END.search(text, window, pos) or _OCCUPATION_ENDING_AT_END.search(
        text, window, pos
    )
    return len(m.group(0)) if m and not is_common_word(text[pos - 1 : pos + 1]) else 0


# What follows a person's name: speaking, attending, the end of a clause.
AFTER_NAME = re.compile(
    r"^(出席|致辞|表示|指出|强调|介绍|讲话|说|认为|讲述|分享|参加|作|主持|宣读|围绕|以|带领|一行|等|为|向|与|和|共同|当选|"
    r"在|通过|同志|发言|提出|总结|回顾|希望|代表|获得|荣获|也|还|是|就|对|从|自|用|将|率|参与|"
    # 的带, 的陪, 的率: 在某某的带领下, 的陪同下, 的率领下 (two characters are looked at)
    r"的(?:带|陪|率)|现场|每|致|回答|提问|说道|讲解|解读|提醒|叮嘱|嘱咐|勉励|鼓励|动情|回忆|包揽|"
    # what an official named after the post does in a report: 副主席李某带队走访…
    r"带队|率队|看望|慰问|走访|调研|深入|来到|前往|检查|督导|会见|听取|观看|颁发|颁奖|授牌|揭牌|宣布|部署|要求|寄语|指导|参观|莅临|"
    # and what a worker or helper named after the occupation does: 律师某某承办此案, 从律师某某手中
    r"承办|接过|手中|手里|告诉|坦言|感慨|负责|牵头|带着|曾|先后|多次|已|获|被|陪同|讲授|授课|到|夺得|摘得|斩获|"
    r"[，。、,.;；：:（(“\"”\s]|$)"
)

# Names that look like a suffix match but are generic: 各级工会, 该公司工会, 基层工会.
GENERIC_PREFIXES = re.compile(
    r"^(各级|各|基层|企业|该|本|全市|全区|全国各|有关|相关|其他|各单位|市直机关各单位|会员|职工|新建|已建|"
    r"上级|下级|所属|属地|地方|行业|产业|区级|市级|街道|社区|乡镇|园区|单位|部分|两级|县区|区县|"
    r"新一届|本届|上届|历届|区内|市内|辖区|党和|区委区|市委市|党群|首个|首家|首批|第一个|村级|镇级|"
    r"[一二三四五六七八九十百千\d]+[家个名所处支级类])"
)

SECTOR_UNION = re.compile(r"^(北京市|市|北京)?[\u4e00-\u9fff]{2,8}(系统)?工会$")

EVENT_SUFFIXES = longest_first("event_suffixes")

PROGRAMME_SUFFIXES = longest_first("programme_suffixes")

# Words after a quoted name that say "the work of" it: the name is the quotation alone.
GENERIC_TAILS = re.compile(
    r"^(各项工作|专项工作|推广工作|工作(?!法|机制|格局|部署|体系)|项目|品牌|专项|系列(?!活动))"
)
# A congress: 北京市工会十四大, 中国工会十七大, 党的十九大.
CONGRESS = re.compile(
    r"(北京市工会|中国工会|全国工会|党的|[\u4e00-\u9fff]{2,6}(?:工会|党))[一二三四五六七八九十]{1,3}大"
)

# The word lists of ontology/lexicon/ (each file says what its words do).
UNIT_SUFFIXES = words("unit_suffixes")
ORGANISE_VERBS = words("organise_verbs")
PROGRAMME_VERBS = words("programme_verbs")
ATTEND_VERBS = words("attend_verbs")


_LEVELS = {"provincial": 0, "prefectural": 1, "county": 2, "area": 3, "township": 3, "other": 4}


def suffix_of(name: str) -> str | None:
    """The longest organisation, venue or place suffix ``name`` ends with (…有限公司)."""
    return next((s for s, _ in SUFFIXES if name.endswith(s)), None)


def level(fact) -> int:
    """Rank of a place level, larger is smaller (province 0 … township 3)."""
    return _LEVELS.get(fact.level, 4)


@cache
def place_facts() -> dict[str, "gazetteers.PlaceFact"]:
    """Every name and short name of a real place → its fact (type, parent, codes)."""
    return gazetteers.all_place_names()


def _alternation(names) -> re.Pattern:
    """Any of ``names``, the longest where several start at one place. Written as a
    trie (北京(?:市)?…), which the regex engine scans far faster than a flat list.

    >>> _alternation(["北京", "北京市", "市"]).findall("北京市和北京的市")
    ['北京市', '北京', '市']
    """
    trie: dict = {}
    for name in filter(None, names):
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here
    return re.compile(_trie_pattern(trie) if trie else "(?!)")


def _trie_pattern(node: dict) -> str:
    # one branch per next character; where a name may also end, the rest is optional
    # and greedy, so the longest name wins as in a longest-first alternation
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{pattern})?" if "" in node else pattern


def place_at_start(s: str, longest: int = 12) -> str | None:
    """The longest gazetteer place, by its name or a short form, that ``s`` starts with."""
    facts = place_facts()
    return next((s[:k] for k in range(min(len(s), longest), 1, -1) if s[:k] in facts), None)


@cache
def place_regex() -> re.Pattern:
    return _alternation(place_facts())


@cache
def honour_names() -> dict[str, str]:
    """Honour name or alias → canonical honour name (expanded patterns name themselves).
    Titles only units receive (工人先锋号, 模范职工之家) are left out: an honour is
    conferred on people."""
    return {
        key: key if row.is_pattern else row.name
        for key, row in gazetteers.honour_names().items()
        if row.recipient != "collective"
    }


@cache
def honour_regex() -> re.Pattern:
    return _alternation(honour_names())


@cache
def programme_names() -> dict[str, str]:
    """Well-known national and municipal union programmes: name or alias → name."""
    return {name: p.name for p in gazetteers.programmes() for name in p.names}


@cache
def programme_regex() -> re.Pattern:
    return _alternation(programme_names())


@cache
def surnames() -> frozenset[str]:
    return gazetteers.surnames()


@cache
def surname_start_regex() -> re.Pattern:
    """The first character of any surname, one or two characters long: where a
    person's name may begin."""
    return re.compile(f"[{''.join(sorted({s[0] for s in surnames()}))}]")


@cache
def union_aliases() -> dict[str, str]:
    """Short forms of real federation bodies (市总工会 → 北京市总工会)."""
    return {name: body.name for name, body in gazetteers.union_names().items() if name != body.name}


# A numbered edition (第十届): an edition of a recurring activity, or a term of a body.
EDITION = r"第[一二三四五六七八九十\d]+届"
CONTESTS = words("contests")

# Words a suffix match can end with that are not names (服务大局, 工作格局).
NOT_A_NAME = re.compile(
    r"(大局|格局|布局|全局|新局|开局|当局|结局|各局)$|(各级|各|基层|区内|所属|直属|下属|[县区]级)(总)?工会$"
    rf"|{EDITION}[\u4e00-\u9fff]{{0,6}}委员会$"  # 某工会第五届委员会: a term of the body, not a body
    r"|(书记|主任|主席|经理|部长|长)兼"  # 党委书记兼工会(主席): one person's two posts, not a name
)
# What makes the words before a suffix a name rather than a phrase (办理工会, 区内学校):
# a national or relative place word, a sector word, or an owner body's own suffix.
NAME_ANCHOR = re.compile(
    r"^(中国|中华|全国|国家|国际|首都|北京|市|区|县|省)|(行业|系统|产业|机关|直属|系统各)$"
)
# Single characters that end a clause after a two-character name (吴峰以…, 林岚为…).
NAME_FOLLOWERS = set("以为向与和在等说作也还是就对从自用将及并把被让的")

# Parts of speech that do not begin a name: verbs, adverbs, prepositions, conjunctions,
# pronouns, auxiliaries, idioms, time and locality words.
NON_NAME_POS = ("v", "d", "p", "c", "r", "u", "l", "ad", "f", "t", "a", "i", "y", "e", "o", "z", "vd")


PLATFORM_BRANDS = words("platform_brands")


@cache
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of our own (the global one stays untouched) that knows every
    gazetteer name and name suffix as a word, so names are not cut apart."""
    tk = jieba.Tokenizer()
    tk.initialize()
    words = set(place_facts()) | set(honour_names()) | set(gazetteers.union_names()) | set(programme_names())
    words |= set(PLATFORM_BRANDS)
    words |= {s for s, _ in SUFFIXES}
    for w in sorted(words):
        if len(w) > 1:
            tk.add_word(w, freq=max(tk.FREQ.get(w, 0), 2000))
    return tk


def jieba_blocks(text: str) -> list[int]:
    """Where the blocks jieba cuts one by one begin and end: runs of its word
    characters and the stretches between them. A block cut alone gives the tokens it
    gets in the whole text, so a rule asking about a token edge needs only its block."""
    spans = (x for m in jieba.re_han_default.finditer(text) for x in m.span())
    return sorted({0, len(text), *spans})


def is_word_run(block: str) -> bool:
    """A block jieba segments by its dictionary (not punctuation and spaces)."""
    return jieba.re_han_default.fullmatch(block) is not None


def word_across(run: str, pos: int) -> bool:
    """Could one of jieba's tokens of ``run`` span ``pos``? Only a dictionary word can
    (or Latin letters and digits, which it joins), so where none does every
    segmentation of the run cuts at ``pos``."""
    if jieba.re_eng.match(run[pos - 1]) and jieba.re_eng.match(run[pos]):
        return True
    freq = tokenizer().FREQ  # every word and, at frequency 0, every prefix of one
    for start in range(pos):
        end = pos + 1
        while end <= len(run) and run[start:end] in freq:
            if freq[run[start:end]]:
                return True
            end += 1
    return False


class _SharedTagsPOSTokenizer(jieba.posseg.POSTokenizer):
    """A part-of-speech tagger over our tokenizer that shares the word tags jieba.posseg
    read at its import (reading the dictionary again cost every worker 0.3 s)."""

    def load_word_tag(self, f):
        f.close()
        self.word_tag_tab = jieba.posseg.dt.word_tag_tab


@cache
def _pos_tokenizer() -> jieba.posseg.POSTokenizer:
    return _SharedTagsPOSTokenizer(tokenizer())


@lru_cache(maxsize=200_000)  # bounded: a corpus of decades has ever new name prefixes
def pos(s: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) pairs of a short string, cached."""
    return tuple((w.word, w.flag) for w in _pos_tokenizer().cut(s))


def is_common_word(s: str, threshold: int = 50) -> bool:
    """True for an ordinary dictionary word (通过, 单位), which a person's name is not."""
    return tokenizer().FREQ.get(s, 0) > threshold


@cache
def honour_suffixes() -> frozenset[str]:
    """Bare kinds of honour (劳动模范, 工匠): not titles by themselves."""
    return frozenset(gazetteers.honour_suffixes())
