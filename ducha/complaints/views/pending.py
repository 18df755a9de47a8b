"""Files chosen on a form that was refused: kept in the store and carried back to the
page as signed tokens, so the person does not pick them again. A token names the file
in the store and the complaint it was chosen for; the signature stops anyone pointing
one at another file. Nothing is attached until the form is accepted."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from ducha import store
from ducha.complaints.services.handling import EVIDENCE_MAX_BYTES
from ducha.core.files import FileRejected, check_file

SALT = "ducha.complaints.pending-upload"


@dataclass(frozen=True)
class Pending:
    token: str
    name: str
    content: bytes


def keep(complaint_pk: int, uploads) -> list[Pending]:
    """The uploads that would pass the evidence check, kept for the next try."""
    kept = []
    for upload in uploads:
        content = upload.read()
        try:
            checked = check_file(upload.name, content, max_bytes=EVIDENCE_MAX_BYTES)
        except FileRejected:
            continue  # the form says why; a rejected file is not carried
        path = store.save(content, kind=store.EVIDENCE, suffix=checked.suffix).path
        token = signing.dumps({"c": complaint_pk, "p": path, "n": checked.name}, salt=SALT)
        kept.append(Pending(token, checked.name, content))
    return kept


def carried(complaint_pk: int, tokens) -> list[Pending]:
    """The files carried from a refused try; a token not signed by us, or for another
    complaint, is ignored."""
    found = []
    for token in tokens:
        try:
            data = signing.loads(token, salt=SALT, max_age=24 * 3600)
        except signing.BadSignature:
            continue
        if data.get("c") != complaint_pk:
            continue
        try:
            with store.open(data["p"]) as handle:
                found.append(Pending(token, data["n"], handle.read()))
        except FileNotFoundError:
            continue
    return found
