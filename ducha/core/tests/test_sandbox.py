"""A reader run in a child process: its results come back, its crashes do not spread."""

import os

import pytest

from ducha.core import sandbox
from ducha.core.parsing.errors import ParseError
from ducha.core.sandbox import FileUnreadable, Limits
from ducha.core.tests import sandbox_children as children

SMALL = Limits(memory_mb=512, seconds=20)


def test_streams_a_hundred_thousand_records_in_chunks():
    run = sandbox.stream(children.records, 100_000, limits=SMALL, label="第3批.xlsx")
    count = total = 0
    last = None
    for record in run:
        count += 1
        total += record[0]
        last = record
    assert (count, total, last) == (100_000, sum(range(100_000)), (99_999, "第99999件", "雨湖区"))
    assert run.result == {"count": 100_000}
    assert run.chunks == 100_000 // sandbox.CHUNK


def test_returns_a_plain_functions_value():
    assert sandbox.call(children.allocate, 10, limits=SMALL, label="x.xlsx") == 10 * 1024 * 1024


def test_allocation_beyond_the_memory_limit_is_a_located_error():
    with pytest.raises(FileUnreadable) as caught:
        sandbox.call(children.allocate, 2048, limits=SMALL, label="炸弹.xlsx")
    assert caught.value.reason == sandbox.MEMORY
    assert caught.value.message == "文件无法读取：炸弹.xlsx：读取所需内存超过上限（512 MB），文件可能被恶意构造或过大"


def test_an_aborting_reader_is_a_located_error_and_the_parent_lives_on():
    with pytest.raises(FileUnreadable) as caught:
        sandbox.call(children.abort, limits=SMALL, label="坏表.xlsx")
    assert caught.value.reason == sandbox.CRASHED
    assert caught.value.message == "文件无法读取：坏表.xlsx：读取程序异常终止（SIGABRT），文件可能已损坏或被恶意构造"
    assert sandbox.call(children.allocate, 1, limits=SMALL) == 1024 * 1024


def test_a_native_reader_aborting_on_a_failed_allocation_is_a_memory_error():
    with pytest.raises(FileUnreadable) as caught:
        sandbox.call(children.abort_out_of_memory, limits=SMALL, label="大表.xlsx")
    assert caught.value.reason == sandbox.MEMORY
    assert caught.value.message == "文件无法读取：大表.xlsx：读取所需内存超过上限（512 MB），文件可能被恶意构造或过大"


def test_a_reader_that_exits_without_a_word_is_a_located_error():
    with pytest.raises(FileUnreadable) as caught:
        sandbox.call(children.exit_quietly, limits=SMALL, label="a.csv")
    assert caught.value.message == "文件无法读取：a.csv：读取程序异常终止（exit 3），文件可能已损坏或被恶意构造"


def test_a_reader_past_its_time_is_stopped():
    run = sandbox.ChildRun(
        children.sleep, (30,), {}, limits=Limits(memory_mb=512, seconds=1), label="慢.xlsx", streaming=False
    )
    with pytest.raises(FileUnreadable) as caught:
        list(run)
    assert caught.value.message == "文件无法读取：慢.xlsx：读取超过1秒仍未完成，文件可能被恶意构造或过大"
    assert not run._process.is_alive()


def test_a_located_parse_error_comes_back_as_itself():
    with pytest.raises(ParseError) as caught:
        list(sandbox.stream(children.refuse, "空表.xlsx", limits=SMALL, label="空表.xlsx"))
    assert caught.value.problem.sheet == "空表.xlsx"
    assert caught.value.message == "文件中没有找到信访件表格"


def test_stopping_early_ends_the_child_and_removes_its_log():
    run = sandbox.stream(children.records, 100_000, limits=SMALL)
    for _ in run:
        break
    run.close()
    assert not run._process.is_alive()
    assert not os.path.exists(run._stderr_path)
