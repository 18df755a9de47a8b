"""Batches of every round, each in the shape its round's tables were published in."""

from ._support import IntakeCase
from .batch_checks import BatchChecks, ChannelChecks, DateChecks


class TestFirstRoundBatchWithNumericCodes(BatchChecks, ChannelChecks, IntakeCase):
    """2017: 受理编号 typed as numbers, a one-row header with stray spaces, 湘潭市 prefixes."""

    inspections = ("2017-hunan",)
    FILE = "2017_batch04.xlsx"


class TestLookbackBatchWithAThreeRowHeader(BatchChecks, ChannelChecks, DateChecks, IntakeCase):
    """2018 回头看: D430000… codes, three header rows, 受理时间 as dates and as text."""

    inspections = ("2018-hunan-lookback",)
    FILE = "2018_lookback_batch12.xlsx"


class TestThirdRoundBatchWithItsOwnColumnNames(BatchChecks, ChannelChecks, IntakeCase):
    """2024: 问题类型, 受理方式, 举报地市 + 举报县区, 办结目标; columns in another order."""

    inspections = ("2024-hunan",)
    FILE = "2024_batch03.xlsx"


class TestProvincialBatchWithProvincialCodeSchemes(BatchChecks, ChannelChecks, IntakeCase):
    """转办问题基本情况, 涉及区县及部门; BCD…, D1YU…, 访受〔2021〕…号 codes kept as written."""

    inspections = ("2022-hunan-province",)
    FILE = "provincial_batch01.xlsx"
