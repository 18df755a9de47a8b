"""A small divisions file (湘潭 and one district of 株洲) loaded through the real service."""

import tempfile
from pathlib import Path

from ducha.org import scoping
from ducha.places.models import Place
from ducha.places.services.loading import load_places

ROWS = """code,name
43,湖南省
4302,株洲市
430203,芦淞区
430203001,贺家土街道
430203001001,来园社区居委会
4303,湘潭市
430302,雨湖区
430302001,雨湖路街道
430302001001,雨湖路社区居委会
430302001002,关圣殿社区居委会
430321,湘潭县
430321112,石潭镇
430321112228,新合村委会
430321112237,古城村民委员会
"""


def write_csv(folder: Path, text: str = ROWS, name: str = "divisions.csv") -> Path:
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def load_small(*, province: str = "", text: str = ROWS, actor=None):
    with tempfile.TemporaryDirectory() as folder:
        return load_places(actor=actor or scoping.system_user(), path=write_csv(folder, text), province=province)


def place(code_or_ref: str) -> Place:
    return Place.objects.get(ref=code_or_ref)


def sample_place(cast) -> Place:
    if not Place.objects.exists():
        load_small()
    return place("430321112237")
