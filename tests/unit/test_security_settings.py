"""Response headers and transport settings: CSP without inline script, HTTPS from the environment."""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase, TestCase

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = sorted(p for p in (ROOT / "ducha").rglob("templates") if p.is_dir())
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)", re.I),
    "on...= handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "inline style": re.compile(r"<style|\sstyle\s*=", re.I),
}


def _settings_with(**env) -> subprocess.CompletedProcess:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ducha.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.SESSION_IDLE_MINUTES, s.LOGIN_FAILURE_LIMIT)"
    )
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",) and not k.startswith("DUCHA_")}
    with tempfile.TemporaryDirectory() as home:
        full_env.update({"DUCHA_HOME": home, **env})
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True)


class HeaderTests(TestCase):
    def test_pages_carry_a_policy_that_forbids_inline_script_and_style(self):
        policy = self.client.get("/login/")["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["style-src"], "'self'")
        self.assertEqual(directives["frame-ancestors"], "'none'")
        self.assertNotIn("unsafe", policy)

    def test_pages_refuse_framing_and_sniffing(self):
        response = self.client.get("/login/")
        self.assertEqual((response["X-Frame-Options"], response["X-Content-Type-Options"]), ("DENY", "nosniff"))


class TemplateTests(SimpleTestCase):
    def test_no_template_holds_inline_script_or_style(self):
        found = []
        for folder in TEMPLATE_DIRS:
            for template in folder.rglob("*.html"):
                text = template.read_text(encoding="utf-8")
                found += [f"{template.relative_to(ROOT)}: {what}" for what, rx in INLINE.items() if rx.search(text)]
        self.assertEqual(found, [])


class TransportSettingsTests(SimpleTestCase):
    def test_https_settings_come_from_the_environment(self):
        out = _settings_with(
            DUCHA_SECURE_COOKIES="True",
            DUCHA_HSTS_SECONDS="31536000",
            DUCHA_PROXY_COUNT="1",
            DUCHA_SESSION_IDLE_MINUTES="15",
        )
        self.assertEqual(out.stdout.strip(), "True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') 15 5")

    def test_the_defaults_suit_a_plain_intranet_demo(self):
        self.assertEqual(_settings_with().stdout.strip(), "False False 0 None 30 5")

    def test_an_unreadable_number_stops_the_start(self):
        out = _settings_with(DUCHA_HSTS_SECONDS="a year")
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("DUCHA_HSTS_SECONDS must be a whole number, not 'a year'", out.stderr)

    def test_hsts_without_https_stops_the_start(self):
        out = _settings_with(DUCHA_HSTS_SECONDS="3600")
        self.assertIn("DUCHA_HSTS_SECONDS is set but nothing says Ducha is served over HTTPS", out.stderr)
