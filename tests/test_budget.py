"""The default run's length as a budget in minutes: the planned step count, and that it repeats exactly."""

import os

from safetensors.torch import load_file

from conftest import tiny_config
from toolkit.budget import StepCosts, steps_for_minutes
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
