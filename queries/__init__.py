"""Saved research questions, each as Cypher and SPARQL, and the runner."""
