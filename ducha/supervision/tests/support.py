"""Set-up shared by the supervision tests (no tests here): complaints imported and
dispatched through the real services, and a helper to close one on time."""

from __future__ import annotations

import datetime as dt

from ducha.complaints.models import Complaint
from ducha.complaints.services import dispatch as dispatching
from ducha.complaints.services import handling
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_pages_support import import_messy, make_inspection
from ducha.testing import CastTestCase

# A Friday in a March without holidays: Mon 9 is the 1st working day after it, Wed 11 the 3rd.
FRIDAY = dt.date(2026, 3, 6)


def dispatched_world(cls, *, rows: int = 12) -> None:
    """The cast, an inspection with `rows` complaints, all dispatched to 雨湖区."""
    cls.inspection = make_inspection(cls.office)
    import_messy(cls.office, cls.inspection, rows=rows)
    for c in Complaint.objects.filter(inspection=cls.inspection).order_by("pk"):
        dispatching.dispatch_complaint(c, actor=cls.office, lead_unit=cls.unit_yuhu)


def close_complaint(complaint: Complaint, *, handler, office) -> Complaint:
    handling.save_handling(complaint, actor=handler, findings="经核查属实。", veracity="true", measures="已责令整改。")
    handling.submit_handling(Complaint.objects.get(pk=complaint.pk), actor=handler)
    return reviewing.accept_handling(Complaint.objects.get(pk=complaint.pk), actor=office)


class DispatchedTestCase(CastTestCase):
    rows = 12

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        dispatched_world(cls, rows=cls.rows)

    def complaints(self):
        return list(Complaint.objects.filter(inspection=self.inspection).order_by("pk"))


# --- samples for the URL walk (tests/unit/test_url_scoping.py) ------------------------
# Each is seen by the office and not by the 雨湖区 handler.


def sample_alert_rule(cast):
    from ducha.supervision.models import ItemKind
    from ducha.supervision.services import overdue

    return overdue.rules()[ItemKind.COMPLAINT]


def sample_notice(cast):
    """A notice to 市生态环境局 about the sample rectification task it leads."""
    from ducha.rectification.tests.support import sample_task
    from ducha.supervision.models import NoticeLevel, SupervisionNotice
    from ducha.supervision.services import notices

    notice = SupervisionNotice.objects.order_by("pk").first()
    if notice is None:
        task = sample_task(cast)
        notice = notices.draft_notice(
            task.lead_unit,
            actor=cast.supervisor,
            level=NoticeLevel.SUPERVISE,
            items=[task],
            reply_by=dt.date(2026, 3, 9),
            body="请加快整改。",
            drafted_on=dt.date(2026, 3, 2),
        )
        notice = notices.issue_notice(notice, actor=cast.leader, issued_on=dt.date(2026, 3, 2))
    return notice


def sample_visit(cast):
    from ducha.org.models import Region
    from ducha.supervision.models import SiteVisit, VisitKind
    from ducha.supervision.services import visits

    visit = SiteVisit.objects.order_by("pk").first()
    if visit is None:
        inspection = make_inspection(cast.office, "visit-sample")
        visit = visits.plan_visit(
            inspection,
            actor=cast.supervisor,
            region=Region.objects.get(code="430300"),
            kind=VisitKind.UNANNOUNCED,
            title="暗访",
            planned_on=dt.date(2026, 3, 2),
            team="督查组",
        )
    return visit


def sample_bulletin(cast):
    from ducha.complaints.tests.test_pages_support import sample_complaint
    from ducha.org.models import Region
    from ducha.supervision.models import Bulletin
    from ducha.supervision.services import bulletins

    bulletin = Bulletin.objects.order_by("pk").first()
    if bulletin is None:
        inspection = sample_complaint(cast).inspection
        # 岳塘区's: issued bulletins reach the units of their place, and the cast's
        # handler (雨湖区) must be a stranger to this one
        bulletin = bulletins.draft_bulletin(
            inspection, actor=cast.office, region=Region.objects.get(code="430304"), as_of=dt.date(2026, 3, 2)
        )
        bulletin = bulletins.issue_bulletin(bulletin, actor=cast.leader)
    return bulletin
