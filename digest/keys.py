"""Fingerprints: short hashes that say "this input is the same as last time"."""

from __future__ import annotations

import hashlib


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(*parts) -> str:
    """A short hash of plain values (their repr is stable: no sets, no objects)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


_SUM_MOD = 2 ** 128


def _entry(name: str, key: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{name}\0{key}".encode("utf-8"),
                                          digest_size=16).digest(), "big")


def set_fingerprint(entries: dict[str, str]) -> str:
    """A fingerprint of a whole {name: key} table that `set_fingerprint_update` can
    bring up to date from the entries that changed alone (a sum of each entry's
    hash): a save that changes one page need not hash all twenty thousand."""
    return format(sum(_entry(n, k) for n, k in entries.items()) % _SUM_MOD, "032x")


def set_fingerprint_update(old: str, before: dict[str, str], after: dict[str, str]) -> str:
    """`old` (the fingerprint of a table) once the entries `before` became `after`."""
    total = int(old, 16) - sum(_entry(n, k) for n, k in before.items()) \
        + sum(_entry(n, k) for n, k in after.items())
    return format(total % _SUM_MOD, "032x")
