"""Maintainers' step: the gathered articles → ``index.jsonl``, the gold per split, the texts.

Reads a store of gathered articles (``pages/<id>.txt`` the saved page, ``pages/<id>.json``
its url, outlet, date, headline and kind, ``texts/<id>.txt`` the article as kept: headline,
then whole lines of the page, ``gold/<id>.json`` its annotation), checks each kept line is
on the page and each gold file against GUIDELINES.md's format, assigns every outlet to one
split (dev or test, about 2:1 by articles; an outlet keeps the split the index gave it),
and writes the index, ``{dev,test}/gold/`` and, through :mod:`regather`, the texts.

    python examples/real/make_index.py --store /work/unionkg-real
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

from regather import HERE, INDEX, line_hash, read_index, regather

TYPES = {"Union", "Enterprise", "Organisation", "District", "Venue", "Person", "Honour", "Programme", "Event"}
PREDICATES = {
    "holdsPost",
    "worksFor",
    "hasHonour",
    "unionOf",
    "subOrganizationOf",
    "locatedIn",
    "organised",
    "participatedIn",
    "partOf",
    "heldAt",
}
TEST_SHARE = 1 / 3


def check_gold(gold: dict, headline: str) -> list[str]:
    """What is wrong with a gold file of one article, in GUIDELINES.md's format."""
    problems = []
    (article,) = gold["articles"]
    if article["title"] != headline:
        problems.append(f"title {article['title']!r} is not the headline {headline!r}")
    names = set()
    for e in article["entities"]:
        if e["type"] not in TYPES:
            problems.append(f"entity type {e['type']!r}")
        names.add(e["name"])
    for r in article["relations"]:
        if r["p"] not in PREDICATES:
            problems.append(f"predicate {r['p']!r}")
        for end in (r["s"], r["o"]):
            if end not in names:
                problems.append(f"relation end {end!r} is no entity name")
    return problems


def assign_splits(outlets: Counter, known: dict[str, str]) -> dict[str, str]:
    """Each outlet's split: the known ones keep theirs; the others, largest first, go to the
    split furthest below its share of the articles."""
    splits = dict(known)
    size = Counter()
    for outlet, n in outlets.items():
        if outlet in splits:
            size[splits[outlet]] += n
    for outlet, n in sorted(outlets.items(), key=lambda o: (-o[1], o[0])):
        if outlet not in splits:
            total = sum(size.values()) + n
            splits[outlet] = (
                "test"
                if size["test"] + n <= TEST_SHARE * total + n / 2 and size["test"] < TEST_SHARE * total
                else "dev"
            )
            size[splits[outlet]] += n
    return splits


def make_index(store: Path) -> list[str]:
    problems, rows = [], []
    for meta_file in sorted((store / "pages").glob("*.json")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        aid = meta["id"]
        text_file, gold_file = store / "texts" / f"{aid}.txt", store / "gold" / f"{aid}.json"
        if not text_file.is_file() or not gold_file.is_file():
            problems.append(f"{aid}: no text or no gold yet, left out")
            continue
        page = {
            line_hash(x) for x in (store / "pages" / f"{aid}.txt").read_text(encoding="utf-8").splitlines()
        }
        headline, *body = [x for x in text_file.read_text(encoding="utf-8").splitlines() if x.strip()]
        hashes = [line_hash(x) for x in body]
        off_page = [i + 2 for i, h in enumerate(hashes) if h not in page]
        try:
            bad_gold = check_gold(json.loads(gold_file.read_text(encoding="utf-8")), headline.strip())
        except (ValueError, KeyError) as err:
            bad_gold = [f"unreadable: {err!r}"]
        if off_page or bad_gold:
            problems.append(f"{aid}: lines not on the page {off_page}; gold: {bad_gold}; left out")
            continue
        rows.append(
            {
                "id": aid,
                "url": meta["url"],
                "outlet": meta["outlet"] or meta.get("site", ""),
                "site": meta.get("site", ""),
                "date": meta.get("date", ""),
                "headline": headline.strip(),
                "kind": meta.get("kind", ""),
                "lines": hashes,
            }
        )
    known = {r["outlet"]: r["split"] for r in read_index()} if INDEX.is_file() else {}
    splits = assign_splits(Counter(r["outlet"] for r in rows), known)
    for split in ("dev", "test"):
        shutil.rmtree(HERE / split, ignore_errors=True)
        (HERE / split / "gold").mkdir(parents=True)
    with INDEX.open("w", encoding="utf-8") as f:
        for r in rows:
            r = {**r, "split": splits[r["outlet"]]}
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            shutil.copy(store / "gold" / f"{r['id']}.json", HERE / r["split"] / "gold" / f"{r['id']}.json")
    return problems + regather(store / "pages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the gathered articles")
    for p in make_index(parser.parse_args(argv).store):
        print(f"note: {p}", file=sys.stderr)
    rows = read_index()
    for split in ("dev", "test"):
        chosen = [r for r in rows if r["split"] == split]
        print(f"{split}: {len(chosen)} articles from {len({r['outlet'] for r in chosen})} outlets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
