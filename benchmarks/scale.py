"""How unionkg scales: every stage on a synthetic corpus of N articles (built from the
sample pages by ``benchmarks/synthetic.py``), each figure with a baseline measured in
the same run. Figures, not a test::

    .venv/bin/python benchmarks/scale.py --articles 10000 [100000] [--workers 2]
    .venv/bin/python benchmarks/scale.py --neo4j-only WORK/N/build   # the Neo4j stage on a saved build

Baselines: extraction against jieba's plain segmentation of the same text (the ceiling
of any jieba-based extractor) and N workers against one; RDF writing and loading against
pyoxigraph merely serialising / parsing the same quads; the latency of every saved
question (``queries/*.rq``, with the parameters of its example) against a 100 ms
budget; the transactional Neo4j load (``unionkg load neo4j``) against a plain
``UNWIND $rows CREATE`` of as many rows in batches of the same size (the load twice: on
the just-started server, then emptied, on the server warm from it), and the bulk
import (``unionkg export neo4j-csv`` + ``neo4j-admin database import full``) against
the transactional load; memory against 4 GB. Peak memory is the process's
resident high-water mark after each stage, that of the Neo4j server and of
neo4j-admin, and that of a whole ``unionkg build`` run as a child process. Beside
each Neo4j load: the CPU seconds of the server (its JIT compiler's among them) and of this
process (the rows built, encoded and sent), which share the machine's cores.

Neo4j: the benchmark starts a server of its own (free ports, a home in the work
folder, the memory of ``unionkg neo4j start``) and stops it at the end; with
``--neo4j-uri`` (password in NEO4J_PASSWORD) it loads into that server instead, whose
database must be empty. The bulk import always goes into a server home of its own.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from itertools import chain
from pathlib import Path

import jieba
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import templates, write_corpus  # noqa: E402
from graph import rdf  # noqa: E402
from graph.analysis import metrics, network, view  # noqa: E402
from graph.model import KnowledgeGraph  # noqa: E402
from graph.neo4j import server as neo4j_server  # noqa: E402
from graph.neo4j.csv_export import write_csv  # noqa: E402
from graph.neo4j.loader import (  # noqa: E402
    BATCH_SIZE,
    WRITERS,
    LoadReport,
    Neo4jSettings,
    _batches,
    _one,
    connect,
    database_counts,
    empty,
    load,
)
from graph.neo4j.rows import PropertyGraph, to_property_graph  # noqa: E402
from graph.pipeline import extract_sources, read_graph  # noqa: E402
from graph.rdf.store import EmbeddedStore  # noqa: E402
from graph.resolve import resolve  # noqa: E402
from queries.library import Page, answer_embedded, answer_neo4j, get, questions  # noqa: E402

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


def copy_quads(source: Path, target: Path) -> None:
    """pyoxigraph parsing N-Quads and writing them back, as a stream."""
    ox.serialize(ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS), str(target), ox.RdfFormat.N_QUADS)


def median_ms(run, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report(stage: str, figure: str, baseline: str = "", ratio: float | None = None) -> None:
    """One line: the figure, its baseline, their ratio, this process's peak memory so far
    and the machine's load (1-minute average: other work slows every figure down)."""
    ratio_text = f"{ratio:7.2f}" if ratio is not None else ""
    print(
        f"  {stage:44s} {figure:>26s}  {baseline:>30s} {ratio_text:>7s}  peak {peak_mb():6.0f} MB"
        f"  load {os.getloadavg()[0]:4.1f}",
        flush=True,
    )


def time_questions(store_dir: Path | None, neo4j: Neo4jSettings | None = None) -> None:
    """Every saved question's first page (50 rows, and the total the user sees beside
    it), with the parameters of its example, on the embedded store and, given a loaded
    database, on Neo4j."""
    backends = {language: where for language, where in (("SPARQL", store_dir), ("Cypher", neo4j)) if where}
    for name in sorted(questions()):
        for language, where in backends.items():
            budget = f"budget {SPARQL_BUDGET_MS:.0f} ms"
            try:
                rows, total, ms = time_question(where, name)
            except multiprocessing.TimeoutError:
                limit = SPARQL_TIME_LIMIT_S * 1000 / SPARQL_BUDGET_MS
                report(f"{language} {name}", f"> {SPARQL_TIME_LIMIT_S} s, stopped", budget, limit)
                continue
            report(
                f"{language} {name}", f"{ms:.1f} ms [{rows} of {total} rows]", budget, ms / SPARQL_BUDGET_MS
            )


def time_question(where: Path | Neo4jSettings, name: str) -> tuple[int, int, float]:
    """Rows of the first page, the total, and the median milliseconds of answering them,
    from the store in ``where`` or the Neo4j it names, in a child process that is stopped
    past the time limit (a query cannot be interrupted)."""
    with multiprocessing.Pool(1) as pool:  # leaving the block terminates the child
        return pool.apply_async(_time_question, (where, name)).get(SPARQL_TIME_LIMIT_S)


def _time_question(where: Path | Neo4jSettings, name: str) -> tuple[int, int, float]:
    question = get(name)
    with ExitStack() as stack:
        if isinstance(where, Neo4jSettings):
            driver = stack.enter_context(connect(where))

            def answer():
                return answer_neo4j(question, question.example, driver, where.database, Page())
        else:
            store = stack.enter_context(EmbeddedStore.open(where))

            def answer():
                return answer_embedded(question, question.example, store, Page())

        first = answer()
        return len(first.rows), first.total, median_ms(answer)


# Runs a command, and prints the resident high-water mark of it and its children. A
# child's mark counts the process it was forked from, so this launcher, small, starts
# the commands whose memory is measured (not this process, grown by the stages).
MEASURED = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def run_measured(*command: str | Path) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak resident MB of ``command`` (the peak of the
    process or of its largest child, e.g. an extraction worker)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *map(str, command)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return done.returncode, time.perf_counter() - started, int(done.stdout.split()[-1]) / 1024


def build_in_child(sources: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``unionkg build``."""
    code, seconds, peak = run_measured(
        Path(sys.executable).with_name("unionkg"), "build", sources, "--out", out, "--workers", str(workers)
    )
    if code not in (0, 1):
        raise RuntimeError(f"unionkg build {sources} exited with {code}")
    return seconds, peak


def import_in_child(csv_dir: Path, home: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of neo4j-admin importing ``csv_dir`` into ``home``."""
    code, seconds, peak = run_measured(
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; "
        "from graph.neo4j.csv_export import import_csv; import_csv(*map(Path, sys.argv[1:]))",
        csv_dir,
        home,
    )
    if code:
        raise RuntimeError(f"neo4j-admin could not import {csv_dir}")
    return seconds, peak


def server_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of a running process (Linux), and those of its JIT compiler threads."""
    total = jit = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name, stat = (task / "comm").read_text(), (task / "stat").read_text().rsplit(") ", 1)[1].split()
        except OSError:  # the thread ended
            continue
        seconds = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        total += seconds
        jit += seconds if name.startswith(("C1 CompilerThre", "C2 CompilerThre")) else 0.0
    return total, jit


def cpu_note(pid: int | None, before: tuple[float, float] | None) -> str:
    """The server's CPU seconds since ``before`` (a :func:`server_cpu`), the JIT compiler's among them."""
    if pid is None or before is None:
        return ""
    total, jit = server_cpu(pid)
    return f", server CPU {total - before[0]:.0f} s of which the JIT compiler {jit - before[1]:.0f} s"


def client_note(before: float) -> str:
    """This process's CPU seconds since ``before`` (a :func:`time.process_time`), all its threads:
    the load's rows built, encoded and sent."""
    return f", client CPU {time.process_time() - before:.0f} s"


def server_peak_mb(pid: int) -> float:
    """The resident-memory high-water mark of a running process (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024


@contextmanager
def neo4j_database(work: Path, uri: str | None):
    """Settings of an empty database, and the pid of its server when it is ours."""
    if uri:
        settings = Neo4jSettings.from_env(uri=uri)
        with connect(settings) as driver:
            records, _, _ = driver.execute_query(
                "MATCH (n) RETURN count(n) AS n", database_=settings.database
            )
        if records[0]["n"]:
            raise SystemExit(
                f"{uri} (database {settings.database}) holds {records[0]['n']} nodes: "
                "the benchmark loads into an empty database only"
            )
        yield settings, None
        return
    password = secrets.token_urlsafe(12)
    config = neo4j_server.ServerConfig(bolt_port=neo4j_server.free_port(), http_port=neo4j_server.free_port())
    with neo4j_server.temporary_server(work / "neo4j", password, config) as info:
        yield Neo4jSettings(info.bolt_uri, password=password), info.pid


def plain_create(settings: Neo4jSettings, pg: PropertyGraph) -> float:
    """Seconds to create a node of no index and no constraint for each row of ``pg``
    (its properties, and the ends of a relationship), in batches cut as the load cuts its
    own (facts close at ``EVIDENCE_PER_BATCH`` pieces of evidence: 5,000 at once ran out
    of the server's transaction memory): what Bolt and Cypher take at most on this server
    from one session (the load writes from ``WRITERS`` at once). They are deleted afterwards."""
    nodes = [n.props for n in pg.articles + pg.entities]
    relationships = (r.row() for r in pg.mentions + pg.facts)
    with connect(settings) as driver:
        started = time.perf_counter()
        batches = chain(
            (nodes[i : i + BATCH_SIZE] for i in range(0, len(nodes), BATCH_SIZE)),
            (
                [
                    {"type": r["type"], "source": r["source"], "target": r["target"], **r["props"]}
                    for r in batch
                ]
                for batch, _ in _batches(relationships, _one, BATCH_SIZE)
            ),
        )
        for rows in batches:
            driver.execute_query(
                "UNWIND $rows AS row CREATE (n:PlainRow) SET n = row", rows=rows, database_=settings.database
            )
        seconds = time.perf_counter() - started
        with driver.session(database=settings.database) as session:  # IN TRANSACTIONS needs an implicit one
            session.run("MATCH (n:PlainRow) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return seconds


def per_kind(report: LoadReport) -> str:
    return ", ".join(
        f"{kind} {report.tallies[kind].rows / seconds / 1e3:.1f} k rows/s"
        for kind, seconds in report.seconds_by_kind.items()
        if seconds
    )


def bench_neo4j(kg: KnowledgeGraph, work: Path, uri: str | None) -> None:
    pg = to_property_graph(kg)
    with neo4j_database(work, uri) as (settings, server):
        before, client_before = server_cpu(server) if server else None, time.process_time()
        loaded = load(kg, settings)
        server_note = f", server peak {server_peak_mb(server):.0f} MB" if server else ""
        server_note += cpu_note(server, before) + client_note(client_before)
        plain_s = plain_create(settings, pg)
        report(
            "Neo4j transactional load (unionkg load neo4j)",
            f"{loaded.rows_per_second / 1e3:.1f} k rows/s, {loaded.seconds:.0f} s",
            f"plain CREATE {pg.rows / plain_s / 1e3:.1f} k rows/s",
            loaded.rows_per_second / (pg.rows / plain_s),
        )
        print(f"  (the load from {WRITERS} sessions at once, the plain CREATE from one)")
        again = load(kg, settings)
        report(
            "Neo4j load again (nothing changes)",
            f"{again.rows_per_second / 1e3:.1f} k rows/s, {again.seconds:.0f} s",
            f"first load {loaded.rows_per_second / 1e3:.1f} k rows/s",
            again.rows_per_second / loaded.rows_per_second,
        )
        print(f"  Neo4j: {loaded.rows} rows ({per_kind(loaded)}), target 20 k rows/s{server_note}")
        # A server that has run loads before has compiled their code: on a just-started one
        # the JIT compiler takes a fifth of the CPU of a 100k-article load.
        empty(settings)
        before, client_before = server_cpu(server) if server else None, time.process_time()
        warm = load(kg, settings)
        warm_note = cpu_note(server, before) + client_note(client_before)
        report(
            "Neo4j transactional load, empty database, warm server",
            f"{warm.rows_per_second / 1e3:.1f} k rows/s, {warm.seconds:.0f} s",
            f"plain CREATE {pg.rows / plain_s / 1e3:.1f} k rows/s",
            warm.rows_per_second / (pg.rows / plain_s),
        )
        print(f"  Neo4j warm: {per_kind(warm)}, target 20 k rows/s{warm_note}")
        time_questions(None, settings)  # on the graph just loaded, the server warm

    export, csv_s = timed(write_csv, kg, work / "neo4j-csv")
    n_rows = sum(export.rows.values())
    report(
        "Neo4j CSV export (unionkg export neo4j-csv)", f"{n_rows / csv_s / 1e3:.0f} k rows/s, {csv_s:.0f} s"
    )
    import_s, import_peak = import_in_child(export.directory, work / "neo4j-import")
    report(
        "Neo4j bulk import (neo4j-admin)",
        f"{n_rows / import_s / 1e3:.0f} k rows/s, {import_s:.0f} s",
        f"transactional {loaded.rows_per_second / 1e3:.1f} k rows/s",
        (n_rows / import_s) / loaded.rows_per_second,
    )
    password = secrets.token_urlsafe(12)
    with neo4j_server.temporary_server(work / "neo4j-import", password) as info:
        imported = database_counts(Neo4jSettings(info.bolt_uri, password=password))
    print(
        f"  neo4j-admin peak {import_peak:.0f} MB; the imported database holds "
        f"{'the same' if imported == pg.counts() else 'OTHER'} nodes and relationships per label and type as the rows"
    )


def bench(n_articles: int, workers: int, work: Path, neo4j_uri: str | None = None) -> None:
    print(
        f"\n{n_articles} articles, {workers} workers "
        f"(stage, figure, baseline, ratio figure/baseline, process peak memory so far)"
    )
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
    report(
        "extraction, 1 worker",
        f"{len(one.graphs) / one_s:.0f} art/s {one.characters / one_s / 1e3:.0f} k chars/s",
        f"jieba {jieba_rate / 1e3:.0f} k chars/s",
        (one.characters / one_s) / jieba_rate,
    )
    if workers > 1:
        many, many_s = timed(extract_sources, sample_files, workers=workers)
        report(
            f"extraction, {workers} workers",
            f"{len(many.graphs) / many_s:.0f} art/s",
            f"1 worker {len(one.graphs) / one_s:.0f} art/s",
            (len(many.graphs) / many_s) / (len(one.graphs) / one_s),
        )
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
    n_quads, parse_s = timed(count_quads, nquads)
    _, copy_s = timed(copy_quads, nquads, work / "copy.nq")
    report(
        "RDF release (5 dumps + VoID)",
        f"{n_quads / write_s / 1e3:.0f} k quads/s, {write_s:.0f} s",
        f"N-Quads parse+write {n_quads / copy_s / 1e3:.0f} k quads/s",
        copy_s / write_s,
    )
    print(
        f"  release: {n_quads} quads, graph.nq {nquads.stat().st_size / 1e6:.0f} MB, all dumps "
        f"{sum(p.stat().st_size for p in (work / 'release').iterdir()) / 1e6:.0f} MB"
    )
    (work / "copy.nq").unlink()
    store, load_s = timed(EmbeddedStore.create, work / "store", nquads)
    store.close()
    report(
        "load into the embedded store",
        f"{n_quads / load_s / 1e3:.0f} k quads/s, {load_s:.0f} s",
        f"parse only {n_quads / parse_s / 1e3:.0f} k quads/s",
        parse_s / load_s,
    )

    time_questions(work / "store")

    # network analytics and the HTML view
    _, seconds = timed(network.write_graphml, kg, work / "graph.graphml")
    report("GraphML", f"{seconds:.1f} s")
    _, seconds = timed(metrics.analyse, kg, top=20)
    report("analyse (centrality, communities, tree, months)", f"{seconds:.1f} s")
    page, seconds = timed(view.write_html, kg, work / "graph.html")
    report("view (HTML page)", f"{seconds:.1f} s, {page.stat().st_size / 1e6:.1f} MB")

    bench_neo4j(kg, work, neo4j_uri)
    del kg

    seconds, child_peak = build_in_child(work / "corpus", work / "build", workers)
    report(
        f"whole `unionkg build --workers {workers}`",
        f"{n_articles / seconds:.0f} art/s, {seconds:.0f} s",
        f"memory {child_peak:.0f} of {MEMORY_BUDGET_MB:.0f} MB",
        child_peak / MEMORY_BUDGET_MB,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--neo4j-uri", help="load into this (empty) Neo4j database instead of a server of our own"
    )
    parser.add_argument(
        "--work", type=Path, help="work in WORK/N (new) and keep it: corpus, release, store, build"
    )
    parser.add_argument(
        "--neo4j-only",
        type=Path,
        metavar="BUILD",
        help="only the Neo4j stage, on the graph.json of this build folder (e.g. WORK/N/build)",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        metavar="STORE",
        help="only time the saved questions on this store (e.g. build/store, or WORK/store), "
        "and with --neo4j-uri on that database too (loaded with the same graph)",
    )
    args = parser.parse_args()
    if args.questions:
        neo4j = Neo4jSettings.from_env(uri=args.neo4j_uri) if args.neo4j_uri else None
        time_questions(args.questions, neo4j)
        return
    if args.neo4j_only:
        kg = read_graph([args.neo4j_only])
        print(
            f"\nNeo4j stage on {args.neo4j_only}: {len(kg.articles)} articles, {len(kg.nodes)} entities, "
            f"{len(kg.edges)} relations"
        )
        with tempfile.TemporaryDirectory(prefix="unionkg-neo4j-", dir=args.work) as tmp:
            bench_neo4j(kg, Path(tmp), args.neo4j_uri)
        return
    for n in args.articles:
        if args.work:
            (args.work / str(n)).mkdir(parents=True)  # a new folder: never mixes two runs
            bench(n, args.workers, args.work / str(n), args.neo4j_uri)
            continue
        with tempfile.TemporaryDirectory(prefix="unionkg-scale-") as tmp:
            bench(n, args.workers, Path(tmp), args.neo4j_uri)


if __name__ == "__main__":
    main()
