"""Candidate repeats: a vectorised MinHash over character 3-grams, LSH banding, and a
second channel on the specific places a complaint names.

MinHash finds near-duplicates (the same complaint forwarded twice, a re-worded copy).
A repeat written by another complainant often shares few 3-grams but names the same
village, company or dock, so texts that share such a place are candidates too. The
candidates are reranked by `score.py`.

Everything is numpy except the bucket tables (Python dicts of lists, one per band), so
the index grows incrementally: `add_many` a batch, `query_many` a batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .features import Features, extract

MERSENNE_61 = np.uint64((1 << 61) - 1)
SHORT_PAD = "\x00\x00"  # texts shorter than a 3-gram are padded
CHUNK_TEXTS = 256
COMMON_PLACE = 50  # a specific place named by more complaints than this ranks lower  # signatures are computed this many texts at a time (memory bound)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed complaint that may be about the same target.

    `similarity` estimates the Jaccard similarity of the two texts' 3-gram sets (the
    share of equal MinHash values); `shared_places` are the specific places both name.
    """

    key: Hashable
    similarity: float
    band_hits: int
    shared_places: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pair:
    """Two indexed complaints that may be about the same target."""

    key: Hashable
    other_key: Hashable
    similarity: float
    shared_places: tuple[str, ...] = ()


class RepeatIndex:
    """MinHash-LSH index of complaint texts, keyed by the caller's keys.

    `num_perm` hash functions are split into `bands` bands of `num_perm // bands` rows;
    two texts become candidates when all rows of one band agree (with 128 and 32, a
    3-gram Jaccard of 0.4 is found about half the time, 0.6 almost always). Buckets
    larger than `max_bucket` are boilerplate shared by too many texts and are ignored;
    a place shared by many complaints contributes its `max_postings` latest ones.
    """

    def __init__(
        self,
        *,
        num_perm: int = 128,
        bands: int = 32,
        seed: int = 20240601,
        max_bucket: int = 200,
        max_postings: int = 200,
    ) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self.max_bucket = max_bucket
        self.max_postings = max_postings
        rng = np.random.default_rng(seed)
        # (a * x + b) mod p with x, a, b < 2**32: exact in uint64, and p = 2**61 - 1 > x.
        self._a = rng.integers(1, 1 << 32, size=num_perm, dtype=np.uint64)
        self._b = rng.integers(0, 1 << 32, size=num_perm, dtype=np.uint64)
        self._band_mult = rng.integers(1, 1 << 63, size=self.rows, dtype=np.uint64) | np.uint64(1)

        self._keys: list[Hashable] = []
        self._ids: dict[Hashable, int] = {}
        self._alive = np.zeros(0, dtype=bool)
        self._features: list[Features] = []
        self._sigs = np.zeros((0, num_perm), dtype=np.uint32)
        self._size = 0
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(bands)]
        self._postings: dict[str, list[int]] = {}

    # -- size ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._ids

    def features(self, key: Hashable) -> Features:
        return self._features[self._ids[key]]

    # -- adding ----------------------------------------------------------------------

    def add(self, key: Hashable, text: str) -> None:
        """Index one complaint; a key already indexed is replaced."""
        self.add_many([(key, text)])

    def add_many(self, items: Iterable[tuple[Hashable, str]]) -> None:
        """Index many complaints at once (much faster than one by one)."""
        items = list(items)
        if not items:
            return
        for key, _ in items:
            self.remove(key)
        features = [extract(text) for _, text in items]
        sigs = self.signatures([f.text for f in features])
        start = self._size
        ids = list(range(start, start + len(items)))
        self._grow(start + len(items))
        self._sigs[start : start + len(items)] = sigs
        self._alive[start : start + len(items)] = True
        self._size += len(items)
        for (key, _), id_, feature in zip(items, ids, features, strict=True):
            self._keys.append(key)
            self._ids[key] = id_
            self._features.append(feature)
            for place in feature.specific_keys:
                self._postings.setdefault(place, []).append(id_)
        band_keys = self._band_keys(sigs)
        # Most buckets hold one id: stored as a bare int, a list from the second on
        # (a third of the memory of a list per bucket).
        for band, table in enumerate(self._tables):
            for id_, h in zip(ids, band_keys[:, band].tolist(), strict=True):
                bucket = table.get(h)
                if bucket is None:
                    table[h] = id_
                elif type(bucket) is int:
                    table[h] = [bucket, id_]
                else:
                    bucket.append(id_)

    def remove(self, key: Hashable) -> None:
        """Forget a complaint (its buckets keep a dead id that queries skip)."""
        id_ = self._ids.pop(key, None)
        if id_ is not None:
            self._alive[id_] = False

    def _grow(self, size: int) -> None:
        if size <= len(self._sigs):
            return
        capacity = max(size, 2 * len(self._sigs), 1024)
        sigs = np.zeros((capacity, self.num_perm), dtype=np.uint32)
        sigs[: self._size] = self._sigs[: self._size]
        alive = np.zeros(capacity, dtype=bool)
        alive[: self._size] = self._alive[: self._size]
        self._sigs, self._alive = sigs, alive

    # -- hashing ---------------------------------------------------------------------

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """MinHash signatures (len(texts) x num_perm, uint32) of normalised texts."""
        out = np.empty((len(texts), self.num_perm), dtype=np.uint32)
        for lo in range(0, len(texts), CHUNK_TEXTS):
            chunk = texts[lo : lo + CHUNK_TEXTS]
            out[lo : lo + len(chunk)] = self._chunk_signatures(chunk)
        return out

    def _chunk_signatures(self, texts: Sequence[str]) -> np.ndarray:
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
        hashed = (x[:, None] * self._a[None, :] + self._b[None, :]) % MERSENNE_61
        offsets = np.concatenate(([0], np.cumsum(lengths - 2)[:-1]))
        return np.minimum.reduceat(hashed, offsets, axis=0).astype(np.uint32)

    def _band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """One uint64 per band: the band's rows combined by a random linear hash."""
        rows = sigs.reshape(len(sigs), self.bands, self.rows).astype(np.uint64)
        return (rows * self._band_mult[None, None, :]).sum(axis=2, dtype=np.uint64)

    # -- querying --------------------------------------------------------------------

    def query(self, text: str, *, exclude_key: Hashable | None = None, limit: int = 10) -> list[Candidate]:
        """Indexed complaints most likely about the same target as `text`."""
        return self.query_features([extract(text)], exclude_keys=[exclude_key], limit=limit)[0]

    def query_many(
        self,
        texts: Sequence[str],
        *,
        exclude_keys: Sequence[Hashable | None] | None = None,
        limit: int = 10,
    ) -> list[list[Candidate]]:
        """`query` for a batch of texts (one signature computation for all)."""
        return self.query_features([extract(t) for t in texts], exclude_keys=exclude_keys, limit=limit)

    def query_features(
        self,
        features: Sequence[Features],
        *,
        exclude_keys: Sequence[Hashable | None] | None = None,
        limit: int = 10,
    ) -> list[list[Candidate]]:
        """`query_many` for texts already passed through `features.extract`.

        Candidates are ordered by estimated 3-gram similarity, raised (above any
        similarity) for those that share a rare specific place; at most `limit` each.
        """
        if exclude_keys is None:
            exclude_keys = [None] * len(features)
        if not features:
            return []
        sigs = self.signatures([f.text for f in features])
        band_keys = self._band_keys(sigs).tolist()
        results = []
        for feature, sig, keys, exclude in zip(features, sigs, band_keys, exclude_keys, strict=True):
            results.append(self._candidates(feature, sig, keys, exclude, limit))
        return results

    def _candidates(
        self,
        feature: Features,
        sig: np.ndarray,
        band_keys: list[int],
        exclude: Hashable | None,
        limit: int,
    ) -> list[Candidate]:
        hits: Counter[int] = Counter()
        max_bucket = self.max_bucket
        for table, h in zip(self._tables, band_keys, strict=True):
            bucket = table.get(h)
            if bucket is None:
                continue
            if type(bucket) is int:
                hits[bucket] += 1
            elif len(bucket) <= max_bucket:
                hits.update(bucket)
        places: dict[int, list[str]] = {}
        place_weight: dict[int, float] = {}
        for place in feature.specific_keys:
            postings = self._postings.get(place, ())
            # A place named by few complaints is strong; a common one ("刘某") weak.
            weight = min(1.0, COMMON_PLACE / len(postings)) if postings else 0.0
            for id_ in postings[-self.max_postings :]:
                places.setdefault(id_, []).append(place)
                place_weight[id_] = max(place_weight.get(id_, 0.0), weight)
        ids = set(hits) | set(places)
        excluded = self._ids.get(exclude) if exclude is not None else None
        ids.discard(excluded)
        if not ids:
            return []
        id_array = np.fromiter(ids, dtype=np.int64, count=len(ids))
        id_array = id_array[self._alive[id_array]]
        if not len(id_array):
            return []
        similarity = (self._sigs[id_array] == sig).mean(axis=1)
        if place_weight:
            weight = np.fromiter(
                (place_weight.get(i, 0.0) for i in id_array.tolist()), dtype=np.float64, count=len(id_array)
            )
        else:
            weight = 0.0
        # Sharing a rare specific place outranks any 3-gram similarity: formulaic
        # wording makes complaints about two sites look alike, not the same site.
        rank = similarity + 1.0 * weight
        order = np.argsort(-rank, kind="stable")[:limit]
        return [
            Candidate(
                key=self._keys[i],
                similarity=round(float(similarity[k]), 3),
                band_hits=hits.get(i, 0),
                shared_places=tuple(_place_name(p) for p in places.get(i, ())),
            )
            for k, i in ((int(k), int(id_array[k])) for k in order)
        ]

    def pairs_within(
        self,
        keys: Iterable[Hashable] | None = None,
        *,
        min_similarity: float = 0.3,
    ) -> list[Pair]:
        """Candidate repeats among indexed complaints (`keys`, or all of them).

        For a new batch: `add_many(batch)`, then `pairs_within(batch keys)` finds the
        batch's own repeats and `query_many` its repeats of earlier complaints. A pair
        is kept when its estimated similarity reaches `min_similarity` or when both
        name the same specific place.
        """
        if keys is None:
            ids = np.flatnonzero(self._alive[: self._size])
        else:
            ids = np.array([self._ids[k] for k in keys], dtype=np.int64)
        if len(ids) < 2:
            return []
        found: set[tuple[int, int]] = set()
        band_keys = self._band_keys(self._sigs[ids])
        for band in range(self.bands):
            for group in _groups(band_keys[:, band], ids, self.max_bucket):
                found.update(_pairs(group))
        by_place: dict[str, list[int]] = {}
        for id_ in ids.tolist():
            for place in self._features[id_].specific_keys:
                by_place.setdefault(place, []).append(id_)
        shared: dict[tuple[int, int], list[str]] = {}
        for place, group in by_place.items():
            for pair in _pairs(group[-self.max_postings :]):
                shared.setdefault(pair, []).append(place)
        candidates = sorted(found | set(shared))
        if not candidates:
            return []
        pair_array = np.array(candidates, dtype=np.int64)
        similarity = (self._sigs[pair_array[:, 0]] == self._sigs[pair_array[:, 1]]).mean(axis=1)
        out = []
        for (a, b), sim in zip(candidates, similarity.tolist(), strict=True):
            places = shared.get((a, b), ())
            if sim >= min_similarity or places:
                out.append(
                    Pair(
                        self._keys[a],
                        self._keys[b],
                        round(sim, 3),
                        tuple(_place_name(p) for p in places),
                    )
                )
        out.sort(key=lambda p: -(p.similarity + 0.5 * bool(p.shared_places)))
        return out


def _mix32(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, keeping the high 32 bits: a well-spread 3-gram hash."""
    x = x ^ (x >> np.uint64(31))
    x = x * np.uint64(0x7FB5D329728EA185)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x81DADEF4BC2DD44D)
    x = x ^ (x >> np.uint64(33))
    return x >> np.uint64(32)


def _groups(values: np.ndarray, ids: np.ndarray, max_size: int) -> Iterable[list[int]]:
    """Ids sharing a value, groups of 2..max_size only."""
    order = np.argsort(values, kind="stable")
    sorted_values = values[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_values[1:] != sorted_values[:-1])))
    ends = np.concatenate((starts[1:], [len(values)]))
    sorted_ids = ids[order]
    for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
        if 2 <= hi - lo <= max_size:
            yield sorted_ids[lo:hi].tolist()


def _pairs(group: list[int]) -> Iterable[tuple[int, int]]:
    group = sorted(set(group))
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            yield a, b


def _place_name(place_key: str) -> str:
    return place_key.split(":", 1)[1]
