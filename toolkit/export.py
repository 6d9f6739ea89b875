"""Export in Hub format: a folder that plain diffusers loads with `DDPMPipeline` / `DDIMPipeline.from_pretrained`.

The folder holds `model_index.json`, `unet/` (safetensors), `scheduler/`, a model card `README.md` and pictures;
never checkpoints, optimizer state or logs. It is written next to the target and swapped in by renames, so an
interrupted export leaves the previous one intact.
"""

import os
import shutil

import yaml
from diffusers import DDPMPipeline

from .errors import SpriteError

SAMPLE_GRID = "samples.png"
LOSS_CURVE = "loss_curve.png"


def check_output_dir(output_dir):
    """Refuse to train into a folder we would have to overwrite that is not an earlier export."""
    if os.path.isdir(output_dir) and os.listdir(output_dir) and not os.path.isfile(
            os.path.join(output_dir, "model_index.json")):
        raise SpriteError(f"--output_dir {output_dir} already exists and is not an exported pipeline; "
                          f"choose a new or empty --output_dir so nothing of yours is overwritten.")


def export_pipeline(unet, scheduler, output_dir, card=None, sample_grid=None, loss_curve=None):
    """Write `unet` + `scheduler` as a DDPMPipeline folder with a model card; returns `output_dir`."""
    check_output_dir(output_dir)
    output_dir = output_dir.rstrip("/\\")
    tmp, old = output_dir + ".tmp-export", output_dir + ".old-export"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        DDPMPipeline(unet=unet, scheduler=scheduler).save_pretrained(tmp, safe_serialization=True)
        if sample_grid is not None:
            sample_grid.save(os.path.join(tmp, SAMPLE_GRID))
        if loss_curve is not None:
            shutil.copyfile(loss_curve, os.path.join(tmp, LOSS_CURVE))
        with open(os.path.join(tmp, "README.md"), "w", encoding="utf-8") as f:
            f.write(model_card(card or {}, has_grid=sample_grid is not None, has_curve=loss_curve is not None))
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SpriteError(f"Could not write the export to {output_dir} ({err}); free disk space or pick another "
                          f"--output_dir.") from None
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(output_dir):
        os.replace(output_dir, old)
    os.replace(tmp, output_dir)
    shutil.rmtree(old, ignore_errors=True)
    return output_dir


def model_card(card, has_grid=False, has_curve=False):
    """The export's README.md: Hub metadata, how to load it, samples and the training setup."""
    meta = {
        "library_name": "diffusers",
        "pipeline_tag": "unconditional-image-generation",
        "tags": ["pytorch", "diffusers", "unconditional-image-generation", "ddpm", "pixel-art", "sprites",
                 "sprite-diffusion-toolkit"],
    }
    if card.get("license"):
        meta["license"] = card["license"]
    if card.get("hub_dataset"):
        meta["datasets"] = [card["hub_dataset"]]
    config = card.get("config", {})
    repo = card.get("repo_id", "path/to/this/folder")
    lines = [
        "---", yaml.safe_dump(meta, sort_keys=False).strip(), "---", "",
        f"# {card.get('title', 'Sprite diffusion model')}", "",
        f"A DDPM trained on {card.get('dataset', 'sprites')} with the sprite diffusion toolkit "
        f"({config.get('resolution', '?')}x{config.get('resolution', '?')} px).", "",
    ]
    if has_grid:
        lines += [f"![samples]({SAMPLE_GRID})", "", "Samples from the exported (EMA) weights, DDIM "
                  f"{card.get('preview_steps', 50)} steps, upscaled with NEAREST.", ""]
    lines += [
        "## Use", "",
        "```python",
        "from diffusers import DDIMPipeline, DDPMPipeline",
        "",
        f'pipe = DDIMPipeline.from_pretrained("{repo}")  # fast: 50 steps',
        "sprites = pipe(batch_size=16, num_inference_steps=50).images",
        f'pipe = DDPMPipeline.from_pretrained("{repo}")  # the full ancestral sampler',
        "sprites = pipe(batch_size=16).images",
        "```", "",
        "Sprites are tiny: upscale them with `Image.NEAREST` to look at them.", "",
        "## Training", "",
    ]
    for key in ("num_sprites", "labels", "steps", "wall_clock"):
        if key in card:
            lines.append(f"- {key.replace('_', ' ')}: {card[key]}")
    if has_curve:
        lines += ["", f"![loss curve]({LOSS_CURVE})"]
    if config:
        lines += ["", "Full configuration:", "", "```yaml", yaml.safe_dump(config, sort_keys=False).strip(), "```"]
    return "\n".join(lines) + "\n"
