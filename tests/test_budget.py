"""The default run's length as a budget in minutes: the planned step count, and that it repeats exactly."""

import functools
import itertools
import os

from safetensors.torch import load_file

from conftest import tiny_config
from toolkit.budget import Budget, StepCosts, budget_check_step, steps_for_minutes
from toolkit.checkpoints import list_checkpoints, read_state
from toolkit.training import train


def test_steps_for_minutes_counts_steps_and_previews():
    # 16 minutes at 0.1 s a step: 9,600 steps; a 6 s preview every 640 steps and one at the end take 8722 -> 8700.
    assert steps_for_minutes(16, StepCosts(0.1, 0.0), 640) == 9600
    assert steps_for_minutes(16, StepCosts(0.1, 6.0), 640) == 8700
    # Below 1,000 steps the count is rounded to tens, and a budget too small for anything still trains one step.
    assert steps_for_minutes(1, StepCosts(0.1, 0.0), 640) == 600
    assert steps_for_minutes(1, StepCosts(0.13, 0.0), 640) == 460
    assert steps_for_minutes(0.001, StepCosts(0.1, 6.0), 640) == 1


def _weights(export):
    return load_file(os.path.join(export, "unet", "diffusion_pytorch_model.safetensors"))


def test_a_minutes_budget_plans_steps_that_max_train_steps_repeats(tmp_path, capsys):
    budgeted = tiny_config(tmp_path / "a", max_train_steps=None, max_train_minutes=0.1, checkpointing_steps=100000)
    train(budgeted)
    planned = _last_checkpoint(budgeted.run_dir)
    steps = planned["max_steps"]
    assert planned["step"] == steps > 1
    assert f"--max_train_steps {steps} repeats this run exactly" in capsys.readouterr().out

    repeated = tiny_config(tmp_path / "b", max_train_steps=steps, checkpointing_steps=100000)
    train(repeated)
    a, b = _weights(budgeted.output_dir), _weights(repeated.output_dir)
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)


def _last_checkpoint(run_dir):
    return read_state(list_checkpoints(run_dir)[-1][1])


def test_a_resumed_run_keeps_its_planned_length(tmp_path):
    first = tiny_config(tmp_path, max_train_steps=4, checkpointing_steps=2)
    train(first)
    # Resumed from step 2 with a budget that buys far more steps, it ends at its own plan (4), timing nothing.
    os.remove(os.path.join(first.run_dir, "checkpoint-4", "trainer_state.json"))
    resumed = tiny_config(tmp_path, max_train_steps=None, max_train_minutes=0.05, resume_from_checkpoint="latest")
    train(resumed)
    assert _last_checkpoint(first.run_dir)["step"] == 4


def test_the_budget_is_checked_at_the_end_of_a_long_enough_warm_up():
    assert budget_check_step(100, 1600) == 100
    assert budget_check_step(19, 1600) == 0     # too few steps to time
    assert budget_check_step(100, 100) == 0     # the run ends with its warm-up


def test_the_loop_step_time_leaves_out_previews():
    clock = iter([0.0, 0.1, 0.2, 0.3, 5.3, 5.4, 5.5])  # a 5 s preview between steps 3 and 4
    budget = Budget(1, StepCosts(0.5, 5.0), 640, check_at=6, clock=lambda: next(clock))
    for _ in range(7):
        budget.tick()
    budget.tick()  # past the check: not recorded
    assert abs(budget.loop_step_seconds() - 0.1) < 1e-9
    assert abs(budget.elapsed_seconds() - 5.5) < 1e-9
    # The 6 steps taken, then 54.5 s left less the final 5 s preview, at 0.1 s a step and a 5 s preview every 640
    # steps: 459 more, rounded to 450.
    assert budget.replanned_steps(0.1, 5.5) == 456


def test_a_slow_probe_is_corrected_by_the_warm_up_steps(tmp_path, monkeypatch, capsys):
    # The probe reads 0.04 s a step: 30 steps for 1.23 s. The loop's clock says 0.01 s a step, so after 20 steps
    # (0.2 s) 1.03 s are left for 100 more: re-planned to 120 steps,
    # which --max_train_steps 120 repeats exactly (the warm-up's learning rates do not depend on the length).
    monkeypatch.setattr("toolkit.training.measure_costs", lambda *args: StepCosts(0.04, 0.0))
    clock = itertools.count(0, 0.01)
    monkeypatch.setattr("toolkit.training.Budget", functools.partial(Budget, clock=lambda: next(clock)))
    budgeted = tiny_config(tmp_path / "a", max_train_steps=None, max_train_minutes=0.0205, lr_warmup_steps=20,
                           checkpointing_steps=100000)
    train(budgeted)
    out = capsys.readouterr().out
    assert "30 steps at the measured 0.040 s a step" in out and "checked again after the 20 warm-up steps" in out
    assert "The loop ran 0.010 s a step (the probe read 0.040): 120 steps fit" in out
    assert _last_checkpoint(budgeted.run_dir)["step"] == 120

    repeated = tiny_config(tmp_path / "b", max_train_steps=120, lr_warmup_steps=20, checkpointing_steps=100000)
    train(repeated)
    a, b = _weights(budgeted.output_dir), _weights(repeated.output_dir)
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
