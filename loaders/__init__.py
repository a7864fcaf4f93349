"""Loaders: files and folders of sources → :class:`Article` objects.

Formats by extension: ``.txt`` (an OCR'd page of several articles, or one article whose
first line is the headline), ``.html``/``.htm`` (an article page), ``.jsonl``/``.ndjson``
(one article a line). Encodings: UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030.

Nothing is lost silently: each file gives a :class:`SourceResult` with its articles and
its errors (file and reason); a bad file never stops the others.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("工会举办培训\\n\\n本报讯（记者 张三）近日，区总工会举办培训。", "gb18030")
>>> [(r.name, r.encoding, [a.title for a in r.articles]) for r in load([d])]
[('a.txt', 'gb18030', ['工会举办培训'])]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.article import Article, Byline, LoadError, Segment
from loaders.decode import decode_bytes
from loaders.formats import read_html, read_jsonl
from loaders.pages import cut_page

__all__ = ["Article", "Byline", "LoadError", "Segment", "SourceResult", "load", "read_source", "find_sources"]

PAGE_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = PAGE_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass
class SourceResult:
    path: Path
    name: str  # the source's name in ids and outputs: its path relative to the argument given
    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    encoding: str | None = None


def find_sources(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, str] | LoadError]:
    """Files to read, in a stable order: each file given, and every supported file below
    each folder given (hidden files skipped). Missing paths and broken links are errors;
    an entry that is no regular file (a named pipe…) is yielded for :func:`read_source`
    to report, never dropped in silence."""
    for given in map(Path, paths):
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                rel = path.relative_to(given)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if path.is_symlink() and not path.exists():
                    yield LoadError(str(path), "broken symbolic link")
                elif not path.is_dir() and path.suffix.lower() in SUPPORTED:
                    yield path, rel.as_posix()
        elif given.exists():
            yield given, given.name
        elif given.is_symlink():
            yield LoadError(str(given), "broken symbolic link")
        else:
            yield LoadError(str(given), "no such file or directory")


def read_source(path: Path, name: str | None = None) -> SourceResult:
    """Read one file into articles; every problem lands in ``errors``, never raises."""
    result = SourceResult(path, name or path.name)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED:
            raise LoadError(str(path), f"unsupported file type {suffix or '(none)'}; expected one of {sorted(SUPPORTED)}")
        if not path.is_file():  # reading a named pipe would wait for a writer forever
            raise LoadError(str(path), "not a regular file (a named pipe, socket or device)")
        try:
            data = path.read_bytes()
        except OSError as err:
            raise LoadError(str(path), f"cannot read: {err.strerror or err}") from None
        text, result.encoding = decode_bytes(data, str(path))
        if suffix in JSONL_SUFFIXES:
            result.articles, errors = read_jsonl(text, result.name)
            result.errors.extend(LoadError(str(path), e.reason, e.line) for e in errors)
            if not result.articles and not errors:
                raise LoadError(str(path), "no articles: the file holds no JSON lines")
        elif suffix in HTML_SUFFIXES:
            result.articles = read_html(text, result.name)
        else:
            result.articles = cut_page(text, result.name)
            if not result.articles:
                raise LoadError(str(path), "no articles found (only whitespace, banners or headlines)")
    except LoadError as err:
        result.errors.append(LoadError(str(path), err.reason, err.line))
    return result


def load(paths: Iterable[str | os.PathLike]) -> Iterator[SourceResult]:
    """Read every source under ``paths``; one :class:`SourceResult` a file."""
    for found in find_sources(paths):
        if isinstance(found, LoadError):
            yield SourceResult(Path(found.source), found.source, errors=[found])
        else:
            yield read_source(*found)
