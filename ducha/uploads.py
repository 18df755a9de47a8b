"""The one upload form field, and the one result type of a table import.

    UploadField(suffixes=TABLE_SUFFIXES, max_mb=50)              a batch file, a task list
    UploadField(suffixes=EVIDENCE_SUFFIXES, max_mb=20, multiple=True)   evidence, photos

The field refuses a file by its name and size before anything is stored (the services
then check content with ducha.core.files and keep it with ducha.store). An import,
whether of a complaint batch or of a task list, answers with an ImportResult: what it
created, updated and left unchanged, every located problem, and what it would do in a
dry run.
"""

from __future__ import annotations

import errno
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ducha.core.sandbox import Limits

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
TABLE_MAX_MB = 50
EVIDENCE_SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf", ".doc", ".docx", ".xls", ".xlsx")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadField(forms.FileField):
    """A file input that takes `suffixes` up to `max_mb` each; with `multiple`, a list of
    up to `max_count` files (the cleaned value is then always a list, maybe empty).

    With `check_type=False` the suffixes only guide the browser's picker and the service
    judges the type (by name and content, ducha.core.files); `max_mb=None` leaves the
    size to the service too. Messages name the file (`%(name)s`) and the limit (`%(mb)s`)."""

    def __init__(
        self,
        *,
        suffixes: tuple[str, ...],
        max_mb: int | None,
        multiple: bool = False,
        max_count: int | None = None,
        check_type: bool = True,
        wrong_type=None,
        too_big=None,
        too_many=None,
        **kwargs,
    ):
        self.suffixes, self.max_mb, self.multiple, self.max_count = suffixes, max_mb, multiple, max_count
        self.check_type = check_type
        self.wrong_type = wrong_type or _("文件类型不支持：%(name)s。")
        self.too_big = too_big or _("文件超过 %(mb)s MB：%(name)s。")
        self.too_many = too_many or _("一次最多上传%(n)s个文件。")
        widget = MultipleFileInput if multiple else forms.ClearableFileInput
        kwargs.setdefault("widget", widget(attrs={"accept": ",".join(suffixes)}))
        if multiple:
            kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if not self.multiple:
            upload = super().clean(data, initial)
            if upload:
                self._check(upload)
            return upload
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if self.max_count and len(files) > self.max_count:
            raise forms.ValidationError(self.too_many % {"n": self.max_count})
        cleaned = [super(UploadField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            self._check(upload)
        return cleaned

    def _check(self, upload) -> None:
        if self.check_type and Path(upload.name).suffix.lower() not in self.suffixes:
            raise forms.ValidationError(self.wrong_type % {"name": upload.name})
        if self.max_mb is not None and upload.size > self.max_mb * 1024 * 1024:
            raise forms.ValidationError(self.too_big % {"name": upload.name, "mb": self.max_mb})


def table_field(label, help_text=None) -> UploadField:
    """The field for a table to import (a batch file, a task list): one rule for both."""
    return UploadField(
        label=label,
        help_text=help_text or _("xlsx、xls 或 csv，不超过 50 MB"),
        suffixes=TABLE_SUFFIXES,
        max_mb=TABLE_MAX_MB,
        wrong_type=_("文件类型不支持：请上传 .xlsx、.xls 或 .csv 文件。"),
        too_big=_("文件超过 50 MB，请拆分后分别上传。"),
    )


def reader_limits() -> Limits:
    """The memory and time a reader of an uploaded table may use (settings READER_*)."""
    return Limits(memory_mb=settings.READER_MEMORY_MB, seconds=settings.READER_SECONDS)


# --- the result of a table import ------------------------------------------------------


class Rollback(Exception):
    """Raised inside an import's transaction to undo it (errors found, or a dry run)."""


def file_problem(name: str, message) -> dict:
    """A problem of the file as a whole (unreadable, no region), located by its name."""
    return {"sheet": "", "row": 0, "column": "", "header": "", "value": name, "message": str(message)}


def failure_problem(name: str, exc: BaseException) -> dict:
    """An import stopped by the machine (a full disk, a lost database, an OS error):
    the problem says so in words, located by the file's name; the import wrote nothing."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return file_problem(name, _("磁盘空间不足，导入已全部撤销，未写入任何数据：请清理磁盘后重试。"))
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        return file_problem(
            name, _("系统错误（%(e)s），导入已全部撤销，未写入任何数据：请重试或联系管理员。") % {"e": reason}
        )
    if "is full" in str(exc) or "No space" in str(exc):  # SQLite's SQLITE_FULL; PostgreSQL's ENOSPC
        return file_problem(name, _("磁盘空间不足，导入已全部撤销，未写入任何数据：请清理磁盘后重试。"))
    return file_problem(name, _("写入数据库失败，导入已全部撤销，未写入任何数据：%(e)s") % {"e": str(exc)[:200]})


@dataclass
class ImportResult:
    """What an import did, or would do in a dry run. `kind` says which import: a complaint
    batch ("batch") or a task list ("task_list"); the figures only one of them counts
    stay at their defaults for the other and are left out of its JSON."""

    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    rows: int = 0
    mapping: list[dict] = field(default_factory=list)
    dry_run: bool = False
    # a complaint batch: its number (第N批)
    batch: int | None = None
    # a task list: its findings and tasks, deadlines to settle, the plan and city
    findings: int = 0
    tasks: int = 0
    needs_review: list[dict] = field(default_factory=list)
    findings_created: int = 0
    findings_updated: int = 0
    plan: int | None = None
    region: str = ""
    # names the unit directory lacked, where they were written and the closest units;
    # with --add-units, the names added (as written in the list)
    unknown_units: list[dict] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)

    JSON = {
        "batch": ("created", "updated", "unchanged", "errors", "warnings", "batch", "rows", "dry_run"),
        "task_list": (
            "created",
            "updated",
            "unchanged",
            "errors",
            "warnings",
            "rows",
            "dry_run",
            "findings",
            "tasks",
            "needs_review",
            "findings_created",
            "findings_updated",
            "plan",
            "region",
            "unknown_units",
            "units_added",
        ),
    }

    @property
    def ok(self) -> bool:
        return not self.errors

    def collect(self, parsed) -> None:
        """The parser's located problems and the columns it matched."""
        self.errors = [p.to_dict() for p in parsed.errors]
        self.warnings = [p.to_dict() for p in parsed.warnings]
        self.mapping = parsed.mapping

    def as_json(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in self.JSON[self.kind]}


def unexpected_failure(kind: str, name: str, exc: BaseException, *, dry_run: bool = False) -> ImportResult:
    """The result of an import that stopped on a fault of ours (logged with its traceback
    for the administrator; the person reads one sentence). An import only returns after
    its commit, so one that raised wrote nothing."""
    logging.getLogger(__name__).exception("import of %s stopped", name)
    result = ImportResult(kind, dry_run=dry_run)
    result.errors.append(file_problem(name, _("导入意外中断，未写入任何数据，请重试或联系管理员。")))
    return result
