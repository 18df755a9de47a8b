"""Files sealed at rest: SM4-GCM in chunks, so a file of any size streams through.

Pure Python (no Django): the key is passed in. The layout of a sealed file:

    DUCHASF1 | salt[16] | record* ;  record = ciphertext(≤ CHUNK bytes) | tag[16]

Each file gets its own key, HMAC-SHA256(key, "ducha-file-v1" | salt)[:16], so the nonce
can be the record's counter (11 bytes) and a last-record flag (1 byte) without ever
repeating under one key. GCM authenticates every record; the flag in the nonce and the
header in the associated data mean a file cut short, records reordered or spliced from
another file fail to open instead of reading as something else (the STREAM
construction). Every record but the last holds exactly CHUNK plain bytes; the last holds
0..CHUNK, so an empty file is a header and one empty record.

Reading is streaming too: `OpenedReader` is a raw binary stream that opens a record
at a time, so a download or a parser never holds the whole file in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

MAGIC = b"DUCHASF1"
SALT_BYTES = 16
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES
CHUNK = 64 * 1024


class SealedFileError(ValueError):
    """A sealed file that cannot be opened: wrong key, cut short, or altered."""


def is_sealed(head: bytes) -> bool:
    """Whether a file's first bytes say it is sealed (a plain file kept before sealing is not)."""
    return head[: len(MAGIC)] == MAGIC


def _file_key(key: bytes, salt: bytes) -> bytes:
    return hmac.new(key, b"ducha-file-v1" + salt, hashlib.sha256).digest()[:16]


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class SealingWriter:
    """Write plain bytes in, sealed records come out to `out`; `close()` writes the last."""

    def __init__(self, out: BinaryIO, key: bytes) -> None:
        salt = os.urandom(SALT_BYTES)
        self._out, self._header = out, MAGIC + salt
        self._key = _file_key(key, salt)
        self._buffer = bytearray()
        self._counter = 0
        out.write(self._header)

    def write(self, data: bytes) -> None:
        self._buffer += data
        # keep at least one byte back: only close() knows which record is the last
        while len(self._buffer) > CHUNK:
            self._record(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        self._record(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _record(self, plain: bytes, *, last: bool) -> None:
        enc = Cipher(algorithms.SM4(self._key), modes.GCM(_nonce(self._counter, last))).encryptor()
        enc.authenticate_additional_data(self._header)
        self._out.write(enc.update(plain) + enc.finalize() + enc.tag)
        self._counter += 1


def seal_stream(chunks, out: BinaryIO, key: bytes) -> None:
    writer = SealingWriter(out, key)
    for block in chunks:
        writer.write(block)
    writer.close()


class OpenedReader(io.RawIOBase):
    """The plain content of a sealed file, read record by record (not seekable)."""

    def __init__(self, sealed: BinaryIO, key: bytes) -> None:
        header = sealed.read(HEADER_BYTES)
        if len(header) < HEADER_BYTES or not is_sealed(header):
            sealed.close()
            raise SealedFileError("not a sealed file")
        self._in, self._header = sealed, header
        self._key = _file_key(key, header[len(MAGIC) :])
        self._counter, self._done = 0, False
        self._plain = b""
        self._next = sealed.read(CHUNK + TAG_BYTES)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._plain and not self._done:
            self._plain = self._open_next()
        n = min(len(buffer), len(self._plain))
        buffer[:n] = self._plain[:n]
        self._plain = self._plain[n:]
        return n

    def _open_next(self) -> bytes:
        record = self._next
        self._next = self._in.read(CHUNK + TAG_BYTES)
        last = not self._next  # nothing after this record
        if len(record) < TAG_BYTES:
            raise SealedFileError("sealed file is cut short")
        body, tag = record[:-TAG_BYTES], record[-TAG_BYTES:]
        dec = Cipher(algorithms.SM4(self._key), modes.GCM(_nonce(self._counter, last), tag)).decryptor()
        dec.authenticate_additional_data(self._header)
        try:
            plain = dec.update(body) + dec.finalize()
        except Exception as exc:  # InvalidTag: wrong key, altered, cut or spliced
            raise SealedFileError("sealed file failed authentication") from exc
        self._counter += 1
        self._done = last
        return plain

    def close(self) -> None:
        if not self.closed:
            self._in.close()
        super().close()


def open_stream(sealed: BinaryIO, key: bytes) -> io.BufferedReader:
    """A buffered plain reader over a sealed binary file (closing it closes the file)."""
    return io.BufferedReader(OpenedReader(sealed, key), buffer_size=CHUNK)
