"""The page cutter: an OCR'd newspaper page → its articles.

A page is lines separated by blank lines, with line breaks in mid-sentence. Articles
start at a headline group (kicker, headline, subtitle: short lines that do not end a
sentence) that is followed by a lead (本报讯…) or a photo caption, or at a lead with
no headline (damaged pages). Photo stories end at their credit (本报记者 X 摄影报道).
Page and section banners (学习贯彻…精神, >> 基层动态 <<, ① …) are not articles.
Side-by-side columns that the OCR read across (left text, a wide gap, right text on
each line) are read column by column first (:func:`unweave_columns`).

>>> page = ("认真学习贯彻党的十九大精神 奋力谱写首都工会工作新篇章\\n\\n工会举办培训\\n\\n"
...         "本报讯（记者 张三）近日，某区总工\\n\\n会举办培训。\\n")
>>> [a.title for a in cut_page(page, "p.txt")]
['工会举办培训']
>>> cut_page(page, "p.txt")[0].body
'近日，某区总工会举办培训。'
"""

from __future__ import annotations

import re

from loaders.article import Article
from loaders.dates import is_banner as is_date_banner
from loaders.text import (
    BYLINE_LINE,
    LEAD,
    PHOTO_CREDIT,
    Line,
    compose,
    rejoin,
    split_lines,
)
from ontology import gazetteers

# Between two columns read across: three or more spaces, or two ideographic spaces.
_COLUMN_GAP = re.compile(r"(?<=\S)(?:[ \t\u3000]{3,}|\u3000{2,})(?=\S)")
_SECTION_TAG = re.compile(r"^\s*(>>.*<<|[①-⑳].*)\s*$")
_SLOGAN = re.compile(r"精神|新局面|新征程|新篇章|新时代")
_SLOGAN_START = re.compile(r"^(深入)?(学习|贯彻|落实|奋力|全面|弘扬)")
_CREDIT_LINE = re.compile(r"^(本报)?记者\s.{1,60}摄(影报道)?$")
_NOT_IN_HEADLINE = re.compile(r"[，,。；;：:！!？?]")
# What a main headline tends to start with: a place or a body doing something.
# a city or province by its short name (深圳：…, 浙江…) starts a headline too
_CITIES = "|".join(
    sorted(
        {
            n
            for d in gazetteers.china_divisions()
            if d.level in ("provincial", "prefectural")
            for n in d.names
            if len(n) >= 2
        },
        key=len,
        reverse=True,
    )
)
_SUBJECT_START = re.compile(
    r"^(北京|首都|全国|中国|本市|市|[\u4e00-\u9fff]{1,4}(区|县|市|省|镇|乡|街道|地区)"
    r"|[\u4e00-\u9fff]{2,12}(集团|公司|工会|学院|大学|医院|中心|银行|代表队)|" + _CITIES + ")"
)
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,14}(总工会|工会|区|县|市|镇|街道|地区|集团|公司)")
_VERB_START = re.compile(
    r"^(开展|打造|全方位|今后|今年|推动|深化|持续|助力|聚焦|坚持|加快|全力|用|以|为|让|在|把)"
)


def is_banner(line: Line) -> bool:
    raw = line.raw or line.text
    if _SECTION_TAG.match(raw) or is_date_banner(raw):
        return True
    if len(raw) > 40 or line.ends_sentence or not _SLOGAN.search(raw):
        return False
    return bool(_SLOGAN_START.match(raw)) or bool(re.search(r"\S\s+\S", raw))


def _looks_like_heading(line: Line) -> bool:
    text = line.text
    return (
        2 <= len(text) <= 40
        and not line.ends_sentence
        and not _NOT_IN_HEADLINE.search(text)
        and not LEAD.match(text)
        and not _CREDIT_LINE.match(line.raw or text)
        and not re.match(r"^[”’」』）)、]", text)
    )


def _headline_score(line: Line, position: int) -> float:
    raw = line.raw or line.text
    score = 0.5 if position == 0 else 0.0
    if _SUBJECT_START.match(line.text):
        score += 2
    if "、" in raw or re.search(r"\S\s+\S", raw):
        score -= 2
    if _VERB_START.match(line.text):
        score -= 1
    if line.text.startswith(("—", "-")):
        score -= 2  # ——记某某: a subtitle
    if _BARE_NAME.fullmatch(line.text):
        score -= 3  # 昌平区总工会 alone above the headline: the kicker names who, the headline says what
    return score


def choose_headline(group: list[Line]) -> Line:
    """The main headline of a group of kicker / headline / subtitle lines."""
    return max(enumerate(group), key=lambda il: (_headline_score(il[1], il[0]), -il[0]))[1]


def cut_page(text: str, source: str, *, base_offset: int = 0, first_ordinal: int = 0) -> list[Article]:
    """Cut one page of text into articles, in page order."""
    lines = unweave_columns(split_lines(text, base_offset))
    tags = _tag_lines(lines)
    articles: list[tuple[list[Line], list[Line]]] = []  # (headline group, body lines)
    current: tuple[list[Line], list[Line]] | None = None

    def close() -> None:
        nonlocal current
        if current and (current[0] or current[1]):
            articles.append(current)
        current = None

    i = 0
    while i < len(lines):
        tag = tags[i]
        if tag == "banner":
            close()
            i += 1
        elif tag == "headline":
            close()
            group = []
            while i < len(lines) and tags[i] == "headline":
                group.append(lines[i])
                i += 1
            current = (group, [])
        else:
            if tag == "lead" and current and current[1]:
                close()  # a lead with no headline of its own (damaged page)
            if current is None:
                current = ([], [])
            current[1].append(lines[i])
            if tag == "credit":
                close()
            i += 1
    close()

    out: list[Article] = []
    for group, body in _photo_on_top(articles):
        for headline, paragraphs in _split_photo_stories(group, rejoin(body)):
            if not paragraphs and headline is None:
                continue
            deck = [line for line in group if line is not headline] if headline is not None else []
            out.append(
                compose(source, first_ordinal + len(out), headline, paragraphs, rejoined=True, deck=deck)
            )
    unframed = [line for line, tag in zip(lines, tags) if tag != "banner"]
    if not out and unframed:  # no structure found: a single article whose first line is the headline
        out.append(compose(source, first_ordinal, unframed[0], unframed[1:]))
    return [a for a in out if a.body.strip()]


def _photo_on_top(articles: list[tuple[list[Line], list[Line]]]) -> list[tuple[list[Line], list[Line]]]:
    """A headline over one short photo caption, then a report with no headline of its own
    (标题 / 图为…。某某 摄 / 本报讯…): the photo heads the report, one article."""
    out: list[tuple[list[Line], list[Line]]] = []
    for group, body in articles:
        if out and not group and out[-1][0] and sum(len(line.text) for line in out[-1][1]) <= 80:
            out[-1] = (out[-1][0], out[-1][1] + body)
        else:
            out.append((group, body))
    return out


def unweave_columns(lines: list[Line]) -> list[Line]:
    """Read side-by-side columns one after the other: a run of two or more lines that
    each split into the same number of columns at wide gaps becomes the first column's
    lines, then the second's… Each piece keeps its own source offset.

    >>> lines = split_lines("工会举办培训     海淀区开展健步走\\n\\n近日，朝阳区     日前，海淀区")
    >>> [line.text for line in unweave_columns(lines)]
    ['工会举办培训', '近日，朝阳区', '海淀区开展健步走', '日前，海淀区']
    """
    split = [_columns(line) for line in lines]
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end = i + 1  # the block of lines i..end-1 with as many columns as line i
        while end < len(lines) and len(split[end]) == len(split[i]) > 1:
            end += 1
        if end - i < 2:
            out.append(lines[i])
        else:
            out.extend(row[column] for column in range(len(split[i])) for row in split[i:end])
        i = end
    return out


def _columns(line: Line) -> list[Line]:
    """The line cut at its wide gaps (a line of :func:`split_lines`: one piece)."""
    out, cursor = [], 0
    for end in [*(gap.start() for gap in _COLUMN_GAP.finditer(line.text)), len(line.text)]:
        part = line.text[cursor:end]
        out.append(Line(line.offset + cursor, part, [(line.offset + cursor, part)], raw=part))
        cursor = _COLUMN_GAP.match(line.text, end).end() if end < len(line.text) else end
    return out


def _tag_lines(lines: list[Line]) -> list[str]:
    """Tag each line banner / headline / lead / credit / body."""
    tags, after_break = [], []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        after_break.append(prev is None or prev.ends_sentence or tags[-1] in ("banner", "headline", "credit"))
        if is_banner(line):
            tags.append("banner")
        elif _CREDIT_LINE.match(line.raw) or PHOTO_CREDIT.search(line.text) and not line.ends_sentence:
            tags.append("credit")
        elif (
            LEAD.match(line.text)
            or BYLINE_LINE.match(line.text)
            or _OUTLET_BYLINE.match(line.text)
            and tags
            and tags[-1] == "headline"
        ):
            # 本报讯…, or a byline on its own line: under a headline it opens the report (工人日报-中工网记者 X);
            # at the end of one it closes it (文/某报记者 X)
            tags.append("lead")
        elif _looks_like_heading(line):
            tags.append("headline")
        else:
            tags.append("body")
    # A column name right above a section tag (职工服务品牌巡礼 / >> 基层动态 <<) is a banner.
    for i in range(len(lines) - 1):
        if tags[i] == "headline" and _SECTION_TAG.match(lines[i + 1].raw):
            tags[i] = "banner"
    _reject_false_headlines(lines, tags, after_break)
    return tags


# How a report opens when it has no 本报讯 lead: another outlet's lead (新华社北京5月1日电,
# 中工网讯, 本网讯, 据《工人日报》消息), the reporter in brackets; or the time it happened
# (近日，4月28日上午，), which a subtitle's paragraph may start with too
_OUTLET_LEAD = re.compile(
    r"^(?:(?:本报|本网|本刊|[\u4e00-\u9fff]{2,8}?(?:网|社|台|报|新闻))[\u4e00-\u9fff\d年月日]{0,12}?(?:讯|电|消息)"
    r"|据《[^》]{2,12}》消息|[\u4e00-\u9fff]{2,6}(?:日报|晚报|网|报)-[\u4e00-\u9fff]{2,6}记者|[（(]\s*(?:记者|通讯员)"
    r"|[\u4e00-\u9fff]{2,8}(?:网|报)\s+\d{1,2}月\d{1,2}日)"  # 某某网 1月21日，…
)
_DATED_OPENING = re.compile(
    r"^(?:(?:近日|日前|近期|昨天|昨日|今天|今日|\d{4}年)?\d{1,2}月\d{1,2}日[^，,。]{0,8}[，,]"
    r"|(?:近日|日前|近期|昨天|昨日|今天|今日|上周[一二三四五六日末]?(?:和周[一二三四五六日])?|本周[一二三四五六日]?)[，,])"
)
# a line of its own that says who reports, for whom, from where: 工人日报-中工网记者 X, 文/某报记者 X,
# 来源：某日报 记者 X, 记者：甲、乙, 新华社北京1月17日电
_OUTLET_BYLINE = re.compile(
    r"^(?:来源[:：]\s*)?(?:文/)?(?:[\u4e00-\u9fff]{2,10}(?:日报|晚报|网|报|新闻|社)(?:-[\u4e00-\u9fff]{2,6})?\s*)?"
    r"(?:全媒体)?记者\s*[:：/]?\s*[\u4e00-\u9fff·、\s]{2,24}$"
    r"|^[\u4e00-\u9fff]{2,8}(?:社|网|报|台)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)$"
)


def _reject_false_headlines(lines: list[Line], tags: list[str], after_break: list[bool]) -> None:
    """Keep a headline group only if a lead follows it, or if it starts after a closed
    sentence and a photo credit follows soon or a banner / the page start is above it.
    Otherwise it was a short line of body text that runs on into the next line."""
    i = 0
    while i < len(tags):
        if tags[i] != "headline":
            i += 1
            continue
        j = i
        while j < len(tags) and tags[j] == "headline":
            j += 1
        above = tags[i - 1] if i else "banner"
        below = tags[j] if j < len(tags) else None
        credit_soon = any(
            tags[k] == "credit" or PHOTO_CREDIT.search(lines[k].text)
            for k in range(j, min(j + 4, len(tags)))
            if tags[k] in ("body", "credit")
        )
        # a subtitle inside a feature opens with no place or body (4000份慰问品送到职工手中); a headline does
        subject = (
            _SUBJECT_START.match(re.sub(r"^\d{4}年?", "", lines[i].text)) is not None
            and "、" not in lines[i].text
        )  # (2024年北京市…: the year before the subject; 区委常委、…: a cut line)
        opens_report = below == "body" and (
            _OUTLET_LEAD.match(lines[j].text) is not None
            or subject
            and _DATED_OPENING.match(lines[j].text) is not None
            or subject
            and after_break[i]
            and j == i + 1
            and lines[j].ends_sentence
            and len(lines[j].text) >= 40
        )
        # a report's opening marks a headline even after a line cut short (the page above ran out)
        if not (
            below == "lead"
            or opens_report
            or after_break[i]
            and (credit_soon or above in ("banner", "credit"))
        ):
            for k in range(i, j):
                tags[k] = "body"
        i = j


def _split_photo_stories(group: list[Line], paragraphs: list[Line]):
    """Yield ``(headline, paragraphs)``: a news article whose last paragraph is a photo
    caption with its credit becomes the article plus a headless photo story."""
    headline = choose_headline(group) if group else None
    credit_at = next(
        (k for k in range(len(paragraphs) - 1, -1, -1) if PHOTO_CREDIT.search(paragraphs[k].text)), None
    )
    has_lead = bool(paragraphs) and bool(LEAD.match(paragraphs[0].text))
    if credit_at is None or not has_lead or credit_at == 0:
        yield headline, paragraphs
        return
    credit = PHOTO_CREDIT.search(paragraphs[credit_at].text)
    caption_start = credit_at if credit.start() > 0 else max(1, credit_at - 1)
    yield headline, paragraphs[:caption_start]
    yield None, paragraphs[caption_start:]
