"""Bytes → text, detecting the encoding instead of guessing it silently.

Order: a BOM (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else strict GB18030
(a superset of GBK and GB2312). Anything else is a :class:`LoadError` naming the
reason, never mojibake passed on to the extractor.

>>> decode_bytes("工会".encode("gb18030"), "x.txt")
('工会', 'gb18030')
>>> decode_bytes(b"\\xef\\xbb\\xbf\\xe5\\xb7\\xa5", "x.txt")
('工', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re

from loaders.article import LoadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Characters expected in Chinese news text: CJK, ASCII, CJK and full-width punctuation.
_PLAUSIBLE = re.compile(
    r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\s\u00b7\u2460-\u24ff]"
)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`LoadError` when the bytes are not text."""
    if not data.strip():
        raise LoadError(source, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as err:
                raise LoadError(source, f"undecodable {encoding} after its BOM at byte {err.start}") from None
            return _plausible(text, encoding, source), encoding
    if b"\x00" in data[:4096]:
        raise LoadError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise LoadError(
                source, f"undecodable bytes: neither UTF-8 (byte {utf8_err.start}) nor GB18030"
            ) from None
    return _plausible(text, "gb18030", source), "gb18030"


def _plausible(text: str, encoding: str, source: str) -> str:
    """GB18030 and UTF-16 map most byte soup to *some* characters: refuse text that is
    mostly characters news never uses."""
    sample = text[:20000]
    if len(_PLAUSIBLE.findall(sample)) < 0.9 * len(sample):
        raise LoadError(source, f"undecodable bytes: as {encoding} this is not plausible text")
    return text
