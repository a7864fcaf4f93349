"""When an event happened: dates in an article's text, resolved against its date.

Runs after extraction (resolution calls :func:`event_dates`), so the extractor's rules
stay about names. A :class:`When` is as precise as the words and the article's date
allow: 9月15日 needs the article's year (the year before when September lies after the
article's month), 昨天 needs its day; 近日 / 日前 are "around" the article's date.

>>> [(w.start, w.precision, w.end) for _, _, w in text_dates("5月1日至3日，比赛举行。", "2024-05-08")]
[('2024-05-01', 'day', '2024-05-03')]
>>> [w.start for _, _, w in text_dates("9月15日，工会举办培训。", "2024-05-08")]
['2023-09-15']
>>> [(w.start, w.precision) for _, _, w in text_dates("昨天，前天，近日，今天", "2024-05-08")]
[('2024-05-07', 'day'), ('2024-05-06', 'day'), ('2024-05-08', 'around'), ('2024-05-08', 'day')]
>>> [(w.start, w.precision) for _, _, w in text_dates("2019年，2023年5月，2024年3月2日", None)]
[('2019', 'year'), ('2023-05', 'month'), ('2024-03-02', 'day')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from graph.model import ArticleGraph, Edge, Span, When
from loaders import dates
from loaders.article import Article
from ontology.schema import EntityType

_RANGE_TAIL = r"(?:\s*(?:至|到|—|－|-|~|～)\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
_TEXT_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?(?:(?<=日)" + _RANGE_TAIL + ")?"
    r"|(?<![\d年])(?P<mo>\d{1,2})月(?P<da>\d{1,2})日"
    + _RANGE_TAIL.replace("m2", "m3").replace("d2", "d3")
    + r"|(?P<rel>今天|今日|昨天|昨日|前天|近日|日前|近期)"
)
_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _resolve(match: re.Match, published: str | None) -> When | None:
    kind = dates.precision(published)
    if rel := match["rel"]:
        if rel in _BACK:  # a day counted back from the article's: only as precise as that day
            if kind != "day":
                return None
            return When((date.fromisoformat(published) - timedelta(days=_BACK[rel])).isoformat(), "day")
        return When(published, "around") if published else None
    if match["y"]:
        y, m, d = int(match["y"]), match["m"], match["d"]
        if d:
            start = _day(y, int(m), int(d))
            end = _day(y, int(match["m2"] or m), int(match["d2"])) if match["d2"] else None
            return When(start, "day", end) if start else None
        if m:
            iso = dates.normalise(f"{y}-{int(m):02d}")
            return When(iso, "month") if iso else None
        return When(f"{y}", "year")
    if not published:  # 9月15日 with no year anywhere: no date
        return None
    y, m = int(published[:4]), int(match["mo"])
    if kind in ("day", "month") and m > int(published[5:7]):
        y -= 1  # a month after the article's was last year's
    start = _day(y, m, int(match["da"]))
    end = _day(y, int(match["m3"] or m), int(match["d3"])) if match["d3"] else None
    return When(start, "day", end) if start else None


def text_dates(text: str, published: str | None) -> list[tuple[int, int, When]]:
    """``(start, end, When)`` of each date expression of ``text`` that resolves."""
    out = []
    for match in _TEXT_DATE.finditer(text):
        if when := _resolve(match, published):
            out.append((match.start(), match.end(), when))
    return out


def first_date(node_dates: list[When]) -> When | None:
    """The date a node shows: the most precise, then the earliest."""
    return min(node_dates, key=lambda w: w.rank, default=None)


def event_dates(graph: ArticleGraph) -> dict[str, When]:
    """The date of each event the article names: the first date of a sentence that names
    it, else the first date of the body's first sentence (a report's lead says when)."""
    text, published = graph.article.text, graph.article.date
    found = text_dates(text, published)
    if not found:
        return {}
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    lead = next((s for s in sentences if s[0] >= graph.article.body_start), None)

    def first_in(lo: int, hi: int) -> When | None:
        return next((w for s, _, w in found if lo <= s < hi), None)

    out = {}
    for entity in graph.entities:
        if entity.type is not EntityType.Event:
            continue
        spans = [next(((lo, hi) for lo, hi in sentences if lo <= sp.start < hi), None) for sp in entity.spans]
        when = next((w for s in spans if s and (w := first_in(*s))), None) or (
            first_in(*lead) if lead else None
        )
        if when:
            out[entity.name] = When(when.start, when.precision, when.end, graph.article.id)
    return out


# a post or an honour begins: 当选, 荣获, 被评为, 担任… (the date before it in its sentence)
_START = re.compile(r"当选|荣获|获得|获评|获授|被授予|被评为|荣膺|担任|出任|就任|任命为")


def start_date(article: Article, span: Span) -> When | None:
    """When the post or honour stated at ``span`` began: the date nearest before a word
    of starting (2019年当选…主席, 2023年荣获…) in the sentence of the statement."""
    text = article.text
    lo = max(text.rfind(c, 0, span.start) for c in "。！？!?；;\n") + 1
    hi = min((i for c in "。！？!?；;\n" if (i := text.find(c, span.end)) >= 0), default=len(text))
    sentence = text[lo:hi]
    verb = _START.search(sentence)
    if not verb:
        return None
    before = [w for _, end, w in text_dates(sentence, article.date) if end <= verb.start()]
    if not before:
        return None
    # 近日当选: about the article's date, as precise as that date (a start has no "around")
    return When(before[-1].start, dates.precision(before[-1].start), before[-1].end, article.id)


def seen(edge: Edge, articles: dict[str, Article]) -> tuple[str | None, str | None]:
    """The first and last dates of the articles that state ``edge`` (ISO, as precise as
    each article's date; None when none is dated)."""
    return first_and_last((ev.article_id for ev in edge.evidence), articles)


def first_and_last(article_ids: Iterable[str], articles: dict[str, Article]) -> tuple[str | None, str | None]:
    """The first and last dates of the articles ``article_ids`` (ISO, as precise as each
    article's date; None when none is dated)."""
    found = sorted({d for i in article_ids if (d := getattr(articles.get(i), "date", None))})
    return (found[0], found[-1]) if found else (None, None)
