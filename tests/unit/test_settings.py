"""DUCHA_HOME, keys and the database come from the environment."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase, TestCase

from ducha.home import read_or_create_key

ROOT = Path(__file__).resolve().parents[2]


def _settings_in(home: Path, **env) -> str:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ducha.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.LANGUAGE_CODE, s.DEBUG)"
    )
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DUCHA_DEBUG")}
    full_env.update({"DUCHA_HOME": str(home), **env})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, check=True
    ).stdout.strip()


class HomeTests(SimpleTestCase):
    def test_first_start_creates_home_and_private_secret_key(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "var"
            self.assertEqual(_settings_in(home), "django.db.backends.sqlite3 Asia/Shanghai zh-hans False")
            mode = stat.S_IMODE(os.stat(home / "secret.key").st_mode)
            self.assertEqual(mode, 0o600)

    def test_database_url_selects_postgresql(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            out = _settings_in(Path(tmp), DATABASE_URL="postgres://postgres@127.0.0.1:5432/ducha")
        self.assertTrue(out.startswith("django.db.backends.postgresql "))

    def test_debug_is_refused_when_unreadable(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp, self.assertRaises(subprocess.CalledProcessError) as ctx:
            _settings_in(Path(tmp), DUCHA_DEBUG="maybe")
        self.assertIn("DUCHA_DEBUG must be True or False", ctx.exception.stderr)

    def test_key_is_kept_between_starts(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "k"
            self.assertEqual(read_or_create_key(path, 16), read_or_create_key(path, 16))


class SqliteTests(TestCase):
    def test_sqlite_runs_in_wal_mode(self):
        if connection.vendor != "sqlite":
            self.skipTest("SQLite only")
        # the test database is in memory, so check the mode the settings ask for
        self.assertIn("journal_mode=WAL", settings.DATABASES["default"]["OPTIONS"]["init_command"])


class CoreIsPureTests(SimpleTestCase):
    def test_core_never_imports_django(self):
        code = (
            "import sys, pkgutil, importlib, ducha.core as c;"
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(c.__path__, 'ducha.core.')"
            " if '.tests' not in m.name];"
            "bad=[m for m in sys.modules if m == 'django' or m.startswith('django.')];"
            "print(','.join(bad))"
        )
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        self.assertEqual(out.stdout.strip(), "")
