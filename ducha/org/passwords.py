"""Password rules beyond Django's own validators (settings.AUTH_PASSWORD_VALIDATORS).

Django's validators check length, likeness to the user's name, common and all-digit
passwords; these add character classes, "not the user name" and "not one of the last
N passwords", the rules a 等保2.0 三级 review asks for.
"""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ducha.org.models import PasswordHistory, User


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and other characters it uses (Chinese
    characters and punctuation count as other)."""
    return sum(
        (
            any(c.isascii() and c.isupper() for c in password),
            any(c.isascii() and c.islower() for c in password),
            any(c.isascii() and c.isdigit() for c in password),
            any(not (c.isascii() and c.isalnum()) for c in password),
        )
    )


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少%(n)s类。") % {"n": self.min_classes}


class NotUsernameValidator:
    """Refuses a password that contains the login name (in any case)."""

    def validate(self, password: str, user=None) -> None:
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= 3 and username in password.lower():
            raise ValidationError(self.get_help_text(), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("密码不能包含登录名。")


class PasswordHistoryValidator:
    """Refuses the current password and the last `count` ones; keeps their hashes."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        hashes = list(PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[: self.count])
        # The stored hash, not user.password: a form may already have set the new one.
        current = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
        if any(h and check_password(password, h) for h in [current, *hashes]):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None or not user.has_usable_password():
            return
        PasswordHistory.objects.create(user_id=user.pk, password=user.password)
        stale = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[self.count :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return _("密码不能与当前密码或最近%(n)s次使用过的密码相同。") % {"n": self.count}
