"""The complaint batch (交办信访件) schema: its fields and their synonyms, the columns a
batch must have, and the record one clean row becomes.

Pure Python: never imports Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ducha.core.pii import MASKERS

from .table import FieldSpec

COMPLAINT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "ref",
        "受理编号",
        ("信访编号", "编号", "交办编号", "举报编号", "信访件编号", "受理号", "件号", "信访件受理编号"),
    ),
    FieldSpec(
        "text",
        "交办问题基本情况",
        (
            "转办问题基本情况",
            "交办问题",
            "转办问题",
            "交办问题基本情况（举报内容）",
            "举报内容",
            "信访内容",
            "问题描述",
            "反映问题",
            "反映的主要问题",
            "信访问题基本情况",
            "举报问题基本情况",
            "举报问题",
            "群众反映问题",
            "群众反映的问题",
            "反映情况",
            "信访事项",
        ),
    ),
    FieldSpec(
        "region",
        "行政区域",
        (
            "所属区域",
            "区域",
            "所在地",
            "行政区划",
            "所在区域",
            "涉及区县及部门",
            "涉及区县",
            "涉及地区",
            "涉及区县（市）及部门",
            "所属地区",
            "问题所在地",
            "属地",
        ),
    ),
    FieldSpec("region_city", "市", ("地市", "所属市", "设区市", "市州", "市（州）", "举报地市", "所属地市", "地市州")),
    FieldSpec(
        "region_county",
        "县（市、区）",
        (
            "区县",
            "县市区",
            "县区",
            "县（市区）",
            "县（区）",
            "县（市、区、园区）",
            "县（市、区）及园区",
            "所属区县",
            "举报县区",
            "所属县市区",
            "县市区（园区）",
            "所属县（市、区）",
        ),
    ),
    FieldSpec("pollution_types", "污染类型", ("问题类型", "污染种类", "举报问题类型", "污染类别", "问题类别")),
    FieldSpec("channel", "信访方式", ("举报方式", "来源", "受理方式", "信访形式", "举报途径", "来信来电")),
    FieldSpec("accepted_at", "受理时间", ("举报时间", "来电时间", "受理日期", "交办时间")),
    FieldSpec("is_key", "是否重点件", ("是否重点", "重点件")),
    FieldSpec("team_repeat", "是否重复件", ("是否重复", "重复件", "是否重复举报", "是否为重复件")),
    FieldSpec("complainant_name", "举报人", ("举报人姓名", "信访人", "姓名", "信访人姓名")),
    FieldSpec("complainant_phone", "联系电话", ("联系方式", "电话", "举报人电话", "举报人联系电话")),
    FieldSpec("complainant_id_number", "身份证号", ("身份证号码",)),
    FieldSpec("complainant_address", "举报人地址", ("联系地址", "住址")),
    # what a handling result (办理情况一览表, an earlier round's table) adds
    FieldSpec("target", "办结目标", ("办理目标", "办结要求")),
    FieldSpec("closure", "是否办结", ("办结情况", "办理状态", "办结状态", "是否已办结", "办理进展")),
    FieldSpec("veracity", "是否属实", ("属实情况", "是否属实情况", "核实结果")),
    FieldSpec("findings", "调查核实情况", ("调查核实结果", "核查情况", "核实情况", "调查情况", "调查核实")),
    FieldSpec(
        "measures",
        "处理和整改情况",
        (
            "处理整改情况",
            "处理及整改情况",
            "处理处罚和问责情况",
            "处理处罚及问责情况",
            "处理处罚和整改情况",
            "处理情况",
            "整改情况",
            "处理处罚情况",
            "处理结果",
        ),
    ),
    FieldSpec(
        "accountability",
        "责任人被处理情况",
        ("问责情况", "责任追究情况", "问责追责情况", "责任人处理情况", "追责问责情况", "责任人被追责问责情况"),
    ),
    FieldSpec("serial", "序号", ()),  # the team's order of the rows; never an error
)
REQUIRED: tuple[tuple[str, ...], ...] = (("ref",), ("text",), ("region", "region_county", "region_city"))
# An earlier round's published table (办理情况一览表) read as history must say what was found.
REQUIRED_HISTORY: tuple[tuple[str, ...], ...] = (*REQUIRED, ("findings",))
# Region columns in the order they win: the county is the most precise.
REGION_ORDER = ("region_county", "region", "region_city")
# Their values never reach a problem list unmasked (the glossary's PII rule).
_ROWS_PER_SHEET = 1 << 32  # more rows than any sheet or CSV can hold
PII_MASKS = {
    "complainant_name": MASKERS["name"],
    "complainant_phone": MASKERS["phone"],
    "complainant_id_number": MASKERS["id_number"],
    "complainant_address": MASKERS["address"],
}


@dataclass(slots=True)
class ComplaintRecord:
    sheet: str
    row: int
    ref: str
    is_key: bool
    channel: str | None
    accepted_at: dt.datetime | None
    text: str
    region_code: str
    pollution_types: tuple[str, ...]
    team_repeat: bool | None
    complainant_name: str
    complainant_phone: str
    complainant_id_number: str
    complainant_address: str
    raw: dict[str, str] = field(default_factory=dict)
    serial: int | None = None  # the team's 序号, when the column holds a whole number
    # a handling result, when the table has one (an earlier round's published table)
    target: str = ""
    closure: str | None = None  # closed / closed_pending / open
    veracity: str | None = None  # true / mostly / partly / false
    findings: str = ""
    measures: str = ""
    accountability: str = ""
