"""The core is pure Python: no module under ducha/core imports Django, directly or
through another module, so it runs in scripts and workers without it. Every module is
imported (tests and their helpers aside), so a new module is covered the day it lands."""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import ducha.core

REPO = Path(__file__).resolve().parents[3]


def core_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(ducha.core.__path__, prefix="ducha.core."):
        if ".tests" in info.name or info.name.endswith(".conftest"):
            continue
        found.append(info.name)
    return sorted(found)


SCRIPT = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(",".join(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_every_core_module_is_found():
    names = core_modules()
    # the packages of the core and a few modules inside each, as a floor
    for expected in ("ducha.core.chain", "ducha.core.files", "ducha.core.pii", "ducha.core.parsing.tasks"):
        assert expected in names
    assert any(n.startswith("ducha.core.textsim.") for n in names)
    assert any(n.startswith("ducha.core.workdays.") for n in names)
    assert any(n.startswith("ducha.core.documents.") for n in names)


def test_no_core_module_imports_django():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *core_modules()], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
