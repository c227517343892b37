"""Text as it is stored, canonical phones and their keyed hash, and the matching keys a contact is
grouped by (the place from places.py, the things and matters from things.py).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import multiprocessing
import os
import re
import signal
import unicodedata

from . import places, things

# C0 and C1 control characters other than tab and newline, and the two non-characters U+FFFE and
# U+FFFF: Word files and XML refuse them, and no
# person types them (they arrive pasted from other programs).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def plain_text(value: str | None) -> str | None:
    """Text as it is stored and printed: one kind of line end (a browser sends CRLF) and no
    control characters."""
    if value is None:
        return None
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


YULIN_AREA_CODE = "775"


def canonical_phone(raw: str | None) -> str | None:
    """One form for every way a number is written: +8613812341234, +867752821234 for Yulin lines."""
    if not raw:
        return None
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", raw))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) in (12, 13):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return "+86" + digits
    if digits.startswith("0") and 10 <= len(digits) <= 12:
        return "+86" + digits[1:]
    if 7 <= len(digits) <= 8:
        return "+86" + YULIN_AREA_CODE + digits
    return digits or None


def phone_hash(raw: str | None, key: bytes) -> str | None:
    """A keyed hash of the canonical number: equal numbers match, the number itself is not kept."""
    canonical = canonical_phone(raw)
    if canonical is None:
        return None
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()[:32]


def matching_keys(phone: str | None, address: str | None, content: str | None, hash_key: bytes,
                  gazetteer=None) -> dict:
    """The keys a contact is grouped by, as the ``Contact`` columns that hold them: the caller, the
    place of the problem (places.py), the things it names and its matters (things.py), and the
    county its address names (which may be the caller's home: grouping.assign_regions weighs it)."""
    location = places.locate(address, content, gazetteer)
    own_names = places.own_names(location)
    named = [things.without_place(key, own_names) for key in things.things(content)]
    return {"phone_hash": phone_hash(phone, hash_key), "place_key": location.block, "place": location.stored or None,
            "county": location.county or None, "address_county": places.read(address, gazetteer).county or None,
            "thing": "、".join(dict.fromkeys(named))[:100] or None,
            "topic": "+".join(things.topics(content, own_names)[:3]) or None}


# From this many contacts on, the keys are read by one process per core: reading the places and
# things of a text takes about a tenth of a millisecond, which is most of a large import's time.
PARALLEL_ROWS = 20_000
MAX_PROCESSES = 8
_SHARED: tuple | None = None  # what the forked processes read their share from


def matching_keys_of(rows: list[tuple], hash_key: bytes, gazetteer, progress=None) -> list[dict]:
    """``matching_keys`` of many (phone, address, content), in order, telling ``progress`` how many
    are done as it goes.  The processes are forked, so they share the rows and the gazetteer with
    this one, and only their keys come back."""
    global _SHARED
    processes = min(os.cpu_count() or 1, MAX_PROCESSES)
    parallel = len(rows) >= PARALLEL_ROWS and processes > 1 and "fork" in multiprocessing.get_all_start_methods()
    step = math.ceil(len(rows) / (processes * 4)) if parallel else 1000
    shares = [(start, start + step) for start in range(0, len(rows), step)]
    found: list[dict] = []
    _SHARED = (rows, hash_key, gazetteer)
    try:
        for part in _read_shares(shares, processes if parallel else 1):
            found += part
            if progress is not None:
                progress(len(part))
    finally:
        _SHARED = None
    return found


def _read_shares(shares: list[tuple[int, int]], processes: int):
    """The keys share by share, read here or by forked processes.  The processes get the default
    SIGTERM back (a handler this process set must not keep them alive) and, once every share is
    read, end on their own: terminating a pool can leave it waiting for a process killed holding
    its queue's lock."""
    if processes == 1:
        yield from map(_keys_of_share, shares)
        return
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=signal.signal,
                                                    initargs=(signal.SIGTERM, signal.SIG_DFL))
    try:
        yield from pool.imap(_keys_of_share, shares)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _keys_of_share(bounds: tuple[int, int]) -> list[dict]:
    rows, hash_key, gazetteer = _SHARED
    return [matching_keys(*row, hash_key, gazetteer) for row in rows[bounds[0]:bounds[1]]]
