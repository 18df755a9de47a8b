"""The audit hash chain, pure: canonical bytes of a record and its digest.

Each record's hash covers its own fields and the previous record's hash, so
altering, deleting or reordering any record breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives import hashes

GENESIS = "0" * 64


def preferred_algorithm() -> str:
    """SM3 (GB/T 32905) where the cryptography build has it, else SHA-256."""
    try:
        hashes.Hash(hashes.SM3())
    except Exception:  # UnsupportedAlgorithm on builds without SM3
        return "SHA-256"
    return "SM3"


def digest(algorithm: str, payload: bytes) -> str:
    if algorithm == "SM3":
        h = hashes.Hash(hashes.SM3())
        h.update(payload)
        return h.finalize().hex()
    if algorithm == "SHA-256":
        return hashlib.sha256(payload).hexdigest()
    raise ValueError(f"unknown hash algorithm {algorithm!r}")


def canonical(fields: dict[str, Any]) -> bytes:
    """One byte string per record: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def chain_hash(algorithm: str, prev_hash: str, fields: dict[str, Any]) -> str:
    return digest(algorithm, prev_hash.encode("ascii") + b"\n" + canonical(fields))
