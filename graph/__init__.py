"""Graph stages: extract, resolve, build, export (RDF, Neo4j), evaluate, and the CLI."""
