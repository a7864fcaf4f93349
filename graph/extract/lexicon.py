"""Word lists the extraction rules use: name suffixes by entity type, post titles,
boundary words, and the real-world gazetteers of :mod:`ontology.gazetteers`.

These describe how union news is written, never which names a sample contains.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache

import jieba
import jieba.posseg

from ontology import gazetteers
from ontology.schema import EntityType

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not ours to print
T = EntityType

# Name endings (ontology/gazetteers/org_suffixes.tsv, the rows marked extract), longest first:
# a name's type is decided by the suffix it ends with.
SUFFIXES: list[tuple[str, EntityType]] = sorted(
    ((row.suffix, T(row.type)) for row in gazetteers.suffix_rows() if row.extract), key=lambda st: -len(st[0])
)

# Words before a name that are not part of it: verbs, prepositions, time words.
BOUNDARY_WORDS = sorted(
    """在 于 与 同 和 及 以及 由 向 对 为 给 把 将 被 让 据 从 到 赴 至 自 经 跟 随 邀 请 邀请 通过 围绕
    针对 面向 落实 依托 联合 携手 会同 联手 牵头 主办 承办 协办 指导 支持 带领 组织 举办 举行 开展
    召开 启动 发起 成立 走进 参观 前往 共赴 奔赴 赶赴 来到 深入 对接 协调 获评 荣获 获得 表彰 推动 发挥 是 系 作为
    担任 任 近日 日前 当天 今年 去年 此前 此外 同时 其中 包括 还 也 均 都 已 正 各 该 本 其 这 那 我
    每 全体 其他 部分 多家 等 了 着 的 地 得 并 及其 或 即 如 像 前 后 间 里 内 外 来自 代表
    分别 共同 一行 一起 走访 慰问 看望 动员 号召 希望 要求 积极 广泛 持续 进一步 全力 首批 首场 首届
    新任 原 现任 时任 一名 一位 两家 三家 帮助 鼓励 引导 吸引 加入 入驻 落户 设立 设有 位于 创建 打造
    建立 建成 为期 当选 宣读 颁发 授予 揭牌 授牌 出席 参加 参与 观摩 见证 致辞 讲话 表示 指出 介绍
    但 而 又 就 吸纳 实现 产生 办理 利用 充分利用 发布 决定 探索 加强 提升 提高 深化 努力 聚焦
    做好 做实 完善 健全 构建 形成 覆盖 涵盖 组建 培育 选树 选派 委托 申报 申请 认定 评选 获 获批 入选
    成为 属于 隶属 协助 配合 看到 带动 发动 号召 倡议 联络 走入 进入 回到 返回 召集 选出 选举 产生了
    指派 委派 派遣 迅速 立即 及时 宣布 宣告 陪同 推广 挂牌""".split(),
    key=len,
    reverse=True,
)

# Post titles between an organisation and a person (副主席李明华, 副书记、组织人事部部长郑雪).
POST_TITLES = sorted(
    """主席 副主席 常务副主席 书记 副书记 党组书记 党组成员 党委书记 党委副书记 部长 副部长 局长 副局长
    主任 副主任 理事长 副理事长 秘书长 会长 副会长 组长 副组长 常委 委员 总经理 副总经理 董事长 经理
    院长 副院长 校长 副校长 队长 区长 副区长 市长 副市长 镇长 乡长 所长 处长 科长 馆长 站长 厂长 段长
    办公室主任 团委书记 主任委员 负责人 总监 安全总监 党组副书记 党委常委 书记处书记 调研员 巡视员 一级调研员
    二级调研员 一级巡视员 二级巡视员 主任科员 中队长 大队长 支队长 副队长 行长 副行长 社长 总编辑 董事 监事
    总工程师 副总工程师 总会计师 党总支书记 支部书记 党支部书记 工委书记 工委副书记 党工委书记 党工委副书记""".split(),
    key=len,
    reverse=True,
)

# Occupations printed right before a worker's name (机务工程师陈立华, 主任医师孙丽,
# 选手马俊): the person works where the words before the occupation say, with no post.
OCCUPATIONS = tuple(sorted(
    """工程师 高级工程师 助理工程师 技师 高级技师 技术员 工人 电工 焊工 钳工 车工 铣工 维修工 装配工
    驾驶员 司机 乘务员 安全员 质检员 调度员 快递员 快递小哥 农民工 外卖骑手 骑手 送餐员 网约车司机
    医生 医师 主任医师 副主任医师 主治医师 护士 护士长 药师 教师 老师 讲师 教授 研究员 设计师
    班组长 班长 工长 机长 列车长 选手 职工 员工 干部 社工 志愿者 民警 消防员 环卫工人 保洁员 营业员
    律师 厨师 会计""".split(),
    key=len,
    reverse=True,
))

_LISTED_OCCUPATION_AT_END = re.compile("(?:" + "|".join(OCCUPATIONS) + ")$")
_OCCUPATION_ENDING_AT_END = re.compile(r"[\u4e00-\u9fff]{1,2}[员师]$|[\u4e00-\u9fff]{2}工$")


def occupation_before(text: str, pos: int) -> int:
    """The length of the occupation that ends at ``pos`` (检车员 in 检车员吴某), else 0;
    none where its last character makes a word with the next (施工程…: 工程). A listed
    occupation first: the generic endings would take a character too many (所律师)."""
    window = max(0, pos - 6)
    m = _LISTED_OCCUPATION_AT_END.search(text, window, pos) or _OCCUPATION_ENDING_AT_END.search(text, window, pos)
    return len(m.group(0)) if m and not is_common_word(text[pos - 1 : pos + 1]) else 0


# What follows a person's name: speaking, attending, the end of a clause.
AFTER_NAME = re.compile(
    r"^(出席|致辞|表示|指出|强调|介绍|讲话|说|认为|讲述|分享|参加|作|主持|宣读|围绕|以|带领|一行|等|为|向|与|和|共同|当选|"
    r"在|通过|同志|发言|提出|总结|回顾|希望|代表|获得|荣获|也|还|是|就|对|从|自|用|将|率|参与|"
    r"的(?:带|陪|率)|现场|每|致|回答|讲解|解读|提醒|叮嘱|嘱咐|勉励|鼓励|动情|回忆|包揽|"  # 在某某的带领下, 的陪同下, 的率领下 (two characters are looked at)
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

EVENT_SUFFIXES = sorted(
    """启动仪式 仪式 启动会 推进会 座谈会 联谊会 游园会 交流会 沟通会 表彰会 报告会 分享会 发布会 观摩会
    研讨会 培训会 见面会 动员会 诗会 大会 会议 讲座 宣讲会 宣讲课 宣讲活动 研修班 培训班 训练营 比赛 大赛
    竞赛 选拔赛 集训 展演 展览 演出 晚会 活动 宣传周 运动会 接待日 评审工作 评选工作
    联赛 锦标赛 邀请赛 友谊赛 决赛 比武 音乐会 读书会 茶话会 恳谈会 开放日 论坛 招聘会 嘉年华
    文化节 艺术节 体育节 健步走 马拉松 推介会 洽谈会 作品展 书画展 摄影展 成果展 图片展 展示会 擂台赛
    开幕式 闭幕式 颁奖典礼 典礼 颁奖礼 市集 义诊""".split(),
    key=len,
    reverse=True,
)

PROGRAMME_SUFFIXES = sorted(
    """系列活动 工程 计划 机制 调解机制 模式 平台 服务平台 体系 工作体系 工作机制 工作法 工作格局 工作部署 格局
    部署 行动 改革 服务卡 小程序 驿站 建设 培训 接待日 服务日 开放日 活动日 宣传日 活动 组团式服务""".split(),
    key=len,
    reverse=True,
)

# Words after a quoted name that say "the work of" it: the name is the quotation alone.
GENERIC_TAILS = re.compile(r"^(各项工作|专项工作|推广工作|工作(?!法|机制|格局|部署|体系)|项目|品牌|专项|系列(?!活动))")
# A congress: 北京市工会十四大, 中国工会十七大, 党的十九大.
CONGRESS = re.compile(r"(北京市工会|中国工会|全国工会|党的|[\u4e00-\u9fff]{2,6}(?:工会|党))[一二三四五六七八九十]{1,3}大")

# Verbs that make the organisation before them the organiser of what follows.
# Units of a body named after it in a list: 华建五局安装公司党委、工会、团委; 某某街道工委、办事处.
UNIT_SUFFIXES = ("党委宣传部", "党委", "团委", "工会", "宣传部", "纪委", "办公室", "护理部", "妇委会", "团支部", "工委", "办事处")
ORGANISE_VERBS = ("举办", "开展", "组织开展", "组织", "召开", "举行", "启动", "发起", "主办", "承办", "推出", "实施", "打造")
PROGRAMME_VERBS = ("推进", "深化", "深入推进", "持续推进", "落实", "建设", "构建", "建立", "设计", "推动")
ATTEND_VERBS = ("出席", "参加", "致辞", "讲话", "参与", "主持", "观摩", "发言", "宣讲", "分享")


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
    return {key: key if row.is_pattern else row.name for key, row in gazetteers.honour_names().items()
            if row.recipient != "collective"}


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
# What a contest is called: its final (…大赛焊工决赛) and editions belong to it.
CONTESTS = ("大赛", "竞赛", "比赛", "运动会", "联赛", "锦标赛")

# Words a suffix match can end with that are not names (服务大局, 工作格局).
NOT_A_NAME = re.compile(
    r"(大局|格局|布局|全局|新局|开局|当局|结局|各局)$|(各级|各|基层|区内|所属|直属|下属|[县区]级)(总)?工会$"
    rf"|{EDITION}[\u4e00-\u9fff]{{0,6}}委员会$"  # 某工会第五届委员会: a term of the body, not a body
    r"|(书记|主任|主席|经理|部长|长)兼"  # 党委书记兼工会(主席): one person's two posts, not a name
)
# What makes the words before a suffix a name rather than a phrase (办理工会, 区内学校):
# a national or relative place word, a sector word, or an owner body's own suffix.
NAME_ANCHOR = re.compile(r"^(中国|中华|全国|国家|国际|首都|北京|市|区|县|省)|(行业|系统|产业|机关|直属|系统各)$")
# Single characters that end a clause after a two-character name (吴峰以…, 林岚为…).
NAME_FOLLOWERS = set("以为向与和在等说作也还是就对从自用将及并把被让的")

# Parts of speech that do not begin a name: verbs, adverbs, prepositions, conjunctions,
# pronouns, auxiliaries, idioms, time and locality words.
NON_NAME_POS = ("v", "d", "p", "c", "r", "u", "l", "ad", "f", "t", "a", "i", "y", "e", "o", "z", "vd")


# Brands of the platforms whose couriers, riders and drivers the unions recruit; some
# hold words that end a name elsewhere (了 in 饿了么), so jieba must know them whole.
PLATFORM_BRANDS = ("饿了么", "美团", "滴滴出行", "货拉拉", "闪送", "达达", "叮咚买菜", "盒马", "京东", "顺丰", "曹操出行", "满帮")


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
