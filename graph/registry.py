"""The registry of entity ids a build folder has ever published (``ids.jsonl``).

An entity's id follows its canonical name, which can change as articles are added (a
name more articles use) or removed. So that an id once published keeps resolving, each
build reads the registry of the build it replaces and writes it again with one row per
id ever minted: its type, the normalised names it was merged by, and its status:

- ``live``: a node of this build has the id;
- ``redirect``: the entity now has another id, ``target`` (a node of this build): the
  live node that covers most of the names the id covered; chains are collapsed;
- ``retired``: no node covers its names any more (its articles are gone); kept so that
  the id comes back as a redirect, or live, if the entity does. Not published.

Redirects are published: ``owl:sameAs`` in the RDF release, ``redirects`` in
``graph.json``, ``(:Redirect)-[:SAME_AS]->(:Entity)`` in Neo4j.

>>> from graph.model import Node
>>> from ontology.schema import EntityType
>>> first = KnowledgeGraph(nodes={"enterprise/公交集团": Node("enterprise/公交集团", EntityType.Enterprise,
...                                 "公交集团", merge_names={"公交集团"})})
>>> rows = update([], first)
>>> later = KnowledgeGraph(nodes={"enterprise/北京公交集团": Node("enterprise/北京公交集团", EntityType.Enterprise,
...                               "北京公交集团", merge_names={"北京公交集团", "公交集团"})})
>>> [(r.id, r.status, r.target) for r in update(rows, later)]
[('enterprise/公交集团', 'redirect', 'enterprise/北京公交集团'), ('enterprise/北京公交集团', 'live', None)]
>>> later.redirects
{'enterprise/公交集团': 'enterprise/北京公交集团'}
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.model import KnowledgeGraph

REGISTRY = "ids.jsonl"


@dataclass
class Minted:
    id: str
    type: str
    names: list[str]
    status: str  # live | redirect | retired
    target: str | None = None


def read(path: Path) -> list[Minted]:
    """The rows of a registry file; none if there is no file."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        return [Minted(**json.loads(line)) for line in f if line.strip()]


def write(rows: list[Minted], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    return path


def update(previous: list[Minted], kg: KnowledgeGraph) -> list[Minted]:
    """The registry after a build of ``kg``, sorted by id; sets ``kg.redirects``."""
    owner = {(n.type.value, name): n.id for n in kg.nodes.values() for name in n.merge_names}
    rows = {n.id: Minted(n.id, n.type.value, sorted(n.merge_names), "live") for n in kg.nodes.values()}
    earlier_target: dict[str, str] = {}
    for old in previous:
        if old.id in rows:
            continue
        shared = Counter(owner[key] for name in old.names if (key := (old.type, name)) in owner)
        target = min(shared, key=lambda i: (-shared[i], i)) if shared else None
        rows[old.id] = Minted(old.id, old.type, old.names, "redirect" if target else "retired", target)
        if target is None and old.target:
            earlier_target[old.id] = old.target
    # an id whose names no node covers follows its earlier target, if that still resolves
    for old_id, target in earlier_target.items():
        seen = {old_id}
        while target in rows and rows[target].status != "live" and target not in seen:
            seen.add(target)
            target = rows[target].target or earlier_target.get(target)
        if target in rows and rows[target].status == "live":
            rows[old_id].status, rows[old_id].target = "redirect", target
    registry = [rows[i] for i in sorted(rows)]
    kg.redirects = {r.id: r.target for r in registry if r.status == "redirect"}
    return registry
