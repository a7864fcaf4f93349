"""Rebuild the texts of the real development set from saved copies of their pages.

The articles' text is not in the repository (the pages' terms forbid copying it): only
``index.jsonl`` is, one row per article with its url, outlet, date, headline, split and
the SHA-1 of each line kept from the page. Given a folder of saved copies of the pages
(``<id>.txt``, the page's text as fetched), this script writes
``{dev,test}/texts/<id>.txt`` (headline, then the kept lines as paragraphs), checking
every line against its hash, and ``{dev,test}/pages/``: the articles glued four to a
page with their gold, to score page cutting. Both folders are git-ignored.

    python examples/real/regather.py --pages ~/saved-pages

>>> line_hash("  某区总工会举办培训。") == line_hash("某区总工会举办培训。")
True
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INDEX = HERE / "index.jsonl"
PAGE_SIZE = 4  # articles glued into one page to score page cutting


def line_hash(line: str) -> str:
    """SHA-1 of a line with the white space around it removed."""
    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()


def article_text(row: dict, page_text: str) -> str:
    """The article of ``row``: its headline and the page's lines whose hashes it lists, in
    the index's order. Raises ValueError naming the first line that is not on the page."""
    by_hash = {line_hash(line): line.strip() for line in page_text.splitlines() if line.strip()}
    missing = [i for i, h in enumerate(row["lines"]) if h not in by_hash]
    if missing:
        raise ValueError(
            f"{row['id']}: {len(missing)} of {len(row['lines'])} lines are not on the saved page "
            f"(first: line {missing[0] + 1}); the page changed or is another one"
        )
    return "\n\n".join([row["headline"], *(by_hash[h] for h in row["lines"])]) + "\n"


def glue_pages(split_dir: Path, ids: list[str]) -> int:
    """``split_dir/pages/{texts,gold}``: the split's articles ``PAGE_SIZE`` to a page, each
    headline right after the previous article's last line, as a newspaper page runs on."""
    texts, gold = split_dir / "pages" / "texts", split_dir / "pages" / "gold"
    texts.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    pages = [ids[i : i + PAGE_SIZE] for i in range(0, len(ids), PAGE_SIZE)]
    for n, members in enumerate(pages):
        name = f"page{n:03d}"
        body = "\n".join((split_dir / "texts" / f"{i}.txt").read_text(encoding="utf-8") for i in members)
        (texts / f"{name}.txt").write_text(body, encoding="utf-8")
        articles = [
            json.loads((split_dir / "gold" / f"{i}.json").read_text(encoding="utf-8"))["articles"][0]
            for i in members
        ]
        (gold / f"{name}.json").write_text(
            json.dumps({"source": f"{name}.txt", "articles": articles}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return len(pages)


def read_index(path: Path = INDEX) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def regather(pages_dir: Path, out: Path = HERE, index: Path = INDEX) -> list[str]:
    """Write every article of the index whose saved page is in ``pages_dir``; the problems."""
    problems, written = [], {"dev": [], "test": []}
    for row in read_index(index):
        page = pages_dir / f"{row['id']}.txt"
        if not page.is_file():
            problems.append(f"{row['id']}: no saved copy {page} (url {row['url']})")
            continue
        try:
            text = article_text(row, page.read_text(encoding="utf-8"))
        except ValueError as err:
            problems.append(str(err))
            continue
        target = out / row["split"] / "texts" / f"{row['id']}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written[row["split"]].append(row["id"])
    for split, ids in written.items():
        if ids and (out / split / "gold").is_dir():
            glue_pages(out / split, ids)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, required=True, help="folder of saved page copies, <id>.txt")
    parser.add_argument(
        "--out", type=Path, default=HERE, help="where {dev,test}/texts go (default: beside this script)"
    )
    args = parser.parse_args(argv)
    problems = regather(args.pages, args.out)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
