"""DUCHA_HOME: the one folder that holds the database, uploaded files and keys.

Everything under it is readable by Ducha's own user only (folders 0700, files 0600),
whoever created the folder: it holds complainants' data and the keys that seal it.
`ensure_home` makes it so at every start and sets the process umask to 077, so every
file and folder Ducha writes afterwards (uploads, kept source files, documents, the
SQLite database and its journal) is created private without each writer saying so.
"""

import os
import secrets
import stat
import tempfile
from pathlib import Path

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
UMASK = 0o077


def ensure_home(home: Path) -> Path:
    os.umask(UMASK)
    home.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    make_private(home)
    return home


def make_private(root: Path) -> int:
    """Set folders to 0700 and files to 0600 under root (root included); symlinks are
    left alone (never followed). Returns how many modes were changed.

    Refuses loudly when a mode cannot be changed (a file owned by another user): a
    deployment must not run believing its data is private when it is not.
    """
    changed = 0
    stack = [root]
    changed += _fix(root, os.lstat(root))
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(st.st_mode):
                    continue
                changed += _fix(Path(entry.path), st)
                if stat.S_ISDIR(st.st_mode):
                    stack.append(Path(entry.path))
    return changed


def _fix(path: Path, st: os.stat_result) -> int:
    wanted = PRIVATE_FOLDER if stat.S_ISDIR(st.st_mode) else PRIVATE_FILE
    if stat.S_IMODE(st.st_mode) == wanted:
        return 0
    try:
        os.chmod(path, wanted)
    except PermissionError:
        raise PermissionError(
            f"DUCHA_HOME must be private to this user, but the mode of {path} cannot be changed "
            f"(owner uid {st.st_uid}, we are uid {os.getuid()}): chown it to this user."
        ) from None
    return 1


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
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "w") as f:
            f.write(key + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            return path.read_text().strip()
    finally:
        os.unlink(tmp)
    return key
