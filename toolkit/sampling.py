"""Sampling sprites: previews during training and the `sample` command (grids, single sprites, sheets, GIFs).

Every model, conditional or not, is sampled through `SpriteConditionalPipeline` (it handles unconditional UNets too),
so one denoising loop serves all four schedulers; diffusers' DDPMPipeline cannot drive UniPC, whose `step` takes no
generator.
"""

import json
import os

import numpy as np
import torch
from diffusers import (DDIMScheduler, DDPMScheduler, DiffusionPipeline, DPMSolverMultistepScheduler,
                       UNet2DModel, UniPCMultistepScheduler)
from huggingface_hub import hf_hub_download
from huggingface_hub.errors import EntryNotFoundError
from PIL import Image

from .errors import SpriteError
from .images import make_grid, to_uint8
from .palette import FORMAT_FILE, choose_color_budget, choose_palette, read_format, to_hex
from .pipeline_sprite import SpriteConditionalPipeline
from .presets import SAMPLER_SETTINGS
from .seeds import seeded_generator

SCHEDULERS = {"ddpm": DDPMScheduler, "ddim": DDIMScheduler, "dpmsolver++": DPMSolverMultistepScheduler,
              "sde-dpmsolver++": DPMSolverMultistepScheduler, "unipc": UniPCMultistepScheduler}
# Steps for good sprites. The stochastic DDPM sampler with 100 strided steps matches its full 1000-step walk and, on
# short CPU runs, beats the deterministic samplers, which oversaturate an undertrained model (see BENCHMARKS.md).
DEFAULT_STEPS = {"ddpm": 100, "ddim": 50, "dpmsolver++": 20, "sde-dpmsolver++": 20, "unipc": 10}


def make_scheduler(name, config):
    """A scheduler of kind `name` built with `from_config` from the training scheduler's config."""
    # The multistep solvers always get the sampler settings, also for exports made before the scheduler config
    # carried them and for models from elsewhere: with diffusers' defaults they start at t~940 from pure noise and
    # extrapolate unclipped estimates (DPM-Solver++-20 FSD 33.9 -> 12.8, UniPC-10 52.9 -> 12.1; BENCHMARKS.md).
    extra = {}
    if name in ("dpmsolver++", "sde-dpmsolver++"):
        extra = {"algorithm_type": name, **SAMPLER_SETTINGS}
    elif name == "unipc":
        extra = dict(SAMPLER_SETTINGS)
    return SCHEDULERS[name].from_config(config, **extra)


def build_pipeline(unet, scheduler_config, scheduler="ddim", id2label=None, palette=None, binary_alpha=True,
                   max_colors=None):
    """A SpriteConditionalPipeline around `unet` with the named scheduler, snapping samples to `palette` (K, 3) with
    at most `max_colors` colours per sprite."""
    pipe = SpriteConditionalPipeline(unet=unet, scheduler=make_scheduler(scheduler, scheduler_config),
                                     id2label=id2label, palette=None if palette is None else to_hex(palette),
                                     binary_alpha=binary_alpha, max_colors=max_colors)
    pipe.set_progress_bar_config(disable=True)
    return pipe


@torch.no_grad()
def generate(pipe, num_images=16, num_inference_steps=None, seed=0, class_labels=None, context=None,
             guidance_scale=2.0, callback=None):
    """Sprites as an (N, H, W, C) uint8 array (C: 3, or 4 for RGBA); the same seed gives the same sprites anywhere."""
    steps = num_inference_steps or pipe.scheduler.config.num_train_timesteps
    generator = seeded_generator(seed)
    was_training = pipe.unet.training
    pipe.unet.eval()
    try:
        kwargs = {"batch_size": num_images} if class_labels is None and context is None else {}
        images = pipe(class_labels=class_labels, context=context, guidance_scale=guidance_scale,
                      num_inference_steps=steps, generator=generator, output_type="np", callback=callback,
                      **kwargs).images
    except ValueError as err:  # the pipeline's messages already name the problem and the fix
        raise SpriteError(str(err)) from None
    finally:
        pipe.unet.train(was_training)
    return (images * 255).round().clip(0, 255).astype(np.uint8)


def class_rows(id2label, per_row):
    """Labels for a grid with one row per class."""
    return [int(i) for i in sorted(id2label, key=int) for _ in range(per_row)]


def load_model(model):
    """(unet, scheduler config, id2label) from an export folder, Hub id, checkpoint folder or LoRA adapter folder."""
    from .checkpoints import TRAINER_STATE, load_checkpoint_for_export
    from .lora import adapter_base, apply_adapter, is_adapter

    if is_adapter(model):
        # A LoRA adapter: its base pipeline, with the adapter merged in.
        unet, scheduler_config, id2label = load_model(adapter_base(model))
        return apply_adapter(unet, model), scheduler_config, id2label
    if os.path.isfile(os.path.join(model, TRAINER_STATE)):
        unet, scheduler, id2label = load_checkpoint_for_export(model)
        return unet, scheduler.config, id2label
    if os.path.isdir(model) and not os.path.isfile(os.path.join(model, "model_index.json")):
        raise SpriteError(f"{model} is not an exported pipeline (no model_index.json) nor a checkpoint folder; pass "
                          f"the --output_dir of a training run or a checkpoint-<step> folder.")
    if not os.path.exists(model) and model.count("/") != 1:
        raise SpriteError(f"{model} is neither a folder nor a Hub id of the form owner/name; check the path.")
    try:
        index = DiffusionPipeline.load_config(model)
        unet = UNet2DModel.from_pretrained(model, subfolder="unet")
        scheduler_config = DDPMScheduler.load_config(model, subfolder="scheduler")
    except (OSError, ValueError) as err:
        raise SpriteError(f"Could not load a pipeline from {model} ({type(err).__name__}); check the path or id."
                          ) from None
    return unet, scheduler_config, index.get("id2label")


def load_format(model):
    """The sprite format (`sprite_format.json`: colour mode, alpha rule, palette) of a model, or None if it has none.

    `model` is anything `load_model` takes. Exports made before formats existed have none: they sample as before.
    """
    from .checkpoints import TRAINER_STATE
    from .lora import adapter_base, is_adapter

    if is_adapter(model):
        return read_format(model) or load_format(adapter_base(model))
    if os.path.isfile(os.path.join(model, TRAINER_STATE)):
        with open(os.path.join(model, TRAINER_STATE)) as f:
            return json.load(f).get("sprite_format")
    if os.path.isdir(model):
        return read_format(model)
    try:
        path = hf_hub_download(model, FORMAT_FILE)
    except EntryNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise SpriteError(f"Could not read {FORMAT_FILE} of {model} ({type(err).__name__}); check the id.") from None
    return read_format(os.path.dirname(path))


def pipeline_for(model, scheduler, palette_choice=None, budget_choice=None):
    """(pipeline, format) for sampling `model` with `scheduler`, snapping to the palette `palette_choice` names
    within the per-sprite colour budget `budget_choice` names (`--palette`, `--max_colors_per_sprite`)."""
    unet, scheduler_config, id2label = load_model(model)
    fmt = load_format(model)
    palette = choose_palette(palette_choice, fmt, model)
    max_colors = choose_color_budget(budget_choice, fmt, palette)
    binary_alpha = not fmt or fmt.get("alpha") != "smooth"
    return build_pipeline(unet, scheduler_config, scheduler, id2label, palette, binary_alpha, max_colors), fmt


def save_sprites(images, folder):
    """Each sprite of an (N, H, W, C) uint8 array as folder/NNNN.png (RGBA where C is 4)."""
    os.makedirs(folder, exist_ok=True)
    for i, arr in enumerate(images):
        Image.fromarray(arr).save(os.path.join(folder, f"{i:04d}.png"))


def sample_command(cfg):
    """Sample from an export as `cfg` says; writes grid.png, sheet.png, sprites/*.png and optionally a GIF."""
    pipe, _ = pipeline_for(cfg.model, cfg.scheduler, cfg.palette, cfg.max_colors_per_sprite)
    steps = cfg.num_inference_steps or DEFAULT_STEPS[cfg.scheduler]
    labels, context, ncols = _conditions(cfg, pipe)
    frames = []

    def record(step, timestep, sample):
        frames.append(make_grid(to_uint8(sample), ncols=ncols, upscale=cfg.upscale))

    images = generate(pipe, cfg.num_images, steps, cfg.seed, labels, context, cfg.guidance_scale,
                      callback=record if cfg.gif else None)
    save_sprites(images, os.path.join(cfg.output_dir, "sprites"))
    grid_path = os.path.join(cfg.output_dir, "grid.png")
    make_grid(images, ncols=ncols, upscale=cfg.upscale).save(grid_path)
    make_grid(images, ncols=ncols, upscale=1, padding=0).save(os.path.join(cfg.output_dir, "sheet.png"))
    written = [grid_path, os.path.join(cfg.output_dir, "sheet.png"), f"{len(images)} sprites in sprites/"]
    if cfg.gif:
        gif_path = os.path.join(cfg.output_dir, "trajectory.gif")
        frames[0].save(gif_path, save_all=True, append_images=frames[1:], duration=80, loop=0)
        written.append(f"{gif_path} ({len(frames)} frames)")
    if cfg.compare:
        written.append(compare_sheet(cfg.compare, os.path.join(cfg.output_dir, "compare.png"), cfg, labels, context,
                                     ncols))
    print("Wrote " + ", ".join(written))
    return grid_path


def compare_sheet(models, path, cfg, labels=None, context=None, ncols=None):
    """One row per model (export or checkpoint folder), same seeds in every row: how training progressed."""
    rows = []
    for model in models:
        pipe, _ = pipeline_for(model, cfg.scheduler, cfg.palette, cfg.max_colors_per_sprite)
        steps = cfg.num_inference_steps or DEFAULT_STEPS[cfg.scheduler]
        rows.append(generate(pipe, cfg.num_images, steps, cfg.seed, labels, context, cfg.guidance_scale))
    n = min(len(r) for r in rows)
    make_grid(np.concatenate([r[:n] for r in rows]), ncols=n, upscale=cfg.upscale).save(path)
    return path


def _conditions(cfg, pipe):
    """(class_labels, context, grid columns) from the sample options, checked against the model."""
    if not pipe.conditional:
        if cfg.labels or cfg.blend:
            raise SpriteError(f"{cfg.model} is an unconditional model: it takes no --labels or --blend; drop them.")
        return None, None, None
    if cfg.labels and cfg.blend:
        raise SpriteError("Give --labels or --blend, not both.")
    names = pipe.labels
    if cfg.blend:
        weights = [0.0] * len(names)
        for item in cfg.blend:
            name, sep, value = item.partition("=")
            if not sep:
                raise SpriteError(f"--blend takes name=weight pairs like food=0.6, got {item!r}.")
            if name not in names:
                raise SpriteError(f"Unknown label {name!r} in --blend; known labels: {', '.join(names)}.")
            try:
                weights[names.index(name)] = float(value)
            except ValueError:
                raise SpriteError(f"--blend takes name=weight pairs like food=0.6, got {item!r}.") from None
        return None, [weights] * cfg.num_images, None
    chosen = cfg.labels or names
    for label in chosen:
        if label not in names and not (label.isdigit() and int(label) < len(names)):
            raise SpriteError(f"Unknown label {label!r}; known labels: {', '.join(names)}.")
    per_row = cfg.num_images
    return [label for label in chosen for _ in range(per_row)], None, per_row
