"""What each `sprite-diffusion` command does, over the library: `cli.py` parses the options and calls these, and the
recipes call the same functions. (`train` is `training.train` itself.)
"""

import json
import os

import numpy as np
from diffusers import DDPMScheduler

from .checkpoints import load_checkpoint_for_export, resolve_resume
from .demo_app import import_gradio, start
from .errors import SpriteError
from .evaluation import evaluate, format_table
from .export import export_pipeline
from .hub import check_can_push, push_folder
from .images import make_grid, to_uint8
from .models import load_format, load_model
from .publish_dataset import (load_source, preview_sheet, push_dataset, report_text, sprite_stats, with_png_images,
                              write_file_atomically, write_saved_dataset)
from .samplers import default_steps
from .sampling import generate, pipeline_for, save_sprites
from .space import write_space
from .training import train


def train_command(cfg):
    """`sprite-diffusion train`: train and export in this process (`accelerate launch` the recipe for several)."""
    return train(cfg)


# --- sampling ------------------------------------------------------------------------------------------------------


def sample_command(cfg):
    """Sample from an export as `cfg` says; writes grid.png, sheet.png, sprites/*.png and optionally a GIF."""
    pipe, _ = pipeline_for(cfg.model, cfg.scheduler, cfg.palette, cfg.max_colors_per_sprite)
    steps = cfg.num_inference_steps or default_steps(cfg.scheduler)
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
        steps = cfg.num_inference_steps or default_steps(cfg.scheduler)
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


# --- export, evaluation, publishing --------------------------------------------------------------------------------


def export_command(cfg):
    """Export a checkpoint's EMA weights (its last step's without EMA), or a LoRA adapter merged into its base, as a
    plain pipeline folder."""
    if cfg.merge_lora:
        unet, scheduler_config, id2label = load_model(cfg.adapter)
        export_pipeline(unet, DDPMScheduler.from_config(scheduler_config), cfg.output_dir,
                        {"title": f"{cfg.adapter} merged into its base"}, id2label=id2label,
                        sprite_format=load_format(cfg.adapter))
        print(f"Merged {cfg.adapter} into its base and exported {cfg.output_dir}")
        return
    path = resolve_resume(cfg.run_dir, cfg.checkpoint)
    if path is None:
        raise SpriteError(f"No complete checkpoint in {cfg.run_dir}; pass --run_dir or --checkpoint PATH.")
    unet, scheduler, id2label = load_checkpoint_for_export(path)
    export_pipeline(unet, scheduler, cfg.output_dir, {"title": f"Exported from {path}"}, id2label=id2label,
                    sprite_format=load_format(path))
    print(f"Exported {path} to {cfg.output_dir}")


def eval_command(cfg):
    """`sprite-diffusion eval`: evaluate as `cfg` says, print a table and write the results as JSON."""
    results = evaluate(cfg.model, cfg.dataset_name, cfg.train_data_dir, cfg.resolution, cfg.background,
                       cfg.num_samples, cfg.seed, cfg.scheduler, cfg.num_inference_steps, cfg.guidance_scale,
                       palette=cfg.palette, max_colors_per_sprite=cfg.max_colors_per_sprite)
    folder = os.path.dirname(os.path.abspath(cfg.output))
    try:
        os.makedirs(folder, exist_ok=True)
        tmp = cfg.output + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
        os.replace(tmp, cfg.output)
    except OSError as err:
        raise SpriteError(f"Could not write {cfg.output} ({err}); pick another --output.") from None
    print(format_table(results))
    print(f"Wrote {cfg.output}")
    return results


def push_command(cfg):
    """`sprite-diffusion push`: upload an exported folder as described by a PushConfig."""
    url = push_folder(cfg.folder, cfg.hub_model_id, token=cfg.hub_token, private=cfg.hub_private_repo,
                      revision=cfg.hub_revision, endpoint=cfg.hub_endpoint, commit_message=cfg.commit_message,
                      repo_type=cfg.repo_type)
    print(f"Pushed {cfg.folder} to {url}")
    return url


def dataset_command(cfg):
    """Build, report, preview and publish the dataset described by a DatasetConfig."""
    if cfg.push_to_hub:
        check_can_push(cfg.hub_token)  # no token, or offline: say so before any work is done or written
    ds, sheet_report = load_source(cfg)
    ds = with_png_images(ds, cfg.train_data_dir)
    stats = sprite_stats(ds, sheet_report)
    print(report_text(stats))
    preview = preview_sheet(ds, cfg.preview_per_class)
    write_file_atomically(cfg.preview, preview.save)
    print(f"Preview: {cfg.preview} (up to {cfg.preview_per_class} sprites of each class, a class a row: "
          f"{', '.join(stats.class_names)})")
    if cfg.save_to_disk:
        write_saved_dataset(ds, stats, preview, cfg)
        print(f"Saved {stats.sprites} sprites to {cfg.save_to_disk}; train on them with --dataset_name "
              f"{cfg.save_to_disk}")
    if cfg.push_to_hub:
        url = push_dataset(ds, stats, preview, cfg)
        print(f"Pushed {stats.sprites} sprites to {url}; train on them with --dataset_name {cfg.push_to_hub}")
    return ds


# --- the browser demo and its Space --------------------------------------------------------------------------------


def demo_command(cfg):
    """`sprite-diffusion demo`: serve the app until Ctrl-C."""
    import_gradio()  # before loading the model: a missing gradio is the first thing to say
    blocks, url = start(cfg)
    print(f"Sprite demo for {cfg.model} at {url} (Ctrl-C stops it)", flush=True)
    try:
        blocks.block_thread()
    finally:
        blocks.close()


def space_command(cfg):
    """`sprite-diffusion space`: write the Space folder a SpaceConfig describes."""
    folder = write_space(cfg.model, cfg.output_dir, cfg.title, cfg.toolkit_requirement)
    how = "with a copy of the toolkit" if not cfg.toolkit_requirement else "installing the toolkit from requirements"
    print(f"Wrote the Space for {cfg.model} to {folder} ({how}); upload it with `sprite-diffusion push --folder "
          f"{folder} --hub_model_id OWNER/NAME --repo_type space`.")
    return folder
