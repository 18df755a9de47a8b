"""The geo core never imports Django: the benchmark and workers use it without."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]

SCRIPT = """
import sys
import shapely
import ducha.core.geo as geo
index = geo.PlacementIndex(["A"], [shapely.box(112, 27, 113, 28)])
assert index.locate(*geo.gcj02_to_wgs84(112.5, 27.5)) == ["A"]
geo.parse_site("112.5 27.5")
print(",".join(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_the_package_never_imports_django():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
