"""How unionkg scales: every stage on a synthetic corpus of N articles (built from the
sample pages by ``benchmarks/synthetic.py``), each figure with a baseline measured in
the same run. Figures, not a test::

    .venv/bin/python benchmarks/scale.py --articles 10000 [100000] [--workers 2]

Baselines: extraction against jieba's plain segmentation of the same text (the ceiling
of any jieba-based extractor) and N workers against one; RDF writing and loading against
pyoxigraph merely serialising / parsing the same quads; the latency of every saved
question (``queries/*.rq``, with the parameters of its example) against a 100 ms
budget; memory against 4 GB. Peak memory is the process's
resident high-water mark after each stage, and that of a whole ``unionkg build``
run as a child process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jieba
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import templates, write_corpus  # noqa: E402
from graph import analyse, network, rdf, view  # noqa: E402
from graph.pipeline import extract_sources  # noqa: E402
from graph.resolve import resolve  # noqa: E402
from graph.store import EmbeddedStore  # noqa: E402
from queries.library import answer_embedded, get, questions  # noqa: E402

SPARQL_BUDGET_MS = 100.0
SPARQL_TIME_LIMIT_S = 60
MEMORY_BUDGET_MB = 4096.0
BASELINE_ARTICLES = 3000  # one-worker runs use the first this many articles


def peak_mb() -> float:
    """This process's resident-memory high-water mark so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run, *args, **kwargs):
    """``run(*args, **kwargs)`` and the seconds it took."""
    started = time.perf_counter()
    result = run(*args, **kwargs)
    return result, time.perf_counter() - started


def segment(texts: list[str]) -> None:
    for text in texts:
        list(jieba.cut(text))


def count_quads(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def median_ms(run, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report(stage: str, figure: str, baseline: str = "", ratio: float | None = None) -> None:
    ratio_text = f"{ratio:7.2f}" if ratio is not None else ""
    print(f"  {stage:44s} {figure:>26s}  {baseline:>30s} {ratio_text:>7s}  peak {peak_mb():6.0f} MB", flush=True)


def time_question(store_dir: Path, name: str) -> tuple[int, float]:
    """Rows and median milliseconds of the saved question ``name`` on the store, run in a
    child process that is stopped past the time limit (a query cannot be interrupted)."""
    with multiprocessing.Pool(1) as pool:  # leaving the block terminates the child
        return pool.apply_async(_time_question, (store_dir, name)).get(SPARQL_TIME_LIMIT_S)


def _time_question(store_dir: Path, name: str) -> tuple[int, float]:
    question = get(name)
    with EmbeddedStore.open(store_dir) as store:
        rows = len(answer_embedded(question, question.example, store).rows)
        return rows, median_ms(lambda: answer_embedded(question, question.example, store))


def build_in_child(sources: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``unionkg build`` run as a child process
    (the peak of the build process or of its largest worker)."""
    unionkg = Path(sys.executable).with_name("unionkg")
    started = time.perf_counter()
    child = subprocess.Popen([unionkg, "build", sources, "--out", out, "--workers", str(workers)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):
        raise RuntimeError(f"unionkg build {sources} exited with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def bench(n_articles: int, workers: int, work: Path) -> None:
    print(f"\n{n_articles} articles, {workers} workers "
          f"(stage, figure, baseline, ratio figure/baseline, process peak memory so far)")
    corpus, seconds = timed(write_corpus, work / "corpus", n_articles, source=templates())
    report("synthetic corpus", f"{corpus.characters / 1e6:.1f} M chars in {seconds:.0f} s")

    # extraction: one worker on the first shards, against jieba on the same text
    per_file = -(-n_articles // len(corpus.files))
    sample_files = corpus.files[: max(1, BASELINE_ARTICLES // per_file)]
    one, one_s = timed(extract_sources, sample_files)
    jieba.initialize()
    _, jieba_s = timed(segment, [g.article.text for g in one.graphs])
    jieba_rate = one.characters / jieba_s
    report("jieba plain segmentation, 1 core", f"{jieba_rate / 1e3:.0f} k chars/s")
    report("extraction, 1 worker", f"{len(one.graphs) / one_s:.0f} art/s {one.characters / one_s / 1e3:.0f} k chars/s",
           f"jieba {jieba_rate / 1e3:.0f} k chars/s", (one.characters / one_s) / jieba_rate)
    if workers > 1:
        many, many_s = timed(extract_sources, sample_files, workers=workers)
        report(f"extraction, {workers} workers", f"{len(many.graphs) / many_s:.0f} art/s",
               f"1 worker {len(one.graphs) / one_s:.0f} art/s", (len(many.graphs) / many_s) / (len(one.graphs) / one_s))
    del one

    run, seconds = timed(extract_sources, corpus.files, workers=workers)
    report(f"extraction of all, {workers} workers", f"{len(run.graphs) / seconds:.0f} art/s, {seconds:.0f} s")
    kg, seconds = timed(resolve, run.graphs, run.failures)
    del run
    report("resolution", f"{len(kg.articles) / seconds:.0f} art/s, {seconds:.1f} s")
    print(f"  graph: {len(kg.nodes)} entities, {len(kg.edges)} relations")

    # RDF: the release, and loading it into the embedded store
    _, write_s = timed(rdf.write_release, kg, work / "release", issued="2024-01-01")
    nquads = work / "release" / "graph.nq"
    quads = list(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    _, serialise_s = timed(ox.serialize, quads, format=ox.RdfFormat.N_QUADS)
    report("RDF release (5 dumps + VoID)", f"{len(quads) / write_s / 1e3:.0f} k quads/s, {write_s:.0f} s",
           f"N-Quads serialise {len(quads) / serialise_s / 1e3:.0f} k quads/s", serialise_s / write_s)
    print(f"  release: {len(quads)} quads, graph.nq {nquads.stat().st_size / 1e6:.0f} MB")
    del quads
    n_quads, parse_s = timed(count_quads, nquads)
    store, load_s = timed(EmbeddedStore.create, work / "store", nquads)
    store.close()
    report("load into the embedded store", f"{n_quads / load_s / 1e3:.0f} k quads/s, {load_s:.0f} s",
           f"parse only {n_quads / parse_s / 1e3:.0f} k quads/s", parse_s / load_s)

    # every saved question, with the parameters of its example
    for name in sorted(questions()):
        budget = f"budget {SPARQL_BUDGET_MS:.0f} ms"
        try:
            rows, ms = time_question(work / "store", name)
        except multiprocessing.TimeoutError:
            report(f"SPARQL {name}", f"> {SPARQL_TIME_LIMIT_S} s, stopped", budget, SPARQL_TIME_LIMIT_S * 1000 / SPARQL_BUDGET_MS)
            continue
        report(f"SPARQL {name}", f"{ms:.1f} ms [{rows} rows]", budget, ms / SPARQL_BUDGET_MS)

    # network analytics and the HTML view
    _, seconds = timed(network.write_graphml, kg, work / "graph.graphml")
    report("GraphML", f"{seconds:.1f} s")
    _, seconds = timed(analyse.analyse, kg, top=20)
    report("analyse (centrality, communities, tree, months)", f"{seconds:.1f} s")
    page, seconds = timed(view.write_html, kg, work / "graph.html")
    report("view (HTML page)", f"{seconds:.1f} s, {page.stat().st_size / 1e6:.1f} MB")
    del kg

    seconds, child_peak = build_in_child(work / "corpus", work / "build", workers)
    report(f"whole `unionkg build --workers {workers}`", f"{n_articles / seconds:.0f} art/s, {seconds:.0f} s",
           f"memory {child_peak:.0f} of {MEMORY_BUDGET_MB:.0f} MB", child_peak / MEMORY_BUDGET_MB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    for n in args.articles:
        with tempfile.TemporaryDirectory(prefix="unionkg-scale-") as tmp:
            bench(n, args.workers, Path(tmp))


if __name__ == "__main__":
    main()
