"""Run one exercise's check in a supervised child process and say what happened.

What is guaranteed (the README's exercise section says the same to the learner):

- Every check ends at most ``timeout + MARGIN`` seconds after it starts, whatever the
  learner's code does: the supervisor (``_child.py``) stops the runner at ``timeout``; if
  the supervisor has not reported ``START_MARGIN`` seconds later, or the checker is told to
  stop, it is sent SIGTERM and, ``STOP_GRACE`` seconds after that, its process group is
  killed. Output is read by a thread that never holds up the end of a check.
- On Linux no process the learner's code started survives its check, even one that called
  ``setsid`` (the supervisor is a child subreaper). On other POSIX systems the child's
  process group is killed, so a process that started a new session or process group can
  survive; its CPU time is limited. Windows is not supported (no fork, no process groups).
- Output is kept to its last ``OUTPUT_LIMIT`` bytes, whatever the learner's code prints.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import tinytorch_layers

from .checking import FAILED, ExerciseResult
from .registry import Exercise
from .shorten import shorten_tail

__all__ = ["MARGIN", "OUTPUT_LIMIT", "run_check"]

START_MARGIN = 1.0  # seconds the supervisor may take to start up and report after the limit
STOP_GRACE = 1.0  # seconds the supervisor has to kill what is left when told to stop
MARGIN = START_MARGIN + STOP_GRACE
OUTPUT_LIMIT = 64 * 1024  # bytes of the learner's output kept (the tail)
RECORD_LIMIT = 2 << 20  # bytes of the supervisor's record read
CHILD_SCRIPT = Path(__file__).with_name("_child.py")
POSIX = os.name == "posix"


class OutputTail:
    """Read a pipe in a daemon thread, keeping only its last ``limit`` bytes.

    The thread ends at end of file. A process that escaped the check could hold the pipe
    open; nobody waits for it, and the thread closes the pipe when it ends.
    """

    def __init__(self, fd: int, limit: int = OUTPUT_LIMIT) -> None:
        self._fd, self._limit = fd, limit
        self._buffer = bytearray()
        self._newlines = self._bytes = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="exercise-output", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            while chunk := os.read(self._fd, 1 << 16):
                with self._lock:
                    self._buffer += chunk
                    self._newlines += chunk.count(b"\n")
                    self._bytes += len(chunk)
                    if len(self._buffer) > 2 * self._limit:
                        del self._buffer[: -self._limit]
        except OSError:
            pass
        finally:
            os.close(self._fd)

    def text(self, wait: float = 0.2) -> str:
        """The output's tail, decoded with replacement and shortened; waits ``wait`` s at most."""
        self._thread.join(wait)
        with self._lock:
            data = bytes(self._buffer[-self._limit :])
            total = self._newlines + (1 if self._buffer and not self._buffer.endswith(b"\n") else 0)
            cut = self._bytes > len(data)
        lines = data.decode("utf-8", errors="replace").splitlines()
        if cut and lines:
            lines = lines[1:]  # the first kept line may start mid-line
        return shorten_tail("\n".join(lines), total_lines=total)


def _child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the learner's folder
    # The child must import this same package, installed or not.
    package_root = str(Path(tinytorch_layers.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


def _has_ended(process: subprocess.Popen) -> bool:
    """Whether the child has ended, without reaping it where possible.

    An unreaped child keeps its pid, so its process group can still be killed safely.
    """
    if process.returncode is not None:
        return True
    if hasattr(os, "waitid"):
        try:
            return os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
        except ChildProcessError:
            return True
    return process.poll() is not None


def _wait_until(process: subprocess.Popen, deadline: float, stop: threading.Event | None) -> bool:
    """Wait for the child until ``deadline`` or ``stop``; True if it ended."""
    while not _has_ended(process):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or (stop is not None and stop.is_set()):
            return False
        if stop is not None:
            stop.wait(min(0.02, remaining))
        else:
            time.sleep(min(0.02, remaining))
    return True


def _kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the child's process group (what is left of it), then reap the child."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _supervise(process: subprocess.Popen, timeout: float, stop: threading.Event) -> str:
    """Wait for the child; stop it if it overruns or ``stop`` is set. Returns why it ended."""
    reason = "finished"
    if not _wait_until(process, time.monotonic() + timeout + START_MARGIN, stop):
        reason = "stopped" if stop.is_set() else "timed out"
        try:
            process.send_signal(signal.SIGTERM)  # the supervisor kills what runs below it
        except ProcessLookupError:
            pass
        _wait_until(process, time.monotonic() + STOP_GRACE, None)
    _kill_group(process)
    return reason


def _failed(exercise: Exercise, message: str, output: str = "") -> ExerciseResult:
    if output.strip():
        message += "\nits output ended with:\n" + "\n".join("    " + line for line in output.splitlines())
    return ExerciseResult(exercise.name, FAILED, message=message, filename=exercise.filename)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _result(exercise: Exercise, record: dict, reason: str, timeout: float, output: str) -> ExerciseResult:
    outcome = record.get("outcome")
    if reason == "timed out" or outcome == "timed out":
        return _failed(exercise, f"timed out after {timeout:g} s (an endless loop, or far too slow?)", output)
    if outcome == "reported":
        try:
            result = ExerciseResult.from_json(record["result"])
        except (KeyError, TypeError, ValueError):
            return _failed(exercise, "the check reported something that is not a result", output)
        if result.exercise == exercise.name:
            return result
        return _failed(exercise, f"the check reported a result for {result.exercise!r}", output)
    if outcome == "killed":
        number = record.get("signal", 0)
        why = {
            getattr(signal, "SIGXCPU", -1): " (its CPU time limit)",
            signal.SIGKILL: " (out of memory, or killed by another process)",
        }.get(number, "")
        return _failed(exercise, f"the check was killed by {_signal_name(number)}{why}", output)
    if outcome == "crashed":
        return _failed(exercise, f"the check stopped before reporting (exit code {record.get('exit_code')})", output)
    code = int(reason) if reason.lstrip("-").isdigit() else None
    if code is not None and code < 0:  # e.g. the learner's code signalled its process group
        return _failed(exercise, f"the check's supervisor was killed by {_signal_name(-code)}", output)
    return _failed(exercise, f"the check ended without a report (exit code {reason})", output)


def run_check(exercise: Exercise, path: Path, timeout: float, stop: threading.Event) -> ExerciseResult:
    """Check ``exercise`` against the learner's file ``path`` in a supervised child process.

    ``stop`` being set ends the check early (the checker was interrupted); the result then
    says so and should not be shown as a verdict.

    Raises:
        OSError: Not a POSIX system (the supervisor needs ``fork`` and process groups).
    """
    if not POSIX:  # pragma: no cover - Windows
        raise OSError("checking exercises needs a POSIX system (Linux or macOS)")
    with tempfile.TemporaryDirectory(prefix="tinytorch-check-", ignore_cleanup_errors=True) as scratch, \
            tempfile.TemporaryFile() as record_file:
        read_end, write_end = os.pipe()
        try:
            command = [
                sys.executable, "-P", "-B", str(CHILD_SCRIPT), exercise.name, str(path),
                repr(float(timeout)), str(record_file.fileno()), str(os.getpid()),
            ]
            process = subprocess.Popen(
                command, cwd=scratch, env=_child_environment(), stdin=subprocess.DEVNULL,
                stdout=write_end, stderr=write_end, pass_fds=(record_file.fileno(),),
                start_new_session=True,
            )
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)  # the child holds the only write end: end of file when it ends
        output = OutputTail(read_end)
        reason = _supervise(process, timeout, stop)
        if reason == "stopped":
            return ExerciseResult(exercise.name, FAILED, message="stopped: the checker was interrupted",
                                  filename=exercise.filename)
        record_file.seek(0)
        data = record_file.read(RECORD_LIMIT)
        try:
            record = json.loads(data.decode("utf-8")) if data else {}
        except ValueError:
            record = {}
        if not isinstance(record, dict):
            record = {}
        if not record and reason == "finished":
            reason = str(process.returncode)
        return _result(exercise, record, reason, timeout, output.text())
