"""The demo's unit layer: a synthetic 湘潭 edition (scripts/make_zoning_demo.py), imported
through the real service. Idempotent: the same file again changes nothing."""

from pathlib import Path

from ducha.org import scoping
from ducha.zoning import services

DEMO_LAYER = Path(__file__).parent / "data" / "demo_xiangtan_units.geojson"
DEMO_EDITION = "湘潭市生态环境分区管控成果（演示）"


def load() -> list:
    result = services.import_control_units(DEMO_LAYER, actor=scoping.system_user(), edition=DEMO_EDITION)
    if not result.ok:
        raise RuntimeError(f"demo zoning layer did not import: {result.errors}")
    return []
