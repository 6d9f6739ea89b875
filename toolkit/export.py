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

from . import pipeline_sprite
from .errors import SpriteError
from .lora import save_adapter
from .palette import FORMAT_FILE, SWATCH_FILE, write_format

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


def palette_section(sprite_format, conditional):
    """Card lines on the colour mode, alpha and palette, with the snapping recipe for plain diffusers."""
    if not sprite_format:
        return []
    rgba = sprite_format["color_mode"] == "rgba"
    lines = ["## Transparency and palette", "",
             ("RGBA sprites: the pipeline returns 4-channel images, colour premultiplied by alpha (a clear pixel is "
              "(0, 0, 0, 0)). " if rgba else "RGB sprites. ")
             + f"The training sprites' palette ({len(sprite_format['palette'])} colours, `{FORMAT_FILE}`):", "",
             f"![palette]({SWATCH_FILE})", ""]
    budget = sprite_format.get("colors_per_sprite")
    budget_text = (f", keeping at most {budget} colours in each sprite (as many as a training sprite uses on "
                   f"average)") if budget else ""
    if conditional:
        lines += ["This pipeline snaps every opaque pixel to that palette" + budget_text
                  + (" and alpha to fully opaque or fully clear" if rgba and sprite_format["alpha"] == "binary" else "")
                  + " itself; pass `snap_to_palette=False` for the raw colours.", ""]
    else:
        lines += ["`sprite-diffusion sample` snaps every opaque pixel to it" + budget_text
                  + (" and alpha to fully opaque or fully clear" if rgba and sprite_format["alpha"] == "binary"
                     else "") + ". In plain diffusers, after `sprites = pipe(...).images`, this snaps to the palette "
                  "(without the per-sprite budget):", "",
                  "```python", SNAP_SNIPPET, "```", ""]
    return lines


def model_card(card, has_grid=False, has_curve=False):
    """The export's README.md: Hub metadata, how to load it, samples and the training setup."""
    meta = {
        "library_name": "diffusers",
        "pipeline_tag": "unconditional-image-generation",
        "tags": ["pytorch", "diffusers", "unconditional-image-generation", "ddpm", "pixel-art", "sprites",
                 "sprite-diffusion-toolkit"],
    }
    base = card.get("base_model")
    if base is not None:
        meta.update(library_name="peft", tags=meta["tags"] + ["lora"])
        if base and not os.path.isdir(base):
            meta["base_model"] = base
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
        lines += [f"![samples]({SAMPLE_GRID})", "", f"Samples from the exported (EMA) weights, "
                  f"{card.get('preview_sampler', 'ddpm')} {card.get('preview_steps', 100)} steps, upscaled with "
                  f"NEAREST.", ""]
    id2label = card.get("id2label")
    if base is not None:
        lines += [
            "## Use", "",
            f"A LoRA adapter for `{base}` ({card.get('adapter_size', '')}). Load it onto its base pipeline:", "",
            "```python",
            "from diffusers import DiffusionPipeline",
            "from peft import PeftModel",
            "",
            f'pipe = DiffusionPipeline.from_pretrained("{base}", trust_remote_code=True)',
            f'pipe.unet = PeftModel.from_pretrained(pipe.unet, "{repo}").merge_and_unload()',
            "```", "",
            "or write a merged, plain pipeline: `sprite-diffusion export --adapter THIS_FOLDER --merge_lora "
            "--output_dir merged`.", "",
        ]
    elif id2label:
        names = [id2label[str(i)] for i in range(len(id2label))]
        blend = [0.6, 0.4] + [0] * (len(names) - 2) if len(names) > 1 else [1.0]
        lines += [
            "## Use", "",
            "A class-conditional model: its pipeline's code is in this folder (`pipeline_sprite.py`, torch + diffusers "
            "only), hence `trust_remote_code=True`.", "",
            "```python",
            "from diffusers import DiffusionPipeline, DPMSolverMultistepScheduler",
            "",
            f'pipe = DiffusionPipeline.from_pretrained("{repo}", trust_remote_code=True)',
            f'sprites = pipe(class_labels=["{names[0]}"] * 8, guidance_scale=2.0, num_inference_steps=50).images',
            f"sprites = pipe(context=[{blend}] * 8).images  # a blend: one weight per label, in id order",
            "pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config,",
            '                                                         algorithm_type="sde-dpmsolver++")',
            f'sprites = pipe(class_labels=["{names[0]}"] * 8, num_inference_steps=20).images  # fast',
            "```", "",
            "| id | label |", "|---|---|",
        ] + [f"| {i} | {name} |" for i, name in enumerate(names)] + [""]
    else:
        lines += [
            "## Use", "",
            "```python",
            "from diffusers import DDIMPipeline, DDPMPipeline, DPMSolverMultistepScheduler",
            "",
            f'pipe = DDPMPipeline.from_pretrained("{repo}")',
            "sprites = pipe(batch_size=16, num_inference_steps=100).images  # ancestral sampling, 100 strided steps",
            "# fast: stochastic DPM-Solver++; the stored config has it start at the last step and clip its estimates",
            'pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config, '
            'algorithm_type="sde-dpmsolver++")',
            "sprites = pipe(batch_size=16, num_inference_steps=20).images",
            f'pipe = DDIMPipeline.from_pretrained("{repo}")  # deterministic: a seed always gives the same sprites',
            "sprites = pipe(batch_size=16, num_inference_steps=50).images",
            "```", "",
        ]
    lines += ["Sprites are tiny: upscale them with `Image.NEAREST` to look at them.", ""]
    lines += palette_section(card.get("sprite_format"), conditional=bool(id2label))
    lines += ["## Training", ""]
    for key in ("num_sprites", "labels", "steps", "wall_clock"):
        if key in card:
            lines.append(f"- {key.replace('_', ' ')}: {card[key]}")
    if has_curve:
        lines += ["", f"![loss curve]({LOSS_CURVE})"]
    if config:
        lines += ["", "Full configuration:", "", "```yaml", yaml.safe_dump(config, sort_keys=False).strip(), "```"]
    return "\n".join(lines) + "\n"
