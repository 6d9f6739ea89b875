"""The default run's length as a budget in minutes: the planned step count, and that it repeats exactly."""

import functools
import itertools
import os

import torch
from safetensors.torch import load_file

from conftest import tiny_config
from toolkit.budget import Budget, StepCosts, next_check, steps_for_minutes
from toolkit.checkpoints import list_checkpoints, read_state
from toolkit.config import TrainConfig
from toolkit.lr_schedules import length_keeping, lr_schedule, stable_until
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
    # Cosine: the rates after the warm-up depend on the length, so the warm-up's last step is the only check.
    assert next_check(0, 100, stable_until=100, planned=1600) == 100
    assert next_check(100, 100, stable_until=100, planned=1600) == 0
    assert next_check(0, 19, stable_until=19, planned=1600) == 0    # too few steps to time
    assert next_check(0, 100, stable_until=100, planned=100) == 0   # the run ends with its warm-up


def test_warmup_stable_decay_is_checked_every_hundred_steps_until_its_decay():
    cfg = TrainConfig(lr_scheduler="warmup_stable_decay", lr_decay_fraction=0.25, lr_warmup_steps=100)
    assert stable_until(cfg, 1600) == 1200
    assert next_check(0, 100, stable_until(cfg, 1600), 1600) == 100
    assert next_check(100, 100, stable_until(cfg, 1600), 1600) == 200
    assert next_check(1100, 100, stable_until(cfg, 1600), 1600) == 1200
    assert next_check(1200, 100, stable_until(cfg, 1600), 1600) == 0
    assert next_check(0, 19, stable_until(cfg, 1600), 1600) == 100  # a short warm-up: the first hundred
    # Planned again at step 1,000, a run may not end before its decay would have started there.
    assert length_keeping(cfg, 1000, 900) == 1333 and stable_until(cfg, 1333) == 1000
    assert length_keeping(cfg, 1000, 2000) == 2000


def test_warmup_stable_decay_rates_before_the_decay_do_not_depend_on_the_length():
    cfg = TrainConfig(lr_scheduler="warmup_stable_decay", lr_decay_fraction=0.25, lr_warmup_steps=10)

    def rates(total):
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
        schedule = lr_schedule(cfg, optimizer, total)
        out = []
        for _ in range(total):
            out.append(schedule.get_last_lr()[0])
            optimizer.step()
            schedule.step()
        return out

    short, long = rates(100), rates(160)
    assert short[:76] == long[:76] and short[75] == 1.0      # warm-up, then the peak up to step 75 of 100
    assert short[5] == 0.5 and 0 < short[99] < short[80] < 1.0  # then down toward zero
    assert long[76:120] == [1.0] * 44


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
    assert "30 steps at the measured 0.040 s a step" in out and "checked again after 20 steps." in out
    assert "The loop ran 0.010 s a step (the probe read 0.040): 120 steps fit" in out
    assert _last_checkpoint(budgeted.run_dir)["step"] == 120

    repeated = tiny_config(tmp_path / "b", max_train_steps=120, lr_warmup_steps=20, checkpointing_steps=100000)
    train(repeated)
    a, b = _weights(budgeted.output_dir), _weights(repeated.output_dir)
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)


def test_a_plan_checked_until_the_decay_follows_a_machine_that_slows_down(tmp_path, monkeypatch, capsys):
    # The probe reads 0.04 s a step (30 steps for 1.23 s). The loop's first 20 steps take 0.01 s, the rest 0.02 s.
    # Warm-up, stable, decay (a quarter) is planned again after the 20 warm-up steps, then every 10 steps until its
    # decay: at 20, 0.2 s spent, 0.01 s a step: 120 steps; at 30 (0.4 s, 0.0133): 90; at 40 (0.6 s, 0.015): 80; at 50
    # (0.8 s, 0.016): 70, whose decay starts after step 52, before the next check: final.
    monkeypatch.setattr("toolkit.training.measure_costs", lambda *args: StepCosts(0.04, 0.0))
    monkeypatch.setattr("toolkit.budget.CHECK_EVERY", 10)
    clock = itertools.chain((0.01 * i for i in range(21)), (0.2 + 0.02 * i for i in itertools.count(1)))
    monkeypatch.setattr("toolkit.training.Budget", functools.partial(Budget, clock=lambda: next(clock)))
    schedule = dict(lr_scheduler="warmup_stable_decay", lr_decay_fraction=0.25, lr_warmup_steps=20)
    budgeted = tiny_config(tmp_path / "a", max_train_steps=None, max_train_minutes=0.0205, checkpointing_steps=100000,
                           **schedule)
    train(budgeted)
    out = capsys.readouterr().out
    assert "The loop ran 0.010 s a step (the probe read 0.040): 120 steps fit the 0.0205-minute budget, checked " \
           "again until the learning rate starts to decay." in out
    assert "The loop ran 0.016 s a step (over 50 steps): 70 steps fit the 0.0205-minute budget (--max_train_steps " \
           "70 " in out
    assert _last_checkpoint(budgeted.run_dir)["step"] == 70

    repeated = tiny_config(tmp_path / "b", max_train_steps=70, checkpointing_steps=100000, **schedule)
    train(repeated)
    a, b = _weights(budgeted.output_dir), _weights(repeated.output_dir)
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
