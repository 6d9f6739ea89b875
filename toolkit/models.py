"""Loading a model to sample or fine-tune: an export folder, a Hub id, a training checkpoint or a LoRA adapter.

`load_model` gives the UNet, the training scheduler's config and the class names; `load_format` the sprite format
(colour mode, alpha rule, palette, colours per sprite) stored beside it. Sampling, fine-tuning, export and the demo
all load through here.
"""

import os

from diffusers import DDPMScheduler, DiffusionPipeline, UNet2DModel
from huggingface_hub import hf_hub_download
from huggingface_hub.errors import EntryNotFoundError

from .checkpoints import is_checkpoint, load_checkpoint_for_export, read_state
from .errors import SpriteError
from .lora import adapter_base, apply_adapter, is_adapter
from .palette import FORMAT_FILE, read_format


def load_model(model):
    """(unet, scheduler config, id2label) from an export folder, Hub id, checkpoint folder or LoRA adapter folder."""
    if is_adapter(model):
        # A LoRA adapter: its base pipeline, with the adapter merged in.
        unet, scheduler_config, id2label = load_model(adapter_base(model))
        return apply_adapter(unet, model), scheduler_config, id2label
    if is_checkpoint(model):
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
    if is_adapter(model):
        return read_format(model) or load_format(adapter_base(model))
    if is_checkpoint(model):
        return read_state(model).get("sprite_format")
    if os.path.isdir(model):
        return read_format(model)
    try:
        path = hf_hub_download(model, FORMAT_FILE)
    except EntryNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise SpriteError(f"Could not read {FORMAT_FILE} of {model} ({type(err).__name__}); check the id.") from None
    return read_format(os.path.dirname(path))
