"""Run a reader of an uploaded file in a child process, under memory and time limits.

A hostile or broken file must never take Ducha down: a reader written in Rust or C
(calamine) may try to allocate hundreds of gigabytes and abort, or panic on a bad
cell, and that would kill the web worker that called it. Here the reader runs in a
child process instead; whatever happens to the child, the parent gets either the
reader's results or a `FileUnreadable` error that names the file and the reason
("文件无法读取：…"), and carries on.

    run = stream(parse_records, path, limits=Limits(memory_mb=2048, seconds=120), label="第3批.xlsx")
    for record in run:          # records arrive in chunks, as the child yields them
        ...
    summary = run.result        # the generator's return value, once exhausted

    value = call(read_header, path, limits=..., label=...)   # one return value

The function must be importable by name (a module-level function): the child is
started from a fork server (or spawned), never forked from the parent, because a
forked copy of a threaded web server may hang on a lock another thread held.

Limits: RLIMIT_AS caps the child's address space (an allocation beyond it fails:
Python raises MemoryError, native code usually aborts); the time limit counts only
the time the parent spends waiting for the child's next chunk, so a slow consumer
(writing rows to the database) does not eat the reader's time; RLIMIT_CPU is a
backstop for a child that spins without the parent waiting on it. A Python exception
raised by the function itself is raised again in the parent unchanged (a located
ParseError stays a located ParseError).

Pure Python, no Django: the import services wire it in.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

UNREADABLE = "文件无法读取：{label}：{reason}"
REASON_MEMORY = "读取所需内存超过上限（{mb} MB），文件可能被恶意构造或过大"
REASON_TIME = "读取超过{seconds}秒仍未完成，文件可能被恶意构造或过大"
REASON_CRASHED = "读取程序异常终止（{how}），文件可能已损坏或被恶意构造"
REASON_FAILED = "读取程序出错（{error}）"

MEMORY, TIME, CRASHED, FAILED = "memory", "time", "crashed", "failed"
# What Rust's allocator writes to stderr before it aborts (calamine is Rust).
_NATIVE_OUT_OF_MEMORY = "memory allocation of"

# Records travel in chunks: one pickle per record would cost more than the reading,
# one pickle for everything would hold all records twice (and a pipe message over
# 2 GB fails outright).
CHUNK = 1000
# The readers the children run (the fork server imports them once, children inherit them).
PRELOAD = ["ducha.core.sandbox", "ducha.core.parsing", "ducha.core.parsing.isolated"]


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 2048
    seconds: float = 120.0


class FileUnreadable(Exception):
    """The child could not finish reading the file; `message` is for the person.

    `reason` is one of MEMORY, TIME, CRASHED, FAILED; `detail` holds the tail of what the
    child wrote to stderr (a native panic's message) for the server log, never for a
    page: it may quote cell contents.
    """

    def __init__(self, label: str, reason: str, text: str, *, detail: str = "") -> None:
        self.label = label
        self.reason = reason
        self.detail = detail
        self.message = UNREADABLE.format(label=label, reason=text)
        super().__init__(self.message)


def _context():
    # forkserver: children fork from a small single-threaded server that has imported
    # little, so they start in milliseconds with a small address space; spawn where
    # there is no forkserver (not Linux).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        # Imported once in the fork server rather than in every child; not __main__,
        # which under a web server or pytest is a script with side effects.
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


def _child(conn, stderr_path: str, limits: Limits, func: Callable, args: tuple, kwargs: dict, streaming: bool) -> None:
    """The child's side: set the limits, run, send chunks, then one final message."""
    fd = os.open(stderr_path, os.O_WRONLY | os.O_TRUNC)
    os.dup2(fd, 2)
    os.close(fd)
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    # No core files of a child that read complainants' data.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        if streaming:
            gen = func(*args, **kwargs)
            chunk: list = []
            while True:
                try:
                    chunk.append(next(gen))
                except StopIteration as stop:
                    result = stop.value
                    break
                if len(chunk) >= CHUNK:
                    conn.send(("items", chunk))
                    chunk = []
            if chunk:
                conn.send(("items", chunk))
            del chunk
        else:
            result = func(*args, **kwargs)
        conn.send(("done", result))
    except MemoryError:
        _send_quietly(conn, ("memory", None))
    except BaseException as exc:  # the parent decides what to make of it
        traceback.print_exc()
        try:
            # Class, args and attributes rather than the exception itself: an exception
            # whose __init__ takes something other than its args (ParseError takes a
            # Problem) does not survive pickle's default round trip.
            conn.send(("raised", (type(exc), exc.args, dict(vars(exc)))))
        except Exception:  # an exception that does not pickle
            _send_quietly(conn, ("failed", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def _send_quietly(conn, message) -> None:
    try:
        conn.send(message)
    except Exception:  # nothing more can be said; the exit status tells the rest
        pass


class ChildRun:
    """One child reading one file. Iterate for the streamed items; `.result` after."""

    def __init__(self, func: Callable, args: tuple, kwargs: dict, *, limits: Limits, label: str, streaming: bool):
        self.limits, self.label = limits, label
        self.result: Any = None
        self.chunks = 0
        self._budget = float(limits.seconds)
        ctx = _context()
        fd, self._stderr_path = tempfile.mkstemp(prefix="ducha-sandbox-", suffix=".log")
        os.close(fd)
        self._conn, child_conn = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_child,
            args=(child_conn, self._stderr_path, limits, func, args, kwargs, streaming),
            daemon=True,
        )
        try:
            self._process.start()
        finally:
            child_conn.close()  # ours closed, so the child's death reads as end of file
        self._finished = False

    def __iter__(self) -> Iterator[Any]:
        try:
            while True:
                kind, payload = self._receive()
                if kind == "items":
                    self.chunks += 1
                    yield from payload
                    del payload
                    continue
                self._finish(kind, payload)
                return
        finally:
            self.close()

    def _receive(self) -> tuple[str, Any]:
        started = time.monotonic()
        ready = self._conn.poll(max(self._budget, 0))
        self._budget -= time.monotonic() - started
        if not ready:
            self.close()
            raise self._error(TIME, REASON_TIME.format(seconds=_number(self.limits.seconds)))
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            return self._died()
        except MemoryError:
            # The parent itself could not take a chunk in: say so rather than die.
            self.close()
            raise self._error(MEMORY, REASON_MEMORY.format(mb=self.limits.memory_mb))

    def _died(self) -> tuple[str, Any]:
        self._process.join(5)
        code = self._process.exitcode
        if code is not None and code < 0:
            sig = -code
            if sig == signal.SIGXCPU:
                raise self._error(TIME, REASON_TIME.format(seconds=_number(self.limits.seconds)))
            if sig == signal.SIGABRT and self._stderr_says(_NATIVE_OUT_OF_MEMORY):
                # Rust aborts when an allocation fails under RLIMIT_AS: say memory, not "crashed"
                raise self._error(MEMORY, REASON_MEMORY.format(mb=self.limits.memory_mb))
            how = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
            raise self._error(CRASHED, REASON_CRASHED.format(how=how))
        raise self._error(CRASHED, REASON_CRASHED.format(how=f"exit {code}"))

    def _finish(self, kind: str, payload: Any) -> None:
        if kind == "done":
            self.result = payload
            self._finished = True
            return
        if kind == "memory":
            raise self._error(MEMORY, REASON_MEMORY.format(mb=self.limits.memory_mb))
        if kind == "raised":
            cls, args, attributes = payload
            exc = cls.__new__(cls)
            exc.args = args
            exc.__dict__.update(attributes)
            raise exc
        raise self._error(FAILED, REASON_FAILED.format(error=payload))

    def _error(self, reason: str, text: str) -> FileUnreadable:
        return FileUnreadable(self.label, reason, text, detail=self._stderr_tail())

    def _stderr_says(self, text: str, limit: int = 1 << 20) -> bool:
        """Whether the child wrote `text` (a backtrace may follow it, so not only the tail)."""
        try:
            with open(self._stderr_path, "rb") as f:
                return text.encode() in f.read(limit)
        except OSError:
            return False

    def _stderr_tail(self, limit: int = 2000) -> str:
        try:
            with open(self._stderr_path, "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - limit))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self) -> None:
        """End the child (if still running) and remove its files; safe to call twice."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5)
        self._conn.close()
        try:
            os.unlink(self._stderr_path)
        except FileNotFoundError:
            pass

    def __enter__(self) -> ChildRun:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _number(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)


def stream(func: Callable, *args, limits: Limits = Limits(), label: str = "", **kwargs) -> ChildRun:
    """Run generator function `func(*args, **kwargs)` in a child; iterate the result."""
    return ChildRun(func, args, kwargs, limits=limits, label=label, streaming=True)


def call(func: Callable, *args, limits: Limits = Limits(), label: str = "", **kwargs) -> Any:
    """Run `func(*args, **kwargs)` in a child and return its (picklable) return value."""
    run = ChildRun(func, args, kwargs, limits=limits, label=label, streaming=False)
    for _ in run:
        pass
    return run.result
