"""The leaders' figures in one place: the headline of a scope, the report's sentences
written from it (never typed), and what the board shows besides (districts, overdue
by unit, the weekly trend). One aggregate query per area."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ducha.complaints import figures as complaint_figures
from ducha.dashboard.engine import Scope, figures, registry
from ducha.supervision import figures as supervision_figures

# the figure groups on the board, in the order of its tiles
BOARD_GROUPS = (
    "complaints",
    "findings",
    "accountability",
    "meetings",
    "overdue",
    "enforcement",
    "enforcement_opinions",
)


def sentences(fig: dict) -> dict[str, str]:
    """The report's sentences, written from the figures (never typed)."""
    c, f, a, m = fig["complaints"], fig["findings"], fig["accountability"], fig["meetings"]
    if c["received"] and c["on_time"] == c["received"]:
        complaints = _("交办的%(n)s件信访件全部按时办结") % {"n": c["received"]}
    else:
        rate = c["on_time_rate"] if c["on_time_rate"] is not None else 0
        complaints = _("交办的%(n)s件信访件已办结%(closed)s件，按时办结率%(rate)s%%") % {
            "n": c["received"],
            "closed": c["closed"],
            "rate": f"{rate:g}",
        }
    if f["rectified"] == f["signed_off"]:
        findings = _("反馈的%(n)s个问题已完成整改并销号%(s)s个") % {"n": f["total"], "s": f["signed_off"]}
    else:
        findings = _("反馈的%(n)s个问题已完成整改%(r)s个，销号%(s)s个") % {
            "n": f["total"],
            "r": f["rectified"],
            "s": f["signed_off"],
        }
    return {
        "complaints": complaints,
        "findings": findings,
        "accountability": _("约谈%(i)s人，问责%(s)s人") % {"i": a["interviewed_people"], "s": a["sanctioned_people"]},
        "meetings": _("研究部署会议%(n)s次") % {"n": m["held"]},
    }


def report(scope: Scope) -> dict:
    """Every figure of the scope and the report's sentences: `figures --json` and the API."""
    out: dict = {"inspection": scope.inspection.code}
    out.update(figures(scope))
    out["sentences"] = sentences(out | {"findings": with_rectified(out["findings"])})
    return out


def with_rectified(findings: dict) -> dict:
    """A finding is rectified when all its tasks passed acceptance, signed off or not yet."""
    return findings | {"rectified": findings["signed_off"] + findings["rectified_not_signed_off"]}


def headline(s: Scope, rollup: complaint_figures.Rollup | None = None) -> dict:
    """Every headline figure of the scope and the sentences: one query per area."""
    provide = registry().figures
    fig = {}
    for key in BOARD_GROUPS:
        fig[key] = rollup.totals if (key == "complaints" and rollup) else provide[key](s)
    fig["findings"] = with_rectified(fig["findings"])
    fig["sentences"] = sentences(fig)
    return fig


def board_data(s: Scope) -> dict:
    """What the leaders' screen shows: the headline, districts, overdue by unit, the trend."""
    rollup = complaint_figures.rollup(s)
    data = headline(s, rollup)
    data["districts"] = rollup.districts
    data["overdue_by_unit"] = supervision_figures.overdue_by_unit(s)
    data["trend"] = rollup.trend
    return data
