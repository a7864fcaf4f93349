"""The Neo4j side: the graph as rows, the Cypher that merges them, the loader, the CSV
export for ``neo4j-admin``, and the local server the repo starts.

- :mod:`graph.neo4j.rows`: a :class:`~graph.model.KnowledgeGraph` as node and relationship rows;
- :mod:`graph.neo4j.cypher`: every statement the loader runs, in one place;
- :mod:`graph.neo4j.loader`: the idempotent, incremental transactional load;
- :mod:`graph.neo4j.csv_export`: the same rows as CSV for a bulk import;
- :mod:`graph.neo4j.server`: download, start and stop Neo4j 5.26 (``unionkg neo4j …``).
"""
