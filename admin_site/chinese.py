"""Chinese text as the matching reads it (places.py, things.py): full-width letters, digits and
punctuation folded to their plain forms (NFKC), and traditional characters simplified (OpenCC's
t2s), so 人民東路８５號 and 人民东路85号 are one address."""

from __future__ import annotations

import functools
import unicodedata

import opencc


# The words with which the operator writes what the caller asks for (请相关部门督促物业…,
# 来电人要求检查学校): no place's or thing's name runs back past them.
ASKING = "部门|政府|督促|要求|希望|排查|检查|监督"


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1024)  # a contact's address and text are read by places.py and things.py alike
def plain(text: str | None) -> str:
    return _converter().convert(unicodedata.normalize("NFKC", text or ""))
