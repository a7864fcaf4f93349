"""The whole job, stage by stage: read → extract → resolve → infer → write.

Every CLI command is a thin wrapper over a function here, so everything the CLI does
is callable from Python:

>>> from pathlib import Path
>>> run = extract_sources([Path(__file__).parents[1] / "examples" / "pages"])
>>> len(run.graphs) > 20, run.failures
(True, [])
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.extract import extract
from graph.infer import infer
from graph.model import ArticleGraph, KnowledgeGraph
from graph.resolve import resolve
from loaders import LoadError, SourceResult, find_sources, read_source

Progress = Callable[[int, int, str], None]  # (files done, files total, current file)


@dataclass
class SourceRecord:
    """One source of a build as its ``sources.jsonl`` keeps it: where it was read, its
    content hash and the extractor's version, and its articles' extraction, so that the
    next build into the same folder extracts only new and changed sources."""

    path: str  # absolute
    name: str
    content: str
    extractor: str
    graphs: list[ArticleGraph]

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "name": self.name,
            "content": self.content,
            "extractor": self.extractor,
            "articles": [g.to_json() for g in self.graphs],
        }

    @classmethod
    def from_json(cls, d: dict) -> SourceRecord:
        return cls(
            d["path"],
            d["name"],
            d["content"],
            d["extractor"],
            [ArticleGraph.from_json(g) for g in d["articles"]],
        )


class IdentityConflict(ValueError):
    """Two different articles would get one id: nothing is built."""


@dataclass
class ExtractionRun:
    sources: list[SourceResult] = field(default_factory=list)
    graphs: list[ArticleGraph] = field(default_factory=list)
    by_source: dict[str, list[ArticleGraph]] = field(default_factory=dict)
    failures: list[LoadError] = field(default_factory=list)
    seconds: float = 0.0
    records: list[SourceRecord] = field(default_factory=list)  # what sources.jsonl keeps
    extracted: int = 0  # files extracted in this run (the others' extraction was kept)
    missing: list[str] = field(default_factory=list)  # kept sources whose file is gone, articles kept
    pruned: list[str] = field(default_factory=list)  # kept sources whose file is gone, articles removed
    article_files: dict = field(default_factory=dict, repr=False)  # article id → (article, its SourceRecord)
    content_files: dict[str, str] = field(default_factory=dict, repr=False)  # content hash → file name

    @property
    def characters(self) -> int:
        return sum(len(g.article.text) for g in self.graphs)


def extractor_version() -> str:
    """A hash of what makes an article's extraction and how it is kept: the loaders,
    ``graph/extract/``, ``ontology/`` (rules, word lists, gazetteers) and ``graph/model.py``.
    A source is extracted again when it changes."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1()
    for folder in ("loaders", "graph/extract", "ontology", "graph/model.py"):
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else [root / folder]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def extract_sources(
    paths: Iterable[str | os.PathLike],
    progress: Progress | None = None,
    workers: int = 1,
    *,
    kept: Iterable[SourceRecord] = (),
    prune: bool = False,
    date: str | None = None,
) -> ExtractionRun:
    """Read and extract every source; a broken file or article is recorded, never fatal.

    ``kept`` are the sources of an earlier build: read again if their file is still
    there (and extracted again only if its content or the extractor changed), kept as
    recorded if it is gone, or dropped with ``prune``. Sources are taken in the order of
    their absolute paths, so that any batches of the same files give the same run.
    ``date`` dates every article of ``paths`` (``--date``: a file whose date is known). A
    file with the content of another is reported and read once; two different articles
    with one id raise :class:`IdentityConflict`.

    With ``workers`` > 1, that many processes extract files at once (articles are
    independent until resolution); the result is the same, in the same order:

    >>> pages = Path(__file__).parents[1] / "examples" / "pages"
    >>> one, two = extract_sources([pages]), extract_sources([pages], workers=2)
    >>> [to_gold_json(*s) for s in two.by_source.items()] == [to_gold_json(*s) for s in one.by_source.items()]
    True
    """
    started = time.perf_counter()
    run = ExtractionRun()
    version = extractor_version()
    records = {r.path: r for r in kept}
    jobs: dict[str, tuple[Path, str, tuple | None, str | None]] = {}  # absolute path → the job of its file
    for found in find_sources(paths):
        if isinstance(found, LoadError):
            run.failures.append(found)
        else:
            jobs.setdefault(_absolute(found[0]), (*found, None, date))  # a file given twice is read once
    for path, record in records.items():
        if path not in jobs and Path(path).is_file():
            given = next((g.article.date for g in record.graphs if g.article.date_origin == "option"), None)
            jobs[path] = (Path(path), record.name, None, given)  # a kept file keeps the --date it was given
    for path, (file, name, _, given) in jobs.items():
        if (record := records.get(path)) and record.extractor == version:
            jobs[path] = (file, name, (record.content, [g.article.id for g in record.graphs]), given)

    entries: list[tuple[str, SourceRecord]] = []  # (absolute path, the source's record)
    order = sorted(jobs)
    with _mapper(workers) as map_files:
        for done, (result, graphs, failures) in enumerate(
            map_files(_extract_file, [jobs[p] for p in order]), 1
        ):
            if progress:
                progress(done, len(order), result.name)
            path = order[done - 1]
            if graphs is None:  # unchanged: the recorded extraction, under the name and date given now
                graphs = records[path].graphs
                for g, read in zip(graphs, result.articles):
                    g.article.source, g.article.date, g.article.date_origin = (
                        result.name,
                        read.date,
                        read.date_origin,
                    )
            else:
                run.extracted += 1
            run.sources.append(result)
            run.failures.extend(failures)
            if result.content is not None:
                entries.append((path, SourceRecord(path, result.name, result.content, version, graphs)))
    for path, record in records.items():
        if path not in jobs:
            (run.pruned if prune else run.missing).append(record.name)
            if not prune:
                entries.append((path, record))
    for _, record in sorted(entries, key=lambda e: e[0]):
        _add_source(run, record)
    run.seconds = time.perf_counter() - started
    return run


def _absolute(path: Path) -> str:
    return str(path.resolve())


def _add_source(run: ExtractionRun, record: SourceRecord) -> None:
    """Add a source's articles to the run unless they are there already (the same
    content in another file, the same article twice): those are reported, and two
    different articles with one id are a conflict."""
    seen, contents = run.article_files, run.content_files
    if not record.graphs:  # a file that gave no article has its errors reported already
        run.records.append(record)
        return
    if record.content in contents:
        run.failures.append(
            LoadError(record.path, f"same content as {contents[record.content]}; its articles are read once")
        )
        return
    contents[record.content] = record.path
    graphs = []
    for g in record.graphs:
        a = g.article
        if a.id in seen:
            other, where = seen[a.id]
            if other.checksum != a.checksum:
                files = record.path if where.path == record.path else f"{where.path} and {record.path}"
                raise IdentityConflict(
                    f"{files}: two different articles would have the id {a.id} "
                    f"({'url ' + a.url if a.url else 'one manifest row, one place in the file'}: "
                    f"«{other.title}» and «{a.title}»); nothing was written"
                )
            run.failures.append(
                LoadError(record.path, f"article {a.id} «{a.title}» is also in {where.path}; read once")
            )
            continue
        seen[a.id] = (a, record)
        graphs.append(g)
    record.graphs = graphs
    run.records.append(record)
    run.by_source.setdefault(record.name, []).extend(graphs)
    run.graphs.extend(graphs)


def _extract_file(
    job: tuple[Path, str, tuple | None, str | None],
) -> tuple[SourceResult, list[ArticleGraph] | None, list[LoadError]]:
    """Read one file and extract its articles (runs in a worker process when parallel);
    no graphs (None) when ``job`` knows the file with this content and these ids."""
    path, name, known, date = job
    result = read_source(path, name, date)
    graphs, failures = [], list(result.errors)
    if known == (result.content, [a.id for a in result.articles]):
        return result, None, failures
    for article in result.articles:
        try:
            graphs.append(extract(article))
        except Exception as err:  # one article's bug must not lose the batch
            graphs.append(ArticleGraph(article))
            failures.append(
                LoadError(str(path), f"extraction failed on article {article.id} «{article.title}»: {err!r}")
            )
    return result, graphs, failures


@contextmanager
def _mapper(workers: int) -> Iterator[Callable]:
    """``map`` itself for one worker, else a process pool's ordered ``map``."""
    if workers <= 1:
        yield map
        return
    with ProcessPoolExecutor(workers) as pool:
        yield pool.map


def to_gold_json(source: str, graphs: list[ArticleGraph]) -> dict:
    """One source's extraction in the format of ``GUIDELINES.md``."""
    articles = []
    for g in graphs:
        a = g.article
        articles.append(
            {
                "id": a.id,
                "title": a.title,
                "kind": a.kind,
                "byline": a.byline.to_json(),
                "entities": [
                    {
                        "type": e.type.value,
                        "name": e.name,
                        **({"aliases": e.aliases} if e.aliases else {}),
                        "confidence": round(e.confidence, 2),
                        "rules": e.rules,
                        "spans": [[s.start, s.end] for s in e.spans],
                    }
                    for e in g.entities
                ],
                "relations": [
                    {
                        "s": r.subject,
                        "p": r.predicate.value,
                        "o": r.object,
                        **({"title": r.title} if r.title else {}),
                        **({"inferred": True} if r.inferred else {}),
                        "confidence": round(r.confidence, 2),
                        "rule": r.rule,
                        **({"evidence": [r.evidence.start, r.evidence.end]} if r.evidence else {}),
                    }
                    for r in g.relations
                ],
            }
        )
    return {"source": Path(source).name, "articles": articles}


def write_gold_json(run: ExtractionRun, out_dir: Path) -> list[Path]:
    """``out_dir/<input file stem>.json`` for every input file that gave articles."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source, graphs in run.by_source.items():
        path = out_dir / f"{Path(source).stem}.json"
        _write_text(path, json.dumps(to_gold_json(source, graphs), ensure_ascii=False, indent=1))
        written.append(path)
    return written


def evaluate(gold_dir: Path, paths: Iterable[str | os.PathLike]):
    """Score extraction on ``paths`` against the gold files in ``gold_dir``."""
    from graph.evaluate import score_dirs

    run = extract_sources(paths)
    predicted = {Path(src).stem: to_gold_json(src, graphs) for src, graphs in run.by_source.items()}
    return score_dirs(gold_dir, predicted), run


@dataclass
class BuildReport:
    out_dir: Path
    graph: KnowledgeGraph
    files: list[Path]
    seconds: float
    articles_per_second: float
    sources: dict[str, object] = field(default_factory=dict)  # how the build used its sources

    def summary(self) -> dict:
        return {
            **self.graph.summary(),
            "out": str(self.out_dir),
            "files": [p.name for p in self.files],
            "sources": self.sources,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles_per_second, 1),
        }


SOURCES_JSONL = "sources.jsonl"  # a build's sources and their extraction, for the next build
REMOVED_JSON = "removed.json"  # ids of articles earlier builds had and this one has not


def read_sources(build_dir: Path) -> list[SourceRecord]:
    """The sources recorded by the build in ``build_dir`` (none if there is none)."""
    path = Path(build_dir) / SOURCES_JSONL
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        return [SourceRecord.from_json(json.loads(line)) for line in f if line.strip()]


def read_removed(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The article ids a build folder lists as removed (for ``unionkg load neo4j``)."""
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and (paths[0] / REMOVED_JSON).is_file():
        return json.loads((paths[0] / REMOVED_JSON).read_text(encoding="utf-8"))["articles"]
    return []


def build(
    paths: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike = "build",
    *,
    base: str | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    prune: bool = False,
    fresh: bool = False,
    corrections: Iterable[str | os.PathLike] = (),
    date: str | None = None,
) -> BuildReport:
    """Read, extract, resolve, infer, and write every output into ``out_dir``.

    When ``out_dir`` holds an earlier build, its sources are kept and ``paths`` added
    (``fresh``: they are not); only new and changed files are extracted, and the output
    is that of a build of all of them at once. A kept source whose file is gone keeps its
    articles unless ``prune``. Entity ids the earlier builds published and that now name
    another node are redirects to it (:mod:`graph.registry`); article ids that are gone
    are listed in ``removed.json``. Two different articles with one id raise
    :class:`IdentityConflict` before anything is written.

    The corrections of ``corrections`` (CSV files or folders), of the ``corrections/``
    folders beside ``paths`` and of the earlier build (unless ``fresh``) are applied
    after resolution (:mod:`graph.curation.corrections`); stale ones are among the failures.

    The outputs are written into a fresh temporary folder beside ``out_dir`` and swapped
    in at the end, so an interrupted build never leaves a half-written graph behind.
    """
    from graph import rdf, registry
    from graph.analysis import network
    from graph.curation import corrections as curation
    from graph.rdf.store import EmbeddedStore

    started = time.perf_counter()
    out_dir = Path(out_dir)
    previous = read_sources(out_dir)
    paths = list(paths)
    run = extract_sources(paths, progress, workers, kept=[] if fresh else previous, prune=prune, date=date)
    corrections_from = sorted(
        {str(Path(p).resolve()) for p in [*corrections, *curation.beside(paths)]}
        | set([] if fresh else curation.sources_of(out_dir))
    )
    corrections, errors = curation.read(corrections_from)
    run.failures.extend(errors)
    articles_per_second = len(run.graphs) / run.seconds if run.seconds else 0.0
    removed = sorted(
        ({g.article.id for r in previous for g in r.graphs} | set(read_removed([out_dir])))
        - {g.article.id for g in run.graphs}
    )
    sources = {
        "files": len(run.records),
        "extracted": run.extracted,
        "missing_kept": run.missing,
        "pruned": run.pruned,
        "removed_articles": len(removed),
    }
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(out_dir)
    own_prefix = f".{out_dir.name}.{os.getpid()}."
    try:
        tmp = Path(tempfile.mkdtemp(prefix=own_prefix, dir=out_dir.parent))
        files = [_write_sources(run.records, tmp / SOURCES_JSONL)]  # before resolution takes the entities
        kg = resolve(run.graphs, run.failures, release_entities=True)
        curation.apply(kg, corrections)  # before the registry, so that merged ids redirect
        kg.curation["from"] = corrections_from
        files.append(
            registry.write(
                registry.update(registry.read(out_dir / registry.REGISTRY), kg), tmp / registry.REGISTRY
            )
        )
        infer(kg)
        curation.drop_rejected(kg)
        files.append(_write_text(tmp / curation.NOTES, json.dumps(kg.curation, ensure_ascii=False, indent=1)))
        files.append(_write_text(tmp / REMOVED_JSON, json.dumps({"articles": removed}, indent=1)))
        files.append(_write_articles(run, tmp / "articles.jsonl"))
        del run, previous  # each article's extraction takes about as much memory as the graph: done with
        files.append(network.write_graphml(kg, tmp / "graph.graphml"))
        files.append(_write_graph_json(kg, tmp / GRAPH_JSON))
        files.extend(rdf.write_release(kg, tmp, **({"base": base} if base else {})))
        EmbeddedStore.create(tmp / "store", tmp / "graph.nq", tmp / rdf.LISTINGS_FILE).close()
        _write_text(tmp / "summary.json", json.dumps(kg.summary(), ensure_ascii=False, indent=1))
        tmp.chmod(0o777 & ~rdf.umask())  # mkdtemp makes it private; the output is for reading
        _swap_into_place(tmp, out_dir)
    except BaseException:
        # by prefix, not by ``tmp``: Ctrl-C may come after mkdtemp made the folder but
        # before it returned its name
        for path in out_dir.parent.glob(own_prefix + "*"):
            shutil.rmtree(path, ignore_errors=True)
        raise
    seconds = time.perf_counter() - started
    files = [out_dir / p.name for p in files]
    return BuildReport(out_dir, kg, files, seconds, articles_per_second, sources)


GRAPH_JSON = "graph.json"  # the resolved graph of a build, read back by read_graph


def read_graph(paths: Iterable[str | os.PathLike], progress: Progress | None = None) -> KnowledgeGraph:
    """The graph of ``paths``: read from ``graph.json`` when ``paths`` is one build
    folder, else extracted and resolved from the sources.

    >>> from pathlib import Path
    >>> kg = read_graph([Path(__file__).parents[1] / "examples" / "pages"])
    >>> len(kg.articles) > 20 and len(kg.edges) > 20
    True
    """
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and (paths[0] / GRAPH_JSON).is_file():
        return KnowledgeGraph.from_json(json.loads((paths[0] / GRAPH_JSON).read_text(encoding="utf-8")))
    run = extract_sources(paths, progress)
    kg = resolve(run.graphs, run.failures)
    infer(kg)
    return kg


def _write_sources(records: list[SourceRecord], path: Path) -> Path:
    with _writing(path) as f:
        for record in records:
            f.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    return path


def _write_articles(run: ExtractionRun, path: Path) -> Path:
    with _writing(path) as f:
        for g in run.graphs:
            f.write(json.dumps(g.article.to_json(), ensure_ascii=False) + "\n")
    return path


def _write_graph_json(kg: KnowledgeGraph, path: Path, chunk: int = 50) -> Path:
    """The text of ``json.dumps(kg.to_json())``, written a few items at a time: all of it
    at once would take as much memory again as the graph, and so did chunks of 10,000
    (a hub's mentions are a dict each: the 100k build's peak, +1 GB; at 10k +108 MB, +20 MB
    in chunks of 50)."""
    with _writing(path) as f:
        for i, (section, shape) in enumerate(KnowledgeGraph().to_json().items()):  # in its order
            f.write(("{" if i == 0 else ", ") + json.dumps(section) + ": ")
            items = getattr(kg, section)
            if isinstance(shape, dict):  # the small sections keyed by id: redirects, curation
                f.write(json.dumps(KnowledgeGraph(**{section: items}).to_json()[section], ensure_ascii=False))
                continue
            f.write("[")
            pieces = list(items.items()) if isinstance(items, dict) else items
            for start in range(0, len(pieces), chunk):
                part = pieces[start : start + chunk]
                part_kg = KnowledgeGraph(**{section: dict(part) if isinstance(items, dict) else part})
                f.write(
                    ("" if start == 0 else ", ")
                    + ", ".join(json.dumps(item, ensure_ascii=False) for item in part_kg.to_json()[section])
                )
            f.write("]")
        f.write("}")
    return path


def _write_text(path: Path, text: str) -> Path:
    with _writing(path) as f:
        f.write(text)
    return path


@contextmanager
def _writing(path: Path) -> Iterator:
    """A text file written beside ``path`` and renamed into place once complete."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        yield f
    os.replace(tmp, path)


def _clear_leftovers(out_dir: Path) -> None:
    """Remove what a killed build left beside ``out_dir``: its temporary folder (named
    after its process, which is gone) and the output it was swapping out (put back if
    the kill came between the two renames of :func:`_swap_into_place`)."""
    old = out_dir.with_name(f".{out_dir.name}.old")
    if old.is_dir() and not out_dir.exists():
        os.replace(old, out_dir)
    shutil.rmtree(old, ignore_errors=True)
    prefix = f".{out_dir.name}."
    for path in out_dir.parent.iterdir():
        pid = path.name[len(prefix) :].split(".")[0] if path.name.startswith(prefix) else ""
        if pid.isdigit() and not _is_running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


def _swap_into_place(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
