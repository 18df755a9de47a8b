"""Evidence files (整改佐证材料): type checked by extension AND by magic bytes, size
capped, stored once under MEDIA_ROOT named by their SHA-256."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ducha.errors import DomainError
from ducha.rectification.models import Evidence, EvidenceKind

MAX_BYTES = 20 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# extension → (kind, magic bytes the content must start with, a folder an OOXML zip must hold)
TYPES: dict[str, tuple[str, tuple[bytes, ...], str | None]] = {
    ".jpg": (EvidenceKind.IMAGE, (b"\xff\xd8\xff",), None),
    ".jpeg": (EvidenceKind.IMAGE, (b"\xff\xd8\xff",), None),
    ".png": (EvidenceKind.IMAGE, (b"\x89PNG\r\n\x1a\n",), None),
    ".pdf": (EvidenceKind.PDF, (b"%PDF-",), None),
    ".doc": (EvidenceKind.WORD, (_OLE,), None),
    ".docx": (EvidenceKind.WORD, (_ZIP,), "word/"),
    ".xls": (EvidenceKind.EXCEL, (_OLE,), None),
    ".xlsx": (EvidenceKind.EXCEL, (_ZIP,), "xl/"),
}


@dataclass(frozen=True)
class Checked:
    name: str
    content: bytes
    kind: str
    sha256: str
    suffix: str


def check(name: str, content: bytes) -> Checked:
    name = Path(name or "").name[:255]
    suffix = Path(name).suffix.lower()
    if suffix not in TYPES:
        raise DomainError(
            _("文件“%(name)s”的类型不支持：请上传图片（jpg、png）、PDF、Word 或 Excel 文件。") % {"name": name},
            field="files",
        )
    if not content:
        raise DomainError(_("文件“%(name)s”是空文件。") % {"name": name}, field="files")
    if len(content) > MAX_BYTES:
        raise DomainError(
            _("文件“%(name)s”超过%(mb)sMB。") % {"name": name, "mb": MAX_BYTES // (1024 * 1024)}, field="files"
        )
    kind, magics, folder = TYPES[suffix]
    if not content.startswith(magics) or (folder and not _zip_holds(content, folder)):
        raise DomainError(_("文件“%(name)s”的内容与扩展名不符，可能已损坏或被改名。") % {"name": name}, field="files")
    return Checked(name, content, kind, hashlib.sha256(content).hexdigest(), suffix)


def _zip_holds(content: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return any(n.startswith(folder) for n in z.namelist())
    except zipfile.BadZipFile:
        return False


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
