"""Every Cypher statement that loads the property graph (``graph/neo4j/rows.py``).

All take their data as parameters (``$rows``, ``$ids``), labels and relationship types
included, so each statement is compiled once per server however many types there are.

Each load statement returns ``updated``: rows that met an existing node or relationship
and changed it. The driver's counters tell how many were created; the rest were
already there unchanged.

>>> len(schema())  # three keys, four lookups, the full-text index, a key per fact type
18
"""

from __future__ import annotations

from graph.neo4j.rows import FACT_TYPES


def schema() -> list[str]:
    """Constraints and indexes, created before any data (each is a no-op if present).

    ``entityNames`` is a full-text index over names and aliases with Lucene's CJK
    analyser (overlapping character pairs), so a search for 总工会 finds 北京市总工会."""
    statements = [
        "CREATE CONSTRAINT entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE",
        "CREATE CONSTRAINT article_iri IF NOT EXISTS FOR (n:Article) REQUIRE n.iri IS UNIQUE",
        "CREATE CONSTRAINT redirect_iri IF NOT EXISTS FOR (n:Redirect) REQUIRE n.iri IS UNIQUE",
        "CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id)",
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE INDEX article_id IF NOT EXISTS FOR (n:Article) ON (n.id)",
        "CREATE INDEX article_date IF NOT EXISTS FOR (n:Article) ON (n.date)",
        "CREATE FULLTEXT INDEX entityNames IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    ]
    statements += [
        f"CREATE CONSTRAINT fact_key_{t.lower()} IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.key IS UNIQUE"
        for t in FACT_TYPES
    ]
    return statements


# neo4j-admin import cannot write an empty list (it stores no property instead), and the
# model has aliases and reporters always present: fill them in after an import
EMPTY_LISTS = [
    "MATCH (n:Entity) WHERE n.aliases IS NULL SET n.aliases = []",
    "MATCH (a:Article) WHERE a.reporters IS NULL SET a.reporters = []",
    # a fact of the gazetteers (graph/infer.py) has no article, evidence or snippet
    "MATCH ()-[r]->() WHERE r.key IS NOT NULL AND r.articles IS NULL "
    "SET r.articles = [], r.evidence = [], r.snippets = [], r.rules = []",
]


# Labels and relationship types come from the rows (``$(row.type)``, Cypher 5.26), so
# that one statement, compiled once, loads every entity type and every fact type.
# Aliases accumulate: a load of new articles only adds the names they use.
MERGE_ENTITIES = """UNWIND $rows AS row
MERGE (n:Entity {iri: row.iri}) WITH n, row, properties(n) AS before
SET n += row, n:$(row.type)
SET n.aliases = coalesce(before.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(before.aliases, [])]
RETURN count(CASE WHEN before.id IS NOT NULL AND properties(n) <> before THEN 1 END) AS updated"""

# Rows the database did not have when the load began are created, with no MERGE to look
# each up first and lock its key (articles, entities and facts went at a third of the
# speed of a plain CREATE on a just-started server); the loader merges a batch that
# another load wrote meanwhile, which a key's constraint tells it by failing the batch.
CREATE_ENTITIES = "UNWIND $rows AS row CREATE (n:Entity:$(row.type)) SET n = row"

CREATE_ARTICLES = "UNWIND $rows AS row CREATE (a:Article) SET a = row"

MERGE_ARTICLES = """UNWIND $rows AS row
MERGE (a:Article {iri: row.iri}) WITH a, row, properties(a) AS before
SET a = row
RETURN count(CASE WHEN before.id IS NOT NULL AND before <> row THEN 1 END) AS updated"""

# One row per article with all its mentions, grouped by the entity named, as lists rather
# than maps: [article IRI, [[entity, [[start, end, text], …]], …]], where an entity is its
# position in $entities, the IRIs of the batch's entities. Each entity is looked up once a
# batch rather than once for each article that names it (at 10k articles 88k look-ups
# instead of 191k, and 14 MB sent instead of 25 MB as maps that spelt out the keys of each
# span and the IRI of each entity in each article). An article that has no mention yet
# gets them created, with no MERGE to look for each among the relationships of its entity
# (a federation named in thousands of articles has thousands): nine rows in ten of a first
# load, twice as fast. An article's mentions go in one transaction, so a batch retried
# after a commit whose answer was lost finds them there and merges; the article is locked
# (written) before it is looked at, so two loads at once cannot both find it without
# mentions. An entity the database lacks is null, and its mentions are left out.
MERGE_MENTIONS = """CALL () {
  UNWIND range(0, size($entities) - 1) AS i
  OPTIONAL MATCH (e:Entity {iri: $entities[i]})
  WITH i, e ORDER BY i
  RETURN collect({node: e}) AS found
}
WITH [f IN found | f.node] AS entities
UNWIND $rows AS article
MATCH (a:Article {iri: article[0]})
SET a.iri = a.iri
WITH entities, a, article, EXISTS { (a)<-[:MENTIONED_IN]-() } AS known
CALL (entities, a, article, known) {
  WITH entities, a, article WHERE NOT known
  UNWIND article[1] AS named
  WITH entities[named[0]] AS e, a, named WHERE e IS NOT NULL
  UNWIND named[1] AS span
  CREATE (e)-[:MENTIONED_IN {start: span[0], end: span[1], text: span[2]}]->(a)
  RETURN 0 AS updated
UNION ALL
  WITH entities, a, article WHERE known
  UNWIND article[1] AS named
  WITH entities[named[0]] AS e, a, named WHERE e IS NOT NULL
  UNWIND named[1] AS span
  MERGE (e)-[m:MENTIONED_IN {start: span[0], end: span[1]}]->(a)
  WITH m, {start: span[0], end: span[1], text: span[2]} AS props, properties(m) AS before
  SET m = props
  RETURN CASE WHEN before.text IS NOT NULL AND before <> props THEN 1 ELSE 0 END AS updated
}
RETURN sum(updated) AS updated"""

# A fact with an end that is new to the database cannot be there yet.
CREATE_FACTS = """UNWIND $rows AS row
MATCH (s:Entity {iri: row.source}), (o:Entity {iri: row.target})
CREATE (s)-[r:$(row.type)]->(o) SET r = row.props"""

# A fact stated again by other articles gains their ids, evidence and snippets
# (``evidence[i]`` is where ``snippets[i]`` was read, by rule ``rules[i]``); it stays asserted once any load
# asserts it, at its highest confidence.
# Evidence that is there already (the same graph loaded again) is known by comparing the
# lists once: looking each item up in the other list takes the square of their length, and
# a fact stated in thousands of articles has thousands. Articles come from the evidence:
# no fresh evidence, no new article.
MERGE_FACTS = """UNWIND $rows AS row
MATCH (s:Entity {iri: row.source}), (o:Entity {iri: row.target})
MERGE (s)-[r:$(row.type) {key: row.props.key}]->(o)
WITH r, row, properties(r) AS before, coalesce(r.evidence, []) AS known
WITH r, row, before, CASE known WHEN row.props.evidence THEN [] ELSE
  [i IN range(0, size(row.props.evidence) - 1) WHERE NOT row.props.evidence[i] IN known] END AS fresh
SET r.title = row.props.title,
    r.inferred = coalesce(before.inferred AND row.props.inferred, row.props.inferred),
    r.confidence = CASE WHEN before.confidence > row.props.confidence THEN before.confidence
                        ELSE row.props.confidence END,
    r.articles = coalesce(before.articles, []) + CASE fresh WHEN [] THEN [] ELSE
      [a IN row.props.articles WHERE NOT a IN coalesce(before.articles, [])] END,
    r.evidence = coalesce(before.evidence, []) + [i IN fresh | row.props.evidence[i]],
    r.snippets = coalesce(before.snippets, []) + [i IN fresh | row.props.snippets[i]],
    r.rules = coalesce(before.rules, []) + [i IN fresh | row.props.rules[i]],
    r.evidence_titles = coalesce(before.evidence_titles, []) + [i IN fresh | row.props.evidence_titles[i]],
    r.curated = row.props.curated, r.curator = row.props.curator
// a post's or honour's start, and the dates of the first and last articles that state
// it: the earliest and latest any load stated (forgetting an article clears them)
WITH r, row, before, row.props.since IS NOT NULL AND coalesce(row.props.since < before.since, true) AS earlier
SET r.since = CASE WHEN earlier THEN row.props.since ELSE before.since END,
    r.since_precision = CASE WHEN earlier THEN row.props.since_precision ELSE before.since_precision END,
    r.first_seen = CASE WHEN row.props.first_seen < before.first_seen THEN row.props.first_seen
                        ELSE coalesce(before.first_seen, row.props.first_seen) END,
    r.last_seen = CASE WHEN row.props.last_seen > before.last_seen THEN row.props.last_seen
                       ELSE coalesce(before.last_seen, row.props.last_seen) END
RETURN count(CASE WHEN before.inferred IS NOT NULL AND properties(r) <> before THEN 1 END) AS updated"""


NODES = "MATCH (n) RETURN count(n) AS nodes"  # from the count store, at once

# Facts a load made before each piece of evidence kept its article's title get them, before
# anything is taken out of or added to their evidence (which keeps the titles in step). Run
# at every load into a database that holds something: the facts' types only, not the 2.5 M
# mentions beside them (at 100k articles 235 ms instead of 629 when there is nothing to fill).
FILL_EVIDENCE_TITLES = f"""MATCH ()-[r:{"|".join(FACT_TYPES)}]->()
WHERE r.evidence IS NOT NULL AND r.evidence_titles IS NULL
CALL (r) {{
  UNWIND range(0, size(r.evidence) - 1) AS i
  OPTIONAL MATCH (a:Article {{id: split(r.evidence[i], ':')[0]}})
  WITH i, a ORDER BY i
  RETURN collect(coalesce(a.title, '')) AS titles
}}
SET r.evidence_titles = titles"""

KNOWN_ENTITIES = "UNWIND $iris AS iri MATCH (n:Entity {iri: iri}) RETURN collect(iri) AS known"

# An incremental load replaces what a changed article said: these three run, in this
# order, before its new rows are merged.
ARTICLE_CHECKSUMS = "MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.checksum AS checksum"

FORGET_MENTIONS = """MATCH (e:Entity)-[m:MENTIONED_IN]->(a:Article) WHERE a.id IN $ids
DELETE m
RETURN collect(DISTINCT e.iri) AS entities"""

FORGET_FACTS = """MATCH (:Entity)-[r]->(:Entity) WHERE any(id IN r.articles WHERE id IN $ids)
WITH r, [i IN range(0, size(r.evidence) - 1) WHERE NOT split(r.evidence[i], ':')[0] IN $ids] AS keep
SET r.articles = [id IN r.articles WHERE NOT id IN $ids],
    r.snippets = [i IN keep | r.snippets[i]],
    r.rules = [i IN keep | r.rules[i]],
    r.evidence = [i IN keep | r.evidence[i]],
    r.evidence_titles = [i IN keep | r.evidence_titles[i]],
    r.first_seen = null, r.last_seen = null  // the load that follows sets them again
WITH r WHERE size(r.articles) = 0
DELETE r"""

# An article the build no longer has (``removed.json``: its source pruned): its mentions
# and evidence go first, as for a changed article, then the article itself.
DELETE_ARTICLES = "MATCH (a:Article) WHERE a.id IN $ids DETACH DELETE a"

# Before entities are merged: an entity whose IRI the build publishes as a redirect has
# another IRI now; its mentions and facts come back from the build under that IRI (an
# article whose mentions are "known" merges them again). A redirect whose IRI names an
# entity again goes.
DELETE_REDIRECTED = """CALL () { MATCH (e:Entity) WHERE e.iri IN $redirected DETACH DELETE e }
CALL () { MATCH (r:Redirect) WHERE r.iri IN $live DETACH DELETE r }"""

# Facts a person rejected (graph/curation/corrections.py) that an earlier load of the graph put there.
DELETE_REJECTED = "MATCH (:Entity)-[r]->(:Entity) WHERE r.key IN $keys DELETE r"

# After entities are merged: each old IRI points at the entity that has it now (a
# redirect whose target changed is moved).
MERGE_REDIRECTS = """UNWIND $rows AS row
MATCH (e:Entity {iri: row.target})
MERGE (r:Redirect {iri: row.source})
WITH r, e, [(r)-[s:SAME_AS]->(x) WHERE x <> e | s] AS stale
FOREACH (s IN stale | DELETE s)
MERGE (r)-[:SAME_AS]->(e)
RETURN count(CASE WHEN size(stale) > 0 THEN 1 END) AS updated"""

# after the load: entities the changed articles named that no article names any more,
# with the facts of the gazetteers (graph/infer.py) that only they had
DELETE_ORPHANS = "MATCH (e:Entity) WHERE e.iri IN $iris AND NOT (e)-[:MENTIONED_IN]->() DETACH DELETE e"

COUNTS = """CALL () { MATCH (n) UNWIND labels(n) AS name RETURN name, count(*) AS n
  UNION ALL MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n }
RETURN name, n ORDER BY name"""


# Everything out, constraints and indexes kept: relationships first, in slices, then the
# nodes (a hub's DETACH DELETE in one go, 10^5 relationships at 100k articles, ran out of
# the server's transaction memory). CALL … IN TRANSACTIONS runs in an implicit transaction.
EMPTY = [
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
]
