"""Neo4j failing under a load, on a second server of these tests' own (they stop and
restart it): stopped midway, then a re-run (through a routing ``neo4j://`` URI, as a
cluster is addressed) completes the load; a transient error retried with growing pauses."""

import json
import re
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from neo4j.exceptions import DriverError, Neo4jError

from graph.neo4j import server as neo4j_server
from graph.neo4j.loader import Neo4jSettings, connect, database_counts, prepare
from graph.neo4j.rows import FACT_TYPES, to_property_graph
from graph.neo4j.server import ServerConfig, small_config, temporary_server
from support import UNIONKG, run_cli
from support.neo4j import wipe

BATCH = 100  # rows per transaction in these loads: the sample's entities take three


@dataclass(frozen=True)
class FaultServer:
    home: Path
    config: ServerConfig
    settings: Neo4jSettings

    def restart(self) -> None:
        neo4j_server.start(self.config, home=self.home, password=self.settings.password)


@pytest.fixture(scope="module")
def server(tmp_path_factory, neo4j_settings):
    home = tmp_path_factory.mktemp("faults") / "home"
    config = small_config(
        {
            "db.lock.acquisition.timeout": "1s",  # a batch waiting for a held lock fails transiently, and is retried
            "db.shutdown_transaction_end_timeout": "2s",  # a stop ends the open transactions sooner
        }
    )
    with temporary_server(home, neo4j_settings.password, config) as info:
        yield FaultServer(home, config, replace(neo4j_settings, uri=info.bolt_uri))


@contextmanager
def key_held(settings: Neo4jSettings, iri: str):
    """An open transaction that created an entity of key ``iri`` and holds its lock: a
    load that merges that entity waits for it. Rolled back at the end (it is gone
    already if the server stopped)."""
    prepare(settings)  # the load's own schema statements would wait for the transaction's label lock
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        tx = session.begin_transaction()
        tx.run("CREATE (:Entity {iri: $iri})", iri=iri).consume()
        yield
        try:
            tx.rollback()
        except (DriverError, Neo4jError):  # the server stopped, and took the transaction with it
            pass


def start_load(settings: Neo4jSettings, build: Path, stderr: Path, *options: str) -> subprocess.Popen:
    """`unionkg load neo4j --json` running in the background, its stderr in a file."""
    with open(stderr, "w") as err:
        return subprocess.Popen(
            [
                UNIONKG,
                "load",
                "neo4j",
                build,
                "--uri",
                settings.uri,
                "--json",
                "--batch-size",
                str(BATCH),
                *options,
            ],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )


def wait_for_retries(stderr: Path, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while stderr.read_text().count("retrying in") < count:
        assert time.monotonic() < deadline, stderr.read_text()
        time.sleep(0.1)


def entity_iri(sample_kg, index: int) -> str:
    return to_property_graph(sample_kg).entities[index].props["iri"]


def test_stopped_midway_then_a_rerun_through_a_routing_uri_completes_the_load(
    server, sample_build, sample_kg, tmp_path
):
    wipe(server.settings)
    pg = to_property_graph(sample_kg)
    stderr = tmp_path / "stderr"
    with key_held(server.settings, entity_iri(sample_kg, BATCH + 1)):  # in the second batch of entities
        load = start_load(server.settings, sample_build, stderr, "--retry-seconds", "3")
        wait_for_retries(
            stderr, 1
        )  # the articles and other batches of entities are written, the second waits
        neo4j_server.stop(server.home)
    assert load.wait(timeout=120) == 3
    text = stderr.read_text()
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert lines[-3].startswith(f"error: lost Neo4j at {server.settings.uri} while loading: ") or lines[
        -3
    ].startswith(f"error: Neo4j at {server.settings.uri} failed the load: "), text
    articles, entities, mentions, facts = len(pg.articles), len(pg.entities), len(pg.mentions), len(pg.facts)
    reported = re.fullmatch(
        r"written before the failure \(each batch whole or not at all\): "
        rf"articles {articles} of {articles} rows; entities (\d+) of {entities} rows; "
        rf"mentions 0 of {mentions} rows; facts 0 of {facts} rows",
        lines[-2],
    )
    assert reported, lines[-2]
    assert lines[-1] == "loading is idempotent: run the same command again to complete the load"

    server.restart()
    written = database_counts(server.settings)
    # what the report says is what is there: the first batch of entities, perhaps the third
    # (written by the other session while the second waited), never the second or half a batch
    assert (written["Article"], written["Entity"]) == (articles, int(reported[1]))
    assert written["Entity"] in (BATCH, entities - BATCH)
    assert not set(written) & {"MENTIONED_IN", *FACT_TYPES}
    # the re-run through a routing URI, as a cluster is addressed: the single server routes to itself
    routing = server.settings.uri.replace("bolt://", "neo4j://", 1)
    rerun = json.loads(run_cli("load", "neo4j", sample_build, "--uri", routing, "--json").stdout)
    assert rerun["articles"] == {"created": 0, "updated": 0, "unchanged": articles}
    assert rerun["entities"] == {
        "created": entities - written["Entity"],
        "updated": 0,
        "unchanged": written["Entity"],
    }
    assert rerun["complete"] and database_counts(server.settings) == pg.counts()


def test_a_transient_error_is_retried_with_growing_pauses(server, sample_build, sample_kg, tmp_path):
    wipe(server.settings)
    stderr = tmp_path / "stderr"
    with key_held(server.settings, entity_iri(sample_kg, 0)):
        load = start_load(server.settings, sample_build, stderr)
        wait_for_retries(stderr, 2)  # each attempt waits 1 s for the lock, then fails transiently
    out, _ = load.communicate(timeout=120)  # the lock is free: the next attempt goes through
    text = stderr.read_text()
    assert load.returncode == 0, text
    # the held lock's; a rare deadlock between the load's two sessions would be retried too
    retries = re.findall(
        r"Neo4j: a batch failed \((.*LockAcquisitionTimeout.*)\); retrying in ([\d.]+) s", text
    )
    assert len(retries) == 2, text
    pauses = [float(seconds) for _, seconds in retries]
    assert 0.7 < pauses[0] < 1.3 and pauses[1] > 1.3 * pauses[0], pauses  # 1 s, then twice that (±20 %)
    assert json.loads(out)["complete"]
    assert database_counts(server.settings) == to_property_graph(sample_kg).counts()
