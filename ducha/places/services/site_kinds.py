"""Site-kind families and their synonyms, extended by the office. The table starts
empty (the shipped site-kinds.json is the lexicon then); the first change copies the
shipped families in, so the office extends what is already used."""

from __future__ import annotations

import json

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.core.textsim.lexicon import KINDS_FILE
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.places.models import SiteFamily, SiteWord
from ducha.places.services.common import bump_stamp


def shipped_kinds() -> dict:
    return json.loads(KINDS_FILE.read_text(encoding="utf-8"))


def seed_families() -> int:
    """Copy the shipped families into the empty tables (part of the caller's
    transaction); returns how many families were copied."""
    if SiteFamily.objects.exists():
        return 0
    families = shipped_kinds()["families"]
    SiteFamily.objects.bulk_create(
        SiteFamily(key=f["id"], label=f["label"], related=list(f.get("related", ())), position=n)
        for n, f in enumerate(families)
    )
    ids = dict(SiteFamily.objects.values_list("key", "pk"))
    words, seen = [], set()
    for f in families:
        for word in f["words"]:
            if word.lower() not in seen:
                seen.add(word.lower())
                words.append(SiteWord(family_id=ids[f["id"]], word=word))
    SiteWord.objects.bulk_create(words)
    return len(families)


def add_site_family(*, actor, label: str, words: list[str]) -> SiteFamily:
    """A new family (its label is what a suggestion's reason says) with its first words."""
    scoping.require(actor, "create", SiteFamily)
    label = (label or "").strip()
    if len(label) < 2:
        raise DomainError(_("类别名称至少两个字。"), field="label")
    with transaction.atomic(durable=True):
        seed_families()
        if SiteFamily.objects.filter(label=label).exists():
            raise DomainError(_("已有场所类别“%(label)s”。") % {"label": label}, field="label")
        words = _check_words(words, field="words")
        if not words:
            raise DomainError(_("请至少填写一个同义词。"), field="words")
        last = SiteFamily.objects.order_by("-position").values_list("position", flat=True).first() or 0
        family = SiteFamily.objects.create(key=_free_key(), label=label, position=last + 1)
        SiteWord.objects.bulk_create(SiteWord(family=family, word=w) for w in words)
        bump_stamp()
        record(actor=actor, action="places.site_family.add", obj=family, after={"label": label, "words": words})
    return family


def add_site_word(family_key: str, *, actor, word: str) -> SiteWord:
    """Another name for a kind of site (炼铅作坊 for 冶炼); the family by its key, as the
    page shows it whether the families are still the shipped ones or already copied."""
    scoping.require(actor, "change", SiteFamily)
    with transaction.atomic(durable=True):
        seed_families()
        family = SiteFamily.objects.select_for_update().filter(key=family_key).first()
        if family is None:
            raise DomainError(_("场所类别不存在。"), field="family")
        scoping.require(actor, "change", family)
        words = _check_words([word], field="word")
        if not words:
            raise DomainError(_("同义词至少两个字。"), field="word")
        created = SiteWord.objects.create(family=family, word=words[0])
        bump_stamp()
        record(actor=actor, action="places.site_word.add", obj=family, after={"family": family.label, "word": words[0]})
    return created


def remove_site_word(word: str, *, actor) -> str:
    """Take a word out of its family (it brought look-alikes together); a family keeps
    at least one word. Returns the family's label."""
    scoping.require(actor, "change", SiteFamily)
    with transaction.atomic(durable=True):
        seed_families()
        row = SiteWord.objects.select_for_update().select_related("family").filter(word=word.strip().lower()).first()
        if row is None:
            raise DomainError(_("没有同义词“%(w)s”。") % {"w": word.strip()}, field="word")
        family = row.family
        scoping.require(actor, "change", family)
        if family.words.count() == 1:
            raise DomainError(_("“%(f)s”只剩这一个同义词，不能删除。") % {"f": family.label}, field="word")
        record(
            actor=actor, action="places.site_word.remove", obj=family, before={"family": family.label, "word": row.word}
        )
        row.delete()
        bump_stamp()
    return family.label


def _check_words(words, *, field: str) -> list[str]:
    out = list(dict.fromkeys(w.strip().lower() for w in words if w and w.strip()))
    short = [w for w in out if len(w) < 2]
    if short:
        raise DomainError(_("同义词至少两个字：%(w)s。") % {"w": "、".join(short)}, field=field)
    taken = dict(SiteWord.objects.filter(word__in=out).values_list("word", "family__label"))
    if taken:
        named = "、".join(f"{w}（{f}）" for w, f in taken.items())
        raise DomainError(_("同义词已属于其他类别：%(w)s。") % {"w": named}, field=field)
    return out


def _free_key() -> str:
    n = SiteFamily.objects.filter(key__regex=r"^office-\d+$").count() + 1
    while SiteFamily.objects.filter(key=f"office-{n}").exists():
        n += 1
    return f"office-{n}"
