"""How wide a text is set in DejaVu Sans, the report's font, so that a picture can make room
for its words in any language. Advance widths in font units (2048 to the em) of the book and
bold faces; an accented letter is as wide as its letter, anything else counts as wide."""

from __future__ import annotations

import unicodedata

_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-()/'’“”?!&"
_BOOK = """1255 1300 1126 1300 1260 721 1300 1298 569 569 1186 569 1995 1298 1253 1300 1300 842
1067 803 1298 1212 1675 1212 1212 1075 1401 1405 1430 1577 1294 1178 1587 1540 604 604 1343
1141 1767 1532 1612 1235 1612 1423 1300 1251 1499 1401 2025 1403 1251 1403 1303 1303 1303 1303
1303 1303 1303 1303 1303 1303 651 651 651 690 690 739 799 799 690 563 651 1061 1061 1087 821
1597"""
_BOLD = """1382 1466 1214 1466 1389 891 1466 1458 702 702 1362 702 2134 1458 1407 1466 1466 1010
1219 979 1458 1335 1892 1321 1335 1192 1585 1561 1503 1700 1399 1399 1681 1714 762 762 1587
1305 2038 1714 1741 1501 1741 1577 1475 1397 1663 1585 2259 1579 1483 1485 1425 1425 1425 1425
1425 1425 1425 1425 1425 1425 713 778 778 819 819 850 936 936 748 627 778 1346 1346 1188 934
1786"""
_UNITS = 2048
_FACES = {
    False: dict(zip(_CHARS, map(int, _BOOK.split()), strict=True)),
    True: dict(zip(_CHARS, map(int, _BOLD.split()), strict=True)),
}


def width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` at `size` pixels, in pixels."""
    face = _FACES[bold]
    wide = 2259 if bold else 2025
    units = 0
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1]
        units += face.get(char, face.get(base, wide))
    return units * size / _UNITS
