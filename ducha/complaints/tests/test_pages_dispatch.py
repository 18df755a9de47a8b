"""Dispatch in few clicks: the lead unit preselected by the region rule, supporting
units ticked from a list with a filter box, the due date and its explanation shown
before confirming."""

from ducha.complaints.models import Assignment, Complaint, ComplaintStatus
from ducha.complaints.tests.test_pages_handling import DISPATCH_DAY, HandlingPageTestCase, at


class DispatchPageTests(HandlingPageTestCase):
    def in_yuhu(self) -> Complaint:
        c = Complaint.objects.filter(status=ComplaintStatus.RECEIVED).first()
        Complaint.objects.filter(pk=c.pk).update(region_id="430302")
        return self.fresh(c)

    def test_the_lead_unit_is_preselected_from_the_region_rule(self):
        c = self.in_yuhu()
        with at(DISPATCH_DAY):
            page = self.login(self.office).get(f"/complaints/{c.pk}/")
        self.assertEqual(page.context["dispatch_form"].initial["lead_unit"], self.unit_yuhu.pk)
        self.assertContains(page, 'id="lead-by-rule"')

    def test_a_city_level_complaint_has_no_preselected_lead_unit(self):
        c = self.in_yuhu()
        Complaint.objects.filter(pk=c.pk).update(region_id="430300")
        with at(DISPATCH_DAY):
            page = self.login(self.office).get(f"/complaints/{c.pk}/")
        self.assertNotIn("lead_unit", page.context["dispatch_form"].initial)

    def test_supporting_units_are_ticked_from_a_filterable_list(self):
        c = self.in_yuhu()
        with at(DISPATCH_DAY):
            page = self.login(self.office).get(f"/complaints/{c.pk}/")
        self.assertContains(page, 'data-filter-list="id_support_units"')
        self.assertContains(page, 'type="checkbox" name="support_units"')
        self.assertNotContains(page, '<select name="support_units"')
        post = {"version": c.version, "lead_unit": self.unit_yuhu.pk, "support_units": [self.unit_yuetang.pk]}
        with at(DISPATCH_DAY):
            response = self.client.post(f"/complaints/{c.pk}/dispatch/", post)
        self.assertEqual(response.status_code, 302)
        roles = dict(Assignment.objects.filter(complaint=c).values_list("unit_id", "role"))
        self.assertEqual(roles, {self.unit_yuhu.pk: "lead", self.unit_yuetang.pk: "support"})

    def test_the_due_date_and_its_explanation_show_before_confirming(self):
        c = self.in_yuhu()
        with at(DISPATCH_DAY):
            page = self.login(self.office).get(f"/complaints/{c.pk}/")
            self.assertContains(page, '<span id="due-preview-date">2026-10-15</span>')
            self.assertContains(page, "跳过中秋节")
            other = self.client.get(f"/complaints/{c.pk}/dispatch/due/", {"due_days": 5, "due_kind": "natural"})
        self.assertContains(other, '<span id="due-preview-date">2026-09-29</span>')
        self.assertNotContains(other, "<html")  # a fragment for htmx

    def test_a_handler_may_not_preview_a_dispatch(self):
        c = self.in_yuhu()
        self.assertEqual(self.login(self.handler).get(f"/complaints/{c.pk}/dispatch/due/").status_code, 404)
