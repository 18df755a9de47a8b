"""The complaint page's timeline as a reviewer reads it: each step with the fields it
changed, labelled in words (the models' verbose names), values as people write them
(unit and person names, choice labels, local times), an earlier value beside the new
one. The audit log keeps the raw record; this only reads it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.complaints import queries
from ducha.complaints.models import AssignmentRequest, Complaint, Handling, Recheck
from ducha.org.models import Region, Unit

# words for keys the services write that are not model fields
LABELS = {
    "support_units": _("配合单位"),
    "reason": _("理由"),
    "note": _("意见"),
    "number": _("版本"),
    "evidence": _("证明材料"),
    "evidence_added": _("新增证明材料"),
    "evidence_removed": _("删除证明材料"),
    "file": _("文件名"),
    "approved": _("是否同意"),
    "kind": _("类型"),
    "original": _("原件"),
    "candidate": _("疑似重复的原件"),
    "score": _("相似度"),
    "unit": _("单位"),
    "text": _("内容"),
    "fields": _("查看的字段"),
    "source": _("来源"),
    "created": _("新增"),
    "updated": _("更新"),
    "unchanged": _("未变"),
    "updated_refs": _("更新的受理编号"),
    "result": _("复核结果"),
}
# bookkeeping a reviewer has no use for
HIDDEN = {"id", "complaint", "assignment", "handling", "previous", "sha256", "size", "content_digest", "version"}
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class Change:
    label: str
    before: str | None
    after: str


@dataclass
class Entry:
    at: dt.datetime
    actor: str
    action: str
    note: str = ""
    changes: list[Change] = field(default_factory=list)


def _models_for(action: str) -> tuple[type[models.Model], ...]:
    if action.startswith("complaints.handling."):
        return (Handling, Complaint)
    if action.startswith("complaints.request."):
        return (AssignmentRequest, Complaint)
    if action.startswith("complaints.recheck."):
        return (Recheck, Complaint)
    return (Complaint,)


def _field(chain, key: str):
    for model in chain:
        try:
            return model._meta.get_field(key)
        except Exception:  # FieldDoesNotExist: try the next model, then the words above
            continue
    return None


class _Names:
    """Unit, person and region names, each looked up once per page."""

    def __init__(self):
        self.cache: dict[tuple[str, object], str] = {}

    def of(self, model, key) -> str:
        if (model, key) not in self.cache:
            if model is Region:
                name = Region.objects.filter(code=key).values_list("name", flat=True).first()
            elif model is Unit:
                name = Unit.objects.filter(pk=key).values_list("name", flat=True).first()
            else:
                name = str(model.objects.filter(pk=key).first() or "")
            self.cache[(model, key)] = name or str(key)
        return self.cache[(model, key)]


def _moment(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _is_key(value) -> bool:
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit())


def _text(value, f, names: _Names) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "、".join(_text(v, f, names) for v in value) or "—"
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if f is not None and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.ForeignKey) and _is_key(value):
        return names.of(f.related_model, value)  # older records hold ids; newer ones names
    if isinstance(value, str) and ISO_MOMENT.match(value):
        return _moment(value)
    return str(value)


def _rank(chain, key: str) -> tuple[int, int]:
    """The order a form shows: model fields as declared, then the other keys. (PostgreSQL's
    jsonb keeps no key order, so the record's own order cannot be the one shown.)"""
    for depth, model in enumerate(chain):
        names = [f.name for f in model._meta.get_fields()]
        if key in names:
            return depth, names.index(key)
    keys = list(LABELS)
    return len(chain), keys.index(key) if key in keys else len(keys)


def changes(action: str, before: dict | None, after: dict | None, names: _Names) -> list[Change]:
    before, after = before or {}, after or {}
    chain = _models_for(action)
    out = []
    for key, value in sorted(after.items(), key=lambda item: _rank(chain, item[0])):
        if key in HIDDEN:
            continue
        f = _field(chain, key)
        label = LABELS.get(key) or (f.verbose_name if f is not None else None)
        if label is None:
            continue  # a key with no words is bookkeeping
        old = before.get(key)
        if isinstance(value, list) and len(value) == 2 and key == "due_on":
            old, value = value  # an extension records [old, new]
        if key not in before and old is None and value in ("", None, [], 0, False):
            continue  # a blank first value is no change
        shown_old = _text(old, f, names) if key in before or old is not None else None
        out.append(Change(str(label), shown_old, _text(value, f, names)))
    return out


def timeline(complaint: Complaint) -> list[Entry]:
    names = _Names()
    entries = []
    for e in queries.list_complaint_events(complaint):
        entry = Entry(at=e.at, actor=e.actor_name, action=str(e.action_label))
        if e.object_type == "complaints.complaint":
            entry.changes = changes(e.action, e.before, e.after, names)
        else:
            entry.note = e.object_repr
        entries.append(entry)
    return entries
