"""The one place Ducha keeps files: content-addressed, under DUCHA_HOME/files.

    stored = store.save(fileobj_or_bytes_or_path, kind="evidence", suffix=".pdf")
    with store.open(stored) as f: ...          read it back
    with store.local_path(stored) as path: ... a path for readers that need one (parsers)
    store.delete(stored)                       a working copy no longer needed
    StoredFile(row.path)                       what a row keeps is the relative path

One layout for every kind: `<kind>/<sha256[:2]>/<sha256><suffix>`. The same content of
the same kind is kept once; a rolled-back transaction leaves at most a file no row points
to, which the same upload reuses. Callers never build a path under DUCHA_HOME/files
themselves: saving and opening go through here, so sealing files at rest (encrypting
them, like the PII fields) can be added inside this module without touching a caller.

Rows written before the store kept their own folders (batches/<inspection>/…,
rectification/evidence/…, visits/…); those paths still open here unchanged.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

# the kinds of file kept; each is a folder of the one layout
BATCHES = "batches"  # complaint batch files as handed over (交办文件)
UPLOADS = "uploads"  # working copies of uploaded tables between check and import
EVIDENCE = "evidence"  # evidence of handling and rectification (佐证材料)
PHOTOS = "photos"  # site-visit photos
NOTICES = "notices"  # rendered supervision notices (督办单)
BULLETINS = "bulletins"  # rendered bulletins (通报)
ZONING = "zoning"  # control-unit layers as provinces published them (管控单元图层)
KINDS = frozenset({BATCHES, UPLOADS, EVIDENCE, PHOTOS, NOTICES, BULLETINS, ZONING})

CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    """A kept file: its path relative to the store (what a row keeps), its hash and size."""

    path: str
    sha256: str = ""
    size: int = 0

    def __str__(self) -> str:
        return self.path

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix


def root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _absolute(stored: StoredFile | str) -> Path:
    relative = stored.path if isinstance(stored, StoredFile) else str(stored)
    base = root().resolve()
    target = (base / relative).resolve()
    if not relative or base not in target.parents:
        raise FileNotFoundError(f"not a stored file: {relative!r}")
    return target


def _chunks(source) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray):
        yield bytes(source)
    elif isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as f:
            yield from iter(lambda: f.read(CHUNK), b"")
    elif hasattr(source, "chunks"):  # a Django UploadedFile
        yield from source.chunks()
    else:
        yield from iter(lambda: source.read(CHUNK), b"")


def address(source, *, kind: str, suffix: str = "") -> StoredFile:
    """Where `save` would keep this content, without keeping it (a dry run, a lookup)."""
    _check_kind(kind)
    digest, size = hashlib.sha256(), 0
    for block in _chunks(source):
        digest.update(block)
        size += len(block)
    sha = digest.hexdigest()
    return StoredFile(f"{kind}/{sha[:2]}/{sha}{suffix.lower()}", sha, size)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of stored file {kind!r}: one of {sorted(KINDS)}")


def save(source, *, kind: str, suffix: str = "") -> StoredFile:
    """Keep a file (bytes, a path, an upload or an open binary file) and say where.

    The content is streamed to a temporary file beside its place while it is hashed,
    then moved into place in one step, so a reader never sees half a file."""
    _check_kind(kind)
    suffix = suffix.lower()
    folder = root() / kind
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for block in _chunks(source):
                digest.update(block)
                size += len(block)
                out.write(block)
        sha = digest.hexdigest()
        stored = StoredFile(f"{kind}/{sha[:2]}/{sha}{suffix}", sha, size)
        target = root() / stored.path
        if target.exists():
            os.unlink(tmp)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        return stored
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def open(stored: StoredFile | str) -> BinaryIO:
    """The content, for reading; FileNotFoundError when it is not kept."""
    return _absolute(stored).open("rb")


@contextmanager
def local_path(stored: StoredFile | str) -> Iterator[Path]:
    """A local path to the plain content, for readers that take a path (the parsers).
    Today the kept file itself; once files are sealed, a temporary plain copy."""
    path = _absolute(stored)
    if not path.is_file():
        raise FileNotFoundError(str(stored))
    yield path


def exists(stored: StoredFile | str) -> bool:
    try:
        return _absolute(stored).is_file()
    except FileNotFoundError:
        return False


def delete(stored: StoredFile | str) -> None:
    """Remove a kept file (a working copy after its import); absent is fine."""
    _absolute(stored).unlink(missing_ok=True)


def scratch(name: str) -> Path:
    """A small working file beside the store (an import's progress counter), not content."""
    folder = root() / ".scratch"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
