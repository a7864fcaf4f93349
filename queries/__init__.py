"""Saved research questions, each as Cypher and SPARQL, and the runner that answers
them from a build's embedded store or from Neo4j (see :mod:`queries.library`)."""

from queries.library import (
    Answer,
    LibraryError,
    Page,
    ParameterError,
    SavedQuery,
    UnknownQuestion,
    answer_embedded,
    answer_neo4j,
    get,
    questions,
    run,
)

__all__ = [
    "Answer",
    "LibraryError",
    "Page",
    "ParameterError",
    "SavedQuery",
    "UnknownQuestion",
    "answer_embedded",
    "answer_neo4j",
    "get",
    "questions",
    "run",
]
