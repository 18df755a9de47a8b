"""The audit page: auditors and admins filter events by object, person and time."""

import datetime as dt

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.audit.events import EVENT_TYPES
from ducha.audit.models import AuditEvent
from ducha.org import scoping
from ducha.web import scoped

PAGE_SIZE = 50


class AuditFilter(forms.Form):
    action = forms.ChoiceField(label=_("操作"), required=False)
    object_type = forms.CharField(label=_("对象类型"), required=False)
    object_id = forms.CharField(label=_("对象ID"), required=False)
    actor = forms.CharField(label=_("操作人"), required=False)
    start = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    before = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("全部"))] + [(k, v) for k, v in EVENT_TYPES.items()]


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_events(user, data):
    qs = scoping.visible_to(user, AuditEvent)
    form = AuditFilter(data)
    if not form.is_valid():
        return form, qs.none()
    f = form.cleaned_data
    if f["action"]:
        qs = qs.filter(action=f["action"])
    if f["object_type"]:
        qs = qs.filter(object_type=f["object_type"].strip())
    if f["object_id"]:
        qs = qs.filter(object_id=f["object_id"].strip())
    if f["actor"]:
        qs = qs.filter(actor_name__icontains=f["actor"].strip())
    if f["start"]:
        qs = qs.filter(at__gte=_day_start(f["start"]))
    if f["end"]:
        qs = qs.filter(at__lt=_day_start(f["end"] + dt.timedelta(days=1)))
    if f["before"]:
        # keyset paging on seq: constant time at any depth, unlike OFFSET
        qs = qs.filter(seq__lt=f["before"])
    return form, qs.order_by("-seq")


@scoped(AuditEvent, "view")
def event_list(request):
    form, qs = filtered_events(request.user, request.GET)
    events = list(qs[: PAGE_SIZE + 1])
    more = len(events) > PAGE_SIZE
    events = events[:PAGE_SIZE]
    query = request.GET.copy()
    if more:
        query["before"] = events[-1].seq
    context = {"form": form, "events": events, "next_query": query.urlencode() if more else ""}
    template = "audit/_rows.html" if request.htmx else "audit/event_list.html"
    return render(request, template, context)
