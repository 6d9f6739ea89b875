"""How many optimizer steps a training budget in minutes buys on this machine.

The default run is sized in minutes rather than steps or epochs: CPUs seen by this project differ up to about
fourfold in speed (BENCHMARKS.md), and a step count safe on the slowest one leaves the faster ones most of their time
unused. The count is planned before the first real step by timing a few steps of a throwaway copy of the model, then
planned again from the loop's own steps and the minutes spent, which read the machine better: probes and warm-ups
have read 15% fast and 45% slow against the loop that followed (BENCHMARKS.md, "A budget in minutes", "An Ice Lake
CPU" and "A plan checked until the decay"). It is planned again only while the learning rates already used are the
same for every length (the warm-up; with warm-up, stable, decay, everything before the decay), so the schedule is
exactly the one `--max_train_steps` builds for the final count, and a run given that count repeats the budgeted run
bit for bit, on any machine.
"""

import copy
import dataclasses
import statistics
import time
from typing import Callable

import torch

from .optimizers import build_optimizer

# Untimed steps first (allocator and oneDNN warm-up), then timed ones, about eight seconds of the fast preset in all.
# The mean of many steps, not a few or their median: short probes on this project's CPU read up to 15% fast or 20% slow
# against the loop that followed (BENCHMARKS.md, "A budget in minutes").
WARMUP_STEPS = 10
TIMED_STEPS = 60
# Forward passes timed for a preview's cost (each preview runs `preview_steps` of them).
TIMED_FORWARDS = 5
# What the real loop does per step that the probe does not (EMA update, loss reduction, logging), as a factor on the
# measured step.
LOOP_OVERHEAD = 1.05
# Choosing the memory format (--memory_format auto): untimed steps per layout, then blocks of steps timed in turn (this
# VM's speed drifts by a quarter within a minute, so the two layouts are timed side by side, not one after the other).
FORMAT_WARMUP_STEPS = 3
FORMAT_BLOCKS = 6
FORMAT_BLOCK_STEPS = 6
# The fewest warm-up steps worth re-planning from; with a shorter --lr_warmup_steps the first check waits for
# CHECK_EVERY steps (or, where the schedule allows none, the probe's plan stands).
MIN_CHECKED_STEPS = 20
# Steps between two later checks, while the schedule allows them.
CHECK_EVERY = 100
# A gap between two steps longer than this many times the median held a preview, export or checkpoint, which the
# plan counts separately: it is left out of the step's time.
OUTLIER_FACTOR = 4.0


@dataclasses.dataclass(frozen=True)
class StepCosts:
    """Measured seconds of one optimizer step and of one preview grid."""

    step_seconds: float
    preview_seconds: float


@dataclasses.dataclass
class Budget:
    """A run sized in minutes: the probe's costs, and the loop's step times up to `check_at`, the next step after which
    the run is planned again."""

    minutes: float
    costs: StepCosts
    steps_per_preview: int
    check_at: int
    clock: Callable[[], float] = time.perf_counter
    ticks: list = dataclasses.field(default_factory=list)

    def tick(self):
        """Mark the loop's start, then the end of each step, until the check."""
        if len(self.ticks) <= self.check_at:
            self.ticks.append(self.clock())

    def loop_step_seconds(self):
        """The mean seconds of the loop's steps so far, gaps that held a preview or checkpoint left out."""
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:])]
        typical = statistics.median(gaps)
        return statistics.mean(g for g in gaps if g <= OUTLIER_FACTOR * typical)

    def elapsed_seconds(self):
        """The loop's seconds so far, one-off costs such as compiling the model included."""
        return self.ticks[-1] - self.ticks[0]

    def replanned_steps(self, step_seconds, elapsed_seconds):
        """The steps taken (`check_at`) plus those that fit the rest of the budget at the loop's `step_seconds`."""
        rest = StepCosts(step_seconds, self.costs.preview_seconds)
        return self.check_at + steps_for_minutes(self.minutes - elapsed_seconds / 60, rest, self.steps_per_preview)


def next_check(after, lr_warmup_steps, stable_until, planned):
    """The first step after `after` at which a budgeted run of `planned` steps is planned again, or 0 (never): the
    last warm-up step where the warm-up is long enough to time, then every CHECK_EVERY steps, while the learning rates
    used so far are those of any length (up to `stable_until`, lr_schedules.stable_until) and the run goes on."""
    if after < lr_warmup_steps and lr_warmup_steps >= MIN_CHECKED_STEPS:
        step = lr_warmup_steps
    else:
        step = (max(after, lr_warmup_steps) // CHECK_EVERY + 1) * CHECK_EVERY
    return step if step <= stable_until and step < planned else 0


def steps_for_minutes(minutes, costs, steps_per_preview):
    """The optimizer steps that fit `minutes` of training, previews included.

    Every `steps_per_preview` steps the loop draws a preview grid, and it draws one more at the end, so N steps cost
    N * step + (N / steps_per_preview + 1) * preview seconds. The count is rounded down to a multiple of 100 (of 10
    below 1,000 steps) so that small timing noise rarely changes it; it is at least 1.
    """
    budget = minutes * 60 - costs.preview_seconds
    per_step = costs.step_seconds + costs.preview_seconds / steps_per_preview
    steps = int(budget / per_step) if budget > 0 else 0
    unit = 100 if steps >= 1000 else 10
    return max(1, steps // unit * unit)


def measure_costs(run, step_fn, forward_batch, preview_steps):
    """Time `step_fn(probe, step)` on a copy of `run`'s model and optimizer, and a preview's forward passes.

    `run` itself is left untouched: the copy has its own fused AdamW and a constant learning rate, and no EMA. The data
    and noise draws are the run's own (they are functions of the step), so the timed work is the real work.
    `forward_batch` is the batch a preview pushes through the UNet at each of its `preview_steps` steps (twice the
    grid with classifier-free guidance).
    """
    probe = _probe_run(run)
    model = probe.unet
    _steps(step_fn, probe, range(WARMUP_STEPS))
    step_seconds = statistics.mean(_seconds(step_fn, probe, step)
                                   for step in range(WARMUP_STEPS, WARMUP_STEPS + TIMED_STEPS))

    model.eval()
    clean, _ = run.batches.get(0)
    sample = clean[:1].expand(forward_batch, *clean.shape[1:]).contiguous()
    timesteps = torch.full((forward_batch,), run.noise_scheduler.config.num_train_timesteps - 1,
                           device=sample.device)
    class_labels = torch.zeros_like(timesteps) if run.id2label is not None else None
    with torch.no_grad():
        model(sample, timesteps, class_labels=class_labels)
        forward_seconds = statistics.median(_seconds(model, sample, timesteps, class_labels=class_labels)
                                            for _ in range(TIMED_FORWARDS))
    return StepCosts(step_seconds * LOOP_OVERHEAD, forward_seconds * preview_steps)


def _probe_run(run, memory_format=None):
    """A copy of `run` to time steps on: its own copy of the model (in `memory_format`, a (name, torch memory format)
    pair, if given) and fused AdamW, a constant learning rate and no EMA."""
    model = copy.deepcopy(run.accelerator.unwrap_model(run.unet))
    if memory_format is not None:
        name, torch_format = memory_format
        model = model.to(memory_format=torch_format)
        run = dataclasses.replace(run, memory_format=name)
    optimizer = build_optimizer(run.cfg, model, run.accelerator.device,
                                run.accelerator.mixed_precision)  # the trainer's
    model.train()
    return dataclasses.replace(run, unet=model, optimizer=optimizer, ema=None,
                               lr_scheduler=torch.optim.lr_scheduler.LambdaLR(optimizer, lambda _: 1.0))


def format_step_seconds(run, step_fn, memory_formats):
    """{name: seconds a step} of `step_fn(probe, step)` with the model in each of `memory_formats` ({name: torch
    memory format}), timed on copies of `run`'s model in alternating blocks; each the median block's."""
    probes = {name: _probe_run(run, (name, memory_format)) for name, memory_format in memory_formats.items()}
    for probe in probes.values():
        _steps(step_fn, probe, range(FORMAT_WARMUP_STEPS))
    blocks = {name: [] for name in probes}
    for block in range(FORMAT_BLOCKS):
        first = FORMAT_WARMUP_STEPS + block * FORMAT_BLOCK_STEPS
        for name, probe in probes.items():
            blocks[name].append(_seconds(_steps, step_fn, probe, range(first, first + FORMAT_BLOCK_STEPS))
                                / FORMAT_BLOCK_STEPS)
    return {name: statistics.median(seconds) for name, seconds in blocks.items()}


def _steps(step_fn, probe, steps):
    """`step_fn(probe, step)` for each of `steps`, in order."""
    for step in steps:
        step_fn(probe, step)


def _seconds(fn, *args, **kwargs):
    started = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - started
