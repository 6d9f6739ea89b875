"""--memory_format: the UNet trains in the layout asked for, or with `auto` in the one timed faster on this machine."""

import os

import pytest
import torch
from safetensors.torch import load_file

from conftest import tiny_config
from toolkit.budget import format_step_seconds
from toolkit.checkpoints import list_checkpoints, read_state
from toolkit.errors import SpriteError
from toolkit.training import TORCH_MEMORY_FORMATS, make_accelerator, setup_run, train, training_step


def _setup(cfg):
    return setup_run(cfg, make_accelerator(cfg))


def _channels_last(run):
    return run.accelerator.unwrap_model(run.unet).conv_in.weight.is_contiguous(memory_format=torch.channels_last)


def test_both_layouts_are_timed_on_copies(tmp_path):
    run = _setup(tiny_config(tmp_path))
    before = {k: v.clone() for k, v in run.unet.state_dict().items()}
    seconds = format_step_seconds(run, training_step, TORCH_MEMORY_FORMATS)
    assert set(seconds) == {"contiguous", "channels_last"} and all(s > 0 for s in seconds.values())
    after = run.unet.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)  # the run's own model never trained
    assert not _channels_last(run)


@pytest.mark.parametrize("seconds, chosen", [
    ({"contiguous": 1.0, "channels_last": 0.8}, "channels_last"),
    ({"contiguous": 1.0, "channels_last": 0.97}, "contiguous"),   # within the margin: the usual layout
    ({"contiguous": 0.8, "channels_last": 1.0}, "contiguous"),
])
def test_auto_keeps_channels_last_only_where_it_is_clearly_faster(tmp_path, monkeypatch, capsys, seconds, chosen):
    monkeypatch.setattr("toolkit.training.format_step_seconds", lambda *args: seconds)
    run = _setup(tiny_config(tmp_path, memory_format="auto"))
    assert run.memory_format == chosen
    assert _channels_last(run) == (chosen == "channels_last")
    ratio = seconds["contiguous"] / seconds["channels_last"]
    assert f"Memory format: {chosen} (channels_last trains at {ratio:.2f}x" in capsys.readouterr().out


def test_an_explicit_layout_is_not_timed(tmp_path, monkeypatch):
    def never(*args):
        raise AssertionError("timed")

    monkeypatch.setattr("toolkit.training.format_step_seconds", never)
    assert _channels_last(_setup(tiny_config(tmp_path, memory_format="channels_last")))


def test_an_unknown_layout_is_one_sentence(tmp_path):
    with pytest.raises(SpriteError, match="--memory_format must be one of auto, contiguous, channels_last"):
        tiny_config(tmp_path, memory_format="nhwc")


def _weights(export):
    return load_file(os.path.join(export, "unet", "diffusion_pytorch_model.safetensors"))


def test_a_channels_last_budget_run_names_the_flags_that_repeat_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("toolkit.training.format_step_seconds",
                        lambda *args: {"contiguous": 1.0, "channels_last": 0.5})
    budgeted = tiny_config(tmp_path / "a", max_train_steps=None, max_train_minutes=0.1, checkpointing_steps=100000,
                           memory_format="auto")
    train(budgeted)
    steps = read_state(list_checkpoints(budgeted.run_dir)[-1][1])["max_steps"]
    assert f"--max_train_steps {steps} --memory_format channels_last repeats this run exactly" in \
        capsys.readouterr().out

    repeated = tiny_config(tmp_path / "b", max_train_steps=steps, checkpointing_steps=100000,
                           memory_format="channels_last")
    train(repeated)
    a, b = _weights(budgeted.output_dir), _weights(repeated.output_dir)
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    # The export is an ordinary one: the same names and shapes as a contiguous run's, and loadable as such.
    plain = tiny_config(tmp_path / "c", max_train_steps=steps, checkpointing_steps=100000)
    train(plain)
    c = _weights(plain.output_dir)
    assert {k: v.shape for k, v in a.items()} == {k: v.shape for k, v in c.items()}
    assert all(torch.allclose(a[k], c[k], atol=1e-2) for k in a)


@pytest.mark.parametrize("memory_format", ["contiguous", "channels_last"])
def test_the_training_batch_comes_in_the_models_layout(tmp_path, memory_format):
    run = _setup(tiny_config(tmp_path, memory_format=memory_format))
    seen = []
    unet = run.accelerator.unwrap_model(run.unet)
    unet.conv_in.register_forward_pre_hook(
        lambda module, args: seen.append(args[0].is_contiguous(memory_format=torch.channels_last)))
    training_step(run, 0)
    assert seen == [memory_format == "channels_last"]
