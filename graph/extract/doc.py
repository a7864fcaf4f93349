"""The working state the extraction components share while reading one article."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from graph.extract import lexicon as lx
from loaders.article import Article
from ontology.schema import EntityType, Predicate

PUNCT = set("，。、；：！？,.;:!?（）()《》“”‘’\"'「」【】[]…—-\n ·　")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@dataclass
class Found:
    """A mention a component found: ``name`` is the entity's fullest form, which may
    differ from the printed ``text[start:end]`` (以下简称 parentheses cut out)."""

    start: int
    end: int
    type: EntityType
    name: str
    rule: str
    confidence: float = 0.8
    printed: str = ""

    def inside(self, other: "Found") -> bool:
        return (
            other.start <= self.start
            and self.end <= other.end
            and (self.start, self.end) != (other.start, other.end)
        )


@dataclass
class FoundRelation:
    subject: str
    predicate: Predicate
    object: str
    start: int
    end: int
    rule: str
    title: str | None = None
    confidence: float = 0.7
    inferred: bool = False


@dataclass
class Doc:
    article: Article
    text: str
    found: list[Found] = field(default_factory=list)
    relations: list[FoundRelation] = field(default_factory=list)
    # short form → full form, from 以下简称 and from the gazetteers
    expansions: dict[str, str] = field(default_factory=dict)
    # spans that are not names (post titles, themes)
    blocked: list[tuple[int, int]] = field(default_factory=list)
    # jieba's tokens, found block by block as rules ask (see lexicon.jieba_blocks)
    _block_bounds: list[int] | None = field(default=None, repr=False)
    _block_edges: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)
    # mentions by start and by end offset, so lookups stay fast in long articles
    _by_start: dict[int, list[Found]] = field(default_factory=dict, repr=False)
    _by_end: dict[int, list[Found]] = field(default_factory=dict, repr=False)
    _longest: int = field(default=0, repr=False)

    @classmethod
    def of(cls, article: Article) -> "Doc":
        return cls(article, article.text)

    def add(self, found: Found) -> Found:
        found.printed = found.printed or self.text[found.start : found.end]
        self.found.append(found)
        self._index(found)
        return found

    def rename(self, found: Found, name: str, *, start: int | None = None) -> None:
        """Give a mention found before a fuller name (区人大常委会 → 大兴区人大常委会), or,
        with ``start``, let it begin later as the name printed from there (上海铁路局南京机务段
        → 南京机务段). The one way a component changes what another found, so that the
        offset index stays true."""
        if start is not None:
            self._by_start[found.start].remove(found)
            self._by_end[found.end].remove(found)
            found.start = start
            found.printed = name
            self._index(found)
        found.name = name

    def _index(self, found: Found) -> None:
        self._by_start.setdefault(found.start, []).append(found)
        self._by_end.setdefault(found.end, []).append(found)
        self._longest = max(self._longest, found.end - found.start)

    def relate(self, s: str, p: Predicate, o: str, start: int, end: int, rule: str, **kw) -> None:
        """Record ``s p o``; the evidence is the stretch of text from ``start`` to ``end``
        (given in either order: the two mentions it joins)."""
        if s != o:
            self.relations.append(FoundRelation(s, p, o, min(start, end), max(start, end), rule, **kw))

    def at(self, start: int, end: int, types: set[EntityType] | None = None) -> Found | None:
        for f in self._by_start.get(start, ()):
            if f.end == end and (types is None or f.type in types):
                return f
        return None

    def ending_at(self, end: int, types=None) -> Found | None:
        """The longest mention ending exactly at ``end``."""
        best = None
        for f in self._by_end.get(end, ()):
            if types is None or f.type in types:
                if best is None or f.start < best.start:
                    best = f
        return best

    def starting_at(self, start: int, types=None) -> Found | None:
        """The longest mention starting exactly at ``start``."""
        best = None
        for f in self._by_start.get(start, ()):
            if types is None or f.type in types:
                if best is None or f.end > best.end:
                    best = f
        return best

    def covering(self, start: int, end: int) -> list[Found]:
        """Mentions that contain [start, end) and are longer than it."""
        out = []
        for s0 in range(max(0, end - self._longest), start + 1):
            for f in self._by_start.get(s0, ()):
                if end <= f.end and (f.start, f.end) != (start, end):
                    out.append(f)
        return out

    def between(self, start: int, end: int, types=None) -> list[Found]:
        """Mentions that begin in [start, end), in text order."""
        return [
            f
            for s0 in range(start, min(end, len(self.text) + 1))
            for f in self._by_start.get(s0, ())
            if types is None or f.type in types
        ]

    def is_token_edge(self, pos: int) -> bool:
        """Does a jieba token start or end at ``pos``? A boundary word only counts as one
        when it is a token of its own (中 in 中国 is not)."""
        if self._block_bounds is None:
            self._block_bounds = lx.jieba_blocks(self.text)
        bounds = self._block_bounds
        if len(bounds) < 2 or not 0 <= pos <= len(self.text):
            return False  # no tokens in an empty text, none outside the text
        i = min(bisect_right(bounds, pos), len(bounds) - 1)
        start, end = bounds[i - 1], bounds[i]
        if pos in (start, end):
            return True
        block = self.text[start:end]
        if lx.is_word_run(block) and not lx.word_across(block, pos - start):
            return True  # cheaper than cutting the block: no word there could hide pos
        edges = self._block_edges.get(start)
        if edges is None:
            tokens = lx.tokenizer().tokenize(block, HMM=False)
            edges = self._block_edges[start] = frozenset(
                start + edge for _, s, e in tokens for edge in (s, e)
            )
        return pos in edges

    def is_word(self, start: int, end: int) -> bool:
        return self.is_token_edge(start) and self.is_token_edge(end)

    def is_blocked(self, start: int, end: int) -> bool:
        return any(b0 < end and start < b1 for b0, b1 in self.blocked)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        start = 0
        for m in SENTENCE_END.finditer(self.text, 0, pos):
            start = m.end()
        m = SENTENCE_END.search(self.text, pos)
        return start, (m.end() if m else len(self.text))

    def clause_start(self, s0: int, pos: int) -> int:
        """Where the clause holding ``pos`` begins, in the sentence that begins at ``s0``:
        after the last comma before ``pos``."""
        return max(s0, self.text.rfind("，", s0, pos) + 1, self.text.rfind(",", s0, pos) + 1)

    def clause_end(self, pos: int, limit: int = 80) -> int:
        """Where the clause from ``pos`` ends: the first ，。；!? outside quotation marks
        (“相约春天，携手同行”青年职工联谊会 is one clause)."""
        depth, ascii_open = 0, False
        end = min(len(self.text), pos + limit)
        for i in range(pos, end):
            ch = self.text[i]
            if ch == '"':
                ascii_open = not ascii_open
            elif ch in "“‘「『":
                depth += 1
            elif ch in "”’」』":
                depth = max(0, depth - 1)
            elif ch == "\n" or ch in "，。；！？,;!?" and depth == 0 and not ascii_open:
                return i
        return end

    def in_sentence(self, pos: int, types=None) -> list[Found]:
        s0, s1 = self.sentence_bounds(pos)
        return sorted(
            (f for f in self.found if s0 <= f.start and f.end <= s1 and (types is None or f.type in types)),
            key=lambda f: f.start,
        )
