"""The review queue: what in a built graph most deserves a person's look, worst first.

Each item has the evidence a person needs (a sentence, its article and source file) and
a suggested correction in the columns of :mod:`graph.curation.corrections`; the review CSV adds a
``decision`` column (accept, reject, skip) that the build reads as corrections, so the
spreadsheet a person works through *is* the corrections file. The kinds, by how badly
they may be wrong:

- ``no-evidence``: an asserted fact no sentence states (accept: check it);
- ``low-confidence``: a fact the extractor was unsure of, below :data:`LOW` (accept:
  check it; reject: reject it);
- ``type-conflict``: one name typed differently in different articles (accept: give
  the less named entity the other's type);
- ``near-duplicate``: two entities of one type whose names differ by a character or
  two and that resolution kept apart (accept: merge them);
- ``odd-name``: an entity named in one article only, by a name of an unusual shape
  (accept with a name in ``value``: rename it).

>>> from graph.model import Edge, Node
>>> from ontology.schema import EntityType, Predicate
>>> kg = KnowledgeGraph(nodes={i: Node(i, EntityType.Union, i.split("/")[1])
...                            for i in ("union/朝阳区总工会", "union/朝阳区总工会会")})
>>> kg.edges[("union/朝阳区总工会", "unionOf", "union/朝阳区总工会会", "")] = Edge(
...     "union/朝阳区总工会", Predicate.unionOf, "union/朝阳区总工会会", confidence=0.5)
>>> [(i.kind, i.action) for i in review(kg)]
[('no-evidence', 'check'), ('near-duplicate', 'merge')]
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

from graph.curation import corrections as curation
from graph.model import KnowledgeGraph, Node, normalise_name, snippet
from ontology.schema import EntityType

LOW = 0.7  # facts below this confidence are listed
SIMILAR = 0.85  # difflib ratio from which two names of one type are near-duplicates
BLOCK = 3000  # names compared pairwise at most per block (type and first character)
COLUMNS = [
    "item",
    "score",
    "kind",
    "reason",
    "decision",
    *curation.FIELDS[:4],
    "source",
    "evidence",
    *curation.FIELDS[4:],
]
# a name of a usual shape (quotes and spaces aside): letters, digits, brackets; 3 to 40 characters
_USUAL_NAME = re.compile(r"[\w（）()]{3,40}")
_USUAL_PERSON = re.compile(r"\w{2,4}")  # quotes aside, ·, as in foreign names, is gone too
EVIDENCE = 160  # characters of an evidence sentence shown


@dataclass
class Item:
    score: float  # higher is worse
    kind: str
    reason: str
    action: str  # what accepting the item does (a curation action)
    target: str
    value: str = ""
    article: str = ""
    source: str = ""
    evidence: str = ""
    decision: str = ""
    note: str = ""
    curator: str = ""
    date: str = ""

    @property
    def item(self) -> str:
        """A stable id: the same item in the next build's review has it."""
        return hashlib.sha1(f"{self.kind}\t{self.target}\t{self.value}".encode()).hexdigest()[:10]

    def row(self) -> dict:
        evidence = self.evidence if len(self.evidence) <= EVIDENCE else self.evidence[:EVIDENCE] + "…"
        return {**asdict(self), "item": self.item, "score": f"{self.score:.2f}", "evidence": evidence}

    def correction(self, decision: str, curator: str, date: str, note: str = "") -> curation.Correction:
        action = "reject" if decision == "reject" else self.action
        return curation.Correction(
            action, self.target, self.value, self.article, note or self.note, curator, date
        )


def review(kg: KnowledgeGraph) -> list[Item]:
    """Every item of ``kg``'s review queue, worst first (then by kind and target)."""
    items = [*_facts(kg), *_type_conflicts(kg), *_near_duplicates(kg), *_odd_names(kg)]
    return sorted(items, key=lambda i: (-i.score, i.kind, i.target, i.value))


def _where(kg: KnowledgeGraph, article_id: str, start: int, end: int) -> dict:
    """The article, source file and sentence of a span, for an item."""
    article = kg.articles.get(article_id)
    if article is None:
        return {"article": article_id}
    return {"article": article_id, "source": article.source, "evidence": snippet(article.text, start, end)}


def _facts(kg: KnowledgeGraph) -> list[Item]:
    items = []
    for edge in kg.edges.values():
        if edge.inferred or curation.curated_edge(kg, edge):
            continue  # a person has looked at it, or no extractor stated it
        fact = curation.fact_key(edge)
        if not edge.evidence:
            items.append(Item(0.9, "no-evidence", "no sentence states it", "check", fact))
        elif edge.confidence < LOW:
            ev = edge.evidence[0]
            items.append(
                Item(
                    round(1 - edge.confidence, 2),
                    "low-confidence",
                    f"confidence {edge.confidence:.2f} (rule {ev.rule or '?'})",
                    "check",
                    fact,
                    **{**_where(kg, ev.article_id, ev.start, ev.end), "evidence": ev.snippet},
                )
            )
    return items


def _mention(kg: KnowledgeGraph, node: Node) -> dict:
    first = min(node.mentions, key=lambda m: (m.article_id, m.start), default=None)
    return _where(kg, first.article_id, first.start, first.end) if first else {}


def _type_conflicts(kg: KnowledgeGraph) -> list[Item]:
    by_name: dict[str, list[Node]] = defaultdict(list)
    for node in kg.nodes.values():
        by_name[normalise_name(node.name)].append(node)
    items = []
    for nodes in by_name.values():
        if len({n.type for n in nodes}) < 2:
            continue
        major = max(nodes, key=lambda n: (len({m.article_id for m in n.mentions}), n.id))
        for node in nodes:
            if node.type is not major.type:
                items.append(
                    Item(
                        0.6,
                        "type-conflict",
                        f"also a {major.type.value} ({major.id})",
                        "retype",
                        node.id,
                        major.type.value,
                        **_mention(kg, node),
                    )
                )
    return items


def _near_duplicates(kg: KnowledgeGraph) -> list[Item]:
    blocks: dict[tuple, list[Node]] = defaultdict(list)
    for node in kg.nodes.values():
        blocks[(node.type, normalise_name(node.name)[:1])].append(node)
    items = []
    for nodes in blocks.values():
        nodes = sorted(nodes, key=lambda n: n.id)[:BLOCK]  # a bound on the pairs of a huge block
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                if a.aliases & b.aliases:
                    continue  # they share a name resolution would not merge by (a relative one)
                matcher = SequenceMatcher(None, normalise_name(a.name), normalise_name(b.name))
                if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                    continue
                if (ratio := matcher.ratio()) >= SIMILAR:
                    keep, other = sorted((a, b), key=lambda n: (-len(n.mentions), n.id))
                    items.append(
                        Item(
                            round(0.8 * ratio, 2),
                            "near-duplicate",
                            f"names {ratio:.0%} alike: «{keep.name}» «{other.name}»",
                            "merge",
                            keep.id,
                            other.id,
                            **_mention(kg, other),
                        )
                    )
    return items


def _odd_names(kg: KnowledgeGraph) -> list[Item]:
    items = []
    for node in kg.nodes.values():
        if (
            len({m.article_id for m in node.mentions}) == 1
            and not (_USUAL_PERSON if node.type is EntityType.Person else _USUAL_NAME).fullmatch(
                normalise_name(node.name)
            )
            and not curation.curated_node(kg, node)
        ):
            items.append(
                Item(
                    0.4,
                    "odd-name",
                    "named once, by a name of an unusual shape",
                    "rename",
                    node.id,
                    **_mention(kg, node),
                )
            )
    return items


# ---------------------------------------------------------------- the CSV and the page


def read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_csv(items: list[Item], path: Path) -> Path:
    """The review CSV at ``path``. Rows of the file there already that have a decision
    are kept (first, as they were): they are corrections the next build applies, and a
    new review must not lose them even when their item is gone (the decision fixed it).
    An item decided now replaces its row."""
    now = {i.item for i in items if i.decision}
    decided = [r for r in read_csv(path) if (r.get("decision") or "").strip() and r.get("item") not in now]
    known = {r.get("item") for r in decided}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, COLUMNS, extrasaction="ignore")
        out.writeheader()
        out.writerows(decided)
        out.writerows(i.row() for i in items if i.item not in known)
    return path


def render_html(items: list[Item], title: str = "unionkg review") -> str:
    """One self-contained page of the queue: a table to filter by kind, a decision to
    choose on each row, and a button that saves the decisions as the review CSV."""
    rows = [i.row() for i in items]
    data = json.dumps({"columns": COLUMNS, "rows": rows}, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.replace("$TITLE", html.escape(title)).replace("$DATA", data)


_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>$TITLE</title>
<style>
body { font: 14px sans-serif; margin: 1em; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: 4px; vertical-align: top; text-align: left; }
td.evidence { max-width: 40em; color: #333; }
tr.accept { background: #e6f4e6; } tr.reject { background: #f8e3e3; }
</style></head>
<body>
<h1>$TITLE</h1>
<p id="counts"></p>
<p><label>kind <select id="kind"><option value="">all</option></select></label>
<label>curator <input id="curator" size="10"></label>
<button id="save">save decisions as review.csv</button></p>
<table><thead><tr><th>#</th><th>score</th><th>kind</th><th>what</th><th>evidence</th><th>source</th>
<th>decision</th></tr></thead><tbody id="items"></tbody></table>
<script id="data" type="application/json">$DATA</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const body = document.getElementById("items"), kind = document.getElementById("kind");
function cell(tr, text, cls) {  // text, never markup: names and sentences come from the news
  const td = tr.insertCell(); td.textContent = text; if (cls) td.className = cls; return td;
}
function show() {
  body.replaceChildren();
  data.rows.filter(r => !kind.value || r.kind === kind.value).forEach((r, n) => {
    const tr = body.insertRow(); tr.dataset.item = r.item; tr.className = r.decision;
    cell(tr, n + 1); cell(tr, r.score); cell(tr, r.kind);
    cell(tr, `${r.action} ${r.target}${r.value ? " → " + r.value : ""} (${r.reason})`);
    cell(tr, r.evidence, "evidence"); cell(tr, [r.source, r.article].filter(Boolean).join(" "));
    const pick = document.createElement("select");
    for (const d of ["", "accept", "reject", "skip"]) pick.add(new Option(d || "—", d, false, d === r.decision));
    pick.onchange = () => { r.decision = pick.value; tr.className = r.decision; };
    cell(tr, "").append(pick);
  });
  document.getElementById("counts").textContent =
    `${data.rows.length} items, ${data.rows.filter(r => r.decision).length} decided`;
}
for (const k of [...new Set(data.rows.map(r => r.kind))]) kind.add(new Option(k, k));
kind.onchange = show;
document.getElementById("save").onclick = () => {
  const today = new Date().toISOString().slice(0, 10), who = document.getElementById("curator").value;
  const quote = v => `"${String(v ?? "").replaceAll('"', '""')}"`;
  const lines = [data.columns.join(",")].concat(data.rows.map(r => data.columns.map(c =>
    quote(r.decision && c === "curator" && !r.curator ? who : r.decision && c === "date" && !r.date ? today : r[c])
  ).join(",")));
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([lines.join("\\n") + "\\n"], {type: "text/csv"}));
  a.download = "review.csv"; a.click();
};
show();
</script></body></html>
"""


def decide(
    items: list[Item], decisions: dict[str, str], curator: str, date: str, note: str = ""
) -> list[Item]:
    """Record ``decisions`` (item id → accept or reject) on ``items``; the items decided."""
    by_id = {i.item: i for i in items}
    decided = []
    for item_id, decision in decisions.items():
        item = by_id.get(item_id)
        if item is None:
            raise KeyError(f"no item {item_id} in this review")
        if decision == "reject" and item.action not in curation.FACT_ACTIONS:
            raise ValueError(f"item {item_id} is not a fact: to leave it as it is, skip it")
        item.decision, item.curator, item.date, item.note = decision, curator, date, note or item.note
        decided.append(item)
    return decided
