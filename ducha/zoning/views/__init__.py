"""Zoning pages: units (list, detail, map), editions and import, the field map, the 准入 check."""
