"""The demo's gazetteer: 湘潭's divisions (with 湖南省 above them and the shipped rivers
and sections), and a few landmarks and roads the office would add. Idempotent."""

from ducha.org import scoping
from ducha.places.models import Place, PlaceKind
from ducha.places.services.loading import load_places
from ducha.places.services.places import add_place

DEMO_PROVINCE = "4303"  # only the demo city: a second or so, not the whole province's 31,691 rows
# (parent code, kind, name, aliases)
DEMO_PLACES = [
    ("430321112", PlaceKind.LANDMARK, "金鸡岭水库", ["金鸡岭坝"]),
    ("430302", PlaceKind.ROAD, "建设北路", []),
    ("430304", PlaceKind.PARK, "湘潭竹埠港化工区", ["竹埠港"]),
]


def load() -> list:
    actor = scoping.system_user()
    load_places(actor=actor, province=DEMO_PROVINCE)
    for code, kind, name, aliases in DEMO_PLACES:
        parent = Place.objects.filter(code=code).first()
        if parent is not None and not parent.children.filter(name=name).exists():
            add_place(parent, actor=actor, kind=kind, name=name, aliases=aliases)
    return []
