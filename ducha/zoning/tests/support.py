"""Sample zoning data for tests: the three-unit layer of the geo core's tests
(A 一般管控 with a hole in 雨湖区, B 优先保护 filling it, C 重点管控 in 岳塘区), imported
through the real service."""

import tempfile
from pathlib import Path

from ducha.core.geo.tests import layers
from ducha.org import scoping
from ducha.zoning import services
from ducha.zoning.models import ControlUnit, ControlUnitEdition, FieldMapping

EDITION = "测试版本"
A, B, C = "ZH43030230001", "ZH43030210001", "ZH43030220001"


def import_sample(name: str = EDITION, units=layers.UNITS, geoms=layers.GEOMS, *, actor=None):
    actor = actor or scoping.system_user()
    with tempfile.TemporaryDirectory() as folder:
        path = layers.write_geojson(Path(folder) / "units.geojson", units, geoms)
        return services.import_control_units(path, actor=actor, edition=name)


def sample_edition(cast) -> ControlUnitEdition:
    edition = ControlUnitEdition.objects.filter(name=EDITION).first()
    if edition is None:
        import_sample()
        edition = ControlUnitEdition.objects.get(name=EDITION)
    return edition


def sample_unit(cast) -> ControlUnit:
    """岳塘区's unit: the office of the city sees it, 雨湖区's handler does not."""
    return sample_edition(cast).units.get(code=C)


def sample_field_mapping(cast) -> FieldMapping:
    mapping = FieldMapping.objects.filter(source_name="GKDY_CODE").first()
    return mapping or services.add_field_mapping(actor=cast.office, source_name="GKDY_CODE", target="code")
