"""Shared text handling of every loader: lines with their source offsets, rejoining
OCR lines into paragraphs, and reading bylines (本报讯（记者 X 通讯员 Y）, 本报记者 X 摄影报道).

>>> lines = split_lines("仪式上，顺义区总工会通过大屏幕发布“顺义工\\n\\n匠”年度榜单。\\n下一段。")
>>> [p.text for p in rejoin(lines)]
['仪式上，顺义区总工会通过大屏幕发布“顺义工匠”年度榜单。', '下一段。']
>>> parse_byline("记者 李明 通讯员 王芳 刘强")
Byline(reporters=('李明',), correspondents=('王芳', '刘强'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.article import Article, Byline

# A line that ends in one of these (before any closing quotes or brackets) closes a
# sentence; one that does not runs on into the next line.
_SENTENCE_END = "。！？!?；;…"
_CLOSERS = "'\"”’」』）)"
_CJK = r"\u4e00-\u9fff"
# Spaces between two CJK characters are layout debris (damaged columns), not words.
_INNER_SPACE = re.compile(
    rf"(?<=[{_CJK}，。、；：,.;:“”\"）)（(])[ \t\u3000]+(?=[{_CJK}，。、；：“”\"（(）)])"
)

# 本报讯（记者 李明）/ 本报讯 (记者 陈静) / 本报北京5月1日讯（记者 X 通讯员 Y）
LEAD = re.compile(r"^本报[^（(讯记]{0,16}讯\s*(?:[（(]\s*(?P<byline>[^）)]{0,60})[）)])?\s*")
# 本报记者 王芳 / 本报记者 王芳 通讯员 刘强: a feature's byline, on a line of its own under the headline
BYLINE_LINE = re.compile(
    r"^\s*(?:本报)?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+(?:(?:本报)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,4})*\s*$"
)
# 本报记者 王芳 通讯员 刘强 摄影报道 (alone or at the end of a caption)
PHOTO_CREDIT = re.compile(r"\s*(?:本报)?记者\s*(?P<byline>[^。！？!?]{1,60}?)\s*摄(?:影报道)?\s*$")


@dataclass
class Line:
    """Text from the source: ``pieces`` are its ``(source offset, chars)`` runs."""

    offset: int
    text: str
    pieces: list[tuple[int, str]] = field(default_factory=list)
    raw: str = ""  # the first line as printed (kickers and banners show in its spaces)

    @property
    def ends_sentence(self) -> bool:
        # looks at the end only: a regex search would rescan a whole paragraph per line
        tail = self.text.rstrip(_CLOSERS)
        return bool(tail) and tail[-1] in _SENTENCE_END


def split_lines(text: str, base: int = 0) -> list[Line]:
    """Non-blank lines of ``text``, stripped, with their offsets in ``text`` + ``base``."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if stripped:
            start = base + pos + (len(content) - len(content.lstrip()))
            out.append(Line(start, stripped, [(start, stripped)], raw=stripped))
        pos += len(raw)
    return out


def squeeze(line: Line) -> Line:
    """The line without layout spaces between CJK characters (pieces skip them)."""
    pieces = []
    for off, chars in line.pieces:
        cursor = 0
        for gap in _INNER_SPACE.finditer(chars):
            pieces.append((_moved(off, cursor), chars[cursor : gap.start()]))
            cursor = gap.end()
        pieces.append((_moved(off, cursor), chars[cursor:]))
    pieces = [p for p in pieces if p[1]]
    return Line(line.offset, "".join(p for _, p in pieces), pieces, line.raw)


def rejoin(lines: list[Line]) -> list[Line]:
    """Merge lines that run on (no sentence end) into paragraphs.

    Each paragraph is joined once, so a page of millions of run-on lines stays linear.
    """
    runs: list[list[Line]] = []
    for line in lines:
        if runs and not runs[-1][-1].ends_sentence:
            runs[-1].append(line)
        else:
            runs.append([line])
    return [
        Line(
            run[0].offset,
            "".join(line.text for line in run),
            [piece for line in run for piece in line.pieces],
            next((line.raw for line in run if line.raw), ""),
        )
        for run in runs
    ]


def drop_prefix(line: Line, n: int) -> Line:
    """The line without its first ``n`` characters (e.g. a 本报讯 lead)."""
    return _slice(line, n, len(line.text))


def drop_suffix(line: Line, n: int) -> Line:
    return _slice(line, 0, len(line.text) - n)


def _slice(line: Line, start: int, end: int) -> Line:
    pieces, pos = [], 0
    for off, chars in line.pieces:
        lo, hi = max(start, pos), min(end, pos + len(chars))
        if lo < hi:
            pieces.append((_moved(off, lo - pos), chars[lo - pos : hi - pos]))
        pos += len(chars)
    text = line.text[start:end]
    return Line(pieces[0][0] if pieces else line.offset, text, pieces)


def _moved(offset: int, by: int) -> int:
    return offset + by if offset >= 0 else -1


def parse_byline(text: str) -> Byline:
    """Names after 记者 go to reporters, after 通讯员 to correspondents."""
    reporters: list[str] = []
    correspondents: list[str] = []
    target = reporters
    for token in re.split(r"[\s,，、]+", text.strip()):
        if not token:
            continue
        for role, names in (("本报记者", reporters), ("记者", reporters), ("通讯员", correspondents)):
            if token.startswith(role):
                target = names
                token = token[len(role) :]
                break
        token = token.strip("：:")
        if 2 <= len(token) <= 4 and re.fullmatch(rf"[{_CJK}·]+", token):
            target.append(token)
    return Byline(tuple(reporters), tuple(correspondents))


def compose(
    source: str,
    ordinal: int,
    title: Line | None,
    body_lines: list[Line],
    *,
    rejoined: bool = False,
    deck: list[Line] = (),
    **meta,
) -> Article:
    """Build an :class:`Article` from its headline and body lines: read the lead or the
    photo credit for the byline and kind, and cut them out of the body. The ``deck``
    (kicker and subtitle lines printed with the headline: ——记某公司工程师某某) opens the
    body, a paragraph each: the article names people and bodies there too."""
    paragraphs = body_lines if rejoined else rejoin(body_lines)
    byline, kind = Byline(), meta.pop("kind", None)
    first_line = paragraphs[0].pieces[0][1] if paragraphs and paragraphs[0].pieces else ""
    if BYLINE_LINE.match(first_line) and "摄" not in first_line:
        # a feature's byline line (run on into the text, which it does not end): who wrote it
        byline = parse_byline(first_line)
        paragraphs[0] = drop_prefix(paragraphs[0], len(first_line))
    elif paragraphs:
        lead = LEAD.match(paragraphs[0].text)
        if lead:
            byline = parse_byline(lead.group("byline") or "")
            paragraphs[0] = drop_prefix(paragraphs[0], lead.end())
            kind = kind or "news"
    for i in range(len(paragraphs) - 1, -1, -1):
        credit = PHOTO_CREDIT.search(paragraphs[i].text)
        if credit and "摄" in credit.group(0):
            byline = parse_byline("记者 " + credit.group("byline"))
            paragraphs[i] = drop_suffix(paragraphs[i], len(credit.group(0)))
            kind = "photo"
            break
    paragraphs = [squeeze(p) for p in [*deck, *paragraphs] if p.text.strip()]
    title = squeeze(title) if title else None
    body_pieces: list[tuple[int, str]] = []
    breaks: set[int] = set()
    for p in paragraphs:
        breaks.add(len(body_pieces))
        body_pieces.extend(p.pieces)
    title_text = title.text if title else ""
    return Article.from_parts(
        source,
        ordinal,
        title_text,
        title.pieces if title else [],
        body_pieces,
        paragraph_breaks=breaks,
        kind=kind or "feature",
        byline=byline,
        **meta,
    )
