"""DUCHA_HOME: the one folder that holds the database, uploaded files and keys."""

import os
import secrets
import tempfile
from pathlib import Path


def ensure_home(home: Path) -> Path:
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return home


def read_or_create_key(path: Path, nbytes: int) -> str:
    """Return the hex key stored at path, creating it (mode 0600) on first start.

    The key is written to a temporary file and hard-linked into place: link fails if
    another process got there first, and then we read its complete file instead.
    """
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(nbytes)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            return path.read_text().strip()
    finally:
        os.unlink(tmp)
    return key
