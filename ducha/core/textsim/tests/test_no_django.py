"""The core never imports Django: it must run in scripts and workers without it."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]

SCRIPT = """
import sys
import ducha.core.textsim as textsim
index = textsim.RepeatIndex()
index.add_many([(1, "石潭镇古城村养猪场粪污直排"), (2, "石潭镇古城村一家养猪场臭味大")])
textsim.suggest(index, "古城村养猪场排粪水")
textsim.score(textsim.extract("石潭镇古城村养猪场"), textsim.extract("古城村猪场"))
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(loaded))
"""


def test_the_package_never_imports_django():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == ""
