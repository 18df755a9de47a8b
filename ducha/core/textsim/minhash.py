"""MinHash band keys over character 3-grams: near-duplicate texts (the same complaint
forwarded twice, a re-worded copy) share at least one band key with high probability.

Vectorised with numpy, a few thousand texts a second; the band keys are plain integers
a database can index, so no index lives in memory.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MERSENNE_61 = np.uint64((1 << 61) - 1)
SHORT_PAD = "\x00\x00"  # texts shorter than a 3-gram are padded
CHUNK_TEXTS = 256  # signatures are computed this many texts at a time (memory bound)
NUM_PERM = 32
BANDS = 8  # of 4 rows: two texts whose 3-gram Jaccard is 0.6 share a band 2 times in 3
SEED = 20240601

_rng = np.random.default_rng(SEED)
# (a * x + b) mod p with x, a, b < 2**32: exact in uint64, and p = 2**61 - 1 > x.
_A = _rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
_BAND_MULT = _rng.integers(1, 1 << 63, size=NUM_PERM // BANDS, dtype=np.uint64) | np.uint64(1)


def band_keys(texts: Sequence[str]) -> list[tuple[int, ...]]:
    """One tuple of `BANDS` 64-bit band keys per text (empty for an empty text)."""
    out: list[tuple[int, ...]] = []
    for lo in range(0, len(texts), CHUNK_TEXTS):
        chunk = list(texts[lo : lo + CHUNK_TEXTS])
        present = [i for i, t in enumerate(chunk) if t]
        keys: list[tuple[int, ...]] = [()] * len(chunk)
        if present:
            sigs = _signatures([chunk[i] for i in present])
            rows = sigs.reshape(len(present), BANDS, NUM_PERM // BANDS).astype(np.uint64)
            banded = (rows * _BAND_MULT[None, None, :]).sum(axis=2, dtype=np.uint64) >> np.uint64(1)
            for i, row in zip(present, banded.tolist(), strict=True):
                keys[i] = tuple(row)
        out.extend(keys)
    return out


def _signatures(texts: Sequence[str]) -> np.ndarray:
    texts = [t if len(t) >= 3 else (t + SHORT_PAD)[:3] for t in texts]
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    # Each 3-gram packed exactly into 63 bits (code points are < 2**21).
    grams = (codes[:-2] << np.uint64(42)) | (codes[1:-1] << np.uint64(21)) | codes[2:]
    # Drop the 3-grams that straddle two texts: the last two positions of each text.
    ends = np.cumsum(lengths)
    keep = np.ones(len(grams) + 2, dtype=bool)
    keep[ends - 1] = False
    keep[ends - 2] = False
    grams = grams[keep[:-2]]
    x = _mix32(grams)
    hashed = (x[:, None] * _A[None, :] + _B[None, :]) % MERSENNE_61
    offsets = np.concatenate(([0], np.cumsum(lengths - 2)[:-1]))
    return np.minimum.reduceat(hashed, offsets, axis=0).astype(np.uint32)


def _mix32(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, keeping the high 32 bits: a well-spread 3-gram hash."""
    x = x ^ (x >> np.uint64(31))
    x = x * np.uint64(0x7FB5D329728EA185)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x81DADEF4BC2DD44D)
    x = x ^ (x >> np.uint64(33))
    return x >> np.uint64(32)
