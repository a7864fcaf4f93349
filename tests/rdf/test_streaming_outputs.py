"""The outputs written as streams, so that a 100k-article build fits in memory, are
the same as written whole: the RDF release sorted in runs spilled to disk, the
embedded store loaded in slices, graph.json written a few items at a time."""

import json

import pyoxigraph

from graph import pipeline, rdf
from graph.rdf import release, store
from graph.rdf.store import EmbeddedStore
from support import PAGES


def test_a_release_sorted_in_many_runs_is_byte_identical(tmp_path, monkeypatch):
    kg = pipeline.read_graph([PAGES])
    rdf.write_release(kg, tmp_path / "whole", issued="2024-01-01")
    monkeypatch.setattr(release, "RUN_LINES", 97)  # thousands of statements: dozens of runs on disk
    rdf.write_release(kg, tmp_path / "runs", issued="2024-01-01")
    written = [*rdf.DUMPS, rdf.LISTINGS_FILE, rdf.VOID_FILE]
    for name in written:
        assert (tmp_path / "runs" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == sorted(written)


def test_the_release_holds_each_statement_once_and_the_triples_of_every_graph(tmp_path):
    kg = pipeline.read_graph([PAGES])
    rdf.write_release(kg, tmp_path, issued="2024-01-01")
    quads = (tmp_path / "graph.nq").read_text(encoding="utf-8").splitlines()
    triples = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(quads) == len(set(quads)) and len(triples) == len(set(triples))
    parsed = list(pyoxigraph.parse(path=str(tmp_path / "graph.nq"), format=pyoxigraph.RdfFormat.N_QUADS))
    merged = pyoxigraph.parse(path=str(tmp_path / "graph.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert {q.triple for q in parsed} == {q.triple for q in merged}
    assert len({q.triple for q in parsed}) < len(parsed)  # facts sit in the default graph and an article's


def test_a_store_loaded_in_slices_holds_what_one_load_holds(tmp_path, monkeypatch):
    kg = pipeline.read_graph([PAGES])
    rdf.write_release(kg, tmp_path, issued="2024-01-01")
    whole = EmbeddedStore.create(tmp_path / "whole", tmp_path / "graph.nq")
    monkeypatch.setattr(store, "BULK_LOAD_LINES", 101)
    sliced = EmbeddedStore.create(tmp_path / "sliced", tmp_path / "graph.nq")
    everything = "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    rows = sliced.query(everything)
    assert len(rows) > 1000
    assert sorted(map(str, rows)) == sorted(map(str, whole.query(everything)))


def test_graph_json_written_in_pieces_is_the_json_of_the_graph(tmp_path):
    kg = pipeline.read_graph([PAGES])
    path = pipeline._write_graph_json(kg, tmp_path / "graph.json", chunk=7)
    assert path.read_text(encoding="utf-8") == json.dumps(kg.to_json(), ensure_ascii=False)
    empty = pipeline._write_graph_json(type(kg)(), tmp_path / "empty.json")
    assert json.loads(empty.read_text(encoding="utf-8")) == type(kg)().to_json()
