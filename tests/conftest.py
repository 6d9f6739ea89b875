"""Shared fixtures: small sprite sources made in tmp folders, and tiny training configs. No network."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from toolkit.config import TrainConfig  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tiny_config(tmp_path, **overrides):
    """A TrainConfig for a few-second CPU run of the tiny preset."""
    values = dict(preset="tiny", output_dir=str(tmp_path / "export"), train_batch_size=8, max_train_steps=4,
                  max_train_samples=64, checkpointing_steps=2, eval_batch_size=4, preview_inference_steps=2,
                  lr_warmup_steps=0, logger="none", ddpm_num_steps=50, cpu_threads=2)
    values.update(overrides)
    return TrainConfig(**values)


@pytest.fixture
def course_dir(tmp_path):
    """A folder with course-style arrays: 40 sprites (16x16x3 uint8) and one-hot labels (40, 5)."""
    rng = np.random.default_rng(0)
    folder = tmp_path / "course"
    folder.mkdir()
    sprites = rng.integers(0, 256, size=(40, 16, 16, 3), dtype=np.uint8)
    labels = np.eye(5)[np.arange(40) % 5]
    np.save(folder / "sprites_40_16x16.npy", sprites)
    np.save(folder / "sprite_labels_nc_40_16x16.npy", labels)
    return folder


@pytest.fixture
def image_folder(tmp_path):
    """An imagefolder with two classes of 8x8 sprites in RGBA, palette and greyscale modes."""
    root = tmp_path / "sprites"
    rng = np.random.default_rng(1)
    for cls in ("knights", "potions"):
        (root / cls).mkdir(parents=True)
        for i in range(6):
            rgba = rng.integers(0, 256, size=(8, 8, 4), dtype=np.uint8)
            img = Image.fromarray(rgba, "RGBA")
            if i % 3 == 1:
                img = img.convert("RGB").convert("P", palette=Image.ADAPTIVE, colors=8)
            elif i % 3 == 2:
                img = img.convert("L")
            img.save(root / cls / f"{cls}_{i}.png")
    return root
