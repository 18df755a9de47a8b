"""Names as people write them: regions and units, matched to the tables the office keeps.

    from ducha.core.names import RegionRow, region_names, UnitRow, UnitDirectory

Pure Python, never imports Django: the org app feeds the tables in (`ducha.org.names`)
and the parsers take the result as plain dictionaries and objects.
"""

from .regions import RegionNames, RegionRow, derived_names, name_key, region_names, stem

__all__ = ["RegionNames", "RegionRow", "derived_names", "name_key", "region_names", "stem"]
