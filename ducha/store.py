"""The one place Ducha keeps files: content-addressed, under DUCHA_HOME/files.

    stored = store.save(fileobj_or_bytes_or_path, kind="evidence", suffix=".pdf")
    with store.open(stored) as f: ...          read it back
    with store.local_path(stored) as path: ... a path for readers that need one (parsers)
    store.delete(stored)                       a working copy no longer needed
    StoredFile(row.path)                       what a row keeps is the relative path

One layout for every kind: `<kind>/<sha256[:2]>/<sha256><suffix>`. The same content of
the same kind is kept once; a rolled-back transaction leaves at most a file no row points
to, which the same upload reuses. Callers never build a path under DUCHA_HOME/files
themselves: saving and opening go through here.

Every file is sealed at rest (SM4-GCM in 64 KiB records under the key in DUCHA_HOME, see
ducha.core.sealfile) and opened transparently by `open` and `local_path`. The address is
the SHA-256 of the plain content: the rows already keep that hash (evidence, notices) and
show it as the fingerprint of what one downloads, the same content is still kept once,
and a file sealed in place by `seal_stored` keeps its name, so no row has to change. The
name says nothing a row in the database does not already say.

Rows written before the store kept their own folders (batches/<inspection>/…,
rectification/evidence/…, visits/…); those paths still open here unchanged.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from ducha.core import sealfile
from ducha.fields import pii_keys

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

    The content is sealed and streamed to a temporary file beside its place while it is
    hashed, then moved into place in one step, so a reader never sees half a file."""
    _check_kind(kind)
    suffix = suffix.lower()
    folder = root() / kind
    folder.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            writer = sealfile.SealingWriter(out, _key())
            for block in _chunks(source):
                digest.update(block)
                size += len(block)
                writer.write(block)
            writer.close()
        sha = digest.hexdigest()
        stored = StoredFile(f"{kind}/{sha[:2]}/{sha}{suffix}", sha, size)
        target = root() / stored.path
        if target.exists() and is_sealed(target):
            os.unlink(tmp)
        else:  # new, or kept plain before sealing: the sealed copy takes its place
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        return stored
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _key() -> bytes:
    return pii_keys()[0]


def is_sealed(path: Path) -> bool:
    with path.open("rb") as f:
        return sealfile.is_sealed(f.read(len(sealfile.MAGIC)))


def open(stored: StoredFile | str) -> BinaryIO:
    """The plain content, for reading (streamed: never whole in memory); FileNotFoundError
    when it is not kept. A file kept before sealing reads as it is."""
    path = _absolute(stored)
    handle = path.open("rb")
    if not sealfile.is_sealed(handle.read(len(sealfile.MAGIC))):
        handle.seek(0)
        return handle
    handle.seek(0)
    return sealfile.open_stream(handle, _key())


@contextmanager
def local_path(stored: StoredFile | str) -> Iterator[Path]:
    """A local path to the plain content, for readers that take a path (the parsers).

    A temporary plain copy (0600) outside DUCHA_HOME, where Django keeps large uploads
    while they arrive (FILE_UPLOAD_TEMP_DIR, else the system's), removed on leaving."""
    path = _absolute(stored)
    if not path.is_file():
        raise FileNotFoundError(str(stored))
    if not is_sealed(path):  # kept before sealing, until `seal_stored` runs
        yield path
        return
    fd, tmp = tempfile.mkstemp(dir=settings.FILE_UPLOAD_TEMP_DIR, prefix="ducha-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as out, open(stored) as plain:
            shutil.copyfileobj(plain, out, CHUNK)
        yield Path(tmp)
    finally:
        Path(tmp).unlink(missing_ok=True)


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


# folders under DUCHA_HOME/files that are not kept content: progress counters, and the
# Word templates the office may place (read by path, by docxtpl)
NOT_CONTENT = frozenset({".scratch", "templates"})


def _content_files() -> Iterator[Path]:
    base = root()
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(base)
            if relative.parts[0] not in NOT_CONTENT and path.suffix != ".part":
                yield path


def plain_kept() -> list[str]:
    """Files kept plain (before sealing), relative to the store: `seal_stored` seals them."""
    return [str(p.relative_to(root())) for p in _content_files() if not is_sealed(p)]


def seal_kept() -> dict[str, int]:
    """Seal every file kept before sealing, in place (same name); idempotent.

    Returns counts: sealed now, already sealed, skipped (partial writes, not content)."""
    counts = {"sealed": 0, "already": 0, "skipped": 0}
    base = root()
    if not base.is_dir():
        return counts
    for path in sorted(base.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(base)
        if relative.parts[0] in NOT_CONTENT or path.suffix == ".part":
            counts["skipped"] += 1
        elif is_sealed(path):
            counts["already"] += 1
        else:
            _seal_in_place(path)
            counts["sealed"] += 1
    return counts


def _seal_in_place(path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as plain:
            sealfile.seal_stream(iter(lambda: plain.read(CHUNK), b""), out, _key())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
