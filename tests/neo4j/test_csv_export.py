"""The bulk path: `unionkg export neo4j-csv`, imported by neo4j-admin into a second,
temporary server, holds exactly what the transactional load writes."""

import os

from graph.neo4j import server as neo4j_server
from graph.neo4j.csv_export import import_csv
from graph.neo4j.loader import Neo4jSettings, database_counts, load
from graph.neo4j.rows import to_property_graph
from support import run_cli
from support.neo4j import wipe


def test_bulk_import_equals_the_transactional_load(tmp_path, neo4j_settings, sample_build, sample_kg):
    wipe(neo4j_settings)
    load(sample_kg, neo4j_settings)
    transactional = database_counts(neo4j_settings)

    csv_dir = tmp_path / "csv"
    proc = run_cli("export", "neo4j-csv", csv_dir, "--from", sample_build)
    assert "neo4j-admin database import full neo4j --nodes=" in proc.stdout
    home = tmp_path / "home"
    assert "IMPORT DONE" in import_csv(csv_dir, home)

    password = "-" + neo4j_settings.password  # a password may begin with "-" (not an option of neo4j-admin)
    with neo4j_server.temporary_server(home, password) as info:
        imported = Neo4jSettings(info.bolt_uri, neo4j_settings.user, password)
        assert database_counts(imported) == transactional == to_property_graph(sample_kg).counts()
        env = {**os.environ, "NEO4J_PASSWORD": password}
        run_cli(
            "load", "neo4j", "--after-import", "--uri", info.bolt_uri, env=env
        )  # the step the export prints
        # the same rows, property for property: a transactional load on top changes nothing
        report = load(sample_kg, imported)
        for kind, tally in report.tallies.items():
            assert (tally.created, tally.updated) == (0, 0), kind
    assert neo4j_server.status(home) is None
