"""Password rules: length, character classes, not the user name, not reused."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase

from ducha.org.models import PasswordHistory, User
from ducha.org.passwords import character_classes
from ducha.testing import CastTestCase

DEMO_PASSWORD = "Ducha@2026"


def _refusals(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return [e.code for e in exc.error_list]
    return []


class RuleTests(TestCase):
    def test_the_demo_password_meets_every_rule(self):
        self.assertEqual(_refusals(DEMO_PASSWORD, User(username="office", full_name="李明")), [])

    def test_a_password_under_ten_characters_is_refused(self):
        self.assertIn("password_too_short", _refusals("Ab1!efghi"))

    def test_a_password_of_two_character_classes_is_refused(self):
        self.assertEqual(_refusals("weak2weak2weak"), ["password_too_simple"])

    def test_chinese_characters_count_as_symbols(self):
        self.assertEqual(character_classes("督察abc123"), 3)

    def test_a_password_containing_the_user_name_is_refused(self):
        self.assertIn("password_contains_username", _refusals("Handler#2026x", User(username="handler")))


class HistoryTests(CastTestCase):
    def test_the_current_password_cannot_be_chosen_again(self):
        self.assertIn("password_reused", _refusals("Cast-pass-2026", self.handler))

    def test_a_recent_password_cannot_be_chosen_again(self):
        for password in ("First#pass-2026", "Second#pass-2026"):
            self.handler.set_password(password)
            self.handler.save()
        self.assertIn("password_reused", _refusals("First#pass-2026", self.handler))

    def test_only_the_last_five_passwords_are_kept(self):
        for i in range(7):
            self.handler.set_password(f"Rotating#pass-{i}x")
            self.handler.save()
        self.assertEqual(PasswordHistory.objects.filter(user=self.handler).count(), 5)
        self.assertEqual(_refusals("Rotating#pass-0x", self.handler), [])
