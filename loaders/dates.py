"""Article dates: read from what the user has, kept with their origin and precision.

A date is an ISO string as precise as its evidence: ``2024`` (a year), ``2024-05`` (a
month) or ``2024-05-08`` (a day); :func:`precision` tells which. Where it came from is
the article's ``date_origin``: ``option`` (``--date``), ``source`` (a JSON Lines field),
``meta`` or ``byline`` (an HTML page), ``manifest``, ``banner`` (an OCR'd page's
banner) or ``filename`` (the file's or a folder's name).

>>> normalise("2024-05-08T09:30:00+08:00"), normalise("2024年5月8日"), normalise("2024/5"), normalise("2024")
('2024-05-08', '2024-05-08', '2024-05', '2024')
>>> normalise("2024-02-30") is None, precision("2024-05")
(True, 'month')
>>> from_path("sources/2024/05/08/03.txt"), from_path("p_20240508.txt"), from_path("2024-05-08-p3.html")
('2024-05-08', '2024-05-08', '2024-05-08')
>>> from_path("000_df368c484bf15bb0.txt") is None
True
>>> from_banner("劳动午报\\n2024年5月8日 星期三 第3版\\n\\n工会举办培训")
'2024-05-08'
"""

from __future__ import annotations

import re
from datetime import date

PRECISIONS = {4: "year", 7: "month", 10: "day"}
ORIGINS = ("option", "source", "meta", "byline", "manifest", "banner", "filename")

_SEP = r"[-/.年_]"
# 2024-05-08, 2024/5/8, 2024年5月8日, 2024.05.08, 20240508, 2024-05, 2024年5月, 2024 (then anything: a time)
_DATE = re.compile(
    rf"^\s*(?P<y>(?:19|20)\d\d)(?:(?:{_SEP}(?P<m>\d{{1,2}})(?:{_SEP.replace('年', '月')}(?P<d>\d{{1,2}})日?)?月?)"
    r"|(?P<m8>\d\d)(?P<d8>\d\d))?(?:$|[\sT日年])"
)
# In a path: a day (2024-05-08, 2024_05_08, 20240508, 2024/05/08/) or a month (2024-05, 2024/05/)
# not inside a longer run of letters and digits (a content hash)
_PATH_DAY = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)([-_./]?)(\d\d)\2(\d\d)(?![0-9A-Za-z])")
_PATH_MONTH = re.compile(
    r"(?<![0-9A-Za-z])((?:19|20)\d\d)[-_/](\d\d)(?![0-9A-Za-z]|[-_/]\d\d(?![0-9A-Za-z]))"
)
# A page banner: the paper's date on a short line with the weekday or the page (版)
BANNER = re.compile(
    r"^[^\n。，]{0,20}?((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日\s*(?:(?:星期|周)[一二三四五六日天]|[^\n。，]{0,12}版)"
    r"[^\n。，]{0,20}$"
)


def _iso(y: str | int, m: str | int | None = None, d: str | int | None = None) -> str | None:
    """The ISO form, as precise as given; None if no such day or month."""
    try:
        if d is not None:
            return date(int(y), int(m), int(d)).isoformat()
        if m is not None:
            return date(int(y), int(m), 1).isoformat()[:7]
        return f"{int(y):04d}"
    except ValueError:
        return None


def normalise(text: str | None) -> str | None:
    """A date as printed or given (ISO, with a time, 年月日, slashes, 20240508) → ISO."""
    match = _DATE.match(text or "")
    if not match:
        return None
    if match["m8"]:
        return _iso(match["y"], match["m8"], match["d8"])
    return _iso(match["y"], match["m"], match["d"])


def precision(value: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for an ISO date of :func:`normalise`."""
    return PRECISIONS.get(len(value)) if value else None


def from_path(path: str) -> str | None:
    """The date a file's or a folder's name gives (the most precise, the last one)."""
    text = path.replace("\\", "/")
    days = [_iso(m[1], m[3], m[4]) for m in _PATH_DAY.finditer(text)]
    if days := [d for d in days if d]:
        return days[-1]
    months = [_iso(m[1], m[2]) for m in _PATH_MONTH.finditer(text)]
    if months := [m for m in months if m]:
        return months[-1]
    # a folder named by its year alone: 2024/page3.txt
    years = [part for part in text.split("/")[:-1] if re.fullmatch(r"(?:19|20)\d\d", part)]
    return years[-1] if years else None


def from_banner(page: str, lines: int = 8) -> str | None:
    """The date in a page banner among the first or last ``lines`` lines of an OCR'd page."""
    found = [line.strip() for line in page.splitlines() if line.strip()]
    for line in found[:lines] + found[-lines:]:
        if match := BANNER.match(line):
            return _iso(*match.groups())
    return None


def is_banner(line: str) -> bool:
    """A short line that prints the page's date (劳动午报 2024年5月8日 星期三): not an article."""
    return bool(BANNER.match(line.strip()))
