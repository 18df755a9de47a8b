"""Inspections (督察) in the API: the rounds the user may see, by code."""

import datetime as dt
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema

from ducha.api_auth import AUTH
from ducha.api_errors import ERRORS
from ducha.inspections.models import Inspection
from ducha.org import scoping

router = Router(auth=AUTH, tags=["inspections"])


class InspectionOut(Schema):
    code: str
    team: str
    province: str
    round: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    due_days: int
    due_kind: str


@router.get("/inspections", response={200: list[InspectionOut], **ERRORS}, summary="督察列表")
def list_inspections(request):
    return scoping.visible_to(request.user, Inspection).order_by("-start_date", "code")


@router.get("/inspections/{code}", response={200: InspectionOut, **ERRORS}, summary="督察")
def get_inspection(request, code: Annotated[str, Path(max_length=32, pattern=r"^[-a-zA-Z0-9_]+$")]):
    return get_object_or_404(scoping.visible_to(request.user, Inspection), code=code)
