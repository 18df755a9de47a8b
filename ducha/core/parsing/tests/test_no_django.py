"""The parsing and names cores are pure Python: they must never import Django."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]


def test_never_imports_django():
    code = "import sys, ducha.core.parsing, ducha.core.names; assert not any(m.startswith('django') for m in sys.modules), sorted(m for m in sys.modules if m.startswith('django'))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
