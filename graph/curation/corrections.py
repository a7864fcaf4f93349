"""Corrections a person makes to the graph, kept as plain CSV files that every build
applies after resolution, so that they survive a rebuild with a better extractor.

One row per correction (``docs/curation.md``), columns ``action, target, value,
article, note, curator, date``:

=========  ==========================================  ===================================
action     target                                      value / article
=========  ==========================================  ===================================
merge      the entity id that stays                    value: the id merged into it
split      an entity id                                article: whose mentions become a new
                                                       entity; value: its name (optional)
rename     an entity id                                value: the canonical name
retype     an entity id                                value: the entity type (Union, …)
reject     a fact: ``subject predicate object [title]``
add        a fact                                      article: its source; note: why
check      a fact                                      (confidence becomes 1.0)
=========  ==========================================  ===================================

Rows are applied in the order of their files' names, then of the rows; a later row may
name an entity by the id an earlier merge, rename or retype gave away. A row whose target
is not in the graph (a better extractor renamed the entity) is *stale*: it is listed in
the build's failures and ``curation.json``, never skipped in silence.

The review CSV (:mod:`graph.curation.review`) has the same columns and a ``decision`` column:
rows decided ``accept`` are applied as their action, rows decided ``reject`` reject their
fact (for other items they are a decision to leave things as they are), the others wait.

>>> from graph.model import Node
>>> kg = KnowledgeGraph(nodes={i: Node(i, EntityType.Union, i.split("/")[1]) for i in ("union/甲工会", "union/甲")})
>>> apply(kg, [Correction("merge", "union/甲工会", "union/甲", curator="li", date="2026-01-02")])
[]
>>> sorted(kg.nodes), sorted(kg.nodes["union/甲工会"].aliases), kg.curation["nodes"]["union/甲工会"][0]["curator"]
(['union/甲工会'], ['甲'], 'li')
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.model import Edge, KnowledgeGraph, Node, node_id, normalise_name
from loaders.article import LoadError
from ontology.schema import EntityType, Predicate

FIELDS = ["action", "target", "value", "article", "note", "curator", "date"]
ENTITY_ACTIONS = ("merge", "split", "rename", "retype")
FACT_ACTIONS = ("reject", "add", "check")
ACTIONS = ENTITY_ACTIONS + FACT_ACTIONS
FOLDER = "corrections"  # beside the sources: read by every build of them
NOTES = "curation.json"  # in a build: what was applied, rejected facts, stale corrections


@dataclass
class Correction:
    action: str
    target: str
    value: str = ""
    article: str = ""
    note: str = ""
    curator: str = ""
    date: str = ""
    where: str = ""  # file:line, for messages

    def describe(self) -> str:
        return " ".join(
            p
            for p in (
                self.action,
                self.target,
                self.value and f"→ {self.value}",
                self.article and f"(article {self.article})",
            )
            if p
        )

    def provenance(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("target", "where") and v}


def correction_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The CSV files of ``paths`` (files, or folders of ``*.csv``), by absolute path."""
    found = set()
    for path in map(Path, paths):
        found.update(path.resolve().glob("*.csv") if path.is_dir() else [path.resolve()])
    return sorted(found)


def beside(sources: Iterable[str | os.PathLike]) -> list[Path]:
    """The ``corrections/`` folders beside source folders and files, where they exist."""
    folders = {Path(s).resolve().parent / FOLDER for s in sources}
    return sorted(f for f in folders if f.is_dir())


def sources_of(build_dir: Path) -> list[str]:
    """The corrections paths the build in ``build_dir`` read: the next build into it reads
    them again, as it keeps its sources."""
    path = Path(build_dir) / NOTES
    return json.loads(path.read_text(encoding="utf-8")).get("from", []) if path.is_file() else []


def read(paths: Iterable[str | os.PathLike]) -> tuple[list[Correction], list[LoadError]]:
    """The corrections of the CSV files in ``paths``, and the rows that are not any."""
    corrections, errors = [], []
    for path in correction_files(paths):
        try:
            text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's UTF-8 starts with a BOM
        except OSError as err:
            errors.append(LoadError(str(path), f"cannot read corrections: {err.strerror}"))
            continue
        for line, row in enumerate(csv.DictReader(io.StringIO(text)), 2):
            row = {k: (v or "").strip() for k, v in row.items() if k}
            correction = _from_row(row, f"{path}:{line}")
            if isinstance(correction, str):
                errors.append(LoadError(str(path), correction, line))
            elif correction is not None:
                corrections.append(correction)
    return corrections, errors


def _from_row(row: dict, where: str) -> Correction | str | None:
    """A correction, a reason the row is none, or None for a row with nothing to do
    (a blank line, a review item not decided, or decided to be left as it is)."""
    action = row.get("action", "").lower()
    if "decision" in row:  # a row of the review CSV
        decision = row["decision"].lower()
        if decision not in ("accept", "reject"):
            return (
                None
                if decision in ("", "skip")
                else f"decision {row['decision']!r} is not accept, reject or skip"
            )
        if decision == "reject":
            if action not in FACT_ACTIONS:
                return None  # not a fact: rejecting a suggestion leaves the graph as it is
            action = "reject"
    if not action and not row.get("target"):
        return None
    if action not in ACTIONS:
        return f"unknown action {action!r} (one of {', '.join(ACTIONS)})"
    return Correction(action, row.get("target", ""), *(row.get(k, "") for k in FIELDS[2:]), where=where)


def write(corrections: Iterable[Correction], path: Path, *, append: bool = True) -> Path:
    """Write (or add) rows to a corrections file, with its header when it is new."""
    new = not path.is_file() or not append
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w" if new else "a", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, FIELDS, extrasaction="ignore")
        if new:
            out.writeheader()
        for c in corrections:
            out.writerow(asdict(c))
    return path


# ---------------------------------------------------------------- applying corrections


def apply(kg: KnowledgeGraph, corrections: Iterable[Correction]) -> list[LoadError]:
    """Apply ``corrections`` to ``kg`` in order; record each on ``kg.curation`` and
    return the stale ones (also added to ``kg.failures``)."""
    state = _Curator(kg)
    for c in corrections:
        reason = state.apply(c)
        if reason:
            stale = LoadError(
                c.where.rsplit(":", 1)[0] or "corrections",
                f"stale correction {c.describe()}: {reason}",
                int(c.where.rsplit(":", 1)[1]) if ":" in c.where else None,
            )
            state.stale.append(stale)
    kg.curation = {
        "nodes": state.nodes,
        "edges": state.edges,
        "rejected": state.rejected,
        "stale": [str(s) for s in state.stale],
        "applied": state.applied,
    }
    kg.failures.extend(state.stale)
    return state.stale


def drop_rejected(kg: KnowledgeGraph) -> None:
    """Remove again the rejected facts a later stage (inference) added back."""
    for rejected in kg.curation.get("rejected", []):
        kg.edges.pop(tuple(rejected["key"]), None)


def fact_key(edge: Edge) -> str:
    """How a correction names a fact: ``subject predicate object [title]``."""
    return " ".join(p for p in (edge.subject, edge.predicate.value, edge.object, edge.title or "") if p)


def _edge_key(key: tuple) -> str:
    return "\t".join(key)


class _Curator:
    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.moved: dict[str, str] = {}  # ids given away by merges, renames, retypes → the id now
        self.nodes: dict[str, list[dict]] = {}  # node id → its corrections
        self.edges: dict[str, list[dict]] = {}  # "s\tp\to\ttitle" → its corrections
        self.rejected: list[dict] = []
        self.stale: list[LoadError] = []
        self.applied = 0

    def apply(self, c: Correction) -> str | None:
        """Apply one correction; the reason it cannot be, if it is stale."""
        if c.action in ENTITY_ACTIONS:
            node = self.node(c.target)
            if node is None:
                return f"no entity {c.target}"
            reason = getattr(self, c.action)(node, c)
        else:
            reason = self.fact(c)
        if not reason:
            self.applied += 1
        return reason

    def node(self, node_id_: str) -> Node | None:
        seen = set()
        while node_id_ in self.moved and node_id_ not in seen:
            seen.add(node_id_)
            node_id_ = self.moved[node_id_]
        return self.kg.nodes.get(node_id_)

    def note(self, node: Node, c: Correction) -> None:
        self.nodes.setdefault(node.id, []).append(c.provenance())

    # entities

    def merge(self, keep: Node, c: Correction) -> str | None:
        other = self.node(c.value)
        if other is None:
            return f"no entity {c.value}"
        if other is not keep:
            self._absorb(keep, other)
        self.note(keep, c)

    def rename(self, node: Node, c: Correction) -> str | None:
        if not c.value:
            return "no name given"
        node.aliases.add(node.name)
        node.name = c.value
        node.aliases.discard(c.value)
        node.merge_names.add(normalise_name(c.value))
        self.note(self._move(node, node_id(node.type, c.value)), c)

    def retype(self, node: Node, c: Correction) -> str | None:
        try:
            node.type = EntityType(c.value)
        except ValueError:
            return f"no entity type {c.value!r} (one of {', '.join(t.value for t in EntityType)})"
        self.note(self._move(node, node_id(node.type, node.name)), c)

    def split(self, node: Node, c: Correction) -> str | None:
        mentions = [m for m in node.mentions if m.article_id == c.article]
        if not mentions:
            return f"{node.id} is not named in article {c.article or '(none given)'}"
        name = c.value or f"{node.name}（{c.article}）"
        new_id = node_id(node.type, name)
        if new_id in self.kg.nodes:
            return f"{new_id} exists already: merge into it instead"
        new = self.kg.nodes[new_id] = Node(
            new_id,
            node.type,
            name,
            {m.text for m in mentions} - {name},
            mentions,
            merge_names={normalise_name(name)},
        )
        node.mentions = [m for m in node.mentions if m.article_id != c.article]
        for edge in [e for e in self.kg.edges.values() if node.id in (e.subject, e.object)]:
            moving = [ev for ev in edge.evidence if ev.article_id == c.article]
            if not moving:
                continue
            edge.evidence = [ev for ev in edge.evidence if ev.article_id != c.article]
            copy = Edge(
                new_id if edge.subject == node.id else edge.subject,
                edge.predicate,
                new_id if edge.object == node.id else edge.object,
                edge.title,
                edge.inferred,
                edge.confidence,
                moving,
            )
            self._put(copy, [] if edge.evidence else self._drop(edge))
        self.note(node, c)
        self.note(new, c)

    def _move(self, node: Node, new_id: str) -> Node:
        """Give ``node`` the id ``new_id``, merging it into the node that has it."""
        if new_id == node.id:
            return node
        if new_id in self.kg.nodes:
            self._absorb(self.kg.nodes[new_id], node)
            return self.kg.nodes[new_id]
        old_id = node.id
        del self.kg.nodes[old_id]
        node.id = new_id
        self.kg.nodes[new_id] = node
        self._renamed(old_id, new_id)
        return node

    def _absorb(self, keep: Node, other: Node) -> None:
        keep.aliases |= (other.aliases | {other.name}) - {keep.name}
        keep.mentions.extend(other.mentions)
        keep.merge_names |= other.merge_names
        for k, v in other.facts.items():
            keep.facts.setdefault(k, v)
        del self.kg.nodes[other.id]
        self._renamed(other.id, keep.id)

    def _renamed(self, old_id: str, new_id: str) -> None:
        self.moved[old_id] = new_id
        self.nodes.setdefault(new_id, []).extend(self.nodes.pop(old_id, []))
        for edge in [e for e in self.kg.edges.values() if old_id in (e.subject, e.object)]:
            notes = self._drop(edge)
            edge.subject = new_id if edge.subject == old_id else edge.subject
            edge.object = new_id if edge.object == old_id else edge.object
            if edge.subject != edge.object:  # a merged pair's facts about each other are gone
                self._put(edge, notes)

    def _drop(self, edge: Edge) -> list[dict]:
        del self.kg.edges[edge.key]
        return self.edges.pop(_edge_key(edge.key), [])

    def _put(self, edge: Edge, notes: Iterable[dict] = ()) -> Edge:
        """Add ``edge``, or join it to the same fact there (evidence, highest confidence)."""
        there = self.kg.edges.setdefault(edge.key, edge)
        if there is not edge:
            there.evidence.extend(edge.evidence)
            there.confidence = max(there.confidence, edge.confidence)
            there.inferred = there.inferred and edge.inferred
        if notes:
            self.edges.setdefault(_edge_key(there.key), []).extend(notes)
        return there

    # facts

    def fact(self, c: Correction) -> str | None:
        parts = c.target.split(maxsplit=3)
        if len(parts) < 3:
            return "a fact is `subject predicate object [title]`"
        subject, obj = self.node(parts[0]), self.node(parts[2])
        try:
            predicate = Predicate(parts[1])
        except ValueError:
            return f"no predicate {parts[1]!r}"
        if subject is None or obj is None:
            return f"no entity {parts[0] if subject is None else parts[2]}"
        edge = Edge(subject.id, predicate, obj.id, parts[3] if len(parts) > 3 else None)
        there = self.kg.edges.get(edge.key)
        if c.action == "add":
            if c.article and c.article not in self.kg.articles:
                return f"no article {c.article}"
            edge.evidence = []  # a curated fact rests on its curator, not on a span of text
            self._put(edge, [c.provenance()])
            return None
        if there is None:
            return "no such fact"
        if c.action == "check":
            there.confidence = 1.0
            self.edges.setdefault(_edge_key(there.key), []).append(c.provenance())
            return None
        notes = self._drop(there)
        self.rejected.append(
            {
                "key": list(there.key),
                "fact": fact_key(there),
                **c.provenance(),
                "articles": sorted({ev.article_id for ev in there.evidence}),
                "evidence": [ev.snippet for ev in there.evidence][:3],
                "earlier": notes,
            }
        )
        return None


def curated_edge(kg: KnowledgeGraph, edge: Edge) -> list[dict]:
    """The corrections of ``edge`` (none if no one touched it)."""
    return kg.curation.get("edges", {}).get(_edge_key(edge.key), []) if kg.curation else []


def curated_node(kg: KnowledgeGraph, node: Node) -> list[dict]:
    return kg.curation.get("nodes", {}).get(node.id, []) if kg.curation else []
