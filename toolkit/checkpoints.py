"""Resumable checkpoints in the run folder: `checkpoint-<step>/`, written to a temporary folder, renamed when complete.

A checkpoint holds what `accelerator.save_state` writes (model weights as safetensors, optimizer state, RNG states),
the EMA weights as a safetensors UNet folder (with --use_ema), the scheduler config, and `trainer_state.json` (step,
LR schedule, loss history). `trainer_state.json` is written last, so a folder without it is incomplete and is never
resumed.
"""

import json
import os
import pickle
import re
import shutil

from diffusers import DDPMScheduler, UNet2DModel
from diffusers.training_utils import EMAModel
from safetensors.torch import load_file

from .errors import SpriteError

# The one name used for saving, rotation, resume and the hub's ignore patterns.
CHECKPOINT_PREFIX = "checkpoint"
CHECKPOINT_GLOB = f"{CHECKPOINT_PREFIX}-*"
TRAINER_STATE = "trainer_state.json"
EMA_FOLDER = "unet_ema"
SCHEDULER_FOLDER = "scheduler"
_STEP = re.compile(rf"^{CHECKPOINT_PREFIX}-(\d+)$")


def is_checkpoint(path):
    """Whether `path` is a complete checkpoint folder (its trainer state is written last)."""
    return os.path.isfile(os.path.join(path, TRAINER_STATE))


def list_checkpoints(run_dir):
    """Complete checkpoints in `run_dir` as (step, path), oldest first."""
    if not os.path.isdir(run_dir):
        return []
    found = []
    for name in os.listdir(run_dir):
        match = _STEP.match(name)
        path = os.path.join(run_dir, name)
        if match and is_checkpoint(path):
            found.append((int(match.group(1)), path))
    return sorted(found)


def resolve_resume(run_dir, value):
    """The checkpoint folder to resume from: `latest` (None when there is none yet) or an explicit path."""
    if value is None:
        return None
    if value == "latest":
        found = list_checkpoints(run_dir)
        return found[-1][1] if found else None
    if not is_checkpoint(value):
        raise SpriteError(f"--resume_from_checkpoint {value} is not a complete checkpoint folder (no {TRAINER_STATE}); "
                          f"pass `latest` or a {CHECKPOINT_PREFIX}-<step> folder from the run directory.")
    return value


def save_checkpoint(accelerator, run_dir, step, ema, noise_scheduler, state, total_limit=None):
    """Save a checkpoint for `step` atomically and drop the oldest ones beyond `total_limit`; returns its path."""
    final = os.path.join(run_dir, f"{CHECKPOINT_PREFIX}-{step}")
    tmp = os.path.join(run_dir, f".tmp-{CHECKPOINT_PREFIX}-{step}")
    if accelerator.is_main_process:
        shutil.rmtree(tmp, ignore_errors=True)
    accelerator.wait_for_everyone()
    accelerator.save_state(tmp)
    if accelerator.is_main_process:
        if ema is not None:
            ema.save_pretrained(os.path.join(tmp, EMA_FOLDER))
        noise_scheduler.save_pretrained(os.path.join(tmp, SCHEDULER_FOLDER))
        with open(os.path.join(tmp, TRAINER_STATE), "w") as f:
            json.dump(state, f)
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)
        if total_limit:
            for _, old in list_checkpoints(run_dir)[:-total_limit]:
                shutil.rmtree(old, ignore_errors=True)
    accelerator.wait_for_everyone()
    return final


def load_checkpoint(accelerator, path, ema):
    """Restore model, optimizer and EMA from `path`; returns the saved trainer state dict."""
    ema_dir = os.path.join(path, EMA_FOLDER)
    # A resumed run must end where the uninterrupted one would, and the EMA decides which weights are exported.
    saved_ema = os.path.isdir(ema_dir)
    if saved_ema != (ema is not None):
        raise SpriteError(f"{path} {'holds' if saved_ema else 'has no'} EMA weights; resume with --use_ema "
                          f"{str(saved_ema).lower()}, as the run was started.")
    try:
        # Weights come from safetensors; optimizer and RNG state are torch pickles, read with weights_only so a
        # tampered file cannot run code.
        accelerator.load_state(path, load_kwargs={"weights_only": True})
    except (pickle.UnpicklingError, RuntimeError, EOFError, OSError) as err:
        raise SpriteError(f"Checkpoint {path} is corrupt or holds something other than plain tensors "
                          f"({type(err).__name__}); resume from an older {CHECKPOINT_PREFIX}-<step> folder.") from None
    if ema is not None:
        saved = EMAModel.from_pretrained(ema_dir, model_cls=UNet2DModel)
        ema.load_state_dict(saved.state_dict())
        ema.to(accelerator.device)
    return read_state(path)


def read_state(path):
    """The trainer state dict a checkpoint folder saved (step, planned steps, LR schedule, loss history, ...)."""
    with open(os.path.join(path, TRAINER_STATE)) as f:
        return json.load(f)


def saved_unet_config(folder):
    """The UNet config a checkpoint folder's trainer state holds, or None where `folder` is not a checkpoint (a UNet
    config folder holds a config.json instead)."""
    if not is_checkpoint(folder) or os.path.isfile(os.path.join(folder, "config.json")):
        return None
    config = read_state(folder).get("unet_config")
    if config is None:
        raise SpriteError(f"{folder} is a checkpoint saved without its UNet config; give a UNet config.json instead.")
    return dict(config)


def load_checkpoint_for_export(path):
    """(UNet with EMA weights where saved, scheduler, id2label) of a checkpoint folder, for export and sampling."""
    if not is_checkpoint(path):
        raise SpriteError(f"{path} is not a complete {CHECKPOINT_PREFIX}-<step> folder; pick one from the run folder.")
    state = read_state(path)
    unet = UNet2DModel.from_config(state["unet_config"])
    # Built from the stored config, not the EMA folder's, which also carries the EMA's own settings.
    ema_weights = os.path.join(path, EMA_FOLDER, "diffusion_pytorch_model.safetensors")
    if not os.path.isfile(ema_weights):
        ema_weights = os.path.join(path, "model.safetensors")
    unet.load_state_dict(load_file(ema_weights))
    scheduler = DDPMScheduler.from_pretrained(os.path.join(path, SCHEDULER_FOLDER))
    return unet, scheduler, state.get("id2label")
