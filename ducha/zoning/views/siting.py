"""The 准入 check (符合性分析): a project site against the current units, as a page and in Word."""

import io
import json

import numpy as np
import shapely
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import geo
from ducha.core.documents import siting as siting_doc
from ducha.core.documents.notice import chinese_date
from ducha.web import scoped
from ducha.zoning import forms, queries
from ducha.zoning.models import ControlUnit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _site(form) -> shapely.Geometry | None:
    """The site in WGS84, or None with the reason on the form."""
    try:
        site = geo.parse_site(form.cleaned_data["coordinates"])
    except geo.SiteError as exc:
        form.add_error("coordinates", exc.message)
        return None
    if form.cleaned_data["crs"] == "gcj02":
        site = shapely.transform(site, _gcj_back)
    return site


def _gcj_back(xy):
    lon, lat = geo.gcj02_to_wgs84(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def _check(request, form):
    edition = queries.current_edition()
    if edition is None:
        form.add_error(None, _("尚未导入环境管控单元，无法分析。"))
        return None
    site = _site(form)
    if site is None:
        return None
    return queries.check_site(request.user, site, edition=edition)


def _summary(check) -> str:
    if check.is_point:
        if not check.units:
            return _("该点不在任何环境管控单元内。")
        return _("该点位于%(n)s个环境管控单元内。") % {"n": len(check.units)}
    outside = check.outside_share * 100
    text = _("项目范围面积%(area).2f公顷，涉及%(n)s个环境管控单元。") % {
        "area": check.site_area_m2 / 1e4,
        "n": len(check.units),
    }
    if outside >= 0.05:
        text += _("其中%(p).1f%%不在任何管控单元内。") % {"p": outside}
    return text


@scoped(ControlUnit, "check")
def site_check(request):
    form = forms.SiteForm(request.POST or None)
    check = None
    if request.method == "POST" and form.is_valid():
        check = _check(request, form)
    context = {
        "form": form,
        "check": check,
        "summary": _summary(check) if check else "",
        "site_geojson": json.loads(shapely.to_geojson(check.site)) if check else None,
        "edition": queries.current_edition(),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "zoning/site_check.html", context, status=status)


@scoped(ControlUnit, "check")
@require_POST
def site_report(request):
    form = forms.SiteForm(request.POST)
    check = _check(request, form) if form.is_valid() else None
    if check is None:
        context = {"form": form, "check": None, "edition": queries.current_edition()}
        return render(request, "zoning/site_check.html", context, status=400)
    report = siting_doc.SitingReport(
        title=_("建设项目生态环境分区管控符合性分析"),
        project=form.cleaned_data["project"] or _("（未填写）"),
        edition=check.edition.name,
        site=_describe(check.site),
        summary=_summary(check),
        made_on=chinese_date(timezone.localdate()),
        labels={
            "project": _("项目名称"),
            "edition": _("管控单元版本"),
            "site": _("项目位置"),
            "code": _("单元编码"),
            "name": _("单元名称"),
            "category": _("管控单元类别"),
            "county": _("所属区县"),
            "area": _("重叠面积（公顷）"),
            "share": _("占项目范围"),
            "made_on": _("分析日期"),
        },
        units=[
            siting_doc.SiteUnitRow(
                code=row.unit.code,
                name=row.unit.name,
                category=str(row.unit.get_category_display()),
                county=row.unit.county,
                area="—" if check.is_point else f"{row.area_m2 / 1e4:.2f}",
                share="—" if check.is_point else f"{row.share_of_site * 100:.1f}%",
                requirements=[
                    siting_doc.Requirement(label=str(label), text=text or _("无"))
                    for label, text in row.unit.requirements
                ],
            )
            for row in check.units
        ],
    )
    out = io.BytesIO()
    siting_doc.render_siting_report(report, out)
    response = HttpResponse(out.getvalue(), content_type=DOCX)
    name = _("符合性分析-%(day)s.docx") % {"day": timezone.localdate().isoformat()}
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _describe(site: shapely.Geometry) -> str:
    if site.geom_type == "Point":
        return _("点（经度%(lon).6f，纬度%(lat).6f，WGS84）") % {"lon": site.x, "lat": site.y}
    corners = (
        len(site.exterior.coords) - 1
        if site.geom_type == "Polygon"
        else sum(len(p.exterior.coords) - 1 for p in site.geoms)
    )
    return _("多边形，%(n)s个拐点，面积%(area).2f公顷（WGS84）") % {"n": corners, "area": geo.site_area_m2(site) / 1e4}
