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

import csv
import hashlib
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loaders import dates
from loaders.article import Article, Byline, LoadError, Segment, article_id
from loaders.decode import decode_bytes
from loaders.formats import read_html, read_jsonl
from loaders.pages import cut_page

__all__ = ["Article", "Byline", "LoadError", "Segment", "SourceResult", "load", "read_source", "find_sources"]

PAGE_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = PAGE_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.csv"  # names the files of its folder: file,paper,date,edition,page
MANIFEST_COLUMNS = ("file", "paper", "date", "edition", "page")


@dataclass
class SourceResult:
    path: Path
    name: str  # the source's name in outputs: its path relative to the argument given
    articles: list[Article] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    encoding: str | None = None
    content: str | None = None  # SHA-1 of the decoded text: the file's identity when nothing names it


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
        elif given.name == MANIFEST and given.is_file():
            continue  # named with its pages (a shell's *): read beside them, no source itself
        elif given.exists():
            yield given, given.name
        elif given.is_symlink():
            yield LoadError(str(given), "broken symbolic link")
        else:
            yield LoadError(str(given), "no such file or directory")


def read_source(path: Path, name: str | None = None, date: str | None = None) -> SourceResult:
    """Read one file into articles; every problem lands in ``errors``, never raises.
    ``date`` (ISO, as precise as known) is every article's date, whatever the file says."""
    result = SourceResult(path, name or path.name)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUPPORTED:
            raise LoadError(
                str(path), f"unsupported file type {suffix or '(none)'}; expected one of {sorted(SUPPORTED)}"
            )
        if not path.is_file():  # reading a named pipe would wait for a writer forever
            raise LoadError(str(path), "not a regular file (a named pipe, socket or device)")
        try:
            data = path.read_bytes()
        except OSError as err:
            raise LoadError(str(path), f"cannot read: {err.strerror or err}") from None
        text, result.encoding = decode_bytes(data, str(path))
        result.content = hashlib.sha1(text.encode()).hexdigest()
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
        _identify(result.articles, manifest_key(path) or result.content)
        _date(result.articles, path, result.name, text if suffix in PAGE_SUFFIXES else "", date)
    except LoadError as err:
        result.errors.append(LoadError(str(path), err.reason, err.line))
    return result


def _identify(articles: list[Article], file_key: str) -> None:
    """Ids from the source's identity, never from the path it was read by: an article's
    URL, else the file's name (manifest row or content hash) and its place in the file."""
    for ordinal, article in enumerate(articles):
        article.id = article_id(article.url) if article.url else article_id(file_key, ordinal)


def _date(articles: list[Article], path: Path, name: str, page: str, given: str | None) -> None:
    """Each article's date and its origin: ``given`` (``--date``), else the article's own
    (a JSON Lines field, an HTML page's meta or byline), else the file's: its manifest
    row, its page banner, a date in its file or folder name. A date that does not read
    as one is dropped for the next."""
    file_dates = [
        (given, "option"),
        (None, None),
        ((_manifest_row(path) or {}).get("date"), "manifest"),
        (dates.from_banner(page), "banner"),
        (dates.from_path(name) or dates.from_path(path.resolve().as_posix()), "filename"),
    ]
    for article in articles:
        file_dates[1] = (article.date, article.date_origin)
        article.date, article.date_origin = next(
            ((iso, origin) for value, origin in file_dates if (iso := dates.normalise(value))), (None, None)
        )


def manifest_key(path: Path) -> str | None:
    """``paper|date|edition|page`` of the row of ``manifest.csv`` beside ``path`` that
    names the file, if any. A row with neither paper, edition nor page names no page:
    it only dates the file (the sample pages' manifest), whose id stays its content.

    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> rows = ["file,paper,date,edition,page", "p1.txt,劳动午报,2024-05-01,1,3", "p3.txt,,2024,,", ""]
    >>> _ = (d / MANIFEST).write_text("\\n".join(rows))
    >>> manifest_key(d / "p1.txt"), manifest_key(d / "p2.txt"), manifest_key(d / "p3.txt")
    ('劳动午报|2024-05-01|1|3', None, None)
    """
    row = _manifest_row(path)
    if not row or not any(row[c] for c in ("paper", "edition", "page")):
        return None
    return "|".join(row[c] for c in MANIFEST_COLUMNS[1:])


def _manifest_row(path: Path) -> dict[str, str] | None:
    """The row of ``manifest.csv`` beside ``path`` that names the file, if any."""
    manifest = path.parent / MANIFEST
    try:
        stat = manifest.stat()
    except OSError:
        return None
    return _manifest(str(manifest), stat.st_mtime_ns, stat.st_size).get(path.name)


@lru_cache(maxsize=16)  # keyed on the file's time and size: an edited manifest is read again
def _manifest(path: str, mtime_ns: int, size: int) -> dict[str, dict[str, str]]:
    try:
        text, _ = decode_bytes(Path(path).read_bytes(), path)
    except OSError as err:
        raise LoadError(path, f"cannot read {MANIFEST}: {err.strerror or err}") from None
    rows = csv.DictReader(io.StringIO(text))
    missing = [c for c in MANIFEST_COLUMNS if c not in (rows.fieldnames or [])]
    if missing:
        raise LoadError(
            path,
            f"{MANIFEST} lacks the column(s) {', '.join(missing)} (expected {','.join(MANIFEST_COLUMNS)})",
        )
    keys: dict[str, dict[str, str]] = {}
    for row in rows:
        name = (row["file"] or "").strip()
        if name in keys:
            raise LoadError(path, f"{MANIFEST} names {name!r} twice")
        keys[name] = {c: (row[c] or "").strip() for c in MANIFEST_COLUMNS[1:]}
    return keys


def load(paths: Iterable[str | os.PathLike]) -> Iterator[SourceResult]:
    """Read every source under ``paths``; one :class:`SourceResult` a file."""
    for found in find_sources(paths):
        if isinstance(found, LoadError):
            yield SourceResult(Path(found.source), found.source, errors=[found])
        else:
            yield read_source(*found)
