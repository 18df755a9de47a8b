import io
import zipfile

import pytest

from ducha.core.files import PHOTO_KINDS, FileRejected, check_file

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def _zip(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{folder}document.xml", "<x/>")
    return buf.getvalue()


def test_accepts_what_it_says_it_is():
    checked = check_file("现场照片.PNG", PNG)
    assert (checked.kind, checked.suffix, checked.content_type, checked.size) == ("image", ".png", "image/png", 28)
    assert check_file("报告.docx", _zip("word/")).kind == "word"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.exe", b"MZ", "文件“x.exe”的类型不支持：请上传图片（jpg、png）、PDF、Word 或 Excel 文件。"),
        ("报告.pdf", b"MZ not a pdf", "文件“报告.pdf”的内容与扩展名不符，可能已损坏或被改名。"),
        ("表.xlsx", _zip("word/"), "文件“表.xlsx”的内容与扩展名不符，可能已损坏或被改名。"),
        ("空.png", b"", "文件“空.png”是空文件。"),
    ],
)
def test_refuses_with_the_reason(name, content, message):
    with pytest.raises(FileRejected) as caught:
        check_file(name, content)
    assert caught.value.message == message


def test_size_is_capped():
    with pytest.raises(FileRejected, match="超过1MB"):
        check_file("a.png", PNG + b"0" * (1024 * 1024), max_bytes=1024 * 1024)


def test_photos_only_take_images():
    with pytest.raises(FileRejected, match="jpg 或 png 格式的照片"):
        check_file("a.pdf", b"%PDF-1.4", kinds=PHOTO_KINDS)
