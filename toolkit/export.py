"""Export in Hub format: a folder that plain diffusers loads with `DDPMPipeline` / `DDIMPipeline.from_pretrained`.

The folder holds `model_index.json`, `unet/` (safetensors), `scheduler/`, a model card `README.md` and pictures;
never checkpoints, optimizer state or logs. It is written next to the target and swapped in by renames, so an
interrupted export leaves the previous one intact.
"""

import json
import os
import shutil

import yaml
from diffusers import DDPMPipeline
from huggingface_hub import ModelCard, ModelCardData

from . import pipeline_sprite
from .errors import SpriteError
from .lora import save_adapter
from .palette import FORMAT_FILE, SWATCH_FILE, write_format
from .samplers import SAMPLERS

MODEL_CARD_TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates", "model_card.md.tmpl")
SAMPLE_GRID = "samples.png"
LOSS_CURVE = "loss_curve.png"
# What marks a folder as one of our exports: a pipeline, or a LoRA adapter.
EXPORT_MARKERS = ("model_index.json", "adapter_config.json")


def check_output_dir(output_dir):
    """Refuse to train into a folder we would have to overwrite that is not an earlier export."""
    if os.path.isdir(output_dir) and os.listdir(output_dir) and not any(
            os.path.isfile(os.path.join(output_dir, marker)) for marker in EXPORT_MARKERS):
        raise SpriteError(f"--output_dir {output_dir} already exists and is not an exported pipeline; "
                          f"choose a new or empty --output_dir so nothing of yours is overwritten.")


def replace_folder(target, write, what, flag):
    """Call `write(tmp_folder)`, then swap the result in for `target` by renames; returns `target`.

    An interruption or a full disk leaves the previous folder as it was and no half-written folder behind. `what`
    and `flag` name the folder and its option in the error ("the export", "--output_dir").
    """
    target = target.rstrip("/\\")
    tmp, old = target + ".tmp-swap", target + ".old-swap"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        write(tmp)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SpriteError(f"Could not write {what} to {target} ({err}); free disk space or pick another "
                          f"{flag}.") from None
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(target):
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def write_atomically(output_dir, write):
    """`replace_folder` for an export: refuses an `output_dir` that holds something other than an earlier export."""
    check_output_dir(output_dir)
    return replace_folder(output_dir, write, "the export", "--output_dir")


def export_pipeline(unet, scheduler, output_dir, card=None, sample_grid=None, loss_curve=None, id2label=None,
                    sprite_format=None):
    """Write `unet` + `scheduler` as a pipeline folder with a model card; returns `output_dir`.

    Unconditional UNets become a plain DDPMPipeline folder. Class-conditional ones become a
    SpriteConditionalPipeline folder that carries the pipeline's code, so plain diffusers loads it with
    `DiffusionPipeline.from_pretrained(folder, trust_remote_code=True)`; its config also carries the palette and alpha
    rule of `sprite_format`, which it applies itself. Both get `sprite_format.json` and a `palette.png` swatch.
    """
    conditional = unet.config.num_class_embeds is not None

    def write(tmp):
        if conditional:
            finish = {"palette": sprite_format["palette"], "binary_alpha": sprite_format["alpha"] != "smooth",
                      "max_colors": sprite_format.get("colors_per_sprite")} if sprite_format else {}
            pipe = pipeline_sprite.SpriteConditionalPipeline(unet=unet, scheduler=scheduler, id2label=id2label,
                                                             **finish)
            pipe.save_pretrained(tmp, safe_serialization=True)
            _point_index_at_own_code(tmp)
        else:
            DDPMPipeline(unet=unet, scheduler=scheduler).save_pretrained(tmp, safe_serialization=True)
        write_format(tmp, sprite_format)
        _write_extras(tmp, dict(card or {}, id2label=id2label if conditional else None, sprite_format=sprite_format),
                      sample_grid, loss_curve)

    return write_atomically(output_dir, write)


def export_adapter(peft_model, output_dir, base_model, card=None, sample_grid=None, loss_curve=None,
                   sprite_format=None):
    """Write a LoRA adapter folder (peft format, safetensors) with a model card naming its base pipeline."""
    def write(tmp):
        save_adapter(peft_model, tmp, base_model)
        write_format(tmp, sprite_format)
        trainable = sum(p.numel() for p in peft_model.parameters() if p.requires_grad)
        total = sum(p.numel() for p in peft_model.get_base_model().parameters()) - trainable
        size = os.path.getsize(os.path.join(tmp, "adapter_model.safetensors"))
        _write_extras(tmp, dict(card or {}, base_model=base_model,
                                adapter_size=f"{size / 1024:.0f} KiB, {trainable:,} parameters "
                                             f"({100 * trainable / total:.1f}% of the base UNet's {total:,})"),
                      sample_grid, loss_curve)

    return write_atomically(output_dir, write)


def _write_extras(folder, card, sample_grid, loss_curve):
    if sample_grid is not None:
        sample_grid.save(os.path.join(folder, SAMPLE_GRID))
    if loss_curve is not None:
        shutil.copyfile(loss_curve, os.path.join(folder, LOSS_CURVE))
    with open(os.path.join(folder, "README.md"), "w", encoding="utf-8") as f:
        f.write(model_card(card, has_grid=sample_grid is not None, has_curve=loss_curve is not None))


def _point_index_at_own_code(folder):
    # diffusers loads `<file>.py` from the folder when model_index.json names [file, class].
    module = os.path.splitext(os.path.basename(pipeline_sprite.__file__))[0]
    shutil.copyfile(pipeline_sprite.__file__, os.path.join(folder, module + ".py"))
    index_path = os.path.join(folder, "model_index.json")
    with open(index_path) as f:
        index = json.load(f)
    index["_class_name"] = [module, pipeline_sprite.SpriteConditionalPipeline.__name__]
    with open(index_path, "w") as f:
        json.dump(index, f, indent=2)


# What a plain diffusers user runs to finish sprites as the toolkit does (tested by running it from a card).
SNAP_SNIPPET = """import json
import numpy as np
from PIL import Image

fmt = json.load(open("sprite_format.json"))  # in this folder (hf_hub_download(repo_id, "sprite_format.json"))
palette = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in fmt["palette"]], dtype=float)

def finish(sprite):
    x = np.asarray(sprite, dtype=float)
    rgb, alpha = x[..., :3], (x[..., 3:] if x.shape[-1] == 4 else np.full(x.shape[:2] + (1,), 255.0)) / 255
    rgb = np.clip(rgb / np.maximum(alpha, 1e-3), 0, 255)  # RGBA models store colour premultiplied by alpha
    rgb = palette[((rgb[..., None, :] - palette) ** 2).sum(-1).argmin(-1)]  # nearest palette colour
    opaque = alpha >= 0.5 if fmt["alpha"] == "binary" else alpha > 0
    out = np.concatenate([rgb * opaque, 255 * (opaque if fmt["alpha"] == "binary" else alpha)], axis=-1)
    return Image.fromarray(out.round().astype(np.uint8)[..., :x.shape[-1]])

sprites = [finish(s) for s in sprites]"""


def model_card(card, has_grid=False, has_curve=False):
    """The export's README.md from `templates/model_card.md.tmpl`: Hub metadata, how to load it, samples, the
    palette and the training setup."""
    base = card.get("base_model")
    id2label = card.get("id2label")
    kind = "adapter" if base is not None else "conditional" if id2label else "unconditional"
    tags = ["pytorch", "diffusers", "unconditional-image-generation", "ddpm", "pixel-art", "sprites",
            "sprite-diffusion-toolkit"] + (["lora"] if kind == "adapter" else [])
    data = ModelCardData(library_name="peft" if kind == "adapter" else "diffusers",
                         pipeline_tag="unconditional-image-generation", tags=tags, license=card.get("license"),
                         datasets=[card["hub_dataset"]] if card.get("hub_dataset") else None,
                         base_model=base if base and not os.path.isdir(base) else None)
    labels = [id2label[str(i)] for i in range(len(id2label))] if id2label else []
    config = card.get("config", {})
    text = ModelCard.from_template(
        data, template_path=MODEL_CARD_TEMPLATE, kind=kind, title=card.get("title", "Sprite diffusion model"),
        dataset=card.get("dataset", "sprites"), resolution=config.get("resolution", "?"),
        grid_file=SAMPLE_GRID if has_grid else None, preview_sampler=card.get("preview_sampler", "ddpm"),
        preview_steps=card.get("preview_steps", 100), ddpm_steps=SAMPLERS["ddpm"].default_steps,
        base=base, adapter_size=card.get("adapter_size", ""),
        repo=card.get("repo_id", "path/to/this/folder"), labels=labels,
        blend=([0.6, 0.4] + [0] * (len(labels) - 2)) if len(labels) > 1 else [1.0],
        fmt=card.get("sprite_format"), format_file=FORMAT_FILE, swatch_file=SWATCH_FILE, snap_snippet=SNAP_SNIPPET,
        facts=[(key.replace("_", " "), card[key]) for key in ("num_sprites", "labels", "steps", "wall_clock")
               if key in card],
        curve_file=LOSS_CURVE if has_curve else None,
        config=yaml.safe_dump(config, sort_keys=False).strip() if config else None).content
    return text.rstrip("\n") + "\n"
