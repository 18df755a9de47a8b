"""The case timeline as a reviewer reads it: Chinese labels, names and choice labels
instead of keys and ids, local time only, and only what each step changed."""

from ducha.complaints.services import handling
from ducha.complaints.services import review as reviewing
from ducha.complaints.tests.test_pages_handling import DISPATCH_DAY, HandlingPageTestCase, at


class TimelineTests(HandlingPageTestCase):
    def amended(self):
        c = self.dispatch(self.named())
        report = {"findings": "经现场核查，确有污水直排。", "veracity": "true", "measures": "责令停产整治。"}
        with at(DISPATCH_DAY):
            handling.save_handling(self.fresh(c), actor=self.handler, orders=2, **report)
            handling.submit_handling(self.fresh(c), actor=self.handler)
            reviewing.return_handling(self.fresh(c), actor=self.office, reason="请补充监测报告")
            handling.save_handling(self.fresh(c), actor=self.handler, measures="责令停产整治；已拆除排污管。")
            handling.submit_handling(self.fresh(c), actor=self.handler)
        return c

    def entries(self, c):
        page = self.login(self.office).get(f"/complaints/{c.pk}/")
        timeline = page.content.decode().split('class="list timeline"')[1]
        return page.context["events"], timeline

    def test_labels_are_words_and_values_are_names(self):
        events, html = self.entries(self.amended())
        dispatch = next(e for e in events if e.action == "转办信访件")
        labels = {c.label: c.after for c in dispatch.changes}
        self.assertEqual(labels["牵头单位"], "雨湖区人民政府")
        self.assertIn("办理时限", labels)
        first_save = next(e for e in events if e.action == "填写办理情况")
        self.assertIn(("是否属实", "属实"), [(c.label, c.after) for c in first_save.changes])
        for internal in ("lead_unit", "submitted_by", "veracity", "due_explanation", "true"):
            self.assertNotIn(f"<b>{internal}</b>", html)
            self.assertNotIn(f"：{internal}<", html)

    def test_times_are_local_only(self):
        _events, html = self.entries(self.amended())
        self.assertIn("2026-09-24 10:00", html)  # 10:00 in 湘潭 is 02:00 UTC
        self.assertNotIn("02:00", html)
        self.assertNotIn("T02:00", html)

    def test_each_step_shows_only_what_it_changed(self):
        events, _html = self.entries(self.amended())
        saves = [e for e in events if e.action == "填写办理情况"]
        second = saves[-1]
        self.assertEqual(
            [(c.label, c.before, c.after) for c in second.changes],
            [("版本", "1", "2"), ("处理和整改情况", "责令停产整治。", "责令停产整治；已拆除排污管。")],
        )
        resubmit = [e for e in events if e.action == "报送办理情况"][-1]
        labels = [c.label for c in resubmit.changes]
        self.assertIn("处理和整改情况", labels)
        self.assertNotIn("调查核实情况", labels)  # unchanged between the versions
        returned = next(e for e in events if e.action == "审核退回")
        self.assertEqual([(c.label, c.after) for c in returned.changes], [("理由", "请补充监测报告")])
