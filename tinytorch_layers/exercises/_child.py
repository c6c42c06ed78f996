"""Check one exercise file in two fresh processes: a supervisor and, below it, a runner.

Started by the checker as a script, ``python -P -B _child.py NAME FILE TIMEOUT FD PARENT``,
so the supervisor imports nothing but the standard library and never runs the learner's code:

- The **supervisor** (this script) forks the runner, waits for it at most TIMEOUT seconds,
  then stops the runner and every process below it, and writes one JSON record (what
  happened, and the runner's result) to the file descriptor FD, which the checker opened.
  On Linux it is a *child subreaper* (``prctl(PR_SET_CHILD_SUBREAPER)``): a process the
  learner's code starts is re-parented to the supervisor when its own parent dies, even after
  ``setsid``, so the supervisor can find it in ``/proc`` and kill it. It stops early when it
  receives SIGTERM, SIGINT or SIGHUP, or when the checker that started it has gone.
- The **runner** closes FD, sets resource limits, imports the learner's file and runs the
  exercise's doctests. It writes its result to an anonymous temporary file that only it and
  the supervisor hold open: the learner's code is given no path to it, neither in
  ``sys.argv`` nor in its working folder. On Linux it is killed if the supervisor dies
  (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys
import tempfile
import time

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
RESULT_LIMIT = 1 << 20  # bytes of the runner's JSON result read; results are far smaller
# Address space of the runner: the checks need ~150 MiB; numpy's BLAS reserves more per core.
MEMORY_LIMIT, MEMORY_PER_CORE = 2 << 30, 128 << 20
FILE_SIZE_LIMIT = 64 << 20  # largest file the learner's code may write
CLEANUP_SECONDS = 1.0  # how long the supervisor spends killing processes left behind
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36
LINUX = sys.platform.startswith("linux")


class _Stop(Exception):
    """Raised in the supervisor by a stop signal."""


def _raise_stop(signum, frame):  # noqa: ARG001 - a signal handler's signature
    raise _Stop(signum)


def _prctl(option: int, value: int) -> bool:
    """Call Linux's ``prctl``; False where it is not available or fails."""
    if not LINUX:
        return False
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, read from ``/proc`` (Linux); [] elsewhere."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as file:
            return [int(child) for child in file.read().split()]
    except OSError:
        pass
    children = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as file:
                stat = file.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()  # the name may hold spaces and parens
        if len(fields) > 1 and int(fields[1]) == pid:
            children.append(int(entry))
    return children


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


def _reap() -> None:
    """Collect every child that has ended, without waiting."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _stop_descendants(runner: int | None) -> None:
    """SIGKILL the runner (if not yet reaped) and every process below it; reap them.

    Killing a process re-parents its children to this subreaper, so the loop reaches every
    level of the tree within ``CLEANUP_SECONDS``. Without ``/proc`` only the runner is
    killed here; the checker then kills the process group.
    """
    deadline = time.monotonic() + CLEANUP_SECONDS
    while True:
        children = _children(os.getpid())
        for child in children + ([runner] if runner else []):
            _kill(child)  # a child not yet reaped keeps its pid: this cannot hit another process
        _reap()
        if runner:
            try:
                if os.waitpid(runner, os.WNOHANG)[0]:
                    runner = None
            except ChildProcessError:  # reaped by _reap
                runner = None
        if (not children and runner is None) or time.monotonic() > deadline:
            return
        time.sleep(0.005)


def _lower_limit(kind: int, soft: int, hard: int | None = None) -> None:
    """Lower a resource limit; never raise it above what the checker itself has."""
    import resource

    def lowest(a: int, b: int) -> int:
        infinity = resource.RLIM_INFINITY
        return b if a == infinity else a if b == infinity else min(a, b)

    try:
        old_soft, old_hard = resource.getrlimit(kind)
        new_hard = old_hard if hard is None else lowest(old_hard, hard)
        resource.setrlimit(kind, (lowest(lowest(old_soft, soft), new_hard), new_hard))
    except (ValueError, OSError):  # e.g. RLIMIT_AS on macOS
        pass


def _set_limits(timeout: float) -> None:
    """CPU time, memory, file size and core dumps of the runner and what it starts.

    The time limit is enforced by the supervisor's clock; the CPU limit is a backstop for a
    process that escaped it, generous enough for numpy's threads on every core.
    """
    try:
        import resource
    except ImportError:  # not on Unix
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    cpu_seconds = math.ceil(timeout) * max(1, cores) + 2
    _lower_limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)
    _lower_limit(resource.RLIMIT_CORE, 0)
    _lower_limit(resource.RLIMIT_AS, MEMORY_LIMIT + cores * MEMORY_PER_CORE)
    _lower_limit(resource.RLIMIT_FSIZE, FILE_SIZE_LIMIT)


def _run_learner_code(name: str, path: str, timeout: float, channel: int, parent_fd: int) -> None:
    """The runner: check the learner's file, write the result to ``channel``; never returns."""
    status = 70  # the checker itself failed (EX_SOFTWARE), unless set below
    runner = os.getpid()
    try:
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_SETMASK, set())
        supervisor = os.getppid()
        if _prctl(PR_SET_PDEATHSIG, signal.SIGKILL) and os.getppid() != supervisor:
            os._exit(status)  # the supervisor died before the signal was armed
        os.close(parent_fd)  # the learner's code cannot write the checker's record
        _set_limits(timeout)
        sys.argv = [path]
        from tinytorch_layers.exercises.checking import check_file

        text = json.dumps(check_file(name, path).to_json())
        if os.getpid() == runner:  # not a process the learner's code forked
            os.ftruncate(channel, 0)  # whatever the learner's code wrote there is gone
            os.lseek(channel, 0, os.SEEK_SET)
            os.write(channel, text.encode("utf-8"))
            status = 0
    except BaseException:  # noqa: BLE001 - reported as "stopped before reporting"
        try:  # the checker's own failure: its traceback ends the output the learner sees
            import traceback

            traceback.print_exc()
        except BaseException:  # noqa: BLE001, S110 - stderr closed by the learner's code
            pass
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001, S110 - a closed or replaced stream
                pass
        # Leave now: a thread or atexit hook the learner's code started must not keep the
        # process alive, and a forked copy of this process must not run the supervisor's code.
        os._exit(status if os.getpid() == runner else 0)


def _wait(runner: int, channel: int, timeout: float, parent: int) -> dict:
    """Wait for the runner at most ``timeout`` seconds; say what happened.

    The record's ``"reaped"`` is True when the runner has ended and been collected.
    """
    deadline = time.monotonic() + timeout
    pause = 0.002
    while True:
        pid, status = os.waitpid(runner, os.WNOHANG)
        if pid:
            break
        if os.getppid() != parent:
            return {"outcome": "orphaned", "reaped": False}  # the checker has gone: nobody reads the result
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return {"outcome": "timed out", "reaped": False}
        time.sleep(min(pause, remaining))
        pause = min(2 * pause, 0.05)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        return {"outcome": "killed", "signal": -code, "reaped": True}
    os.lseek(channel, 0, os.SEEK_SET)
    data = os.read(channel, RESULT_LIMIT + 1)
    if code == 0 and 0 < len(data) <= RESULT_LIMIT:
        try:
            return {"outcome": "reported", "result": json.loads(data.decode("utf-8")), "reaped": True}
        except ValueError:
            pass
    return {"outcome": "crashed", "exit_code": code, "reaped": True}


def main(argv: list[str]) -> None:
    name, path, timeout_text, fd_text, parent_text = argv
    timeout, parent_fd, parent = float(timeout_text), int(fd_text), int(parent_text)
    for number in STOP_SIGNALS:
        signal.signal(number, _raise_stop)
    record: dict = {"outcome": "stopped"}
    runner = None
    try:
        if os.getppid() != parent:
            raise _Stop(0)  # the checker has already gone
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        channel = tempfile.TemporaryFile()
        runner = os.fork()
        if runner == 0:
            _run_learner_code(name, path, timeout, channel.fileno(), parent_fd)
        record = _wait(runner, channel.fileno(), timeout, parent)
        if record.pop("reaped"):
            runner = None  # its pid may be reused now: never signal it again
    except _Stop:
        record = {"outcome": "stopped"}
    finally:
        if hasattr(signal, "pthread_sigmask"):  # the cleanup must not be interrupted
            signal.pthread_sigmask(signal.SIG_BLOCK, set(STOP_SIGNALS))
        _stop_descendants(runner)
    try:
        os.write(parent_fd, json.dumps(record).encode("utf-8"))
    except OSError:
        pass
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:6])
