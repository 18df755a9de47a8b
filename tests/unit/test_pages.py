"""The pages everyone meets first: login, home, language."""

from django.core.management import call_command

from ducha.audit.models import AuditEvent
from ducha.org.models import User
from ducha.testing import PASSWORD, CastTestCase


class LoginTests(CastTestCase):
    def test_root_sends_a_visitor_to_the_login_page(self):
        self.assertRedirects(self.client.get("/"), "/login/")

    def test_login_page_is_in_chinese(self):
        response = self.client.get("/login/")
        self.assertContains(response, "督察整改管理系统")
        self.assertContains(response, "用户名")
        self.assertContains(response, '<html lang="zh-hans">')

    def test_wrong_password_says_so_in_chinese(self):
        response = self.client.post("/login/", {"username": "office", "password": "nope"})
        self.assertContains(response, "用户名或密码不正确")

    def test_login_leads_home(self):
        response = self.client.post("/login/", {"username": "office", "password": PASSWORD})
        self.assertRedirects(response, "/home/")

    def test_english_is_available_from_the_language_menu(self):
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
        response = self.client.get("/login/")
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "Username")

    def test_an_english_browser_still_gets_chinese_until_asked(self):
        response = self.client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, '<html lang="zh-hans">')


class HomeTests(CastTestCase):
    def test_each_role_gets_its_home(self):
        expected = {
            "office": "待转办信访件",
            "handler": "本单位待办信访件",
            "leader": "反馈问题整改情况",
            "supervisor": "督办单",
            "police": "移送案件",
            "procuratorate": "移送案件监督",
            "auditor": "最近审计记录",
            "admin": "单位与人员",
        }
        for username, panel in expected.items():
            with self.subTest(username=username):
                self.login(User.objects.get(username=username))
                self.assertContains(self.client.get("/home/"), panel)

    def test_navigation_follows_the_role(self):
        self.login(self.auditor)
        response = self.client.get("/home/")
        self.assertContains(response, "审计日志")
        self.assertNotContains(response, "区域别名")
        self.login(self.office)
        response = self.client.get("/home/")
        self.assertContains(response, "区域别名")
        self.assertNotContains(response, "审计日志")

    def test_static_files_are_served_locally(self):
        self.login(self.office)
        response = self.client.get("/home/")
        for url in ("/static/django_htmx/htmx-2.min.js", "/static/ducha/ducha.css"):
            self.assertContains(response, url)
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertNotContains(response, "://")  # nothing from another host


class DemoTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        pass  # the demo builds its own cast

    def setUp(self):
        pass

    def test_load_demo_twice_changes_nothing_the_second_time(self):
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
        count = AuditEvent.objects.count()
        users = User.objects.count()
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
        self.assertEqual(AuditEvent.objects.count(), count)
        self.assertEqual(User.objects.count(), users)
        for username in ("admin", "office", "handler", "leader", "supervisor", "police", "procuratorate", "auditor"):
            self.assertTrue(User.objects.filter(username=username).exists(), username)
