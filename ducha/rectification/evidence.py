"""Evidence files (整改佐证材料): type checked by extension AND by magic bytes, size
capped, stored once under MEDIA_ROOT named by their SHA-256."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

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


def relative_path(checked: Checked) -> str:
    return f"rectification/evidence/{checked.sha256[:2]}/{checked.sha256}{checked.suffix}"


def store(checked: Checked, *, report=None, acceptance=None, actor, at) -> Evidence:
    """Write the file (once per content; a rolled-back transaction leaves at most a
    file no row points to, which the same upload reuses) and its row."""
    relative = relative_path(checked)
    target = Path(settings.MEDIA_ROOT) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(checked.content)
        tmp.replace(target)
    return Evidence.objects.create(
        report=report,
        acceptance=acceptance,
        name=checked.name,
        path=relative,
        sha256=checked.sha256,
        size=len(checked.content),
        kind=checked.kind,
        uploaded_by=actor,
        uploaded_at=at,
    )


def open_file(evidence: Evidence):
    return (Path(settings.MEDIA_ROOT) / evidence.path).open("rb")
