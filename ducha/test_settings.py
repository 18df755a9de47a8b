"""Settings for the test suite: a throwaway DUCHA_HOME, fast hashing, tasks run inline."""

import os
import tempfile

os.environ.setdefault("DUCHA_HOME", tempfile.mkdtemp(prefix="ducha-test-"))
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from ducha.settings import *  # noqa: E402,F403

# Argon2 costs ~50 ms a hash; the suite creates hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
