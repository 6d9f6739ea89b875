"""Timing a call, naming the machine, and appending a benchmark's table to BENCHMARKS.md, headed by the date and the
exact command that produced it."""

import datetime
import os
import platform
import subprocess
import sys
import time

import torch

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "BENCHMARKS.md")


def git_commit():
    """The short hash of the checked-out commit, so a row says which code it measured."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=os.path.dirname(BENCHMARKS)).stdout.strip()


def synchronize(device):
    """Wait for a GPU's queued work (a no-op on CPU), so a clock read means the work is done."""
    if torch.device(device).type == "cuda":
        torch.cuda.synchronize(device)


def seconds_per_call(fn, device="cpu", seconds=3.0, warmup=3):
    """Mean wall-clock seconds of `fn()` over a window of about `seconds`, after `warmup` calls.

    On a GPU the queue is drained before the clock starts and before it stops, so queued work is neither counted
    from the warm-up nor left out at the end.
    """
    for _ in range(warmup):  # allocator, oneDNN/cuDNN kernel choice
        fn()
    synchronize(device)
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        calls += 1
    synchronize(device)
    return (time.perf_counter() - start) / calls


def machine(device=None):
    """What the rows ran on: the GPU's name, or the CPU's model, core count and the vector ISA torch uses.

    The ISA matters for the CPU rows: bf16 is only fast where oneDNN has bf16 kernels (AVX-512-BF16 or AMX); on an
    AVX2-only CPU torch falls back to a reference convolution many times slower than fp32.
    """
    if device is not None and torch.device(device).type == "cuda":
        return torch.cuda.get_device_name(torch.device(device))
    model = "CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:  # not Linux: the architecture name is the best we have
        model = platform.machine()
    return f"{model}, {os.cpu_count()} cores, {torch.backends.cpu.get_cpu_capability()}"


def command(script, argv=None):
    """The command that reruns benchmark `script` (its `__file__`) from the repository root with `argv` (default: this
    process's arguments): `python -m benchmarks.NAME ...`."""
    name = os.path.splitext(os.path.basename(script))[0]
    return " ".join(["python", "-m", f"benchmarks.{name}", *(sys.argv[1:] if argv is None else argv)])


def append_table(script, columns, rows, note=""):
    """Append `rows` (Markdown table lines) with a header of `columns` to BENCHMARKS.md, headed by the date and
    `command(script)`."""
    with open(BENCHMARKS, "a") as f:
        f.write(f"\n{datetime.date.today()}: `{command(script)}`{' ' + note if note else ''}\n\n")
        f.write("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n")
        f.write("\n".join(rows) + "\n")
