"""Files sealed in records: any size round-trips; cut, reordered, spliced or altered files fail."""

import io
import os

import pytest

from ducha.core import sealfile

KEY = bytes(range(16))
C = sealfile.CHUNK


def sealed(plain: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    sealfile.seal_stream([plain[i : i + 5000] for i in range(0, len(plain), 5000)] or [b""], out, key)
    return out.getvalue()


def opened(raw: bytes, key: bytes = KEY) -> bytes:
    with sealfile.open_stream(io.BytesIO(raw), key) as f:
        return f.read()


@pytest.mark.parametrize("size", [0, 1, C - 1, C, C + 1, 3 * C, 3 * C + 123])
def test_every_size_round_trips(size):
    plain = os.urandom(size)
    raw = sealed(plain)
    assert sealfile.is_sealed(raw)
    assert opened(raw) == plain


def test_the_same_content_seals_differently_each_time():
    assert sealed(b"same") != sealed(b"same")


def test_a_wrong_key_fails():
    with pytest.raises(sealfile.SealedFileError):
        opened(sealed(b"secret"), key=bytes(16))


def test_a_file_cut_at_a_record_boundary_fails():
    raw = sealed(os.urandom(2 * C + 5))
    record = C + sealfile.TAG_BYTES
    with pytest.raises(sealfile.SealedFileError):
        opened(raw[: sealfile.HEADER_BYTES + 2 * record])


def test_records_swapped_fail():
    raw = sealed(os.urandom(3 * C))
    h, r = sealfile.HEADER_BYTES, C + sealfile.TAG_BYTES
    swapped = raw[:h] + raw[h + r : h + 2 * r] + raw[h : h + r] + raw[h + 2 * r :]
    with pytest.raises(sealfile.SealedFileError):
        opened(swapped)


def test_a_record_from_another_file_fails():
    one, other = sealed(os.urandom(2 * C)), sealed(os.urandom(2 * C))
    h = sealfile.HEADER_BYTES
    with pytest.raises(sealfile.SealedFileError):
        opened(one[:h] + other[h:])


def test_a_plain_file_is_not_taken_for_sealed():
    assert not sealfile.is_sealed(b"PK\x03\x04")
    with pytest.raises(sealfile.SealedFileError):
        opened(b"%PDF-1.7 plain")
