"""Class-conditional training, the conditional pipeline, samplers, and the sample command's pictures."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch
from PIL import Image

from conftest import NO_TOOLKIT, REPO, tiny_config, write_course_arrays
from toolkit.config import SampleConfig, parse_config
from toolkit.errors import SpriteError
from toolkit.presets import build_scheduler, build_unet, unet_config
from toolkit.samplers import SAMPLERS, make_scheduler
from toolkit.commands import sample_command
from toolkit.sampling import build_pipeline, generate
from toolkit.training import train

COURSE = ["hero", "non-hero", "food", "spell", "side-facing"]


@pytest.fixture(scope="module")
def conditional_export(tmp_path_factory):
    """A few conditional training steps on course-style arrays."""
    tmp = tmp_path_factory.mktemp("cond")
    data = write_course_arrays(tmp / "course")
    cfg = tiny_config(tmp, train_data_dir=str(data), conditioning="class", max_train_steps=3, eval_batch_size=10)
    train(cfg)
    return cfg


@pytest.fixture
def tiny_pipe():
    torch.manual_seed(0)
    unet = build_unet(unet_config("tiny", 16, num_classes=5))
    return build_pipeline(unet, build_scheduler(50).config, "ddim", {str(i): n for i, n in enumerate(COURSE)})


def test_conditional_export_layout(conditional_export):
    out = conditional_export.output_dir
    index = json.load(open(os.path.join(out, "model_index.json")))
    assert index["_class_name"] == ["pipeline_sprite", "SpriteConditionalPipeline"]
    assert index["id2label"] == {str(i): n for i, n in enumerate(COURSE)}
    assert os.path.isfile(os.path.join(out, "pipeline_sprite.py"))
    assert json.load(open(os.path.join(out, "unet", "config.json")))["num_class_embeds"] == 6  # 5 + null
    assert "trust_remote_code=True" in open(os.path.join(out, "README.md")).read()
    grid = Image.open(os.path.join(conditional_export.run_dir, "samples", "final-step-3.png"))
    assert grid.size == (4 * (2 * 17 + 1), 4 * (5 * 17 + 1))  # one row per class, 2 per row, 16px + 1px pad, x4


LOAD_WITH_REMOTE_CODE = NO_TOOLKIT + textwrap.dedent("""
    import os
    repo = os.path.realpath(sys.argv[2])  # the checkout (argv[2]) is taken off the path: only the export's code counts
    sys.path = [p for p in sys.path if os.path.realpath(p or ".") != repo]
    import torch
    from diffusers import DiffusionPipeline, DPMSolverMultistepScheduler
    pipe = DiffusionPipeline.from_pretrained(sys.argv[1], trust_remote_code=True)
    assert type(pipe).__name__ == "SpriteConditionalPipeline", type(pipe)
    images = pipe(class_labels=["food", "spell", 0], num_inference_steps=3, generator=torch.manual_seed(0)).images
    assert len(images) == 3 and images[0].size == (16, 16)
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
    blend = pipe(context=[[0, 0, 0.6, 0.4, 0]] * 2, num_inference_steps=3, output_type="np").images
    assert blend.shape == (2, 16, 16, 3)
    assert "toolkit" not in sys.modules
    print("OK", pipe.labels)
""")


def test_remote_code_round_trip_without_the_toolkit(conditional_export, tmp_path):
    script = tmp_path / "load.py"
    script.write_text(LOAD_WITH_REMOTE_CODE)
    result = subprocess.run([sys.executable, str(script), os.path.abspath(conditional_export.output_dir), REPO],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "OK ['hero', 'non-hero', 'food', 'spell', 'side-facing']" in result.stdout


def test_guidance_changes_the_output(tiny_pipe):
    a = generate(tiny_pipe, num_inference_steps=3, seed=1, class_labels=["food"] * 2, guidance_scale=0.0)
    b = generate(tiny_pipe, num_inference_steps=3, seed=1, class_labels=["food"] * 2, guidance_scale=4.0)
    c = generate(tiny_pipe, num_inference_steps=3, seed=1, class_labels=["food"] * 2, guidance_scale=4.0)
    assert not np.array_equal(a, b) and np.array_equal(b, c)


def test_guidance_scale_0_ignores_the_label(tiny_pipe):
    """As the README says: with guidance_scale 0 the same seed gives the same sprites whatever the label."""
    def sprites(label, guidance_scale):
        return generate(tiny_pipe, num_inference_steps=3, seed=1, class_labels=[label], guidance_scale=guidance_scale)

    assert np.array_equal(sprites("food", 0.0), sprites("spell", 0.0))
    assert np.array_equal(sprites("food", 0.0), sprites(0, 0.0))
    for scale in (1.0, 2.0):  # the label matters as soon as it is followed at all
        assert not np.array_equal(sprites("food", scale), sprites("spell", scale))


@pytest.mark.parametrize("cond_drop_prob", [0.0, 0.9])
def test_label_dropout_feeds_the_null_class_to_the_unet(course_dir, tmp_path, monkeypatch, cond_drop_prob):
    """--cond_drop_prob is the share of training labels the UNet sees as the null class (id 5, after the 5 labels);
    the others reach it unchanged. Observed on the first training step's UNet call, then the run is stopped."""
    import toolkit.training
    from toolkit.data import SpriteBatches

    class Seen(Exception):
        pass

    drawn, fed = [], []
    real_get, real_prepare = SpriteBatches.get, toolkit.training.prepare_model

    def get(self, index):
        batch = real_get(self, index)
        drawn.append(batch[1].clone())
        return batch

    def observe(module, args, kwargs):
        if torch.is_grad_enabled():  # a training step (previews sample without gradients)
            fed.append(kwargs["class_labels"].clone())
            raise Seen()

    def prepare_model(*args, **kwargs):
        unet, scheduler, id2label = real_prepare(*args, **kwargs)
        unet.register_forward_pre_hook(observe, with_kwargs=True)
        return unet, scheduler, id2label

    monkeypatch.setattr(SpriteBatches, "get", get)
    monkeypatch.setattr(toolkit.training, "prepare_model", prepare_model)
    cfg = tiny_config(tmp_path, train_data_dir=str(course_dir), conditioning="class", train_batch_size=40,
                      cond_drop_prob=cond_drop_prob)
    with pytest.raises(Seen):
        train(cfg)
    (labels,), (class_labels,) = drawn, fed
    assert labels.shape == (40,) and set(labels.tolist()) == set(range(5))
    null = class_labels == len(COURSE)
    assert torch.equal(class_labels[~null], labels[~null])
    if cond_drop_prob == 0:
        assert not null.any()
    else:
        assert null.float().mean() >= 0.75


def test_blends_and_ids_match_one_hot(tiny_pipe):
    by_name = generate(tiny_pipe, num_inference_steps=3, seed=2, class_labels=["spell"])
    by_id = generate(tiny_pipe, num_inference_steps=3, seed=2, class_labels=[3])
    by_vector = generate(tiny_pipe, num_inference_steps=3, seed=2, context=[[0, 0, 0, 1.0, 0]])
    assert np.array_equal(by_name, by_id)
    assert np.abs(by_name.astype(int) - by_vector.astype(int)).max() <= 1  # same embedding, up to float rounding
    blend = generate(tiny_pipe, num_inference_steps=3, seed=2, context=[[0, 0, 0.6, 0.4, 0]])
    assert blend.shape == (1, 16, 16, 3) and not np.array_equal(blend, by_name)


@pytest.mark.parametrize("kwargs,message", [
    ({"class_labels": ["dragon"]}, "Unknown label 'dragon'; known labels: hero, non-hero, food"),
    ({"context": [[0.5, 0.5]]}, "needs 5 weights"),
    ({"context": [[1, -1, 0, 0, 0]]}, "must not be negative"),
    ({"class_labels": [7]}, "out of range"),
    ({"class_labels": ["food"], "guidance_scale": -1}, "guidance_scale must be 0 or more"),
])
def test_bad_conditions(tiny_pipe, kwargs, message):
    with pytest.raises(SpriteError, match=message):
        generate(tiny_pipe, num_inference_steps=2, **kwargs)


@pytest.mark.parametrize("scheduler", sorted(SAMPLERS))
@pytest.mark.parametrize("conditional", [False, True])
def test_every_scheduler_samples(scheduler, conditional):
    torch.manual_seed(0)
    unet = build_unet(unet_config("tiny", 16, num_classes=5 if conditional else None))
    pipe = build_pipeline(unet, build_scheduler(50).config, scheduler)
    labels = [0, 1] if conditional else None
    images = generate(pipe, 2, 4, seed=0, class_labels=labels)
    assert images.shape == (2, 16, 16, 3) and images.dtype == np.uint8


def test_unconditional_model_rejects_labels():
    pipe = build_pipeline(build_unet(unet_config("tiny", 16)), build_scheduler(50).config)
    with pytest.raises(SpriteError, match="unconditional"):
        generate(pipe, num_inference_steps=2, class_labels=["food"])


def test_sample_command_pictures(conditional_export, tmp_path):
    out = tmp_path / "samples"
    ckpt = os.path.join(conditional_export.run_dir, "checkpoint-2")
    cfg = parse_config(SampleConfig, ["--model", conditional_export.output_dir, "--output_dir", str(out),
                                      "--num_images", "3", "--labels", "food", "hero", "--scheduler", "unipc",
                                      "--num_inference_steps", "4", "--gif", "--compare", ckpt,
                                      conditional_export.output_dir])
    sample_command(cfg)
    assert len(os.listdir(out / "sprites")) == 6
    gif = Image.open(out / "trajectory.gif")
    assert gif.n_frames == 4  # one frame per denoising step
    sheet = Image.open(out / "sheet.png")
    assert sheet.size == (3 * 16, 2 * 16)  # native pixels, one row per label
    compare = Image.open(out / "compare.png")
    assert compare.size == (4 * (6 * 17 + 1), 4 * (2 * 17 + 1))  # one row per model, its 6 sprites in it


def test_sample_command_blend_and_errors(conditional_export, tmp_path):
    base = ["--model", conditional_export.output_dir, "--output_dir", str(tmp_path), "--num_images", "2",
            "--num_inference_steps", "2"]
    sample_command(parse_config(SampleConfig, base + ["--blend", "food=0.6", "spell=0.4"]))
    assert len(os.listdir(tmp_path / "sprites")) == 2
    with pytest.raises(SpriteError, match="known labels: hero, non-hero"):
        sample_command(parse_config(SampleConfig, base + ["--labels", "dragon"]))
    with pytest.raises(SpriteError, match="name=weight"):
        sample_command(parse_config(SampleConfig, base + ["--blend", "food:0.6"]))
    with pytest.raises(SpriteError, match="guidance_scale must be 0 or more"):
        parse_config(SampleConfig, base + ["--guidance_scale", "-1"])


def test_solver_settings():
    config = build_scheduler().config
    for name in ("dpmsolver++", "sde-dpmsolver++", "unipc"):
        scheduler = make_scheduler(name, config)
        scheduler.set_timesteps(20)
        # Starts from t=999, where the pure-noise start really lies, and clips its clean-sprite estimates.
        assert int(scheduler.timesteps[0]) == 999 and scheduler.config.thresholding
    assert make_scheduler("sde-dpmsolver++", config).config.algorithm_type == "sde-dpmsolver++"
    assert make_scheduler("dpmsolver++", config).config.algorithm_type == "dpmsolver++"


REMOTE_CODE_RGBA = NO_TOOLKIT + textwrap.dedent("""
    import numpy as np, torch
    from diffusers import DiffusionPipeline
    pipe = DiffusionPipeline.from_pretrained(sys.argv[1], trust_remote_code=True)
    images = pipe(class_labels=["food", "spell"], num_inference_steps=3, generator=torch.manual_seed(0)).images
    palette = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in pipe.config.palette}
    for image in images:
        x = np.asarray(image)
        assert image.mode == "RGBA" and set(np.unique(x[..., 3])) <= {0, 255}
        assert {tuple(p) for p in x[..., :3][x[..., 3] == 255]} <= palette
        assert len({tuple(p) for p in x[..., :3][x[..., 3] == 255]}) <= pipe.config.max_colors
    raw = pipe(class_labels=["food"], num_inference_steps=3, generator=torch.manual_seed(0), snap_to_palette=False)
    raw = np.asarray(raw.images[0])
    assert len({tuple(p) for p in raw[..., :3][raw[..., 3] == 255]} - palette) > 0
    print("OK", len(palette))
""")


def test_rgba_conditional_export_applies_its_palette_without_the_toolkit(tiny_conditional_export, tmp_path):
    cfg = tiny_conditional_export  # the embedded sprites: RGBA, five classes
    script = tmp_path / "load.py"
    script.write_text(REMOTE_CODE_RGBA)
    result = subprocess.run([sys.executable, str(script), os.path.abspath(cfg.output_dir)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("OK ")
