"""A large synthetic corpus made from the bundled sample pages, for scale benchmarks.

Each synthetic article is a headline and sentences of the sample articles, recombined,
with every name the extractor found in them replaced by a variant: a person gets another
surname (from the surname gazetteer) and given name, any other name another place
prefix (Beijing's districts and streets, from the gazetteers). Variants are drawn with
a heavy tail, as in a real archive: a few bodies recur in many articles, most in few.
Dates spread evenly over 2015–2024. Written as JSON Lines shards, one a worker's unit::

    .venv/bin/python benchmarks/synthetic.py 10000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.pipeline import extract_sources  # noqa: E402
from ontology import gazetteers  # noqa: E402
from ontology.schema import EntityType  # noqa: E402

PAGES = Path(__file__).resolve().parents[1] / "examples" / "pages"
SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")

Piece = str | tuple[EntityType, str]  # literal text, or a name to vary


@dataclass
class Templates:
    headlines: list[list[Piece]]
    sentences: list[list[Piece]]
    body_lengths: list[int]  # of the sample articles, to draw lengths from
    places: list[str]  # prefixes for varied names
    own_place: dict[str, str]  # a sample name → the place it starts with ("" if none)
    surnames: list[str]
    given_chars: str  # characters of the sample's given names


@dataclass
class Corpus:
    files: list[Path]
    articles: int
    characters: int


def templates(pages: Path = PAGES) -> Templates:
    """Headlines and sentences of the sample with the names the extractor finds marked."""
    run = extract_sources([pages])
    headlines, sentences, given = [], [], set()
    for g in run.graphs:
        text, spans = g.article.text, []
        for e in g.entities:
            spans += [(s.start, s.end, e.type, text[s.start : s.end]) for s in e.spans]
            if e.type is EntityType.Person:
                given.update(gazetteers.split_surname(e.name)[1])
        # the longest of overlapping mentions wins: 北京城建集团工会, not 北京城建集团
        chosen: list[tuple[int, int, EntityType, str]] = []
        for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
                chosen.append(span)
        headlines.append(_pieces(text, 0, len(g.article.title), chosen))
        for m in SENTENCE.finditer(text, g.article.body_start):
            sentences.append(_pieces(text, m.start(), m.end(), chosen))
    places = sorted({d.name for d in gazetteers.districts()} | {s.name for s in gazetteers.subdistricts()})
    names = {p[1] for pieces in headlines + sentences for p in pieces if isinstance(p, tuple)}
    own_place = {n: max((p for p in places if n.startswith(p)), key=len, default="") for n in names}
    return Templates(
        headlines,
        sentences,
        [len(g.article.body) for g in run.graphs],
        places,
        own_place,
        sorted(gazetteers.surnames()),
        "".join(sorted(given)),
    )


def write_corpus(
    out: Path, n_articles: int, *, seed: int = 0, per_file: int = 500, source: Templates | None = None
) -> Corpus:
    """``n_articles`` synthetic articles in ``out/part-NNNNN.jsonl`` files of ``per_file`` each."""
    t = source or templates()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    variants = max(1, n_articles // 20)  # distinct variants a sample name may take
    files, characters = [], 0
    start, days = date(2015, 1, 1), (date(2024, 12, 31) - date(2015, 1, 1)).days
    for first in range(0, n_articles, per_file):
        path = out / f"part-{first // per_file:05d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(first, min(first + per_file, n_articles)):
                names: dict[tuple[EntityType, str], str] = {}  # one variant per name within an article

                def fill(pieces: list[Piece]) -> str:
                    return "".join(
                        p
                        if isinstance(p, str)
                        else names.setdefault(
                            p, _variant(t, *p, min(int(rng.paretovariate(1.0)) - 1, variants - 1))
                        )
                        for p in pieces
                    )

                title = fill(rng.choice(t.headlines))
                target, body, paragraph = rng.choice(t.body_lengths), [], ""
                while sum(map(len, body)) + len(paragraph) < target:
                    paragraph += fill(rng.choice(t.sentences))
                    if len(paragraph) > 150:
                        body.append(paragraph)
                        paragraph = ""
                body = "\n".join(body + [paragraph] if paragraph else body)
                when = start + timedelta(days=days * i // max(1, n_articles - 1))
                f.write(
                    json.dumps({"title": title, "body": body, "date": when.isoformat()}, ensure_ascii=False)
                    + "\n"
                )
                characters += len(title) + 1 + len(body)
        files.append(path)
    return Corpus(files, n_articles, characters)


def _pieces(text: str, start: int, end: int, spans) -> list[Piece]:
    pieces: list[Piece] = []
    cursor = start
    for s, e, etype, name in sorted(sp for sp in spans if sp[0] >= start and sp[1] <= end):
        pieces += [text[cursor:s], (etype, name)]
        cursor = e
    pieces.append(text[cursor:end])
    return [p for p in pieces if p]


def _variant(t: Templates, etype: EntityType, name: str, j: int) -> str:
    """Variant ``j`` of a name (0 is the name itself), the same for the same ``j``."""
    if j == 0:
        return name
    if etype is EntityType.Person:
        surname = t.surnames[j % len(t.surnames)]
        given = (
            t.given_chars[j % len(t.given_chars)]
            + t.given_chars[(j // len(t.given_chars) * 7 + j) % len(t.given_chars)]
        )
        return surname + given
    place = t.places[j % len(t.places)] + (t.places[j // len(t.places)] if j >= len(t.places) else "")
    return place + name[len(t.own_place[name]) :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-file", type=int, default=500)
    args = parser.parse_args()
    corpus = write_corpus(args.out, args.articles, per_file=args.per_file)
    print(
        f"{corpus.articles} articles, {corpus.characters} characters in {len(corpus.files)} files under {args.out}"
    )


if __name__ == "__main__":
    main()
