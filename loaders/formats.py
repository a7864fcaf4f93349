"""Readers of the other source formats: HTML article pages and JSON Lines.

Both locate each paragraph verbatim in the decoded file where they can, so evidence
spans still point at the source characters (an escaped or entity-encoded paragraph has
no source offsets rather than wrong ones).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from loaders.article import Article, LoadError
from loaders.text import Line, compose

JSONL_FIELDS = ("title", "body")
# The date a page prints by its byline when its head has none: 发布时间：2024-05-08 10:20
_BYLINE_DATE = re.compile(
    r"(?:发布时间|发布日期|发表时间|日期|时间)\s*[:：]\s*(?P<date>(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
)


def locate(raw: str, texts: list[str], start: int = 0) -> list[Line]:
    """Lines for ``texts`` found in order in ``raw``. A text not found verbatim (JSON
    escapes, HTML entities) keeps its words as one piece at offset -1: no source offsets."""
    out, cursor = [], start
    for text in texts:
        text = text.strip()
        if not text:
            continue
        at = raw.find(text, cursor)
        if at >= 0:
            out.append(Line(at, text, [(at, text)], raw=text))
            cursor = at + len(text)
        else:
            out.append(Line(-1, text, [(-1, text)], raw=text))  # kept, with no source offsets
    return out


def read_jsonl(text: str, source: str) -> tuple[list[Article], list[LoadError]]:
    """One article a line: ``title``, ``body``; optional ``date``, ``url``, ``source``.
    A malformed line is reported with its number; the good lines are kept."""
    articles, errors = [], []
    offset = 0
    # JSON Lines ends a record at "\n" only: U+2028 or U+0085 may sit raw inside a string
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line_start, offset = offset, offset + len(raw_line) + 1
        if not raw_line.strip():
            continue
        try:
            record = json.loads(raw_line)
        except json.JSONDecodeError as err:
            errors.append(LoadError(source, f"malformed JSON ({err.msg} at column {err.colno})", number))
            continue
        if not isinstance(record, dict) or not all(isinstance(record.get(f), str) for f in JSONL_FIELDS):
            errors.append(
                LoadError(source, "a JSON object with string 'title' and 'body' is required", number)
            )
            continue
        try:  # a \ud800 escape decodes to a lone surrogate, which no output can encode
            json.dumps(record, ensure_ascii=False).encode()
        except UnicodeEncodeError as err:
            errors.append(
                LoadError(source, f"invalid Unicode: lone surrogate {err.object[err.start]!r}", number)
            )
            continue
        if not record["body"].strip():
            errors.append(LoadError(source, "empty body", number))
            continue
        title, *_ = locate(raw_line, [record["title"]]) or [None]
        paragraphs = locate(raw_line, record["body"].split("\n"))
        shift = [_shift(p, line_start) for p in ([title] if title else []) + paragraphs]
        articles.append(
            compose(
                source,
                number,
                shift[0] if title else None,
                shift[1:] if title else shift,
                date=_str(record.get("date")),
                date_origin="source" if _str(record.get("date")) else None,
                url=_str(record.get("url")),
                outlet=_str(record.get("source")),
            )
        )
    return articles, errors


def _shift(line: Line, by: int) -> Line:
    """The line with its offsets moved by ``by`` (offset -1, not in the source, stays)."""

    def move(o: int) -> int:
        return o + by if o >= 0 else -1

    return Line(move(line.offset), line.text, [(move(o), t) for o, t in line.pieces], line.raw)


def _str(value) -> str | None:
    return value if isinstance(value, str) and value else None


class _ArticleHTML(HTMLParser):
    """Collects the headline and the body paragraphs of an article page, skipping
    navigation, headers, footers, scripts and asides."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "select"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "section", "article", "td", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.title_tag = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""  # <link rel="canonical" href>: the page's own URL, its id
        self.stack: list[str] = []
        self.in_article = 0
        self.blocks: list[tuple[bool, str]] = []  # (inside <article> or a content div, text)
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "canonical" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            self.canonical = self.canonical or attrs["href"].strip()
        if tag == "meta" and attrs.get("content"):
            key = attrs.get("property") or attrs.get("name") or ""
            self.meta[key.lower()] = attrs["content"]
        if tag in ("br",):
            self._flush()
            return
        if tag in self.SKIP:
            self.skip_depth += 1
        marker = " ".join(filter(None, [attrs.get("class"), attrs.get("id")])).lower()
        contentish = tag == "article" or bool(re.search(r"content|article|main|text|body|detail", marker))
        self.stack.append(tag + ("!" if contentish else ""))
        if contentish:
            self.in_article += 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
        while self.stack:
            top = self.stack.pop()
            if top.endswith("!"):
                self.in_article -= 1
            if top.rstrip("!") in self.SKIP:
                self.skip_depth -= 1
            if top.rstrip("!") == tag:
                break

    def handle_data(self, data):
        if self.skip_depth:
            return
        top = self.stack[-1].rstrip("!") if self.stack else ""
        if top == "title":
            self.title_tag += data
        elif top == "h1":
            self.h1 += data
        else:
            self._buf.append(data)

    def _flush(self):
        text = "".join(self._buf).strip()
        self._buf = []
        if text:
            self.blocks.append((self.in_article > 0, text))


def read_html(text: str, source: str) -> list[Article]:
    parser = _ArticleHTML()
    parser.feed(text)
    parser.close()
    parser._flush()
    title = (parser.h1 or parser.meta.get("og:title") or parser.title_tag).strip()
    inside = [t for flag, t in parser.blocks if flag]
    paragraphs = inside or [t for _, t in parser.blocks if len(t) >= 20]
    if not title:
        raise LoadError(source, "HTML page has no headline (<h1>, og:title or <title>)")
    if not "".join(paragraphs).strip():
        raise LoadError(source, "HTML page has no article body")
    located = locate(text, [title, *paragraphs])
    meta_date = parser.meta.get("article:published_time") or parser.meta.get("pubdate")
    byline_date = next(
        (m["date"] for t in (t for _, t in parser.blocks) if (m := _BYLINE_DATE.search(t))), None
    )
    return [
        compose(
            source,
            0,
            located[0],
            located[1:],
            date=meta_date or byline_date,
            date_origin="meta" if meta_date else "byline" if byline_date else None,
            url=parser.canonical or parser.meta.get("og:url"),
            outlet=parser.meta.get("og:site_name"),
        )
    ]
