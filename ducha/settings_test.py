"""Settings for the test suite: a throwaway DUCHA_HOME, fast hashing, tasks run inline."""

import os
import tempfile

os.environ.setdefault("DUCHA_HOME", tempfile.mkdtemp(prefix="ducha-test-"))
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from ducha.settings import *  # noqa: F403

# Argon2 costs ~50 ms a hash; the suite creates hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not memory: the browser tests' live server thread opens its own connection.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(DUCHA_HOME / "test.sqlite3")  # noqa: F405
