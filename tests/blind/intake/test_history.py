"""Earlier rounds' published one-glance tables imported with --history."""

from ._support import IntakeCase
from .batch_checks import HistoryChecks


class TestFirstRoundHandlingTableAsHistory(HistoryChecks, IntakeCase):
    """办理情况一览表: 调查核实情况, 是否属实 (属实/基本属实/部分属实/不属实), 处理和整改情况, 问责情况."""

    inspections = ("2017-hunan",)
    FILE = "2017_history_batch04.xlsx"


class TestThirdRoundDisclosureTableAsHistory(HistoryChecks, IntakeCase):
    """公开情况一览表: 是/否, 处理处罚和问责情况, 责任人被处理情况, 是否办结 in all its values."""

    inspections = ("2024-hunan",)
    FILE = "2024_history_batch03.xlsx"
