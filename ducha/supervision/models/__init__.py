"""Supervision (督查督办): overdue alerts, supervision notices, accountability, meetings,
site visits, bulletins, and the frozen figures of the leaders' screen.

Rules are data (AlertRule rows the office edits); an Alert row says that one complaint
or rectification task is yellow (due within the rule's working days) or red (past its
due day), since when, and for which unit. A person held to account is a Person, so one
person interviewed twice is one Person with two Accountability records.

One module per concept (alerts, notices and bulletins, accountability and meetings,
visits); every model is importable from here.
"""

from ducha.supervision.models.accountability import (
    Accountability,
    AccountabilityKind,
    Meeting,
    MeetingKind,
    Person,
    SanctionForm,
)
from ducha.supervision.models.alerts import Alert, AlertLevel, AlertRule, ItemKind
from ducha.supervision.models.notices import (
    Bulletin,
    BulletinStatus,
    NoticeItem,
    NoticeLevel,
    NoticeSequence,
    NoticeStatus,
    SupervisionNotice,
)
from ducha.supervision.models.visits import SiteVisit, VisitFinding, VisitKind

__all__ = [
    "Accountability",
    "AccountabilityKind",
    "Alert",
    "AlertLevel",
    "AlertRule",
    "Bulletin",
    "BulletinStatus",
    "ItemKind",
    "Meeting",
    "MeetingKind",
    "NoticeItem",
    "NoticeLevel",
    "NoticeSequence",
    "NoticeStatus",
    "Person",
    "SanctionForm",
    "SiteVisit",
    "SupervisionNotice",
    "VisitFinding",
    "VisitKind",
]
