"""Where a route's CPU goes: py-spy samples the server while the load runs, and we print the heaviest frames.

py-spy is not a dependency (`pip install py-spy`; it reads another process, so it needs ptrace rights, as
root or with CAP_SYS_PTRACE). Without it the benchmark says so and skips the profile.
"""

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

TOP = 25
ROOT_MODULE_PREFIX = str(Path(__file__).resolve().parents[1]).replace("/", ".").lstrip(".") + "."
# Frames every sample passes through (interpreter start-up, the server's loop): they say nothing.
_WRAPPERS = (
    "<frozen",
    "click.",
    "uvicorn.main",
    "uvicorn._compat",
    "uvicorn.server",
    "uvicorn.__main__",
    "asyncio.",
    "threading:",
    "runpy",
    ":process",
)


def py_spy_path() -> str | None:
    """On PATH, or beside this interpreter (`.venv/bin/pip install py-spy` without activating the venv)."""
    return shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))


def profiled(pid: int, run: Callable[[], object], *, seconds: float) -> tuple[object, str]:
    """run() while py-spy samples `pid` (and its subprocesses); returns run's result and a text report."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "stacks.txt"
        command = [str(py_spy_path()), "record", "--pid", str(pid), "--subprocesses", "--format", "raw"]
        command += ["--rate", "250", "--duration", str(max(1, int(seconds))), "--output", str(out), "--nonblocking"]
        sampler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
        result = run()
        _, errors = sampler.communicate(timeout=seconds + 30)
        if not out.exists():
            return result, f"py-spy recorded nothing: {errors.decode(errors='replace').strip()[:300]}"
        return result, report(out.read_text())


def _frames(stack: str) -> list[str]:
    """'module:function' per frame, outermost first (py-spy writes `function (file:line)`)."""
    frames = []
    for frame in stack.split(";"):
        name, _, where = frame.partition(" (")
        path = where.split(":")[0]
        module = path.replace("/", ".").split("site-packages.")[-1].removesuffix(".py")
        frames.append(f"{module.split(ROOT_MODULE_PREFIX)[-1][-48:]}:{name}")
    return frames


def report(raw: str) -> str:
    """Inclusive and self shares of the busiest frames (idle loop time left out)."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = _frames(stack)
        if frames and ("select" in frames[-1] or "epoll" in frames[-1] or ":poll" in frames[-1]):
            continue  # the event loop waiting for work is not work
        count = int(count_text)
        total += count
        own[frames[-1]] += count
        for frame in set(frames):
            inclusive[frame] += count
    if not total:
        return "no busy samples"
    lines = [f"{total} busy samples; inclusive share (time in the frame and what it calls):"]
    busy = [(frame, n) for frame, n in inclusive.most_common() if not frame.startswith(_WRAPPERS)]
    lines += [f"  {n / total:6.1%}  {frame}" for frame, n in busy[:TOP]]
    lines.append("self share (time in the frame itself):")
    lines += [f"  {n / total:6.1%}  {frame}" for frame, n in own.most_common(TOP)]
    return "\n".join(lines)
