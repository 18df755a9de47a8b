"""Every change to regions, units and people (and the working-day calendar): check,
write, audit, one transaction. One module per concept; every name is importable from
here, so callers write `services.create_unit(...)`."""

from .holidays import HOLIDAY_YEAR_FIELDS, add_holiday_year
from .people import (
    PERSON_FIELDS,
    add_membership,
    change_password,
    create_person,
    remove_membership,
    reset_password,
    update_person,
)
from .regions import REGIONS_FILE, add_region_alias, load_regions, remove_region_alias
from .units import (
    DIRECTORY_FILES,
    UNIT_FIELDS,
    add_list_units,
    add_unit_alias,
    create_unit,
    load_directory,
    remove_unit_alias,
    resolve_unit_name,
    update_unit,
)

__all__ = [
    "DIRECTORY_FILES",
    "HOLIDAY_YEAR_FIELDS",
    "PERSON_FIELDS",
    "REGIONS_FILE",
    "UNIT_FIELDS",
    "add_holiday_year",
    "add_list_units",
    "add_membership",
    "add_region_alias",
    "add_unit_alias",
    "change_password",
    "create_person",
    "create_unit",
    "load_directory",
    "load_regions",
    "remove_membership",
    "remove_region_alias",
    "remove_unit_alias",
    "reset_password",
    "resolve_unit_name",
    "update_person",
    "update_unit",
]
