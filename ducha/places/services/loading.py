"""`load_places`: the statistics bureau's divisions (统计用区划代码, `code,name` rows of
any province) and the shipped extra places (rivers, lakes, river sections, aliases of
divisions). Idempotent: a second run changes nothing; the office's own places stay."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit.services import record
from ducha.core.textsim.gazetteer import DIVISIONS_FILE, EXTRA_PLACES_FILE, LEVEL_BY_LENGTH, read_extra
from ducha.errors import DomainError
from ducha.org import scoping
from ducha.places.models import Place, PlaceKind
from ducha.places.services.common import bump_stamp

BATCH = 2000
MAX_ERRORS = 20


@dataclass
class LoadSummary:
    file: str
    province: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    extra_created: int = 0


def division_kind(code: str, name: str) -> str:
    level = LEVEL_BY_LENGTH[len(code)]
    if level == "town" and ("街道" in name or name.endswith("办事处")):
        return PlaceKind.SUBDISTRICT
    if level == "village" and ("社区" in name or "居民委员会" in name or "居委会" in name):
        return PlaceKind.COMMUNITY
    return level


def read_divisions(path: Path, province: str = "") -> list[tuple[str, str]]:
    """(code, name) rows of a `code,name` CSV, those under `province` (a code prefix)
    and the divisions above it;
    every bad row is named (file, row, column, reason) and nothing is loaded."""
    problems: list[str] = []
    rows: list[tuple[str, str]] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().lower() for h in next(reader, [])]
            if header[:2] != ["code", "name"]:
                raise DomainError(_("%(file)s 第1行：表头应为“code,name”。") % {"file": path.name}, field="path")
            seen: set[str] = set()
            for n, row in enumerate(reader, start=2):
                code, name = (row + ["", ""])[:2]
                code, name = code.strip(), name.strip()
                if not (code.startswith(province) or province.startswith(code)):
                    continue  # another province's, but keep those above it (43 for 4303)
                if not code.isdigit() or len(code) not in LEVEL_BY_LENGTH:
                    problems.append(
                        _("%(file)s 第%(row)s行 A列（code）“%(value)s”：区划代码应为2、4、6、9或12位数字。")
                        % {"file": path.name, "row": n, "value": code}
                    )
                elif not name:
                    problems.append(_("%(file)s 第%(row)s行 B列（name）：名称为空。") % {"file": path.name, "row": n})
                elif code in seen:
                    problems.append(
                        _("%(file)s 第%(row)s行 A列（code）“%(value)s”：区划代码重复。")
                        % {"file": path.name, "row": n, "value": code}
                    )
                else:
                    seen.add(code)
                    rows.append((code, name[:100]))
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError(
            _("%(file)s：文件无法读取（%(reason)s）。") % {"file": path.name, "reason": exc}, field="path"
        ) from exc
    if problems:
        raise DomainError("\n".join(problems[:MAX_ERRORS]), field="path")
    if not rows:
        raise DomainError(
            _("%(file)s：没有代码以“%(province)s”开头的区划。") % {"file": path.name, "province": province},
            field="path",
        )
    return rows


def load_places(
    *, actor, path: Path = DIVISIONS_FILE, province: str = "", extra_path: Path = EXTRA_PLACES_FILE
) -> LoadSummary:
    """Create or update the divisions in `path` (those under `province`) and the shipped
    extra places that lie within them, level by level so parents exist first."""
    scoping.require(actor, "create", Place)
    path = Path(path)
    rows = read_divisions(path, province)
    summary = LoadSummary(file=path.name, province=province, rows=len(rows))
    with transaction.atomic(durable=True):
        existing = {p.code: p for p in Place.objects.exclude(code="").select_related(None)}
        pk_of = {code: p.pk for code, p in existing.items()}
        for length in sorted(LEVEL_BY_LENGTH):
            level_rows = [(c, n) for c, n in rows if len(c) == length]
            _write_level(level_rows, existing, pk_of, summary)
        summary.extra_created = _load_extra(read_extra(extra_path), pk_of)
        if summary.created or summary.updated or summary.extra_created:
            bump_stamp()
            record(
                actor=actor,
                action="places.load",
                object_type="places.place",
                object_id=path.name,
                object_repr=path.name,
                after=asdict(summary),
            )
    return summary


def _parent_code(code: str, pk_of: dict[str, int]) -> str:
    for n in (9, 6, 4, 2):
        if n < len(code) and code[:n] in pk_of:
            return code[:n]
    return ""


def _write_level(rows, existing: dict[str, Place], pk_of: dict[str, int], summary: LoadSummary) -> None:
    new, changed = [], []
    for code, name in rows:
        parent = _parent_code(code, pk_of)
        values = {"name": name, "kind": division_kind(code, name), "parent_id": pk_of.get(parent), "region_code": code}
        place = existing.get(code)
        if place is None:
            place = Place(ref=code, code=code, aliases=[], **values)
            place.set_search_text()
            new.append(place)
        elif any(getattr(place, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(place, k, v)
            place.set_search_text()
            changed.append(place)
        else:
            summary.unchanged += 1
    Place.objects.bulk_create(new, batch_size=BATCH)
    fields = ["name", "kind", "parent_id", "region_code", "search_text"]
    Place.objects.bulk_update(changed, [f.removesuffix("_id") for f in fields], batch_size=BATCH)
    if new:  # ids of the new rows, for the next level's parents
        pk_of.update(Place.objects.filter(code__in=[p.code for p in new]).values_list("code", "pk"))
    summary.created += len(new)
    summary.updated += len(changed)


def _load_extra(extra: dict, pk_of: dict[str, int]) -> int:
    """The shipped rivers, lakes and sections (within a loaded division) and aliases of
    divisions; never overwrites what the office changed."""
    created = 0
    for code, aliases in extra.get("aliases", {}).items():
        if code in pk_of:
            place = Place.objects.get(pk=pk_of[code])
            missing = [a for a in aliases if a not in place.aliases]
            if missing:
                place.aliases = [*place.aliases, *missing]
                place.set_search_text()
                place.save(update_fields=["aliases", "search_text"])
                created += 1
    known = set(Place.objects.filter(ref__startswith="x:").values_list("ref", flat=True))
    refs = {**{c: pk for c, pk in pk_of.items()}}
    for item in extra.get("places", ()):
        within = [w for w in item.get("within", ()) if w in pk_of]
        if item["id"] in known or not within:
            continue
        river = Place.objects.filter(ref=item.get("river", "")).first() if item.get("river") else None
        place = Place(
            ref=item["id"],
            name=item["name"],
            kind=item["level"],
            parent_id=refs[within[0]],
            river=river,
            aliases=list(item.get("aliases", ())),
            region_code=within[0],
        )
        place.set_search_text()
        place.save()
        created += 1
    return created
