"""Amend, don't retype: a returned report comes back as the previous version beside the
office's reasons; text, figures, parts and files are kept; one form carries text and
files together, and a refusal loses nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from ducha.audit.models import AuditEvent
from ducha.complaints.models import ComplaintStatus, Evidence, Handling, HandlingStatus
from ducha.complaints.services import handling
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_pages_handling import PNG, HandlingPageTestCase


def png(name="现场照片.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


class AmendTests(HandlingPageTestCase):
    def returned(self, complaint, **extra):
        """Dispatched, reported with a photo and a supporting part, submitted, returned."""
        c = self.dispatch(complaint, support_units=[self.unit_yuetang])
        values = {"findings": "经现场核查，确有污水直排。", "veracity": "true", "measures": "责令停产整治。"}
        handling.save_handling(
            self.fresh(c), actor=self.handler, files=[("现场照片.png", PNG)], orders=2, fines="50000", **values
        )
        handling.add_handling_part(self.fresh(c), actor=self.handler2, text="岳塘区配合核查了排污口。")
        handling.submit_handling(self.fresh(c), actor=self.handler)
        reviewing.return_handling(self.fresh(c), actor=self.office, reason="请补充整改后的现场照片")
        return self.fresh(c)

    def test_a_returned_report_opens_as_the_previous_version_beside_the_reasons(self):
        c = self.returned(self.named())
        page = self.login(self.handler).get(f"/complaints/{c.pk}/")
        form = page.context["handling_form"]
        self.assertEqual(form.initial["findings"], "经现场核查，确有污水直排。")
        self.assertEqual((form.initial["orders"], str(form.initial["fines"])), (2, "50000.00"))
        self.assertContains(page, 'id="return-reasons"')
        self.assertContains(page, "请补充整改后的现场照片")
        self.assertContains(page, 'id="attached-evidence"')
        self.assertContains(page, 'name="remove_evidence"')

    def test_resubmitting_changes_only_what_was_asked_and_makes_a_new_version(self):
        c = self.returned(self.named())
        client = self.login(self.handler)
        post = self.report_post(c, findings="经现场核查，确有污水直排。", orders=2, interviews=0)
        post |= {"measures": "责令停产整治；已拆除排污管。", "action": "submit", "files": png("整改后.png")}
        response = client.post(f"/complaints/{c.pk}/handling/", post)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.SUBMITTED)
        first, second = Handling.objects.filter(complaint=c).order_by("id")
        self.assertEqual((first.status, second.status), (HandlingStatus.RETURNED, HandlingStatus.SUBMITTED))
        self.assertEqual((second.number, second.previous_id), (2, first.pk))
        self.assertEqual(second.findings, first.findings)
        self.assertEqual(sorted(second.evidence.values_list("name", flat=True)), ["整改后.png", "现场照片.png"])
        self.assertEqual(list(second.parts.values_list("text", flat=True)), ["岳塘区配合核查了排污口。"])
        submit = AuditEvent.objects.filter(action="complaints.handling.submit").order_by("-seq").first()
        self.assertEqual(submit.after["number"], 2)
        self.assertEqual(submit.after["measures"], "责令停产整治；已拆除排污管。")
        self.assertEqual(submit.before["measures"], "责令停产整治。")
        self.assertNotIn("findings", submit.after)
        self.assertEqual(submit.after["evidence"], ["整改后.png", "现场照片.png"])

    def test_evidence_stays_attached_unless_removed(self):
        c = self.returned(self.named())
        photo = Evidence.objects.get(handling__complaint=c)
        post = self.report_post(c, remove_evidence=[str(photo.pk)])
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/", post)
        self.assertEqual(response.status_code, 302)
        draft = Handling.objects.filter(complaint=c).order_by("-id").first()
        self.assertEqual((draft.number, draft.evidence.count()), (2, 0))
        self.assertEqual(photo.handling.evidence.count(), 1)  # the returned version keeps its file
        save = AuditEvent.objects.filter(action="complaints.handling.save").order_by("-seq").first()
        self.assertEqual(save.after["evidence_removed"], ["现场照片.png"])

    def test_a_number_in_the_returned_text_survives_the_amendment_unmasked_in_store(self):
        c = self.dispatch(self.named())
        findings = "经核查属实，企业负责人电话13874561230。"
        handling.save_handling(self.fresh(c), actor=self.handler, findings=findings, veracity="true", measures="整改。")
        handling.submit_handling(self.fresh(c), actor=self.handler)
        reviewing.return_handling(self.fresh(c), actor=self.office, reason="请补充措施")
        client = self.login(self.handler)
        shown = client.get(f"/complaints/{c.pk}/").context["handling_form"].initial["findings"]
        self.assertEqual(shown, "经核查属实，企业负责人电话138****1230。")  # the form shows the mask
        post = self.report_post(self.fresh(c), findings=shown, measures="整改；已补充措施。", action="submit")
        self.assertEqual(client.post(f"/complaints/{c.pk}/handling/", post).status_code, 302)
        second = Handling.objects.filter(complaint=c).order_by("-id").first()
        self.assertEqual(second.findings.revealed(), findings)  # typed back from the mask: kept
        submit = AuditEvent.objects.filter(action="complaints.handling.submit").order_by("-seq").first()
        self.assertNotIn("findings", submit.after)  # unchanged between the versions


class OneFormTests(HandlingPageTestCase):
    def test_text_and_a_photo_are_saved_together(self):
        c = self.dispatch(self.named())
        post = self.report_post(c) | {"files": [png(), png("第二张.png")]}
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/", post)
        self.assertEqual(response.status_code, 302)
        report = Handling.objects.get(complaint=c)
        self.assertEqual(report.findings, "经现场核查，该场确有污水直排。")
        self.assertEqual(sorted(report.evidence.values_list("name", flat=True)), ["现场照片.png", "第二张.png"])

    def test_a_refused_form_keeps_the_text_and_carries_the_file(self):
        c = self.dispatch(self.named())
        client = self.login(self.handler)
        response = client.post(f"/complaints/{c.pk}/handling/", self.report_post(c, fines="-5") | {"files": png()})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "经现场核查，该场确有污水直排。", status_code=400)
        self.assertContains(response, 'class="field pending-files"', status_code=400)
        self.assertFalse(Handling.objects.exists())
        [kept] = response.context["handling_form"].pending
        again = client.post(f"/complaints/{c.pk}/handling/", self.report_post(c) | {"pending": kept.token})
        self.assertEqual(again.status_code, 302)
        self.assertEqual(list(Evidence.objects.values_list("name", flat=True)), ["现场照片.png"])

    def test_a_forged_pending_token_attaches_nothing(self):
        c = self.dispatch(self.named())
        post = self.report_post(c) | {"pending": "evidence/aa/forged.png:x:y"}
        self.assertEqual(self.login(self.handler).post(f"/complaints/{c.pk}/handling/", post).status_code, 302)
        self.assertFalse(Evidence.objects.exists())

    def test_a_refused_submission_keeps_everything_and_names_each_missing_field(self):
        c = self.dispatch(self.named())
        post = self.report_post(c, veracity="", measures="") | {"action": "submit", "files": png()}
        response = self.login(self.handler).post(f"/complaints/{c.pk}/handling/", post)
        self.assertContains(response, "报送前请填写：是否属实、处理和整改情况。", status_code=400)
        form = response.context["handling_form"]
        self.assertEqual(set(form.errors) - {"__all__"}, {"veracity", "measures"})
        self.assertContains(response, "经现场核查，该场确有污水直排。", status_code=400)
        self.assertEqual(self.fresh(c).status, ComplaintStatus.DISPATCHED)
        self.assertEqual(list(Evidence.objects.values_list("name", flat=True)), ["现场照片.png"])  # saved

    def test_the_report_form_warns_before_leaving_with_unsaved_changes(self):
        c = self.dispatch(self.named())
        page = self.login(self.handler).get(f"/complaints/{c.pk}/")
        self.assertContains(page, 'id="handling-form" data-warn-unsaved')
        self.assertContains(page, "ducha/forms.js")


class SupportingPartTests(HandlingPageTestCase):
    def test_a_supporting_units_text_and_photo_are_saved_together(self):
        c = self.dispatch(self.named(), support_units=[self.unit_yuetang])
        client = self.login(self.handler2)
        page = client.get(f"/complaints/{c.pk}/")
        self.assertContains(page, 'id="part-form" data-warn-unsaved')
        self.assertNotContains(page, 'id="evidence-form"')
        response = client.post(f"/complaints/{c.pk}/handling/part/", {"text": "岳塘区配合核查。", "files": png()})
        self.assertEqual(response.status_code, 302)
        draft = Handling.objects.get(complaint=c)
        self.assertEqual(list(draft.parts.values_list("text", flat=True)), ["岳塘区配合核查。"])
        self.assertEqual(list(draft.evidence.values_list("name", flat=True)), ["现场照片.png"])

    def test_a_part_refused_for_no_text_keeps_the_photo(self):
        c = self.dispatch(self.named(), support_units=[self.unit_yuetang])
        client = self.login(self.handler2)
        response = client.post(f"/complaints/{c.pk}/handling/part/", {"text": "", "files": png()})
        self.assertContains(response, 'class="field pending-files"', status_code=400)
        self.assertFalse(Evidence.objects.exists())
        [kept] = response.context["part_form"].pending
        again = client.post(f"/complaints/{c.pk}/handling/part/", {"text": "补充了照片。", "pending": kept.token})
        self.assertEqual(again.status_code, 302)
        self.assertEqual(list(Evidence.objects.values_list("name", flat=True)), ["现场照片.png"])
