"""The ``unionkg`` command: one thin wrapper per library function.

Exit codes: 0 all went well; 1 some input failed (named on stderr, the rest done);
2 usage errors; 3 the graph does not validate or a service is unreachable.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph import pipeline

EXIT_INPUT_FAILED = 1
EXIT_INVALID = 3


def _report_failures(failures) -> None:
    for f in failures:
        click.echo(f"error: {f}", err=True)


class _ProgressBar:
    """A progress bar on stderr for runs of more than a few files."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int, name: str) -> None:
        if total < 5:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="reading", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)
        if done == total:
            self.bar.__exit__(None, None, None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="unionkg")
def main() -> None:
    """unionkg: a knowledge graph of Beijing trade-union organisations and activities,
    read from 劳动午报 pages and articles."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Output folder (replaced atomically at the end).")
@click.option("--base", default=None, help="Base IRI of the entities (default https://w3id.org/unionkg/).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def build(sources, out_dir, base, as_json):
    """Build the graph from SOURCES (files or folders): RDF dumps, GraphML, articles
    and the embedded store that `unionkg query` uses with no server."""
    report = pipeline.build(sources, out_dir, base=base, progress=_ProgressBar())
    summary = report.summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        click.echo(f"built {out_dir}/ in {summary['seconds']} s ({summary['articles_per_second']} articles/s extraction)")
        click.echo(f"articles: {summary['articles']}")
        click.echo("entities: " + ", ".join(f"{k} {v}" for k, v in summary["entities"].items()))
        click.echo("relations: " + ", ".join(f"{k} {v}" for k, v in summary["relations"].items()))
        click.echo("files: " + " ".join(summary["files"]))
        click.echo(f"failed inputs: {len(summary['failures'])}")
    _report_failures(report.graph.failures)
    sys.exit(EXIT_INPUT_FAILED if report.graph.failures else 0)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--gold-json", "gold_dir", required=True, type=click.Path(path_type=Path),
              help="Folder to write one <input stem>.json per input file, in the gold format.")
def extract(sources, gold_dir):
    """Extract entities and relations from SOURCES into gold-format JSON files."""
    run = pipeline.extract_sources(sources, _ProgressBar())
    written = pipeline.write_gold_json(run, gold_dir)
    click.echo(f"{len(run.graphs)} articles from {len(written)} files → {gold_dir}/ "
               f"({len(run.graphs) / run.seconds if run.seconds else 0:.0f} articles/s)")
    _report_failures(run.failures)
    sys.exit(EXIT_INPUT_FAILED if run.failures else 0)


@main.command(name="eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold JSON files (paired with sources by file name).")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full score, misses included, as JSON.")
@click.option("--misses", default=20, show_default=True, help="How many misses to list.")
def evaluate(gold_dir, sources, as_json, misses):
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
        for m in score.misses[:misses]:
            click.echo(f"  {m['kind']}: {m.get('type', '')} {m.get('name') or m.get('relation', '')} {m['where']}")
        click.echo(f"summary: articles F1 {score.articles.f1:.3f}, entities F1 {score.entities.f1:.3f}, "
                   f"relations F1 {score.relations.f1:.3f}")
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
def start(bolt_port, http_port):
    """Start the local server on 127.0.0.1 (password from NEO4J_PASSWORD)."""
    from graph import neo4j_server

    info = neo4j_server.start(bolt_port=bolt_port, http_port=http_port)
    click.echo(f"Neo4j running (pid {info.pid}): {info.bolt_uri}, browser {info.http_uri}/browser/")


@neo4j.command()
def stop():
    """Stop the local server."""
    from graph import neo4j_server

    click.echo("stopped" if neo4j_server.stop() else "not running")


@neo4j.command()
def status():
    """Say whether the local server runs, and where."""
    from graph import neo4j_server

    info = neo4j_server.status()
    click.echo(f"running (pid {info.pid}): {info.bolt_uri}" if info else "stopped")
    sys.exit(0 if info else EXIT_INVALID)
