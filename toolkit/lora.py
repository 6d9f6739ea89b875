"""LoRA adapters for `UNet2DModel` through peft (diffusers has no adapter support for this class).

An adapter folder holds `adapter_model.safetensors` + `adapter_config.json` (peft's format, with the base pipeline in
`base_model_name_or_path`), a model card and a sample grid. It loads onto the base pipeline's UNet, and
`sprite-diffusion export --merge_lora` writes a merged, plain pipeline.
"""

import os

from .errors import SpriteError

# Attention projections, resnet convolutions and the time embedding; each is used where the UNet has it.
DEFAULT_TARGETS = ("to_q", "to_k", "to_v", "to_out.0", "conv1", "conv2", "time_emb_proj", "time_embedding.linear_1",
                   "time_embedding.linear_2")
ADAPTER_CONFIG = "adapter_config.json"


def is_adapter(folder):
    """Whether `folder` is a LoRA adapter folder rather than a pipeline."""
    return os.path.isfile(os.path.join(folder, ADAPTER_CONFIG))


def _matches(name, target):
    # peft's rule for a plain string target: the module name is the target or ends with ".<target>".
    return name == target or name.endswith("." + target)


def resolve_targets(unet, targets=None):
    """Module names to adapt; a target given by the user that matches no module is an error."""
    names = [name for name, _ in unet.named_modules() if name]
    if targets:
        for target in targets:
            if not any(_matches(n, target) for n in names):
                examples = sorted({n.rsplit(".", 1)[-1] for n in names if "." in n})[:20]
                raise SpriteError(f"LoRA target {target!r} matches no module of this UNet; pick from names like "
                                  f"{', '.join(examples)}.")
        return list(targets)
    return [t for t in DEFAULT_TARGETS if any(_matches(n, t) for n in names)]


def add_lora(unet, rank=8, alpha=None, dropout=0.0, targets=None):
    """Wrap `unet` in a peft model whose only trainable parameters are the LoRA matrices."""
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(r=rank, lora_alpha=alpha or rank, lora_dropout=dropout,
                        target_modules=resolve_targets(unet, targets))
    return get_peft_model(unet, config)


def save_adapter(peft_model, folder, base_model):
    """Write the adapter (safetensors + config naming `base_model`) into `folder`."""
    peft_model.peft_config["default"].base_model_name_or_path = base_model
    peft_model.save_pretrained(folder, safe_serialization=True)


def apply_adapter(unet, folder, merge=True):
    """`unet` with the adapter in `folder` loaded onto it (merged into the weights by default)."""
    from peft import PeftModel

    if not is_adapter(folder):
        raise SpriteError(f"{folder} is not a LoRA adapter folder (no {ADAPTER_CONFIG}); pass the --output_dir of a "
                          f"--use_lora run.")
    try:
        model = PeftModel.from_pretrained(unet, folder)
    except (ValueError, RuntimeError, KeyError) as err:
        raise SpriteError(f"The adapter in {folder} does not fit this base model ({type(err).__name__}); use the "
                          f"base it was trained on (its adapter_config.json names it).") from None
    return model.merge_and_unload() if merge else model


def adapter_base(folder):
    """The base pipeline an adapter was trained on, as recorded in its config."""
    import json

    with open(os.path.join(folder, ADAPTER_CONFIG)) as f:
        return json.load(f).get("base_model_name_or_path")
