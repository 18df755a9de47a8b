"""Every URL either needs a login and goes through org.scoping, or is on the
public allow-list. A view added without @scoped makes these tests fail."""

from django.http import HttpResponse
from django.urls import path, reverse

from ducha.api import api, legacy
from ducha.complaints.models import Batch, Complaint, ImportJob
from ducha.complaints.tests.test_pages_support import sample_complaint, sample_import_job
from ducha.enforcement.models import (
    CaseTransfer,
    ProcuratorateOpinion,
    StatutoryDeadline,
    ThresholdCriterion,
    TransferMaterial,
)
from ducha.enforcement.tests.support import sample_case, sample_material, sample_opinion
from ducha.notifications.models import Notification
from ducha.org.models import HolidayYear, Membership, RegionAlias, Unit, User
from ducha.places.models import Place
from ducha.places.tests.support import sample_place
from ducha.rectification.models import Evidence, Finding, Task
from ducha.rectification.tests.support import sample_evidence, sample_finding, sample_task
from ducha.supervision.models import AlertRule, Bulletin, SiteVisit, SupervisionNotice
from ducha.supervision.tests.support import sample_alert_rule, sample_bulletin, sample_notice, sample_visit
from ducha.testing import CastTestCase
from ducha.zoning.models import ControlUnit, ControlUnitEdition, FieldMapping
from ducha.zoning.tests.support import sample_edition, sample_field_mapping, sample_unit
from tests.unit.urlwalk import unscoped, walk


def sample_notification(cast):
    """The office's own notification: nobody else's to open."""
    from ducha.notifications.services import notify_users

    found = Notification.objects.filter(user=cast.office).first()
    if found is None:
        notify_users([cast.office.pk], text="督办单已回复。", link="/supervision/notices/")
        found = Notification.objects.get(user=cast.office)
    return found


# The only views anyone may open without signing in.
PUBLIC_ALLOW_LIST = {
    "",
    "login/",
    "logout/",
    "i18n/setlang/",
    # approved disclosure tables: no complainant data, 404 for batches not approved
    "public/disclosures/",
    "public/disclosures/<int:pk>/",
    "public/disclosures/<int:pk>.xlsx",
    # the control-unit layer the office published: units and requirements only, 404 while none is
    "public/zoning/",
    "public/zoning/units.geojson",
}

# An object of each model a `pk` view may be asked for, visible to the office and
# not to a district handler. A new pk view on a model missing here fails the walk.
SAMPLES = {
    Unit: lambda cast: cast.units["procuratorate"],
    User: lambda cast: cast.police,
    Membership: lambda cast: cast.police.memberships.get(),
    RegionAlias: lambda cast: RegionAlias.objects.get(alias="高新区"),
    HolidayYear: lambda cast: HolidayYear.objects.get(year=2026),
    Complaint: sample_complaint,
    Batch: lambda cast: sample_complaint(cast).batch,
    ImportJob: sample_import_job,
    Finding: sample_finding,
    Task: sample_task,
    Evidence: sample_evidence,
    AlertRule: sample_alert_rule,
    SupervisionNotice: sample_notice,
    SiteVisit: sample_visit,
    Bulletin: sample_bulletin,
    ControlUnit: sample_unit,
    ControlUnitEdition: sample_edition,
    FieldMapping: sample_field_mapping,
    Place: sample_place,
    Notification: sample_notification,
    CaseTransfer: sample_case,
    TransferMaterial: sample_material,
    ProcuratorateOpinion: sample_opinion,
    StatutoryDeadline: lambda cast: StatutoryDeadline.objects.get(step="head_decision"),
    ThresholdCriterion: lambda cast: ThresholdCriterion.objects.get(code="hidden-pipe"),
}


def _url(route, obj=None):
    kwargs = {}
    for name in route.converters:
        kwargs[name] = obj.pk if obj is not None else 1
    return reverse(route.name, kwargs=kwargs)


class UrlScopingTests(CastTestCase):
    def test_every_view_is_scoped_or_public(self):
        self.assertEqual(unscoped(walk()), [])

    def test_public_views_are_only_the_allow_list(self):
        public = {r.route for r in walk() if r.is_public}
        self.assertEqual(public, PUBLIC_ALLOW_LIST)

    def test_anonymous_is_sent_to_login_by_every_scoped_view(self):
        for route in walk():
            if not route.scope:
                continue
            obj = SAMPLES[route.scope[0]](self) if route.converters else None
            url = _url(route, obj)
            with self.subTest(url=url):
                response = self.client.post(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_every_api_route_refuses_anonymous(self):
        for route in walk():
            if route.is_api and route.route not in ("api/", "api/v1/") and not route.converters:
                with self.subTest(route=route.route):
                    # data routes answer 401; the schema and docs pages send to login
                    self.assertIn(self.client.get("/" + route.route).status_code, (401, 302))

    def test_every_api_operation_requires_auth(self):
        # the routers as mounted: their operations carry the auth they inherit
        for router in api._get_bound_routers() + legacy._get_bound_routers():
            for path_str, path_view in router.path_operations.items():
                for op in path_view.operations:
                    with self.subTest(path=router.prefix + path_str):
                        self.assertTrue(op.auth_callbacks, f"API route {router.prefix}{path_str} has no auth")

    def test_object_views_refuse_a_user_who_may_not_act_on_the_object(self):
        self.login(self.handler)
        for route in walk():
            if not (route.scope and route.converters):
                continue
            model = route.scope[0]
            self.assertIn(model, SAMPLES, f"add a sample {model.__name__} to SAMPLES for {route.route}")
            url = _url(route, SAMPLES[model](self))
            with self.subTest(url=url):
                # 404 when the object is hidden; 403 when it is reference data the
                # user may read but not change; never a page or a redirect.
                self.assertIn(self.client.get(url).status_code, (403, 404, 405))
                self.assertIn(self.client.post(url).status_code, (403, 404))

    def test_object_views_open_for_a_user_who_may_see_the_object(self):
        self.login(self.office)
        for route in walk():
            if not (route.scope and route.converters) or route.scope[1] != "view":
                continue
            url = _url(route, SAMPLES[route.scope[0]](self))
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_list_views_refuse_a_user_without_any_role(self):
        self.login(self.stranger)
        for route in walk():
            if route.scope and route.scope[0] is not None and not route.converters:
                with self.subTest(route=route.route):
                    self.assertEqual(self.client.get(_url(route)).status_code, 403)


def bare_view(request):
    return HttpResponse("no scoping here")


class WalkerCatchesForgottenScopingTests(CastTestCase):
    def test_a_view_without_scoping_is_reported(self):
        import types

        urlconf = types.ModuleType("forgetful_urls")
        urlconf.urlpatterns = [path("leak/", bare_view, name="leak")]
        from django.urls import get_resolver

        self.assertEqual(unscoped(walk(get_resolver(urlconf))), ["leak/"])
