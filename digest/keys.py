"""Fingerprints: short hashes that say "this input is the same as last time"."""

from __future__ import annotations

import hashlib


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(*parts) -> str:
    """A short hash of plain values (their repr is stable: no sets, no objects)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()
