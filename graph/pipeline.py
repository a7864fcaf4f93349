"""The whole job, stage by stage: read → extract → resolve → infer → write.

Every CLI command is a thin wrapper over a function here, so everything the CLI does
is callable from Python:

>>> from pathlib import Path
>>> run = extract_sources([Path(__file__).parents[1] / "examples" / "pages"])
>>> len(run.graphs) > 20, run.failures
(True, [])
"""

from __future__ import annotations

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
class ExtractionRun:
    sources: list[SourceResult] = field(default_factory=list)
    graphs: list[ArticleGraph] = field(default_factory=list)
    by_source: dict[str, list[ArticleGraph]] = field(default_factory=dict)
    failures: list[LoadError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def characters(self) -> int:
        return sum(len(g.article.text) for g in self.graphs)


def extract_sources(paths: Iterable[str | os.PathLike], progress: Progress | None = None,
                    workers: int = 1) -> ExtractionRun:
    """Read and extract every source; a broken file or article is recorded, never fatal.

    With ``workers`` > 1, that many processes extract files at once (articles are
    independent until resolution); the result is the same, in the same order:

    >>> pages = Path(__file__).parents[1] / "examples" / "pages"
    >>> one, two = extract_sources([pages]), extract_sources([pages], workers=2)
    >>> [to_gold_json(*s) for s in two.by_source.items()] == [to_gold_json(*s) for s in one.by_source.items()]
    True
    """
    started = time.perf_counter()
    run = ExtractionRun()
    found = list(find_sources(paths))
    files = [item for item in found if not isinstance(item, LoadError)]
    run.failures.extend(item for item in found if isinstance(item, LoadError))
    with _mapper(workers) as map_files:
        for done, (result, graphs, failures) in enumerate(map_files(_extract_file, files), start=1):
            if progress:
                progress(done, len(files), result.name)
            run.sources.append(result)
            run.failures.extend(failures)
            run.by_source.setdefault(result.name, []).extend(graphs)
            run.graphs.extend(graphs)
    run.seconds = time.perf_counter() - started
    return run


def _extract_file(found: tuple[Path, str]) -> tuple[SourceResult, list[ArticleGraph], list[LoadError]]:
    """Read one file and extract its articles (runs in a worker process when parallel)."""
    path, name = found
    result = read_source(path, name)
    graphs, failures = [], list(result.errors)
    for article in result.articles:
        try:
            graphs.append(extract(article))
        except Exception as err:  # one article's bug must not lose the batch
            graphs.append(ArticleGraph(article))
            failures.append(LoadError(str(path), f"extraction failed on article {article.id} «{article.title}»: {err!r}"))
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
                    {"type": e.type.value, "name": e.name, **({"aliases": e.aliases} if e.aliases else {}),
                     "confidence": round(e.confidence, 2), "rules": e.rules,
                     "spans": [[s.start, s.end] for s in e.spans]}
                    for e in g.entities
                ],
                "relations": [
                    {"s": r.subject, "p": r.predicate.value, "o": r.object,
                     **({"title": r.title} if r.title else {}),
                     **({"inferred": True} if r.inferred else {}),
                     "confidence": round(r.confidence, 2), "rule": r.rule,
                     **({"evidence": [r.evidence.start, r.evidence.end]} if r.evidence else {})}
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

    def summary(self) -> dict:
        return {**self.graph.summary(), "out": str(self.out_dir), "files": [p.name for p in self.files],
                "seconds": round(self.seconds, 2), "articles_per_second": round(self.articles_per_second, 1)}


def build(paths: Iterable[str | os.PathLike], out_dir: str | os.PathLike = "build", *,
          base: str | None = None, progress: Progress | None = None, workers: int = 1) -> BuildReport:
    """Read, extract, resolve, infer, and write every output into ``out_dir``.

    The outputs are written into a fresh temporary folder beside ``out_dir`` and swapped
    in at the end, so an interrupted build never leaves a half-written graph behind.
    """
    from graph import network, rdf
    from graph.store import EmbeddedStore

    started = time.perf_counter()
    run = extract_sources(paths, progress, workers)
    kg = resolve(run.graphs, run.failures, release_entities=True)
    infer(kg)
    articles_per_second = len(run.graphs) / run.seconds if run.seconds else 0.0
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(out_dir)
    own_prefix = f".{out_dir.name}.{os.getpid()}."
    try:
        tmp = Path(tempfile.mkdtemp(prefix=own_prefix, dir=out_dir.parent))
        files = [_write_articles(run, tmp / "articles.jsonl")]
        del run  # each article's extraction takes about as much memory as the graph: done with
        files.append(network.write_graphml(kg, tmp / "graph.graphml"))
        files.append(_write_graph_json(kg, tmp / GRAPH_JSON))
        files.extend(rdf.write_release(kg, tmp, **({"base": base} if base else {})))
        EmbeddedStore.create(tmp / "store", tmp / "graph.nq").close()
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
    return BuildReport(out_dir, kg, files, seconds, articles_per_second)


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


def _write_articles(run: ExtractionRun, path: Path) -> Path:
    with _writing(path) as f:
        for g in run.graphs:
            f.write(json.dumps(g.article.to_json(), ensure_ascii=False) + "\n")
    return path


def _write_graph_json(kg: KnowledgeGraph, path: Path, chunk: int = 10_000) -> Path:
    """The text of ``json.dumps(kg.to_json())``, written a few thousand items at a time:
    all of it at once would take as much memory again as the graph."""
    with _writing(path) as f:
        for i, section in enumerate(KnowledgeGraph().to_json()):  # its sections, in its order
            f.write(("{" if i == 0 else ", ") + json.dumps(section) + ": [")
            items = getattr(kg, section)
            pieces = list(items.items()) if isinstance(items, dict) else items
            for start in range(0, len(pieces), chunk):
                part = pieces[start : start + chunk]
                part_kg = KnowledgeGraph(**{section: dict(part) if isinstance(items, dict) else part})
                f.write(("" if start == 0 else ", ") + ", ".join(
                    json.dumps(item, ensure_ascii=False) for item in part_kg.to_json()[section]))
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
        pid = path.name[len(prefix):].split(".")[0] if path.name.startswith(prefix) else ""
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
