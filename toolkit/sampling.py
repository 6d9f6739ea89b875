"""Sampling sprites: the pipeline every sampler runs in, seeded generation, and single-sprite PNGs.

Every model, conditional or not, is sampled through `SpriteConditionalPipeline` (it handles unconditional UNets too),
so one denoising loop serves every sampler of `samplers.SAMPLERS`; diffusers' DDPMPipeline cannot drive UniPC, whose
`step` takes no generator.
"""

import os

import numpy as np
import torch
from PIL import Image

from .errors import SpriteError
from .models import load_format, load_model
from .palette import choose_color_budget, choose_palette, to_hex
from .pipeline_sprite import SpriteConditionalPipeline
from .samplers import make_scheduler
from .seeds import seeded_generator


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
