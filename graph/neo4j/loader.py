"""Load a :class:`~graph.model.KnowledgeGraph` into Neo4j, idempotently and incrementally.

The rows are those of :mod:`graph.neo4j.rows`; the Cypher is in :mod:`graph.neo4j.cypher`.
Constraints and indexes come first; then articles, entities, mentions and facts are
merged in batches (``UNWIND $rows … MERGE``), each batch one managed write transaction
that the driver retries on transient errors. No plugin (APOC) is needed. Rows the
database does not have when the load begins (articles and entities it lacks, the facts
of an entity it lacks) are created instead, with no look-up; a batch of them that another
load wrote meanwhile fails on its key's constraint, whole, and is merged.

- Idempotent: loading the same graph again creates nothing and changes nothing.
- Incremental: a new article adds its nodes and facts to what is there; an article
  whose text changed (same id, other checksum) first has its mentions and its evidence
  taken out of the graph, and its facts that no other article states are deleted; so
  has an article the build removed (``removed``), which is then deleted, and entities no
  article names any more go with them. An entity whose IRI the build publishes as a
  redirect is deleted before the entities are merged (it comes back under its new IRI)
  and its IRI becomes a ``(:Redirect)-[:SAME_AS]->`` the entity.

Two sessions write batches of a kind at once: the server works on one while the driver
packs the next, and on two cores it works on both. Their batches hold different keys, so
they seldom deadlock (at most once in a 100k-article load here; the driver retries the
batch). Facts go one batch at a time: their ``MERGE`` locks both ends
of each relationship, and two sessions deadlocked on the entities most facts share.

Faults: each batch is one transaction, written whole or not at all, and merging makes a
batch safe to write twice. The driver retries a batch that failed on a transient error (a
deadlock, a lock wait that timed out, a lost connection, a server that does not answer)
with pauses that double from 1 s, for ``retry_seconds``; it does not retry a transaction
the server terminated (as a server that stops does). Then the load starts no more batches,
lets the one being written by the other session end, and stops with
:class:`LoadInterrupted`, whose report says how many rows of each kind were written, and
running the same load again completes it.

Connection settings come from :class:`Neo4jSettings` (``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); routing URIs (``neo4j://``, ``neo4j+s://``) work
against a cluster.

>>> Neo4jSettings.from_env({"NEO4J_PASSWORD": "x"}).uri
'bolt://127.0.0.1:7687'
>>> "x" in repr(Neo4jSettings(password="x"))  # the password never appears in output
False
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
)

from graph.iris import DEFAULT_BASE
from graph.model import KnowledgeGraph
from graph.neo4j import cypher
from graph.neo4j.rows import PropertyGraph, to_property_graph

# rows of the graph per transaction: fewer, larger transactions took a tenth less of the
# server's and the client's CPU than 1,000 at 100k articles (fewer commits; a batch of
# mentions looks each entity up once)
BATCH_SIZE = 5000
# A batch of facts also closes at this many pieces of evidence: a fact carries its own (a
# hub's fact at 100k articles has thousands, with their snippets), the server holds a
# transaction in memory, and a load again compares them all (1,000 facts at once ran out of
# the 717 MiB of transaction memory of a 1 GB heap at 100k articles)
EVIDENCE_PER_BATCH = 20_000
WRITERS = 2  # sessions writing batches at once
Progress = Callable[[int, int], None]  # (rows done, rows total)
OnRetry = Callable[[float, str], None]  # (seconds until the retry, why the batch failed)


class Neo4jUnavailable(RuntimeError):
    """The server cannot be reached, refuses the credentials, or lacks the database."""


class LoadInterrupted(Neo4jUnavailable):
    """The server failed during a load; ``report`` holds what was written before."""

    def __init__(self, message: str, report: "LoadReport"):
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"
    retry_seconds: float = 30.0  # how long a failed batch is retried before the load stops

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ, **overrides: str | None) -> "Neo4jSettings":
        """Settings from ``NEO4J_*`` variables; ``overrides`` that are not None win."""
        values = {
            "uri": env.get("NEO4J_URI", cls.uri),
            "user": env.get("NEO4J_USER", cls.user),
            "password": env.get("NEO4J_PASSWORD", ""),
            "database": env.get("NEO4J_DATABASE", cls.database),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def connect(settings: Neo4jSettings) -> Driver:
    """A driver whose server answered and accepted the credentials."""
    driver = GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        max_transaction_retry_time=settings.retry_seconds,
        notifications_min_severity="OFF",
    )  # e.g. "property checksum does not exist yet"
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database)
    except AuthError:
        driver.close()
        raise Neo4jUnavailable(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong password (set NEO4J_PASSWORD)"
        ) from None
    except ClientError as err:
        driver.close()
        raise Neo4jUnavailable(f"Neo4j at {settings.uri}: {err.message}") from None
    except (ServiceUnavailable, DriverError, OSError):
        driver.close()
        raise Neo4jUnavailable(
            f"Neo4j is not reachable at {settings.uri}: is it running? "
            "(`unionkg neo4j start` runs a local one)"
        ) from None
    return driver


def _reason(err: BaseException) -> str:
    """Why, in one line: a server error's code and message; a driver error's last line,
    its most specific (e.g. "… (reason [Errno 111] Connection refused)")."""
    if isinstance(err, Neo4jError):
        return f"{err.code}: {(err.message or '').strip().splitlines()[0]}"
    return (str(err).strip().splitlines() or [type(err).__name__])[-1]


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadReport:
    tallies: dict[str, Tally] = field(default_factory=dict)  # articles, entities, mentions, facts
    planned: dict[str, int] = field(default_factory=dict)  # rows of each kind to write
    replaced_articles: list[str] = field(default_factory=list)  # ids of articles whose text changed
    removed_articles: list[str] = field(default_factory=list)  # ids of articles the build removed
    deleted: int = 0  # nodes and relationships removed while replacing them
    seconds_by_kind: dict[str, float] = field(default_factory=dict)  # of each kind written whole
    rows: int = 0
    seconds: float = 0.0
    complete: bool = False  # False: the server failed; the tallies count what was written

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def written(self) -> dict[str, str]:
        """For each kind, how many of its rows are written, e.g. ``'100 of 266 rows'``.

        >>> report = LoadReport({"articles": Tally(created=31)}, {"articles": 31, "entities": 266})
        >>> report.written()
        {'articles': '31 of 31 rows', 'entities': '0 of 266 rows'}
        """
        return {
            kind: f"{self.tallies.get(kind, Tally()).rows} of {n} rows" for kind, n in self.planned.items()
        }

    def summary(self) -> dict:
        return {
            **{kind: vars(t) for kind, t in self.tallies.items()},
            "replaced_articles": len(self.replaced_articles),
            "removed_articles": len(self.removed_articles),
            "deleted": self.deleted,
            "seconds_by_kind": {kind: round(seconds, 2) for kind, seconds in self.seconds_by_kind.items()},
            "rows": self.rows,
            "seconds": round(self.seconds, 2),
            "rows_per_second": round(self.rows_per_second),
            "complete": self.complete,
        }


def load(
    graph: KnowledgeGraph | PropertyGraph,
    settings: Neo4jSettings,
    *,
    base: str = DEFAULT_BASE,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    writers: int = WRITERS,
    on_retry: OnRetry | None = None,
    removed: list[str] = (),
) -> LoadReport:
    """Load ``graph`` (or its rows, ``to_property_graph(kg, base)``) into the database of
    ``settings``; see the module notes. ``writers`` sessions write at once; ``on_retry``
    hears of each batch the driver retries; ``removed`` are ids of articles to take out
    (a build's ``removed.json``)."""
    with collector_paused(), connect(settings) as driver, _retries_reported_to(on_retry):
        pg = graph if isinstance(graph, PropertyGraph) else to_property_graph(graph, base)
        loader = _Loader(driver, settings.database, progress, batch_size, writers)
        try:
            return loader.run(pg, list(removed))
        except (DriverError, OSError) as err:  # lost connection, server gone for longer than the retries
            message = f"lost Neo4j at {settings.uri} while loading: {_reason(err)}"
        except Neo4jError as err:
            message = f"Neo4j at {settings.uri} failed the load: {_reason(err)}"
        raise LoadInterrupted(message, loader.report) from None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off during a load: the graph and its rows are
    millions of objects that live on, and at 100k articles each full collection walked
    them for 5 s and freed nothing (what the load drops, reference counting frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _RetryHandler(logging.Handler):
    """The driver announces each retry as a warning, "Transaction failed and will be
    retried in %ss (%s)": hand the delay and the first line of the error to a callback."""

    def __init__(self, on_retry: OnRetry):
        super().__init__(logging.WARNING)
        self.on_retry = on_retry

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("Transaction failed and will be retried") and len(record.args) == 2:
            delay, error = record.args
            self.on_retry(float(delay), _reason(error))


@contextmanager
def _retries_reported_to(on_retry: OnRetry | None) -> Iterator[None]:
    # without a handler of ours, Python's last-resort handler prints the driver's raw warnings
    handler = _RetryHandler(on_retry or (lambda delay, reason: None))
    driver_log = logging.getLogger("neo4j")
    driver_log.addHandler(handler)
    try:
        yield
    finally:
        driver_log.removeHandler(handler)


def empty(settings: Neo4jSettings) -> None:
    """Delete every node and relationship of the database; constraints and indexes stay."""
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        for statement in cypher.EMPTY:
            session.run(statement).consume()


def prepare(settings: Neo4jSettings) -> None:
    """Create the constraints and indexes, and complete what a ``neo4j-admin`` import
    of :mod:`graph.neo4j.csv_export` files leaves out (empty lists); :func:`load` does this too."""
    with connect(settings) as driver:
        _prepare(driver, settings.database)


def _prepare(driver: Driver, database: str) -> None:
    for statement in cypher.schema() + cypher.EMPTY_LISTS:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


class _Loader:
    def __init__(
        self, driver: Driver, database: str, progress: Progress | None, batch_size: int, writers: int
    ):
        self.driver, self.database, self.progress, self.batch_size = driver, database, progress, batch_size
        self.writers = writers
        self.report = LoadReport()
        self.done = self.total = 0

    def run(self, pg: PropertyGraph, removed: list[str]) -> LoadReport:
        started = time.perf_counter()
        # the client groups the mentions (4 s at 100k articles) while the server prepares,
        # looks up and writes what comes before them
        grouping = ThreadPoolExecutor(1)
        mentions = grouping.submit(_mentions_by_article, pg)
        grouping.shutdown(wait=False)
        articles = [n.props for n in pg.articles]
        self.report.planned = {
            "articles": len(pg.articles),
            "entities": len(pg.entities),
            "mentions": len(pg.mentions),
            "facts": len(pg.facts),
        }
        self.total = pg.rows
        _prepare(self.driver, self.database)
        # a first load has nothing in the database to compare with, replace or delete
        first = self._database_empty()
        checksums = {a["id"]: a["checksum"] for a in articles}
        in_database = (
            {} if first else self._checksums([*checksums, *(i for i in removed if i not in checksums)])
        )
        changed = [i for i, checksum in in_database.items() if i in checksums and checksum != checksums[i]]
        removed = [i for i in in_database if i not in checksums]  # those loaded before: no scan for the rest
        self.report.replaced_articles, self.report.removed_articles = changed, removed
        if not first:
            self._write(cypher.FILL_EVIDENCE_TITLES)
        orphans = self._forget(changed + removed) if changed or removed else []
        if removed:
            self.report.deleted += self._write(cypher.DELETE_ARTICLES, ids=removed)[1].nodes_deleted
        redirects = [r.row() for r in pg.redirects]
        if not first:
            counters = self._write(
                cypher.DELETE_REDIRECTED,
                redirected=[r["source"] for r in redirects],
                live=[n.props["iri"] for n in pg.entities],
            )[1]
            self.report.deleted += counters.nodes_deleted + counters.relationships_deleted
        entities = [n.props for n in pg.entities]
        known = set() if first else self._known_entities([e["iri"] for e in entities])
        new_entities = [e for e in entities if e["iri"] not in known]
        facts = [r.row() for r in pg.facts]
        new_facts = [f for f in facts if f["source"] not in known or f["target"] not in known]
        # kind → statements (new rows, the others) and their $rows, rows of the graph in each,
        # sessions, the parameters of a batch
        batches = {
            "articles": (
                (cypher.CREATE_ARTICLES, [a for a in articles if a["id"] not in in_database]),
                (cypher.MERGE_ARTICLES, [a for a in articles if a["id"] in in_database]),
                _one,
                self.writers,
                _rows,
            ),
            "entities": (
                (cypher.CREATE_ENTITIES, new_entities),
                (cypher.MERGE_ENTITIES, [e for e in entities if e["iri"] in known]),
                _one,
                self.writers,
                _rows,
            ),
            "mentions": (None, (cypher.MERGE_MENTIONS, mentions), _spans, self.writers, _entity_table),
            "facts": (
                (cypher.CREATE_FACTS, new_facts),
                (cypher.MERGE_FACTS, [f for f in facts if f["source"] in known and f["target"] in known]),
                _one,
                1,
                _rows,
            ),
        }
        if redirects:
            batches["redirects"] = (None, (cypher.MERGE_REDIRECTS, redirects), _one, 1, _rows)
            self.report.planned["redirects"] = len(redirects)

        for kind, (new, (statement, rows), size, writers, parameters) in batches.items():
            kind_started = time.perf_counter()
            if new and new[1]:
                self._merge(kind, *new, size, writers, parameters, merge=statement)
            rows = rows.result() if isinstance(rows, Future) else rows
            self._merge(kind, statement, rows, size, writers, parameters)
            self.report.seconds_by_kind[kind] = time.perf_counter() - kind_started
        if orphans:
            self.report.deleted += self._write(cypher.DELETE_ORPHANS, iris=orphans)[1].nodes_deleted
        if pg.rejected:
            self.report.deleted += self._write(cypher.DELETE_REJECTED, keys=pg.rejected)[
                1
            ].relationships_deleted

        self.report.rows = self.total
        self.report.seconds = time.perf_counter() - started
        self.report.complete = True
        return self.report

    def _database_empty(self) -> bool:
        records, _, _ = self.driver.execute_query(cypher.NODES, database_=self.database)
        return records[0]["nodes"] == 0

    def _checksums(self, ids: list[str]) -> dict[str, str]:
        """The checksum of each of ``ids`` already in the database."""
        records, _, _ = self.driver.execute_query(
            cypher.ARTICLE_CHECKSUMS, ids=_UnloggedList(ids), database_=self.database
        )
        return {r["id"]: r["checksum"] for r in records}

    def _known_entities(self, iris: list[str]) -> set[str]:
        """Those of ``iris`` that name an entity in the database."""
        records, _, _ = self.driver.execute_query(
            cypher.KNOWN_ENTITIES, iris=_UnloggedList(iris), database_=self.database
        )
        return set(records[0]["known"])

    def _forget(self, ids: list[str]) -> list[str]:
        """Take the changed or removed articles' mentions and evidence out; the entities they named."""
        record, counters = self._write(cypher.FORGET_MENTIONS, ids=ids)
        _, fact_counters = self._write(cypher.FORGET_FACTS, ids=ids)
        self.report.deleted += counters.relationships_deleted + fact_counters.relationships_deleted
        return record["entities"] if record else []

    def _merge(
        self,
        kind: str,
        statement: str,
        rows: list[dict],
        size: Callable[[dict], int],
        writers: int,
        parameters: Callable[[list], dict],
        merge: str | None = None,
    ) -> None:
        """Write ``rows`` in batches of about ``batch_size`` rows of the graph (a $rows
        item holds ``size(item)`` of them, and is never split), ``writers`` at once; a
        batch is sent as ``parameters(batch)``.
        After a batch fails no other starts; those written meanwhile are counted.
        ``merge``: the statement for a batch that ``statement``, a CREATE, finds written
        already (by another load, or before an answer was lost)."""
        tally = self.report.tallies.setdefault(kind, Tally())
        failure = None
        write = partial(self._create, merge=merge) if merge else self._write

        def send(batch: list) -> tuple:  # made by the writer, a batch's parameters live while it is written
            return write(statement, **parameters(batch))

        with ThreadPoolExecutor(writers) as pool:
            written = [
                (pool.submit(send, batch), in_batch)
                for batch, in_batch in _batches(rows, size, self.batch_size)
            ]
            for future, in_batch in written:
                try:
                    record, counters = future.result()
                except CancelledError:
                    continue
                except BaseException as err:  # Ctrl-C too: the batches being written end first
                    failure = failure or err
                    pool.shutdown(wait=False, cancel_futures=True)
                    continue
                created = counters.nodes_created or counters.relationships_created
                tally.created += created
                updated = record["updated"] if record else 0  # a CREATE returns nothing
                tally.updated += updated
                tally.unchanged += in_batch - created - updated
                self.done += in_batch
                if self.progress:
                    self.progress(self.done, self.total)
        if failure:
            raise failure

    def _create(self, statement: str, merge: str, **params):
        try:
            return self._write(statement, **params)
        except ConstraintError:  # the batch rolled back whole
            return self._write(merge, **params)

    def _write(self, statement: str, **params):
        """Run ``statement`` in a managed write transaction (retried on transient
        errors); its single record, if any, and its counters."""
        params = {
            name: _UnloggedList(value) if isinstance(value, list) else value for name, value in params.items()
        }

        def work(tx):
            result = tx.run(statement, **params)
            record = result.single()
            return record, result.consume().counters

        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)


class _UnloggedList(list):
    """A list parameter that the driver sends whole but does not format for its log: it formats
    every statement's parameters for its debug log even when that log is off, which took
    as much of the client's time as encoding them (17 s of a 100k-article load)."""

    def __repr__(self) -> str:
        return f"<{len(self)} items>"


def _batches(
    rows: list[dict], size: Callable[[dict], int], batch_size: int
) -> Iterator[tuple[list[dict], int]]:
    """``rows`` cut into lists that hold about ``batch_size`` rows of the graph, or
    ``EVIDENCE_PER_BATCH`` pieces of evidence of facts, each with its number of rows."""
    batch, in_batch, evidence = [], 0, 0
    for row in rows:
        batch.append(row)
        in_batch += size(row)
        evidence += _evidence(row)
        if in_batch >= batch_size or evidence >= EVIDENCE_PER_BATCH:
            yield batch, in_batch
            batch, in_batch, evidence = [], 0, 0
    if batch:
        yield batch, in_batch


def _evidence(row: dict | list) -> int:
    """Pieces of evidence a $rows item carries: a fact's own, none for other rows."""
    return len(row["props"].get("evidence", ())) if isinstance(row, dict) and "props" in row else 0


def _one(row: dict) -> int:
    return 1


def _rows(batch: list) -> dict:
    return {"rows": batch}


def _entity_table(batch: list[list]) -> dict:
    """The parameters of :data:`cypher.MERGE_MENTIONS` for a batch of articles: the IRIs of
    the entities they name, each once, and the articles, which name them by position."""
    positions: dict[str, int] = {}
    rows = [
        [iri, [[positions.setdefault(entity, len(positions)), spans] for entity, spans in named]]
        for iri, named in batch
    ]
    return {"entities": list(positions), "rows": rows}


def _spans(article: list) -> int:
    return sum(len(spans) for _, spans in article[1])


def _mentions_by_article(pg: PropertyGraph) -> list[list]:
    """Each article's IRI and the entities it names, each with its IRI and the spans
    (start, end, text: the mentions' properties) that name it; a batch of them becomes the
    parameters of :data:`cypher.MERGE_MENTIONS` through :func:`_entity_table`."""
    by_article: dict[str, dict[str, list[list]]] = {}
    for r in pg.mentions:
        span = [r.props["start"], r.props["end"], r.props["text"]]
        by_article.setdefault(r.target, {}).setdefault(r.source, []).append(span)
    return [[iri, list(named.items())] for iri, named in by_article.items()]


def database_counts(settings: Neo4jSettings) -> dict[str, int]:
    """Nodes per label and relationships per type in the database, as
    :meth:`PropertyGraph.counts` counts them from the rows."""
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(cypher.COUNTS, database_=settings.database)
    return {r["name"]: r["n"] for r in records}
