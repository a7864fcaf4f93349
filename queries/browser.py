"""The saved Cypher questions as Neo4j Browser favourites.

Browser imports favourites from ``.cypher`` files or a ``.zip`` of them (Favorites →
Import) and names each after its first comment line. Each favourite sets the
question's parameters to their defaults (``:params``) and then runs the query, so it
answers at once and shows which parameters to change.

>>> text = favourite(get("union_hierarchy"))
>>> print(text.splitlines()[0])
// 某总工会之下的各级工会 | Unions under a federation, at any depth
>>> print(text.splitlines()[1])
:params {federation: "北京市总工会"};
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from queries.library import SavedQuery, get, questions

FOLDER = "unionkg"  # the favourites folder Browser shows


def favourite(question: SavedQuery) -> str:
    """The Browser favourite of ``question``: title, parameters, then the Cypher file
    as it is (its header comments say what to change)."""
    title, _, rest = question.cypher.partition("\n")
    lines = [title]
    if question.parameters:
        # a Cypher map literal; JSON's string escapes are valid in Cypher
        values = ", ".join(f"{p.name}: {json.dumps(p.default, ensure_ascii=False)}" for p in question.parameters)
        lines.append(f":params {{{values}}};")
    return "\n".join(lines) + "\n" + rest


def write_favourites(path: Path | str) -> Path:
    """A zip of every question's favourite, ``unionkg/NAME.cypher``, for Browser's import."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, question in questions().items():
            archive.writestr(f"{FOLDER}/{name}.cypher", favourite(question))
    tmp.replace(path)
    return path
