"""Uploaded files (evidence, photos), checked before anything is stored, pure.

A file is accepted only when its extension is one we take AND its first bytes say the
same (a renamed .exe is not a PDF), Word and Excel zips must hold their own folder,
and it is within the size limit. Every area that takes uploads checks here.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

IMAGE, PDF, WORD, EXCEL = "image", "pdf", "word", "excel"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# extension → (kind, content type, magic bytes it must start with, a folder an OOXML zip must hold)
TYPES: dict[str, tuple[str, str, bytes, str | None]] = {
    ".jpg": (IMAGE, "image/jpeg", b"\xff\xd8\xff", None),
    ".jpeg": (IMAGE, "image/jpeg", b"\xff\xd8\xff", None),
    ".png": (IMAGE, "image/png", b"\x89PNG\r\n\x1a\n", None),
    ".pdf": (PDF, "application/pdf", b"%PDF-", None),
    ".doc": (WORD, "application/msword", _OLE, None),
    ".docx": (WORD, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP, "word/"),
    ".xls": (EXCEL, "application/vnd.ms-excel", _OLE, None),
    ".xlsx": (EXCEL, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, "xl/"),
}
EVIDENCE_KINDS = frozenset({IMAGE, PDF, WORD, EXCEL})
PHOTO_KINDS = frozenset({IMAGE})

TYPE_NOT_TAKEN = "文件“{name}”的类型不支持：请上传{what}。"
WHAT = {EVIDENCE_KINDS: "图片（jpg、png）、PDF、Word 或 Excel 文件", PHOTO_KINDS: "jpg 或 png 格式的照片"}
EMPTY = "文件“{name}”是空文件。"
TOO_BIG = "文件“{name}”超过{mb}MB。"
NOT_WHAT_IT_SAYS = "文件“{name}”的内容与扩展名不符，可能已损坏或被改名。"


class FileRejected(ValueError):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    suffix: str
    kind: str
    content_type: str
    sha256: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


def check_file(
    name: str, content: bytes, *, kinds: frozenset[str] = EVIDENCE_KINDS, max_bytes: int = 20 * 1024 * 1024
) -> CheckedFile:
    name = Path(name or "").name[:255]
    suffix = Path(name).suffix.lower()
    if suffix not in TYPES or TYPES[suffix][0] not in kinds:
        raise FileRejected(TYPE_NOT_TAKEN.format(name=name, what=WHAT.get(kinds, "、".join(sorted(kinds)))))
    if not content:
        raise FileRejected(EMPTY.format(name=name))
    if len(content) > max_bytes:
        raise FileRejected(TOO_BIG.format(name=name, mb=max_bytes // (1024 * 1024)))
    kind, content_type, magic, folder = TYPES[suffix]
    if not content.startswith(magic) or (folder and not _zip_holds(content, folder)):
        raise FileRejected(NOT_WHAT_IT_SAYS.format(name=name))
    return CheckedFile(name, suffix, kind, content_type, hashlib.sha256(content).hexdigest(), content)


def _zip_holds(content: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return any(n.startswith(folder) for n in z.namelist())
    except zipfile.BadZipFile:
        return False
