"""The contract between the loaders and everything after them: an :class:`Article`.

An article's ``text`` is its headline, a newline, then its body with the paragraphs
rejoined (line breaks inside a sentence removed, one ``\\n`` between paragraphs).
Every character of ``text`` that was copied from the source file keeps its offset in
that file through ``segments``, so any span found later can be traced to the exact
characters of the decoded source (offsets count characters, not bytes).

>>> a = Article.from_parts("p.txt", 0, "标题", [(0, "标题")], [(5, "正文第一段"), (12, "续")])
>>> a.text
'标题\\n正文第一段续'
>>> a.source_span(3, 8)  # "正文第一段" is at 5..10 in the file
(5, 10)
>>> a.source_span(8, 9)  # "续" came from offset 12
(12, 13)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["news", "photo", "feature"]


@dataclass(frozen=True)
class Byline:
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"reporters": list(self.reporters), "correspondents": list(self.correspondents)}


def from_row(cls, row):
    """``cls`` from a keyed JSON row, or from the positional one that builds before keyed
    rows wrote (so that ``unionkg load neo4j`` reads an older build folder).

    >>> from_row(Segment, {"text_start": 0, "source_start": 5, "length": 3}) == from_row(Segment, [0, 5, 3])
    True
    """
    return cls(**row) if isinstance(row, dict) else cls(*row)


@dataclass(frozen=True)
class Segment:
    """``length`` characters of ``Article.text`` from ``text_start`` were copied from
    the source file starting at ``source_start``."""

    text_start: int
    source_start: int
    length: int


@dataclass
class Article:
    id: str
    source: str
    title: str
    text: str
    segments: list[Segment]
    kind: Kind = "news"
    byline: Byline = field(default_factory=Byline)
    date: str | None = None  # ISO, as precise as its evidence: 2024, 2024-05 or 2024-05-08
    date_origin: str | None = None  # where the date came from (loaders.dates.ORIGINS)
    url: str | None = None
    outlet: str | None = None

    @property
    def body_start(self) -> int:
        """Offset in ``text`` where the body begins (after the headline line)."""
        return len(self.title) + 1

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def checksum(self) -> str:
        """Content hash: tells an incremental load whether a known article changed."""
        return hashlib.sha256(f"{self.title}\n{self.text}".encode()).hexdigest()[:16]

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a span of ``text`` to the source file; None if it was not copied verbatim
        (e.g. the newline the loader inserted between headline and body) or not in the
        source's order (side-by-side columns, read one after the other)."""
        first = self._source_offset(start)
        last = self._source_offset(end - 1) if end > start else first
        if first is None or last is None:
            return None
        inside = [s for s in self.segments if s.text_start < end and start < s.text_start + s.length]
        if any(b.source_start < a.source_start + a.length for a, b in zip(inside, inside[1:])):
            return None
        return first, last + 1

    def _source_offset(self, i: int) -> int | None:
        for seg in self.segments:
            if seg.text_start <= i < seg.text_start + seg.length:
                return seg.source_start + (i - seg.text_start)
        return None

    @classmethod
    def from_parts(
        cls,
        source: str,
        ordinal: int,
        title: str,
        title_pieces: list[tuple[int, str]],
        body_pieces: list[tuple[int, str]],
        *,
        paragraph_breaks: set[int] = frozenset(),
        **meta,
    ) -> "Article":
        """Assemble an article from pieces of the source, each ``(source_offset, chars)``
        (offset -1 for text not found verbatim in the source).

        Body pieces are concatenated; a ``\\n`` goes before piece *i* when *i* is in
        ``paragraph_breaks``. ``ordinal`` is the article's position in its source and
        with ``source`` gives the stable id.
        """
        segments: list[Segment] = []
        parts: list[str] = []
        pos = 0

        def add(off: int, chars: str) -> None:
            nonlocal pos
            if off >= 0:  # -1: not found verbatim in the source, so no offsets
                segments.append(Segment(pos, off, len(chars)))
            parts.append(chars)
            pos += len(chars)

        for off, chars in title_pieces or [(-1, title)]:
            add(off, chars)
        if "".join(parts) != title:
            raise ValueError(f"title pieces do not spell the title {title!r}")
        add(-1, "\n")
        for i, (off, chars) in enumerate(body_pieces):
            if i in paragraph_breaks and i > 0:
                add(-1, "\n")
            add(off, chars)
        return cls(
            id=article_id(meta["url"]) if meta.get("url") else article_id(source, ordinal),
            source=source,
            title=title,
            text="".join(parts),
            segments=[s for s in segments if s.length],
            **meta,
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "byline": self.byline.to_json(),
            "date": self.date,
            "date_origin": self.date_origin,
            "url": self.url,
            "outlet": self.outlet,
            "text": self.text,
            "segments": [vars(s) for s in self.segments],
            "checksum": self.checksum,
        }

    @classmethod
    def from_json(cls, d: dict) -> "Article":
        return cls(
            id=d["id"],
            source=d["source"],
            title=d["title"],
            text=d["text"],
            segments=[from_row(Segment, s) for s in d["segments"]],
            kind=d["kind"],
            byline=Byline(tuple(d["byline"]["reporters"]), tuple(d["byline"]["correspondents"])),
            date=d.get("date"),
            date_origin=d.get("date_origin"),
            url=d.get("url"),
            outlet=d.get("outlet"),
        )


def article_id(key: str, ordinal: int | None = None) -> str:
    """Stable id from the source's identity: ``key`` is the article's URL (alone), or
    the name of its file (a manifest row, else the hash of the file's text) with the
    article's place in the file. :func:`loaders.read_source` gives every article read
    from a file its id this way; ``from_parts`` keys articles made in memory on the name
    they are given.

    >>> article_id("https://example.org/1") == article_id("https://example.org/1")
    True
    >>> article_id("劳动午报|2024-05-01|1|3", 0) != article_id("劳动午报|2024-05-01|1|3", 1)
    True
    """
    text = key if ordinal is None else f"{key}#{ordinal}"
    return "a" + hashlib.sha1(text.encode()).hexdigest()[:15]


class LoadError(Exception):
    """A source (or part of one) that could not be read: names the file and the reason."""

    def __init__(self, source: str, reason: str, line: int | None = None):
        self.source, self.reason, self.line = source, reason, line
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # the parts, not the message: a worker process sends it back pickled
        return type(self), (self.source, self.reason, self.line)
