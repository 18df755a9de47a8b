"""Functions the sandbox tests run in a child: importable by name, as the sandbox needs."""

import os
import time

from ducha.core.parsing.errors import ParseError


def records(n: int):
    """Yields n small records, as a parser does, and returns a summary."""
    for i in range(n):
        yield (i, f"第{i}件", "雨湖区")
    return {"count": n}


def allocate(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)
    return len(block)


def abort() -> None:
    os.abort()


def abort_out_of_memory() -> None:
    """What a Rust reader does when an allocation fails: a line on stderr, then abort."""
    os.write(2, b"memory allocation of 549755813888 bytes failed\n")
    os.abort()


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def spin() -> None:
    while True:
        pass


def refuse(name: str):
    raise ParseError.for_file(name, "文件中没有找到信访件表格")
    yield  # a generator, like a parser


def exit_quietly() -> None:
    os._exit(3)
