"""The demo: 湘潭市, its units and one person per role. Idempotent: a second run
changes nothing. Areas add their own demo loaders to LOADERS."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from ducha.audit.services import record, snapshot
from ducha.org import services as org
from ducha.org.models import Role, Unit, User
from ducha.org.scoping import system_user

DEMO_ORG = Path(__file__).parent / "org" / "data" / "demo_org.json"


@functools.cache
def password_hash(password: str) -> str:
    """The demo's one password, hashed once (argon2) for every demo person."""
    return make_password(password)


def _bootstrap_admin(spec: dict, password: str) -> User:
    """The first administrator is made by the system, as in any fresh install."""
    admin = User.objects.filter(username=spec["username"]).first()
    if admin:
        return admin
    with transaction.atomic():
        admin = User(username=spec["username"], full_name=spec["full_name"], is_superuser=True)
        admin.password = password_hash(password)
        admin.save()
        record(actor=system_user(), action="org.person.create", obj=admin, after=snapshot(admin))
    return admin


def load_org() -> list[tuple[str, str, str]]:
    """Regions, the whole unit directory of each city with a directory file (湘潭市:
    org/data/units_430300.json) and the demo people; returns (username, password,
    role label) per login. Idempotent: a second run adds nothing."""
    data = json.loads(DEMO_ORG.read_text(encoding="utf-8"))
    password = data["password"]
    org.load_regions(actor=system_user())
    admin = _bootstrap_admin(data["admin"], password)
    for path in org.DIRECTORY_FILES:
        org.load_directory(actor=admin, path=path)
    office_unit = Unit.objects.get(name=data["office_unit"])
    if not admin.memberships.filter(role=Role.ADMIN).exists():
        org.add_membership(admin, actor=admin, unit=office_unit, role=Role.ADMIN)
    logins = [(admin.username, password, str(Role.ADMIN.label))]
    for spec in data["people"]:
        if not User.objects.filter(username=spec["username"]).exists():
            org.create_person(
                actor=admin,
                username=spec["username"],
                full_name=spec["full_name"],
                post=spec["post"],
                password=password,
                unit=Unit.objects.get(name=spec["unit"]),
                role=spec["role"],
                # The demo's printed logins keep the demo password (README: 演示账号).
                must_change_password=False,
                password_hash=password_hash(password),
            )
        logins.append((spec["username"], password, str(Role(spec["role"]).label)))
    return logins


def load_complaints() -> list:
    from ducha.complaints import demo

    return demo.load()


def load_places() -> list:
    from ducha.places import demo

    return demo.load()


# places before complaints: the demo's repeat suggestions read its gazetteer
LOADERS = [load_org, load_places, load_complaints]


def load_rectification() -> list:
    from ducha.rectification import demo

    return demo.load_rectification()


LOADERS.append(load_rectification)


def load() -> list[tuple[str, str, str]]:
    logins: list[tuple[str, str, str]] = []
    for loader in LOADERS:
        logins += loader() or []
    return logins


def load_supervision() -> list:
    from ducha.supervision import demo

    return demo.load()


LOADERS.append(load_supervision)


def load_zoning() -> list:
    from ducha.zoning import demo

    return demo.load()


LOADERS.append(load_zoning)


def load_enforcement() -> list:
    from ducha.enforcement import demo

    return demo.load()


LOADERS.append(load_enforcement)
