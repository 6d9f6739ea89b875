"""The benchmark harness's own arithmetic: FLOP counts, the machine label, and (slow) one run of the GPU harness on
the CPU. The figures themselves live in BENCHMARKS.md, never in assertions."""

import os
import subprocess
import sys

import pytest
import torch

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "benchmarks"))
import gpu_throughput  # noqa: E402
import report  # noqa: E402


def test_flops_per_image_scale_with_pixels():
    small = gpu_throughput.flops_per_image(16, torch.device("cpu"))
    large = gpu_throughput.flops_per_image(32, torch.device("cpu"))
    # Convolutions dominate and cost per pixel, so 4x the pixels is about 4x the work (attention adds a little).
    assert small > 1e8
    assert 3.5 < large / small < 5.0


def test_matmul_peak_is_a_positive_rate():
    assert gpu_throughput.matmul_peak(torch.device("cpu"), torch.float32, seconds=0.2) > 1e9


def test_machine_label_names_cores_and_vector_isa():
    label = report.machine("cpu")
    assert f"{os.cpu_count()} cores" in label
    assert label.endswith(torch.backends.cpu.get_cpu_capability())


@pytest.mark.slow
def test_gpu_harness_runs_on_cpu(tmp_path):
    out = subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "gpu_throughput.py"), "--device", "cpu",
                          "--steps", "2", "4", "--seconds", "1", "--no_compile"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [line for line in out.stdout.splitlines() if line.startswith("| ")]
    assert any("diffusers-style, fp32, batch 16" in r for r in rows)
    assert any("toolkit, fp32, batch 64" in r for r in rows)
