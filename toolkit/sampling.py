"""Sampling sprites with plain diffusers pipelines, for previews during training and the `sample` command."""

import os

import numpy as np
import torch
from diffusers import DDIMPipeline, DDIMScheduler, DDPMPipeline, DDPMScheduler

from .errors import SpriteError
from .images import make_grid

SCHEDULERS = {"ddpm": (DDPMPipeline, DDPMScheduler), "ddim": (DDIMPipeline, DDIMScheduler)}


@torch.no_grad()
def generate(unet, scheduler_config, num_images=16, num_inference_steps=50, seed=0, scheduler="ddim",
             progress=False):
    """`num_images` sprites from `unet` as an (N, H, W, 3) uint8 array; the same seed gives the same sprites."""
    pipeline_cls, scheduler_cls = SCHEDULERS[scheduler]
    pipe = pipeline_cls(unet=unet, scheduler=scheduler_cls.from_config(scheduler_config))
    pipe.set_progress_bar_config(disable=not progress)
    # The noise is drawn on the CPU so a seed gives the same sprites on any device.
    generator = torch.Generator("cpu").manual_seed(seed)
    kwargs = {"num_inference_steps": num_inference_steps} if scheduler != "ddpm" else {}
    was_training = unet.training
    unet.eval()
    try:
        images = pipe(batch_size=num_images, generator=generator, output_type="np", **kwargs).images
    finally:
        unet.train(was_training)
    return (images * 255).round().clip(0, 255).astype(np.uint8)


def load_pipeline(model):
    """A DDPMPipeline from an export folder or Hub id, with a clear error when it is not one."""
    if os.path.isdir(model) and not os.path.isfile(os.path.join(model, "model_index.json")):
        raise SpriteError(f"{model} is not an exported pipeline (no model_index.json); pass the --output_dir of a "
                          f"training run or a folder written by `sprite-diffusion export`.")
    if not os.path.exists(model) and model.count("/") != 1:
        raise SpriteError(f"{model} is neither a folder nor a Hub id of the form owner/name; check the path.")
    try:
        return DDPMPipeline.from_pretrained(model)
    except (OSError, ValueError) as err:
        raise SpriteError(f"Could not load a pipeline from {model} ({type(err).__name__}: {err}).") from None


def sample_command(cfg):
    """Sample `cfg.num_images` sprites from an export: a grid PNG plus one PNG per sprite in `cfg.output_dir`."""
    pipe = load_pipeline(cfg.model)
    images = generate(pipe.unet, pipe.scheduler.config, cfg.num_images, cfg.num_inference_steps, cfg.seed,
                      cfg.scheduler, progress=True)
    os.makedirs(os.path.join(cfg.output_dir, "sprites"), exist_ok=True)
    grid_path = os.path.join(cfg.output_dir, "grid.png")
    make_grid(images, upscale=cfg.upscale).save(grid_path)
    from PIL import Image

    for i, arr in enumerate(images):
        Image.fromarray(arr).save(os.path.join(cfg.output_dir, "sprites", f"{i:04d}.png"))
    print(f"Wrote {grid_path} and {len(images)} sprites in {os.path.join(cfg.output_dir, 'sprites')}")
    return grid_path
