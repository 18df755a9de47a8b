"""Located problems of an imported file, and the error for a file that cannot be read.

Every message is a module constant so that tests (and the Django side) can assert the
exact text a user reads. Messages name the reason only; the cell, its header and its raw
value travel beside the message in `Problem`, so the screen can show all four.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# --- whole file -----------------------------------------------------------------
FILE_TYPE_UNSUPPORTED = "不支持的文件类型“{suffix}”，请上传 .xlsx、.xls 或 .csv 文件"
FILE_NOT_FOUND = "找不到文件“{name}”"
FILE_UNREADABLE = "文件无法读取，可能已损坏或不是Excel文件，请用Excel打开后另存为 .xlsx 再上传"
FILE_TOO_LARGE = (
    "文件无法读取：解压后的内容过大或压缩比异常（文件可能已损坏或被恶意构造），请用Excel打开后另存为 .xlsx 再上传"
)
SHEET_TOO_LARGE = (
    "文件无法读取：工作表“{sheet}”的数据区域达{rows}行×{columns}列，超出可处理的范围，"
    "请删除表格以外的多余内容后另存再上传"
)
FILE_ENCRYPTED = "文件设置了打开密码，请取消密码后重新上传"
CSV_IS_WORKBOOK = "文件扩展名是 .csv，但内容是Excel工作簿，请把扩展名改为 .xlsx 后重新上传"
CSV_ENCODING_UNKNOWN = (
    "CSV文件的编码无法识别（既不是UTF-8，也不是GBK/GB18030），请在Excel中另存为“CSV UTF-8（逗号分隔）”后重新上传"
)
CSV_ENCODING_DAMAGED = (
    "CSV文件是UTF-8编码，但其中有损坏或混入其他编码的内容，请在Excel中打开核对后另存为“CSV UTF-8（逗号分隔）”再上传"
)
CSV_MALFORMED = "CSV文件格式有误（引号不成对或单元格过长），请核对该行"
NO_TABLE = "文件中没有找到信访件表格：请确认表头含有“受理编号”“交办问题基本情况”“行政区域”等列"

# --- one sheet ------------------------------------------------------------------
SHEET_WITHOUT_TABLE = "该工作表有内容，但没有找到表头（如“受理编号”），已跳过"
COLUMN_MISSING = "缺少必填列“{field}”（可用的列名：{synonyms}）"
COLUMN_DUPLICATE = "与{first}列“{first_header}”重复，本列已忽略"
SECTION_COUNT_MISMATCH = "分类行写明{declared}件，实际有{actual}行"
HEADERLESS_DATA = "该列有内容但没有表头，无法导入：请补上表头，或删除这些内容后重新上传"

# --- one cell -------------------------------------------------------------------
REQUIRED_EMPTY = "“{header}”不能为空"
REF_MISSING = "缺少受理编号，但该行有其他内容"
REF_TOO_LONG = "受理编号超过{limit}个字符"
REF_BAD_CHARS = "受理编号只能包含字母、数字、“-”和“_”（省级编号可含文字，如“访受〔2021〕0517031号”）"
REF_SCIENTIFIC = "受理编号被Excel显示成了科学计数法，请把该列设为文本格式后重新填写"
REF_NOT_TEXT = "受理编号应为文字或数字"
REF_PRECISION_LOST = "受理编号以数字格式保存且超过15位，Excel已丢失末几位数字，请把该列设为文本格式后按原编号重新填写"
REF_DUPLICATE = "受理编号与第{row}行重复"
REF_DUPLICATE_SHEET = "受理编号与工作表“{sheet}”第{row}行重复"
DATE_INVALID = "不是有效的日期时间，请按“2021年4月7日 10:02”或“2021-04-07 10:02”填写"
DATE_IMPOSSIBLE = "日期或时间不存在，请核对年月日和时分"
DATE_WITHOUT_DAY = "只有时间没有日期，请填写完整的日期时间"
TEXT_TOO_LONG = "内容超过{limit}个字，请精简"
TEXT_FORMULA = "内容以“{char}”开头，按文本保存，不会作为公式"
MARK_UNKNOWN = "无法识别，请填写“是”或“否”"
VERACITY_UNKNOWN = "无法识别，请填写属实、基本属实、部分属实或不属实"
CLOSURE_UNKNOWN = "无法识别，请填写已办结、阶段性办结、正在办理或未办结"
CONTROL_CHARS = "内容含有不可见的控制字符（如NUL），请删除后重新上传"
REF_PATTERN_MISMATCH = "受理编号不符合本轮督察的编号格式（如“{example}”），请核对"
REF_PATTERN_MISMATCH_BARE = "受理编号不符合本轮督察的编号格式，请核对"
NO_DATA_ROWS = "表格只有表头，没有信访件数据行"
CHANNEL_UNKNOWN = "无法识别的信访方式，请填写来电、来信、来访或网络"
POLLUTION_UNKNOWN = "无法识别的污染类型：{parts}"
REGION_UNKNOWN = "无法识别的行政区域“{name}”"
REGION_SEVERAL = "只能填写一个行政区域"
REGION_AMBIGUOUS = "“{name}”可能是{candidates}，请写明全称"
ID_NUMBER_AS_NUMBER = "身份证号被Excel存成了数字，末几位可能已丢失，请把该列设为文本格式后重新填写"
ID_NUMBER_SHAPE = "身份证号应为15位或18位"


# C0 controls except tab, line feed and carriage return, DEL, and the C1 range: never
# typed on purpose (a damaged export), they break exports, XML and terminals. A cell
# holding one is refused at its cell (values.clean_text); every reader and normaliser
# uses this one definition (guard.CONTROL is the same object).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _symbol(match: re.Match) -> str:
    code = ord(match[0])
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """`text` with each control character shown by its symbol (NUL → ␀, DEL → ␡, C1 → �):
    the person sees where it was, and no page, terminal or PostgreSQL jsonb column
    (which refuses \\u0000) receives the character itself."""
    return CONTROL.sub(_symbol, text)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, located as the user sees it in Excel.

    `row` is the 1-based Excel row (for CSV, the record's number, as Excel shows it);
    `column` is the letter ("B"), or "" when the problem is not about one cell.
    """

    sheet: str
    row: int
    column: str
    header: str
    value: str
    message: str
    level: str = ERROR

    def to_dict(self) -> dict[str, str | int]:
        # The level is left out on purpose: screens group by level themselves.
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": visible(self.value) if self.value.__class__ is str else self.value,
            "message": self.message,
        }


class ParseError(Exception):
    """The file as a whole cannot be used: unreadable, unknown encoding, no table."""

    code = "parse_error"

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.message = problem.message
        super().__init__(problem.message)

    @classmethod
    def for_file(cls, name: str, message: str, *, row: int = 0) -> ParseError:
        return cls(Problem(sheet=name, row=row, column="", header="", value="", message=message))
