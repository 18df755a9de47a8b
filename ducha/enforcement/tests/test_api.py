from ducha.enforcement.tests.support import EnforcementTestCase, open_case, transferred_case


class EnforcementApiTests(EnforcementTestCase):
    def test_anonymous_calls_are_refused(self):
        self.assertEqual(self.client.get("/api/enforcement/cases").status_code, 401)

    def test_the_police_read_their_queue_with_the_clock(self):
        case = transferred_case(self)
        open_case(self.handler, party_name="未移送的公司")
        rows = self.login(self.police).get("/api/enforcement/cases?queue=police").json()
        self.assertEqual([r["id"] for r in rows], [case.pk])
        self.assertEqual(rows[0]["clock"], "police_decision")
        self.assertIn("3个工作日", rows[0]["due_explanation"])

    def test_a_hidden_case_is_404(self):
        case = open_case(self.handler)
        self.assertEqual(self.login(self.handler2).get(f"/api/enforcement/cases/{case.pk}").status_code, 404)
        detail = self.login(self.handler).get(f"/api/enforcement/cases/{case.pk}").json()
        self.assertEqual((detail["state"], detail["steps"]), ("draft", []))
