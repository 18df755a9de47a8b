"""The figures in the API: the same JSON as `figures --json`, counted over what the user
may see (a district's token gets its district's figures)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from ducha.api_auth import AUTH
from ducha.api_errors import ERRORS
from ducha.dashboard.engine import scope_for_user
from ducha.dashboard.headline import report
from ducha.inspections.models import Inspection
from ducha.org import scoping

router = Router(auth=AUTH, tags=["figures"])


class FigureFilters(Schema):
    inspection: str = Field(..., max_length=32, pattern=r"^[-a-zA-Z0-9_]+$", description="督察代码")
    region: str = Field("", pattern=r"^(\d{2}|\d{4}|\d{6})?$", description="行政区划代码前缀（如 4303）")
    date: dt.date | None = Field(
        None, ge=dt.date(2000, 1, 1), le=dt.date(2099, 12, 31), description="按哪一天计算（默认今天）"
    )


@router.get("/figures", response={200: dict, **ERRORS}, summary="统计数字（同 figures --json）")
def get_figures(request, filters: Query[FigureFilters]):
    inspection = get_object_or_404(scoping.visible_to(request.user, Inspection), code=filters.inspection)
    scope = scope_for_user(request.user, inspection, filters.date or timezone.localdate())
    if filters.region:
        scope = scope.narrowed(region_code=filters.region)
    return report(scope)
