"""Fine-tuning a pretrained export, whole or with a LoRA adapter, and merging the adapter."""

import json
import os

import numpy as np
import pytest
import torch
from diffusers import DDPMPipeline

from conftest import tiny_config
from toolkit.cli import main as cli_main
from toolkit.errors import SpriteError
from toolkit.models import load_model
from toolkit.sampling import build_pipeline, generate
from toolkit.training import train


@pytest.fixture
def base(tiny_export):
    """The shared tiny unconditional export to fine-tune (its scheduler has 1000 steps)."""
    return tiny_export.output_dir


def test_full_fine_tune_on_a_user_folder(base, image_folder, tmp_path):
    cfg = tiny_config(tmp_path, pretrained_model_name_or_path=base, train_data_dir=str(image_folder),
                      only_classes=["potions"], train_batch_size=4, max_train_steps=2, ddpm_num_steps=50)
    train(cfg)
    sched = json.load(open(os.path.join(cfg.output_dir, "scheduler", "scheduler_config.json")))
    assert sched["num_train_timesteps"] == 1000  # the pretrained scheduler, not --ddpm_num_steps
    before = DDPMPipeline.from_pretrained(base).unet.state_dict()
    after = DDPMPipeline.from_pretrained(cfg.output_dir).unet.state_dict()
    assert any(not torch.equal(before[k], after[k]) for k in before)


def test_lora_adapter_is_small_loads_and_merges(base, tiny_lora, tmp_path):
    cfg = tiny_lora  # rank 2, trained on `base`
    files = set(os.listdir(cfg.output_dir))
    assert {"adapter_model.safetensors", "adapter_config.json", "README.md", "samples.png"} <= files
    assert "model_index.json" not in files
    adapter = os.path.getsize(os.path.join(cfg.output_dir, "adapter_model.safetensors"))
    full = os.path.getsize(os.path.join(base, "unet", "diffusion_pytorch_model.safetensors"))
    assert adapter < full / 3
    card = open(os.path.join(cfg.output_dir, "README.md")).read()
    assert "library_name: peft" in card and "PeftModel.from_pretrained" in card

    unet, sched, _ = load_model(cfg.output_dir)  # base + adapter, merged
    adapted = generate(build_pipeline(unet, sched), 2, 3, seed=0)
    unet0, sched0, _ = load_model(base)
    plain = generate(build_pipeline(unet0, sched0), 2, 3, seed=0)
    assert not np.array_equal(adapted, plain)  # the adapter changed something

    merged = tmp_path / "merged"
    assert cli_main(["export", "--adapter", cfg.output_dir, "--merge_lora", "--output_dir", str(merged)]) == 0
    unet2, sched2, _ = load_model(str(merged))
    assert np.abs(generate(build_pipeline(unet2, sched2), 2, 3, seed=0).astype(int) - adapted).max() <= 1


def test_conditional_fine_tune_maps_labels_by_name(course_dir, tmp_path):
    base_cfg = tiny_config(tmp_path / "b", train_data_dir=str(course_dir), conditioning="class", max_train_steps=1)
    train(base_cfg)
    cfg = tiny_config(tmp_path / "f", train_data_dir=str(course_dir), only_classes=["food"], train_batch_size=4,
                      pretrained_model_name_or_path=base_cfg.output_dir, max_train_steps=1)
    train(cfg)
    index = json.load(open(os.path.join(cfg.output_dir, "model_index.json")))
    assert index["id2label"]["2"] == "food" and len(index["id2label"]) == 5


@pytest.mark.parametrize("overrides,message", [
    ({"resolution": 32}, "was trained at 16px but --resolution is 32"),
    ({"conditioning": "class"}, "is an unconditional model"),
    ({"use_lora": True, "lora_target_modules": ["to_nowhere"]}, "LoRA target 'to_nowhere' matches no module"),
    ({"only_classes": ["dragons"]}, "--only_classes dragons not in this dataset"),
    ({"timestep_warp": 0.5}, "keeps the noise schedule of .*; drop --timestep_warp"),
])
def test_fine_tune_errors(base, tmp_path, overrides, message):
    with pytest.raises(SpriteError, match=message):
        train(tiny_config(tmp_path, pretrained_model_name_or_path=base, **overrides))


def test_pretrained_path_that_is_not_a_pipeline(tmp_path):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "notes.txt").write_text("hi")
    with pytest.raises(SpriteError, match="not an exported pipeline"):
        train(tiny_config(tmp_path, pretrained_model_name_or_path=str(tmp_path / "junk")))


def test_lora_needs_a_pretrained_model(tmp_path):
    with pytest.raises(SpriteError, match="--use_lora adapts a pretrained model"):
        tiny_config(tmp_path, use_lora=True)


def test_fine_tuning_a_warped_model_draws_as_its_base_did(tmp_path, monkeypatch):
    import toolkit.training as training

    warped = tiny_config(tmp_path / "warped", timestep_warp=0.5, max_train_steps=2, use_ema=False)
    train(warped)
    seen = []
    original = training.draw_timesteps
    monkeypatch.setattr(training, "draw_timesteps",
                        lambda *args, **kwargs: seen.append(args[4]) or original(*args, **kwargs))
    train(tiny_config(tmp_path / "tuned", pretrained_model_name_or_path=warped.output_dir, max_train_steps=2,
                      use_ema=False))
    assert seen and set(seen) == {0.5}
