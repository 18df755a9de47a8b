"""API tokens: created by a command that prints them once, stored hashed, acting as
their user; revoked, expired and unknown tokens are refused (401, audited), and an
address that keeps failing is throttled (429)."""

import datetime as dt
import hashlib
from io import StringIO

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from ducha.audit.models import AuditEvent
from ducha.org import tokens
from ducha.org.models import ApiToken
from ducha.testing import CastTestCase


def create(username: str, name: str = "12345热线", *args) -> str:
    out = StringIO()
    call_command("create_api_token", username, "--name", name, *args, stdout=out)
    return out.getvalue().strip()


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


class ApiTokenTests(CastTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def test_the_command_prints_a_token_that_is_stored_only_as_its_hash(self):
        raw = create("office", "省平台", "--expires-days", "30")
        token = ApiToken.objects.get()
        self.assertTrue(raw.startswith("dch_"))
        self.assertEqual(token.token_hash, hashlib.sha256(raw.encode()).hexdigest())
        self.assertEqual((token.name, token.user), ("省平台", self.office))
        self.assertAlmostEqual(token.expires_at, timezone.now() + dt.timedelta(days=30), delta=dt.timedelta(minutes=1))
        event = AuditEvent.objects.get(action="org.api_token.create")
        self.assertNotIn(raw, str(event.after))

    def test_the_command_refuses_an_unknown_user(self):
        with self.assertRaises(CommandError):
            create("nobody")

    def test_a_token_acts_as_its_user_and_records_its_last_use(self):
        raw = create("handler")
        response = self.client.get("/api/v1/me", **bearer(raw))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "handler")
        self.assertIsNotNone(ApiToken.objects.get().last_used_at)

    def test_the_old_address_of_me_still_answers(self):
        self.assertEqual(self.client.get("/api/me", **bearer(create("office"))).json()["username"], "office")

    def test_unknown_revoked_and_expired_tokens_are_refused_and_audited(self):
        revoked = create("office", "旧令牌")
        tokens.revoke_token(ApiToken.objects.get(name="旧令牌"), actor=self.admin)
        expired = create("office", "过期令牌", "--expires-days", "1")
        ApiToken.objects.filter(name="过期令牌").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        for raw in ("dch_not-a-token", revoked, expired):
            response = self.client.get("/api/v1/me", **bearer(raw))
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["code"], "unauthenticated")
        reasons = [e.after["reason"] for e in AuditEvent.objects.filter(action="auth.token_failed").order_by("seq")]
        self.assertEqual(reasons, ["unknown", "revoked", "expired"])

    def test_an_address_that_keeps_failing_is_throttled(self):
        for _ in range(tokens.FAILURE_LIMIT):
            self.assertEqual(self.client.get("/api/v1/me", **bearer("dch_guess")).status_code, 401)
        response = self.client.get("/api/v1/me", **bearer(create("office")))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.json()["code"], "throttled")

    def test_without_credentials_the_api_answers_401_in_the_error_shape(self):
        response = self.client.get("/api/v1/me")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(set(response.json()), {"code", "message", "field"})

    def test_the_schema_and_docs_open_for_a_token_and_use_no_cdn(self):
        raw = create("office")
        schema = self.client.get("/api/v1/openapi.json", **bearer(raw))
        self.assertEqual(schema.status_code, 200)
        self.assertIn("/api/v1/me", schema.json()["paths"])
        docs = self.login(self.office).get("/api/v1/docs")
        self.assertEqual(docs.status_code, 200)
        self.assertNotIn("cdn", docs.content.decode().lower())
        self.assertIn("/static/ninja/swagger-ui-bundle.js", docs.content.decode())


class ApiTokenListTests(CastTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()  # failures counted by other tests must not throttle this one

    def test_tokens_are_listed_without_the_token_and_revoked_by_id(self):
        raw = create("office", "省平台")
        token = ApiToken.objects.get()
        listing = StringIO()
        call_command("api_tokens", stdout=listing)
        self.assertIn("省平台\toffice", listing.getvalue())
        self.assertNotIn(raw, listing.getvalue())
        call_command("api_tokens", "--revoke", str(token.pk), stdout=StringIO())
        self.assertIsNotNone(ApiToken.objects.get().revoked_at)
        self.assertEqual(self.client.get("/api/v1/me", **bearer(raw)).status_code, 401)

    def test_revoking_an_unknown_token_is_a_usage_error(self):
        with self.assertRaises(CommandError):
            call_command("api_tokens", "--revoke", "999")
