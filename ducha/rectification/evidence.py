"""Evidence files (整改佐证材料): type checked by extension AND by magic bytes, size
capped, kept once in the store (ducha.store) named by their SHA-256."""

from __future__ import annotations

from dataclasses import dataclass

from ducha import store as file_store
from ducha.core.files import FileRejected, check_file
from ducha.errors import DomainError
from ducha.rectification.models import Evidence, EvidenceKind

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Checked:
    name: str
    content: bytes
    kind: str
    sha256: str
    suffix: str


def check(name: str, content: bytes) -> Checked:
    """Type by extension and magic bytes, size capped: the shared core decides."""
    try:
        f = check_file(name, content, max_bytes=MAX_BYTES)
    except FileRejected as exc:
        raise DomainError(exc.message, field="files")
    return Checked(f.name, f.content, EvidenceKind(f.kind), f.sha256, f.suffix)


def store(checked: Checked, *, report=None, acceptance=None, actor, at) -> Evidence:
    """Keep the file (once per content; a rolled-back transaction leaves at most a
    file no row points to, which the same upload reuses) and write its row."""
    stored = file_store.save(checked.content, kind=file_store.EVIDENCE, suffix=checked.suffix)
    return Evidence.objects.create(
        report=report,
        acceptance=acceptance,
        name=checked.name,
        path=stored.path,
        sha256=checked.sha256,
        size=len(checked.content),
        kind=checked.kind,
        uploaded_by=actor,
        uploaded_at=at,
    )
