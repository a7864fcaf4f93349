"""The ``unionkg`` command: one thin wrapper per library function.

Exit codes: 0 all went well; 1 some input failed (named on stderr, the rest done);
2 usage errors; 3 the graph does not validate or a service is unreachable;
130 interrupted (Ctrl-C), the previous output left as it was.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path

import click

from graph import pipeline
from loaders import dates

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _report_failures(failures) -> None:
    for f in failures:
        click.echo(f"error: {f}", err=True)


class _ProgressBar:
    """A progress bar on stderr for runs of more than a few files (or rows)."""

    def __init__(self, label: str = "reading") -> None:
        self.bar = None
        self.label = label

    def __call__(self, done: int, total: int, name: str = "") -> None:
        if total < 5:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)
        if done == total:
            self.bar.__exit__(None, None, None)


class _Commands(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except pipeline.IdentityConflict as err:  # any command that reads sources: nothing written
            _fail(err, EXIT_INPUT_FAILED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="unionkg")
def main() -> None:
    """unionkg: a knowledge graph of Beijing trade-union organisations and activities,
    read from 劳动午报 pages and articles."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Output folder (replaced atomically at the end). If it holds a build, its sources are "
    "kept and SOURCES added; only new and changed files are extracted.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Drop the articles of kept sources whose file is gone "
    "(listed in removed.json, which `load neo4j` reads).",
)
@click.option("--fresh", is_flag=True, help="Ignore the sources of the build in --out: build SOURCES alone.")
@click.option("--base", default=None, help="Base IRI of the entities (default https://w3id.org/unionkg/).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes extracting files in parallel (one file is one worker's unit).",
)
@click.option(
    "--corrections",
    "corrections",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A corrections CSV file or folder (repeat for more; docs/curation.md). The corrections/ "
    "folders beside SOURCES and those of the build in --out are read too.",
)
@click.option(
    "--date",
    default=None,
    help="The date of the one file given (2024-05-08, 2024-05 or 2024), before any date the file gives.",
)
def build(sources, out_dir, base, as_json, workers, prune, fresh, corrections, date):
    """Build the graph from SOURCES (files or folders): RDF dumps, GraphML, articles
    and the embedded store that `unionkg query` uses with no server."""
    if not sources and (fresh or not (out_dir / pipeline.SOURCES_JSONL).is_file()):
        raise click.UsageError(f"give SOURCES to build ({out_dir}/ holds no build to add to)")
    if date is not None and not (len(sources) == 1 and sources[0].is_file() and dates.normalise(date)):
        raise click.UsageError("--date takes one date (2024-05-08, 2024-05 or 2024) and one file")
    try:
        report = pipeline.build(
            sources,
            out_dir,
            base=base,
            progress=_ProgressBar(),
            workers=workers,
            prune=prune,
            fresh=fresh,
            corrections=corrections,
            date=date,
        )
    except KeyboardInterrupt:
        click.echo(f"interrupted: {out_dir}/ is left as it was", err=True)
        sys.exit(EXIT_INTERRUPTED)
    summary = report.summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        click.echo(
            f"built {out_dir}/ in {summary['seconds']} s ({summary['articles_per_second']} articles/s extraction)"
        )
        click.echo(f"articles: {summary['articles']}")
        click.echo("entities: " + ", ".join(f"{k} {v}" for k, v in summary["entities"].items()))
        click.echo("relations: " + ", ".join(f"{k} {v}" for k, v in summary["relations"].items()))
        used = summary["sources"]
        click.echo(
            f"sources: {used['files']} files, {used['extracted']} extracted"
            + (f", {len(used['missing_kept'])} gone and kept" if used["missing_kept"] else "")
            + (f", {len(used['pruned'])} gone and pruned" if used["pruned"] else "")
            + (f"; entity ids redirected: {summary['redirects']}" if summary["redirects"] else "")
        )
        click.echo("files: " + " ".join(summary["files"]))
        if curated := report.graph.curation:
            click.echo(
                f"corrections: {curated['applied']} applied, {len(curated['rejected'])} facts rejected, "
                f"{len(curated['stale'])} stale"
            )
        click.echo(f"failed inputs: {len(summary['failures'])}")
    _report_failures(report.graph.failures)
    sys.exit(EXIT_INPUT_FAILED if report.graph.failures else 0)


@main.command()
@click.argument("build_dir", default="build", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--csv",
    "csv_path",
    default=Path("corrections/review.csv"),
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The review CSV; decided rows of the file there are kept. In a corrections/ folder beside "
    "the sources (or given to `build --corrections`), its decisions are applied by every build.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The review page (default: the CSV's path with .html).",
)
@click.option("--accept", multiple=True, metavar="ITEM", help="Accept an item's suggested correction.")
@click.option("--reject", multiple=True, metavar="ITEM", help="Reject an item's fact.")
@click.option(
    "--curator",
    default=lambda: os.environ.get("USER", "anonymous"),
    show_default="$USER",
    help="Who decides (with --accept and --reject).",
)
@click.option("--note", default="", help="Why (with --accept and --reject).")
@click.option("--top", default=10, show_default=True, help="Items printed.")
def review(build_dir, csv_path, html_path, accept, reject, curator, note, top):
    """List what in BUILD_DIR deserves a human look, worst first (docs/curation.md): a CSV
    with a decision column that builds read as corrections, and one HTML page."""
    from datetime import date

    from graph.curation import review as queue

    items = queue.review(pipeline.read_graph([build_dir]))
    try:
        queue.decide(
            items,
            {**{i: "accept" for i in accept}, **{i: "reject" for i in reject}},
            curator,
            date.today().isoformat(),
            note,
        )
    except (KeyError, ValueError) as err:
        _fail(str(err.args[0]))
    queue.write_csv(items, csv_path)
    html_path = html_path or csv_path.with_suffix(".html")
    html_path.write_text(queue.render_html(items, f"unionkg review: {build_dir}"), encoding="utf-8")
    for i in items[:top]:
        click.echo(
            f"{i.item} {i.score:.2f} {i.kind:15} {i.action} {i.target}{' → ' + i.value if i.value else ''}"
            f"{' [' + i.decision + ']' if i.decision else ''}"
        )
    click.echo(f"{len(items)} items: {csv_path} {html_path}")


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--gold-json",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder to write one <input stem>.json per input file, in the gold format.",
)
def extract(sources, gold_dir):
    """Extract entities and relations from SOURCES into gold-format JSON files."""
    run = pipeline.extract_sources(sources, _ProgressBar())
    written = pipeline.write_gold_json(run, gold_dir)
    click.echo(
        f"{len(run.graphs)} articles from {len(written)} files → {gold_dir}/ "
        f"({len(run.graphs) / run.seconds if run.seconds else 0:.0f} articles/s)"
    )
    _report_failures(run.failures)
    sys.exit(EXIT_INPUT_FAILED if run.failures else 0)


@main.command(name="eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold JSON files (paired with sources by file name).",
)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full score, misses included, as JSON.")
@click.option("--misses", default=20, show_default=True, help="How many misses to list.")
@click.option("--by-rule", is_flag=True, help="Also each extraction rule's count and precision, worst first.")
def evaluate(gold_dir, sources, as_json, misses, by_rule):
    """Score extraction from SOURCES against the gold annotations: precision, recall
    and F1 of articles, entities (per type) and relations (per predicate)."""
    score, run = pipeline.evaluate(gold_dir, sources)
    if as_json:
        click.echo(json.dumps(score.to_json(), ensure_ascii=False, indent=1))
    else:
        rows = [("articles", score.articles), ("entities", score.entities)]
        rows += [(f"  {k}", t) for k, t in sorted(score.entity_types.items())]
        rows += [("relations", score.relations)]
        rows += [(f"  {k}", t) for k, t in sorted(score.predicates.items())]
        click.echo(f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
        for label, t in rows:
            click.echo(f"{label:22} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} {t.tp + t.fn:5d}")
        if by_rule:
            click.echo(f"{'rule':34} {'found':>6} {'right':>6} {'P':>6}")
            for rule, t in sorted(score.rules.items(), key=lambda kv: (kv[1].precision, -kv[1].fp)):
                click.echo(f"{rule:34} {t.tp + t.fp:6d} {t.tp:6d} {t.precision:6.3f}")
        for m in score.misses[:misses]:
            click.echo(
                f"  {m['kind']}: {m.get('type', '')} {m.get('name') or m.get('relation', '')} {m['where']}"
            )
        click.echo(
            f"summary: articles F1 {score.articles.f1:.3f}, entities F1 {score.entities.f1:.3f}, "
            f"relations F1 {score.relations.f1:.3f}"
        )
    _report_failures(run.failures)
    sys.exit(EXIT_INPUT_FAILED if run.failures else 0)


@main.command()
@click.argument("build_dir", default="build", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(build_dir):
    """Check a build's RDF against the SHACL shapes of the ontology."""
    from graph.rdf import validate as run_validation

    result = run_validation(build_dir)
    click.echo(result.report if not result.conforms else f"{build_dir}: conforms to the unionkg shapes")
    sys.exit(0 if result.conforms else EXIT_INVALID)


@main.group()
def neo4j():
    """Run the local Neo4j server (fetched from Maven Central) for development and tests."""


@neo4j.command()
@click.option("--bolt-port", default=7687, show_default=True)
@click.option("--http-port", default=7474, show_default=True)
@click.option("--heap", default="1g", show_default=True, help="JVM heap size.")
@click.option("--page-cache", default="1g", show_default=True, help="Neo4j page cache size.")
def start(bolt_port, http_port, heap, page_cache):
    """Start the local server on 127.0.0.1 and wait until it answers (the password
    of user neo4j is NEO4J_PASSWORD, set at the first start; jars fetched once)."""
    from graph.neo4j import server as neo4j_server

    config = neo4j_server.ServerConfig(bolt_port, http_port, heap, page_cache)
    try:
        info = neo4j_server.start(config)
    except neo4j_server.ServerError as err:
        _fail(err)
    click.echo(f"Neo4j running (pid {info.pid}): {info.bolt_uri}, browser {info.http_uri}/browser/")


def _fail(err: Exception, code: int = EXIT_INVALID) -> None:
    click.echo(f"error: {err}", err=True)
    sys.exit(code)


@neo4j.command()
def stop():
    """Stop the local server."""
    from graph.neo4j import server as neo4j_server

    try:
        click.echo("stopped" if neo4j_server.stop() else "not running")
    except neo4j_server.ServerError as err:
        _fail(err)


@neo4j.command()
def status():
    """Say whether the local server runs, and where."""
    from graph.neo4j import server as neo4j_server

    info = neo4j_server.status()
    click.echo(f"running (pid {info.pid}): {info.bolt_uri}" if info else "stopped")
    sys.exit(0 if info else EXIT_INVALID)


@main.group()
def load():
    """Load the graph into a database."""


@load.command(name="neo4j")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--uri", default=None, help="Bolt or routing URI (default NEO4J_URI, else bolt://127.0.0.1:7687)."
)
@click.option("--user", default=None, help="User name (default NEO4J_USER, else neo4j).")
@click.option("--database", default=None, help="Database name (default NEO4J_DATABASE, else neo4j).")
@click.option("--base", default=None, help="Base IRI of the entities (default https://w3id.org/unionkg/).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--after-import",
    is_flag=True,
    help="Load no PATHS: create the indexes and complete a `neo4j-admin` import of `export neo4j-csv` files.",
)
@click.option(
    "--batch-size", default=5000, show_default=True, type=click.IntRange(min=1), help="Rows per transaction."
)
@click.option(
    "--retry-seconds",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="How long a batch that failed on a transient error is retried, with growing pauses.",
)
def load_neo4j(paths, uri, user, database, base, as_json, after_import, batch_size, retry_seconds):
    """Load PATHS (one build folder, or source files and folders) into Neo4j: idempotent
    and incremental. The password is NEO4J_PASSWORD, else asked for. If Neo4j fails
    midway, the batches written are listed and running the same command again completes
    the load."""
    import os

    from graph.iris import DEFAULT_BASE
    from graph.neo4j.loader import (
        LoadInterrupted,
        Neo4jSettings,
        Neo4jUnavailable,
        collector_paused,
        connect,
        prepare,
    )
    from graph.neo4j.loader import load as load_graph
    from graph.neo4j.rows import to_property_graph

    if bool(paths) == after_import:
        raise click.UsageError("give PATHS to load, or --after-import alone")
    password = os.environ.get("NEO4J_PASSWORD") or click.prompt("Neo4j password", hide_input=True, err=True)
    settings = Neo4jSettings.from_env(uri=uri, user=user, password=password, database=database)
    settings = dataclasses.replace(settings, retry_seconds=retry_seconds)
    try:
        if after_import:
            prepare(settings)
            click.echo(f"indexes created, import completed in {settings.uri} (database {settings.database})")
            return
        connect(settings).close()  # a wrong password should not wait for the sources to be read
        with collector_paused():
            kg = pipeline.read_graph(paths, _ProgressBar())
            failures = kg.failures
            rows = to_property_graph(kg, base or DEFAULT_BASE)
            del kg  # the rows are all the load needs: at 100k articles the graph held 0.7 GiB more
        report = load_graph(
            rows,
            settings,
            progress=_ProgressBar("loading"),
            batch_size=batch_size,
            on_retry=_echo_retry,
            removed=pipeline.read_removed(paths),
        )
    except LoadInterrupted as err:
        written = "; ".join(f"{kind} {rows}" for kind, rows in err.report.written().items())
        click.echo(
            f"{_below_progress_bar()}error: {err}\n"
            f"written before the failure (each batch whole or not at all): {written}\n"
            "loading is idempotent: run the same command again to complete the load",
            err=True,
        )
        sys.exit(EXIT_INVALID)
    except Neo4jUnavailable as err:
        _fail(err)
    summary = report.summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        click.echo(
            f"loaded {report.rows} rows into {settings.uri} (database {settings.database}) "
            f"in {summary['seconds']} s ({summary['rows_per_second']} rows/s)"
        )
        for kind, tally in report.tallies.items():
            click.echo(
                f"{kind}: {tally.created} created, {tally.updated} updated, {tally.unchanged} unchanged"
                f" in {report.seconds_by_kind.get(kind, 0):.1f} s"
            )
        if report.removed_articles:
            click.echo(f"removed articles deleted: {len(report.removed_articles)}")
        if report.replaced_articles:
            click.echo(
                f"changed articles replaced: {len(report.replaced_articles)} "
                f"({report.deleted} old nodes and relationships deleted)"
            )
    _report_failures(failures)
    sys.exit(EXIT_INPUT_FAILED if failures else 0)


def _below_progress_bar() -> str:
    """A line break that ends a progress bar drawn on a terminal."""
    return "\n" if sys.stderr.isatty() else ""


def _echo_retry(delay: float, reason: str) -> None:
    click.echo(
        f"{_below_progress_bar()}Neo4j: a batch failed ({reason}); retrying in {delay:.1f} s", err=True
    )


@main.group()
def export():
    """Write the graph in the formats of other tools."""


@export.command(name="neo4j-csv")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from",
    "paths",
    multiple=True,
    default=["build"],
    show_default=True,
    type=click.Path(exists=True, path_type=Path),
    help="A build folder, or source files and folders (repeat the option for more).",
)
@click.option("--base", default=None, help="Base IRI of the entities (default https://w3id.org/unionkg/).")
def export_neo4j_csv(out_dir, paths, base):
    """CSV files with headers for `neo4j-admin database import full`, for graphs too big
    to load in transactions; prints the import command."""
    import shlex

    from graph.iris import DEFAULT_BASE
    from graph.neo4j.csv_export import import_arguments, write_csv

    kg = pipeline.read_graph(paths, _ProgressBar())
    export = write_csv(kg, out_dir, base or DEFAULT_BASE)
    click.echo(", ".join(f"{name} {n}" for name, n in export.rows.items()) + f" → {out_dir}/")
    click.echo("import into a stopped server (replaces the database):")
    click.echo("  neo4j-admin " + shlex.join(import_arguments(out_dir)))
    click.echo("then start it and create the indexes: unionkg load neo4j --after-import")
    _report_failures(kg.failures)
    sys.exit(EXIT_INPUT_FAILED if kg.failures else 0)


@export.command(name="gexf")
@click.argument("out_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "paths",
    multiple=True,
    default=["build"],
    show_default=True,
    type=click.Path(exists=True, path_type=Path),
    help="A build folder, or source files and folders (repeat the option for more).",
)
def export_gexf(out_file, paths):
    """The graph as GEXF for Gephi (nodes with label, type, aliases; edges with the
    relation). GraphML is in every build folder already."""
    from graph.analysis.network import write_gexf

    kg = pipeline.read_graph(paths, _ProgressBar())
    write_gexf(kg, out_file)
    click.echo(f"{len(kg.nodes)} nodes, {len(kg.edges)} edges → {out_file}")
    _report_failures(kg.failures)
    sys.exit(EXIT_INPUT_FAILED if kg.failures else 0)


@main.group()
def query():
    """Saved research questions (queries/), answered from a build's embedded store or
    from Neo4j, the same rows from both."""


@query.command(name="list")
def query_list():
    """List the saved questions: name, Chinese and English title."""
    from queries.library import questions

    saved = questions().values()
    width = max(len(q.name) for q in saved)
    for q in saved:
        click.echo(f"{q.name:{width}}  {q.title_zh} | {q.title_en}")


@query.command(name="show")
@click.argument("name")
def query_show(name):
    """Show what question NAME answers, its parameters, its Cypher and its SPARQL."""
    from queries.library import UnknownQuestion, get

    try:
        question = get(name)
    except UnknownQuestion as err:
        _fail(err, EXIT_USAGE)
    click.echo(question.header)
    click.echo(f"\n--- {name}.cypher\n{question.cypher}\n--- {name}.rq\n{question.sparql}", nl=False)


@query.command(name="run")
@click.argument("name")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the question (repeatable); the others keep their defaults.",
)
@click.option(
    "--backend",
    type=click.Choice(["embedded", "neo4j"]),
    default="embedded",
    show_default=True,
    help="embedded: the store of the build in --graph, no server; neo4j: the server of NEO4J_URI.",
)
@click.option(
    "--graph",
    "graph_dir",
    default="build",
    show_default=True,
    type=click.Path(path_type=Path),
    help="The build folder (output of `unionkg build`) the embedded backend reads.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="json: an object whose 'rows' list has one object per row, with the total and the next offset.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Rows per page, in the question's order.",
)
@click.option(
    "--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Rows to skip: the next page."
)
@click.option("--all", "every_row", is_flag=True, help="Every row, not one page.")
def query_run(name, params, backend, graph_dir, output_format, limit, offset, every_row):
    """Answer the saved question NAME: a page of rows (the first 50 unless --limit,
    --offset or --all say otherwise) and the total number of rows."""
    from graph.neo4j.loader import Neo4jUnavailable
    from queries.library import OutdatedStore, Page, ParameterError, UnknownQuestion, run

    values = {}
    for assignment in params:
        key, sep, value = assignment.partition("=")
        if not sep:
            _fail(f"--param {assignment!r} is not KEY=VALUE", EXIT_USAGE)
        values[key.strip()] = value
    try:
        page = Page(limit=None, offset=offset) if every_row else Page(limit, offset)
        answer = run(name, values, backend=backend, graph=graph_dir, page=page)
    except (UnknownQuestion, ParameterError) as err:
        _fail(err, EXIT_USAGE)
    except FileNotFoundError:
        _fail(
            f"{graph_dir} is not a build folder (no {graph_dir / 'store'}): "
            f"run `unionkg build SOURCES --out {graph_dir}` first"
        )
    except (Neo4jUnavailable, OutdatedStore) as err:
        _fail(err)
    if output_format == "json":
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=1))
    elif output_format == "csv":
        click.echo(answer.to_csv(), nl=False)
        click.echo(answer.extent, err=True)  # CSV holds rows only: which rows, on stderr
    else:
        click.echo(answer.to_table())


@query.command(name="favourites")
@click.option(
    "--out",
    "out_path",
    default="unionkg-favourites.zip",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The zip file to write.",
)
def query_favourites(out_path):
    """Write the Cypher questions as Neo4j Browser favourites (Favorites → Import), each
    setting its parameters to the defaults and then running."""
    from queries.browser import write_favourites

    click.echo(f"wrote {write_favourites(out_path)}")


@query.command(name="guide")
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the guide to this HTML file instead of serving it.",
)
def query_guide(port, out_path):
    """Serve the Cypher questions as a Neo4j Browser guide, a slide each, until Ctrl-C;
    in Browser run `:guide http://localhost:PORT/unionkg.html`. With --out, write the
    page instead, for a web server Browser may fetch from (one of its server's
    browser.remote_content_hostname_whitelist, sending Access-Control-Allow-Origin)."""
    from queries.browser import guide_html, guide_url, serve_guide

    if out_path:
        out_path.write_text(guide_html(), encoding="utf-8")
        click.echo(f"wrote {out_path}")
        return
    try:
        server = serve_guide(port)
    except OSError as err:
        _fail(f"cannot serve on 127.0.0.1:{port}: {err.strerror}")
    click.echo(f"serving the guide until Ctrl-C; in Neo4j Browser run  :guide {guide_url(server)}")
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


_graph_option = click.option(
    "--graph",
    "graph_path",
    default="build",
    show_default=True,
    type=click.Path(exists=True, path_type=Path),
    help="A build folder (output of `unionkg build`), or a folder of sources to extract first.",
)


@main.command()
@_graph_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="csv: one file per section in --out.",
)
@click.option(
    "--top",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many organisations and people, and communities, to list.",
)
@click.option(
    "--by",
    type=click.Choice(["pagerank", "betweenness", "degree", "articles"]),
    default="pagerank",
    show_default=True,
    help="What ranks the organisations and people.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the CSV files (centrality.csv, communities.csv, hierarchy.csv, timeline.csv).",
)
@click.option(
    "--timeline",
    "chart_stem",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw articles, events and facts per month into STEM.png and STEM.svg.",
)
def analyse(graph_path, output_format, top, by, out_dir, chart_stem):
    """Network analytics: degree, PageRank and betweenness of organisations and people;
    communities of organisations that appear together; the union hierarchy as a tree;
    articles, mentions and facts per month where dates are known."""
    from graph.analysis.metrics import analyse as run_analysis
    from queries.library import Answer

    if output_format == "csv" and out_dir is None:
        raise click.UsageError("--format csv writes one file per section: give --out DIR")
    kg = pipeline.read_graph([graph_path], _ProgressBar())
    result = run_analysis(kg, top, by)
    if output_format == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    elif output_format == "csv":
        out_dir.mkdir(parents=True, exist_ok=True)
        for section, table in result.tables().items():
            answer = Answer.whole(section, "networkx", table.columns, table.rows)
            (out_dir / f"{section}.csv").write_text(answer.to_csv(), encoding="utf-8")
        click.echo(f"{', '.join(f'{s}.csv' for s in result.tables())} → {out_dir}/")
    else:
        tables = {
            section: Answer.whole(section, "networkx", t.columns, t.rows)
            for section, t in result.tables(brief=True).items()
        }
        click.echo(
            f"{result.nodes} entities, {result.edges} relations, {result.articles} articles "
            f"({result.dated_articles} dated)"
        )
        click.echo(f"\nCentrality of organisations and people, by {by}\n" + tables["centrality"].to_table())
        click.echo("\nCommunities of organisations that appear together\n" + tables["communities"].to_table())
        click.echo(
            "\nHierarchy (隶属 part of, 的工会 the union of)\n" + (result.hierarchy_text() or "(none)")
        )
        click.echo(
            "\nPer month\n"
            + (tables["timeline"].to_table() if result.timeline else "(no article has a date)")
        )
    if chart_stem is not None:
        from graph.analysis.chart import draw

        click.echo(
            "timeline chart → " + " ".join(str(p) for p in draw(kg, chart_stem)), err=output_format != "table"
        )
    _report_failures(kg.failures)
    sys.exit(EXIT_INPUT_FAILED if kg.failures else 0)


@main.command()
@_graph_option
@click.option(
    "--out",
    "out_file",
    default="graph.html",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
@click.option(
    "--max-nodes",
    default=1500,
    show_default=True,
    type=click.IntRange(min=1),
    help="Show at most this many entities, the best connected.",
)
@click.option("--title", default="unionkg 工会知识图谱", show_default=True, help="Title of the page.")
def view(graph_path, out_file, max_nodes, title):
    """One self-contained HTML page of the graph (opens offline in any browser): nodes
    coloured by type, a search box, and a click on a node shows its facts and sources."""
    from graph.analysis.view import write_html

    kg = pipeline.read_graph([graph_path], _ProgressBar())
    write_html(kg, out_file, title=title, max_nodes=max_nodes)
    shown = min(max_nodes, len(kg.nodes))
    click.echo(f"{shown} of {len(kg.nodes)} entities, {out_file.stat().st_size / 1e6:.1f} MB → {out_file}")
    _report_failures(kg.failures)
    sys.exit(EXIT_INPUT_FAILED if kg.failures else 0)
