"""The commands as a user runs them: `accelerate launch` of the recipe, the console command, and bad input."""

import os
import subprocess
import sys

import pytest

from conftest import REPO
from toolkit.cli import COMMANDS, main

TINY = ["--preset", "tiny", "--train_batch_size", "8", "--max_train_samples", "64", "--eval_batch_size", "4",
        "--preview_inference_steps", "2", "--ddpm_num_steps", "50", "--lr_warmup_steps", "0"]


def run(args, cwd, timeout=600):
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def test_accelerate_launch_recipe_then_sample_and_export(tmp_path):
    recipe = os.path.join(REPO, "recipes", "train_sprites.py")
    result = run(["accelerate", "launch", "--config_file", os.path.join(REPO, "accelerate_config.yaml"), recipe,
                  *TINY, "--max_train_steps", "3", "--checkpointing_steps", "2", "--output_dir", "out"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert os.path.isfile(tmp_path / "out" / "model_index.json")
    assert sorted(os.listdir(tmp_path / "out-run" / "samples")) == ["final-step-3.png"]
    assert os.path.isdir(tmp_path / "out-run" / "logs")  # tensorboard events

    result = run(["sprite-diffusion", "sample", "--model", "out", "--num_images", "6", "--num_inference_steps", "3",
                  "--output_dir", "samples"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(os.listdir(tmp_path / "samples" / "sprites")) == 6 and (tmp_path / "samples" / "grid.png").exists()

    result = run(["sprite-diffusion", "export", "--run_dir", "out-run", "--output_dir", "from-ckpt"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert os.path.isfile(tmp_path / "from-ckpt" / "unet" / "diffusion_pytorch_model.safetensors")


@pytest.mark.parametrize("args,message", [
    (["--train_data_dir", "missing"], "--train_data_dir missing does not exist"),
    (["--resolution", "18", "--preset", "fast"], "Resolution 18 cannot go through"),
    (["--lerning_rate", "1"], "Unknown option(s) --lerning_rate"),
    (["--resolution", "24"], "The embedded sprites come at 16 or 32 px"),
    (["--train_data_dir", "."], "contains no images"),
])
def test_bad_input_is_one_sentence_and_nonzero(tmp_path, args, message):
    result = run(["sprite-diffusion", "train", *TINY, *args], tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and message in lines[0], result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not os.path.exists(tmp_path / "sprite-ddpm")  # nothing half-written


def test_sample_from_a_folder_that_is_not_an_export(tmp_path):
    result = run(["sprite-diffusion", "sample", "--model", str(tmp_path)], tmp_path)
    assert result.returncode == 2 and "is not an exported pipeline" in result.stderr


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_prints_its_help(command, capsys):
    """argparse formats each help text with %, so one bare '5%' breaks --help for that whole command."""
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "--config" in capsys.readouterr().out


def test_help_lists_options():
    result = run([sys.executable, os.path.join(REPO, "recipes", "train_sprites.py"), "--help"], REPO)
    assert result.returncode == 0 and "--checkpoints_total_limit" in result.stdout and "--config" in result.stdout
