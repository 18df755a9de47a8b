"""Shared set-up of the supervision benchmarks (bench/overdue.py, bench/dashboard.py):
a fresh DUCHA_HOME (SQLite) or a scratch PostgreSQL database, migrated, with the cast's
city, N complaints inserted in bulk and M rectification tasks."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COUNTIES = ["430302", "430304", "430321", "430381", "430382", "430371", "430372", "430373"]


def setup_django(postgres_url: str | None) -> None:
    os.environ["DUCHA_HOME"] = tempfile.mkdtemp(prefix="ducha-bench-sup-")
    if postgres_url:
        import psycopg

        base, name = postgres_url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = postgres_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ducha.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(complaints: int, tasks: int, *, today: dt.date, open_share: float = 0.4) -> dict:
    """Insert the rows with bulk_create (one INSERT per 5,000 rows); returns the actors."""
    import random

    from django.utils import timezone

    from ducha.complaints.models import Batch, Complaint, ComplaintStatus
    from ducha.inspections.models import Inspection
    from ducha.org import services as org
    from ducha.org.models import Region, Role, UnitKind, User
    from ducha.org.scoping import system_user
    from ducha.rectification.models import Finding, RectificationPlan, Task

    org.load_regions(actor=system_user())
    admin = User.objects.create_user("admin", password="x", is_superuser=True)
    city = Region.objects.get(code="430300")
    units = [
        org.create_unit(
            actor=admin,
            name=f"{Region.objects.get(code=c).name}人民政府",
            kind=UnitKind.GOVERNMENT,
            region=Region.objects.get(code=c),
        )
        for c in COUNTIES
    ]
    gov = org.create_unit(actor=admin, name="湘潭市人民政府", kind=UnitKind.GOVERNMENT, region=city)
    office = org.create_unit(actor=admin, name="湘潭市生态环境保护委员会办公室", kind=UnitKind.OFFICE, region=city)
    leader = org.create_person(
        actor=admin, username="leader", full_name="领导", password="Bench-pass-2026", unit=gov, role=Role.LEADER
    )
    org.create_person(
        actor=admin, username="office", full_name="环委办", password="Bench-pass-2026", unit=office, role=Role.OFFICE
    )
    for u in units:
        org.create_person(
            actor=admin, username=f"h{u.pk}", full_name="承办", password="Bench-pass-2026", unit=u, role=Role.HANDLER
        )
    inspection = Inspection.objects.create(
        code="bench", team="中央第六生态环境保护督察组", province="湖南省", start_date=today - dt.timedelta(days=120)
    )
    batch = Batch.objects.create(
        inspection=inspection,
        number=1,
        handed_over_on=today - dt.timedelta(days=100),
        source_name="b.xlsx",
        source_file="batches/b.xlsx",
        source_sha256="0" * 64,
    )
    rng = random.Random(6)
    now = timezone.now()
    rows = []
    for i in range(complaints):
        region = COUNTIES[i % len(COUNTIES)]
        unit = units[i % len(units)]
        due = today + dt.timedelta(days=rng.randint(-20, 20))
        if rng.random() < open_share:
            status, closed = ComplaintStatus.DISPATCHED, None
        else:
            status = ComplaintStatus.CLOSED
            closed = now - dt.timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 23))
        rows.append(
            Complaint(
                inspection=inspection,
                batch=batch,
                ref=f"D{i:08d}",
                text="某企业夜间偷排废水。",
                region_id=region,
                status=status,
                content_digest="0" * 64,
                lead_unit=unit,
                dispatched_at=now,
                due_on=due,
                closed_at=closed,
            )
        )
        if len(rows) == 5000:
            Complaint.objects.bulk_create(rows)
            rows = []
    Complaint.objects.bulk_create(rows)
    plan = RectificationPlan.objects.create(inspection=inspection, region=city, issued_on=today - dt.timedelta(days=90))
    findings = Finding.objects.bulk_create(
        [
            Finding(plan=plan, inspection=inspection, region=city, number=n + 1, title=f"问题{n + 1}", text="反馈问题")
            for n in range(max(1, tasks // 50))
        ]
    )
    Task.objects.bulk_create(
        [
            Task(
                finding=findings[n % len(findings)],
                number=n + 1,
                target="整改",
                start_date=today - dt.timedelta(days=90),
                due_date=today + dt.timedelta(days=rng.randint(-30, 60)),
                is_deadline=True,
                lead_unit=units[n % len(units)],
            )
            for n in range(tasks)
        ],
        batch_size=1000,
    )
    return {"leader": leader, "inspection": inspection}
