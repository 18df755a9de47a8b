"""Complainant data at rest and on screen: SM4-GCM sealing and masking.

Pure Python (no Django): the key is passed in, so the same code serves the model
field, exports and tests. A sealed value is text, safe for any database column:

    sm4gcm1:<base64(nonce[12] | ciphertext | tag[16])>

GCM authenticates as well as encrypts, so a changed byte in the database fails to
open instead of decrypting to something else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PREFIX = "sm4gcm1:"
NONCE_BYTES = 12
TAG_BYTES = 16


class SealError(ValueError):
    """A sealed value that cannot be opened: wrong key, or altered data."""


def split_key(hex_key: str) -> tuple[bytes, bytes]:
    """The stored key is 48 bytes: 16 for SM4, 32 for HMAC-SM3 blind indexes."""
    raw = bytes.fromhex(hex_key)
    if len(raw) < 48:
        raise SealError("PII key must be at least 48 bytes")
    return raw[:16], raw[16:48]


def seal(plaintext: str, key: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    enc = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    body = enc.update(plaintext.encode("utf-8")) + enc.finalize()
    return PREFIX + base64.b64encode(nonce + body + enc.tag).decode("ascii")


def open_sealed(sealed: str, key: bytes) -> str:
    if not sealed.startswith(PREFIX):
        raise SealError("not a sealed value")
    try:
        raw = base64.b64decode(sealed[len(PREFIX) :], validate=True)
    except ValueError as exc:
        raise SealError("sealed value is not valid base64") from exc
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise SealError("sealed value is too short")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    dec = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    try:
        return (dec.update(body) + dec.finalize()).decode("utf-8")
    except Exception as exc:  # InvalidTag: wrong key or altered bytes
        raise SealError("sealed value failed authentication") from exc


def blind_index(value: str, key: bytes) -> str:
    """A keyed digest for equality search (same phone number) without decrypting."""
    return hmac.new(key, value.strip().encode("utf-8"), hashlib.sha256).hexdigest()


# --- masking -------------------------------------------------------------------

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)(\d{3,4})(\d{4})(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9Xx])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9Xx])")


def mask_name(name: str) -> str:
    """张三丰 → 张**: the surname alone says little, the rest is hidden."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; other shapes keep only their last four digits."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def mask_id_number(id_number: str) -> str:
    """430302199001011234 → 430302********1234 (region kept, birth date hidden)."""
    value = (id_number or "").strip()
    if not value:
        return ""
    if len(value) == 18:
        return value[:6] + "*" * 8 + value[-4:]
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


def mask_address(address: str) -> str:
    """Keep the first six characters (district level), hide the rest."""
    address = (address or "").strip()
    if not address:
        return ""
    keep = min(6, max(len(address) // 2, 1))
    return address[:keep] + "*" * 4


def redact_text(text: str) -> str:
    """Hide phone and ID numbers written inside free text, for disclosure."""
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(3), text)
    text = _PHONE.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    return _LANDLINE.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


MASKERS = {
    "name": mask_name,
    "phone": mask_phone,
    "id_number": mask_id_number,
    "address": mask_address,
}
