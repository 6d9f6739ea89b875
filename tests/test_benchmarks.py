"""The benchmark harness's own arithmetic: FLOP counts, the machine label, the reproduce-command; that every
benchmark is a module of the `benchmarks` package run as `python -m benchmarks.NAME`; and (slow) one run of the GPU
harness on the CPU. The figures themselves live in BENCHMARKS.md, never in assertions."""

import functools
import importlib
import os
import pkgutil
import re
import subprocess
import sys

import numpy as np
import pytest
import torch

import benchmarks
from benchmarks import gpu_throughput, report
from conftest import REPO

MODULES = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__))
HELPERS = {"report", "loops", "diffusers_style", "course_recipe"}  # shared code, no command of their own


def module_env():
    """The environment for `python -m benchmarks.NAME` from a folder other than the repository root."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [REPO, os.environ.get("PYTHONPATH")])))


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


def test_reproduce_command_runs_the_module(tmp_path, monkeypatch):
    assert report.command(gpu_throughput.__file__, ["--device", "cpu"]) == (
        "python -m benchmarks.gpu_throughput --device cpu")
    monkeypatch.setattr(report, "BENCHMARKS", str(tmp_path / "BENCHMARKS.md"))
    monkeypatch.setattr(sys, "argv", [gpu_throughput.__file__, "--append"])
    report.append_table(gpu_throughput.__file__, ["a", "b"], ["| 1 | 2 |"], "(note)")
    text = (tmp_path / "BENCHMARKS.md").read_text()
    assert "`python -m benchmarks.gpu_throughput --append` (note)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n" in text


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_is_a_package_module(name):
    """Imports as `benchmarks.NAME` without touching sys.path; its docstring's usage says `python -m`, and the
    package docstring lists it."""
    path = sys.path[:]
    module = importlib.import_module(f"benchmarks.{name}")
    assert sys.path == path
    source = open(module.__file__, encoding="utf-8").read()
    assert "sys.path" not in source
    assert not re.search(r"benchmarks/\w+\.py", module.__doc__), "usage lines run `python -m benchmarks.NAME`"
    assert re.search(rf"^- {name}: |\b{name} \(", benchmarks.__doc__, flags=re.M), f"benchmarks/__init__.py: {name}"
    if name not in HELPERS:
        assert f"-m benchmarks.{name}" in module.__doc__
        assert callable(module.main)


def test_benchmark_runs_as_a_module_from_elsewhere(tmp_path):
    out = subprocess.run([sys.executable, "-m", "benchmarks.unet_throughput", "--help"], capture_output=True,
                         text=True, cwd=tmp_path, env=dict(module_env(), OMP_NUM_THREADS="1"), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("usage: ") and "--presets" in out.stdout


@pytest.mark.slow
def test_gpu_harness_runs_on_cpu(tmp_path):
    out = subprocess.run([sys.executable, "-m", "benchmarks.gpu_throughput", "--device", "cpu",
                          "--steps", "2", "4", "--seconds", "1", "--no_compile"], capture_output=True, text=True,
                         cwd=tmp_path, env=module_env(), timeout=900)
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [line for line in out.stdout.splitlines() if line.startswith("| ")]
    assert any("diffusers-style, fp32, batch 16" in r for r in rows)
    assert any("toolkit, fp32, batch 64" in r for r in rows)


def test_ddim_diagnosis_adds_noise_only_on_the_named_side_of_the_switch():
    from diffusers import DDPMScheduler

    from benchmarks.ddim_diagnosis import ddim_on_grid, grid
    from toolkit.presets import build_unet, unet_config

    torch.manual_seed(0)
    unet = build_unet(unet_config("tiny", 16, in_channels=4)).eval()
    alphas = DDPMScheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2").alphas_cumprod
    steps = grid("uniform", 4, 1000)  # 999, 749, 499, 249
    run = functools.partial(ddim_on_grid, unet, alphas, steps, 3, 0)
    deterministic = run()
    assert (deterministic == run()).all()
    # noise above t=999 touches no step; noise at or below t=249 touches only the last, which adds none
    assert (run(switch=999, eta_above=1.0) == deterministic).all()
    assert (run(switch=249, eta_below=1.0) == deterministic).all()
    assert (run(switch=499, eta_below=1.0) != deterministic).any()
    assert (run(switch=499, eta_above=1.0) != deterministic).any()


def test_unet_throughput_takes_a_config_file():
    from benchmarks.unet_throughput import measure

    config = os.path.join(REPO, "benchmarks", "unet_configs", "fast-attn4.json")
    assert measure(config, 16, 2, "fp32", 1, torch.device("cpu"), seconds=0.01, channels=4) > 0


def test_mirror_floor_flips_the_chosen_share_left_to_right():
    from benchmarks.mirror_floor import mirrored

    sprites = np.zeros((400, 4, 4, 3), dtype=np.uint8)
    sprites[:, :, 0] = 255  # a marked left column shows a mirror
    assert (mirrored(sprites, 0.0, np.random.default_rng(0))[:, :, 0] == 255).all()
    assert (mirrored(sprites, 1.0, np.random.default_rng(0))[:, :, -1] == 255).all()
    half = mirrored(sprites, 0.5, np.random.default_rng(0))[:, 0, -1, 0] == 255
    assert 0.4 < half.mean() < 0.6
    assert (sprites[:, :, 0] == 255).all()  # the input is left as it was
