"""The PII model fields: complainant data sealed with SM4-GCM under DUCHA_HOME's key, and
free text whose identity (numbers, the complainant's name) is sealed behind placeholders."""

import json
from functools import cache

from django.conf import settings
from django.db import models

from ducha.core import pii, pii_text
from ducha.home import read_or_create_key


@cache
def pii_keys() -> tuple[bytes, bytes]:
    return pii.split_key(read_or_create_key(settings.PII_KEY_FILE, 48))


class EncryptedTextField(models.TextField):
    """Stores text sealed; reads it back opened. Never filter on it: use a blind index.

    `mask` names the masking rule (name, phone, id_number, address) used wherever the
    value is shown to someone whose role does not grant it, and in audit records.
    """

    def __init__(self, *args, mask: str = "name", **kwargs):
        if mask not in pii.MASKERS:
            raise ValueError(f"unknown mask {mask!r}")
        self.mask = mask
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["mask"] = self.mask
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return pii.open_sealed(value, pii_keys()[0])

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return pii.seal(value, pii_keys()[0])

    def masked(self, value: str) -> str:
        return pii.MASKERS[self.mask](value)


# --- free text with identity inside (ducha.core.pii_text) ------------------------------

SEALED_MARK = "\n⟦pii-sealed⟧"


class PiiText(str):
    """Free text as everyone sees it: identity masked (138****5678, 张*). `revealed()`
    gives the text as written, for the audited reveal only; `template` and `originals`
    are what is kept (the placeholders, and the findings sealed apart)."""

    def __new__(cls, template: str, originals=(), sealed: bool = True):
        originals = [tuple(o) for o in originals]
        obj = super().__new__(cls, pii_text.masked(template, originals) if originals else template)
        obj.template, obj.originals = template, originals
        obj.sealed = sealed  # False: read from a row written before sealing (see seal_rows)
        return obj

    def __getnewargs__(self):  # copy and pickle (setUpTestData deep-copies rows)
        return (self.template, self.originals, self.sealed)

    def revealed(self) -> str:
        return pii_text.restore(self.template, self.originals)


def revealed(value) -> str:
    """The text as written, whether it came from a PiiTextField or is plain."""
    return value.revealed() if isinstance(value, PiiText) else (value or "")


class PiiTextField(models.TextField):
    """Free text whose phones, ID numbers and complainant's name are sealed at save.

    The column keeps the text with ⟦pii:N⟧ placeholders (still searchable for everything
    else), then SEALED_MARK and the findings sealed with SM4-GCM as one value. Reading
    gives a `PiiText`: masked wherever it is shown, exported, rendered or audited.
    `names_from` is the attribute path of the complainant's name on the row
    ("complainant_name", "complaint.complainant_name"); without it only numbers are found.

    Saving text a person edited from the masked form keeps the originals: a mask of the
    row's stored finding typed back stands for that finding. Migrations see a TextField
    (same column, nothing to migrate); `seal_stored` seals rows written before.
    """

    def __init__(self, *args, names_from: str = "", **kwargs):
        self.names_from = names_from
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return self.to_pii_text(value)

    @staticmethod
    def to_pii_text(value: str) -> PiiText:
        if SEALED_MARK in value:
            template, sealed = value.split(SEALED_MARK, 1)
            return PiiText(template, json.loads(pii.open_sealed(sealed, pii_keys()[0])))
        # written before sealing (or holding no identity): numbers masked on reading
        return PiiText(*pii_text.extract(value), sealed=False)

    def names_of(self, instance) -> list[str]:
        if not self.names_from:
            return []
        value = instance
        for part in self.names_from.split("."):
            value = getattr(value, part, None) if value is not None else None
        return [str(value)] if value else []

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value and not isinstance(value, PiiText):
            text = str(value)
            if not add and "*" in text and model_instance.pk:
                text = self._masks_typed_back(model_instance, text)
            value = PiiText(*pii_text.extract(text, self.names_of(model_instance)))
            setattr(model_instance, self.attname, value)
        return value

    def _masks_typed_back(self, instance, text: str) -> str:
        stored = type(instance)._base_manager.filter(pk=instance.pk).values_list(self.attname, flat=True).first()
        for kind, original in getattr(stored, "originals", ()):
            text = text.replace(pii_text.mask(kind, original), original, 1)
        return text

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return self.column_value(value)

    @staticmethod
    def column_value(value, names=()) -> str:
        """What the column keeps for a text (bulk writers call it with the names)."""
        if not isinstance(value, PiiText):
            value = PiiText(*pii_text.extract(str(value), names))
        if not value.originals:
            return value.template
        return value.template + SEALED_MARK + pii.seal(json.dumps(value.originals, ensure_ascii=False), pii_keys()[0])


def seal_rows(chunk: int = 500) -> dict[str, int]:
    """Seal the identity in free text of rows written before sealing; idempotent.

    Writes the column alone (QuerySet.update: no `updated_at`, no version bump: the text
    is the same, only how it is kept changes). Returns rows sealed per model field."""
    from django.apps import apps

    counts: dict[str, int] = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, PiiTextField)]
        for field in fields:
            sealed = 0
            rows = model._base_manager.exclude(**{field.attname: ""}).order_by("pk")
            for row in rows.iterator(chunk_size=chunk):
                value = getattr(row, field.attname)
                if not isinstance(value, PiiText) or value.sealed:
                    continue
                found = PiiText(*pii_text.extract(value.revealed(), field.names_of(row)))
                if found.originals:
                    model._base_manager.filter(pk=row.pk).update(**{field.attname: found})
                    sealed += 1
            counts[f"{model._meta.label_lower}.{field.name}"] = sealed
    return counts
