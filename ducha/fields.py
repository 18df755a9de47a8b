"""The PII model field: complainant data sealed with SM4-GCM under DUCHA_HOME's key."""

from functools import cache

from django.conf import settings
from django.db import models

from ducha.core import pii
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
