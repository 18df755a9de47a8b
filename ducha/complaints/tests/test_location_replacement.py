"""Re-placement after a new edition: started from the editions page, run in the
background as the system user, its progress on the page."""

from ducha.audit.models import AuditEvent
from ducha.complaints.tests.test_handling import HandlingTestCase
from ducha.core.geo.tests import layers
from ducha.org import scoping
from ducha.zoning.models import ControlUnitEdition, Location, Replacement
from ducha.zoning.services import placement
from ducha.zoning.tests.support import A, import_sample


class ReplacementPageTests(HandlingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_sample("2021版")

    def test_the_office_starts_a_replacement_and_sees_its_progress(self):
        placement.place(self.complaints[0], lon=112.05, lat=27.05, crs="wgs84", actor=self.office)
        import_sample("2023版", layers.UNITS[:1] + layers.UNITS[2:], [layers.A.union(layers.B), layers.C])
        edition = ControlUnitEdition.objects.get(name="2023版")
        client = self.login(self.office)
        with self.captureOnCommitCallbacks(execute=True):
            response = client.post(f"/zoning/editions/{edition.pk}/replace/")
        self.assertEqual(response.status_code, 302)
        run = Replacement.objects.get()
        self.assertEqual((run.status, run.done, run.total), (Replacement.Status.DONE, 1, 1))
        self.assertEqual(Location.objects.get().unit.code, A)
        finished = AuditEvent.objects.get(action="zoning.locations.replace")
        self.assertEqual(finished.actor_id, scoping.system_user().pk)
        self.assertContains(client.get("/zoning/editions/"), "1/1（100%）")

    def test_a_leader_may_not_start_a_replacement(self):
        edition = ControlUnitEdition.objects.get(name="2021版")
        response = self.login(self.leader).post(f"/zoning/editions/{edition.pk}/replace/")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Replacement.objects.exists())

    def test_while_a_replacement_waits_the_editions_table_refreshes_itself(self):
        edition = ControlUnitEdition.objects.get(name="2021版")
        placement.request_replacement(edition, actor=self.office)  # the task starts on commit
        response = self.login(self.office).get("/zoning/editions/")
        self.assertContains(response, 'hx-trigger="every 2s"')
        self.assertContains(response, "排队中")
