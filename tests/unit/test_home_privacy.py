"""Everything under DUCHA_HOME is private to Ducha's user, whoever made the folder."""

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import SimpleTestCase

from ducha.home import ensure_home

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _start_in(home: Path) -> None:
    """Start Ducha's settings in a fresh process with this home."""
    script = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ducha.settings'; django.setup()"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DUCHA_DEBUG")}
    env["DUCHA_HOME"] = str(home)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True)


class HomePrivacyTests(SimpleTestCase):
    def test_a_home_made_by_someone_else_is_made_private_at_start(self):
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "var"
            (home / "files" / "batches").mkdir(parents=True)
            for folder in (home, home / "files", home / "files" / "batches"):
                folder.chmod(0o755)
            kept = home / "files" / "batches" / "abc.xlsx"
            kept.write_bytes(b"PK")
            kept.chmod(0o644)
            _start_in(home)
            self.assertEqual(
                [_mode(p) for p in (home, home / "files", home / "files" / "batches", kept, home / "secret.key")],
                [0o700, 0o700, 0o700, 0o600, 0o600],
            )

    def test_files_written_after_start_are_private(self):
        # This process started through the same settings (umask and storage modes).
        with tempfile.TemporaryDirectory() as tmp:
            home = ensure_home(Path(tmp) / "var")
            storage = FileSystemStorage(location=home / "files")
            storage.save("evidence/a.pdf", ContentFile(b"%PDF-"))
            (home / "files" / "uploads").mkdir()
            (home / "files" / "uploads" / "b.xlsx").write_bytes(b"PK")
            files = home / "files"
            self.assertEqual(
                [_mode(p) for p in (files / "evidence", files / "evidence" / "a.pdf", files / "uploads")],
                [0o700, 0o600, 0o700],
            )
            self.assertEqual(_mode(files / "uploads" / "b.xlsx"), 0o600)

    def test_symlinks_under_home_are_not_followed(self):
        with tempfile.TemporaryDirectory() as tmp:
            outside = Path(tmp) / "outside.txt"
            outside.write_text("x")
            outside.chmod(0o644)
            home = Path(tmp) / "var"
            home.mkdir()
            (home / "link").symlink_to(outside)
            ensure_home(home)
            self.assertEqual(_mode(outside), 0o644)
