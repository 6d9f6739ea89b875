"""UNet2DModel presets that fit sprites, and the noise scheduler.

diffusers' example default (6 down blocks) halves 16 px five times and crashes; these presets have 2-3 blocks.
"""

import math
import os

from diffusers import DDPMScheduler, UNet2DModel

from .checkpoints import saved_unet_config
from .errors import SpriteError
from .samplers import EXPORT_SETTINGS

PRESETS = {
    # For tests: a few thousand parameters, runs a step in milliseconds.
    "tiny": dict(
        block_out_channels=(16, 32),
        layers_per_block=1,
        down_block_types=("DownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "UpBlock2D"),
        norm_num_groups=8,
        resnet_time_scale_shift="scale_shift",  # as "fast", so the tests build the default's kind of UNet
    ),
    # The CPU default: about 1M parameters, no attention (it costs more than it gives at this size on a CPU).
    # The timestep scales and shifts each normalised feature map instead of being added to it: at equal training
    # time both plain samplers scored about a fifth lower on the embedded set (BENCHMARKS.md, "scale_shift").
    "fast": dict(
        block_out_channels=(32, 64, 64),
        layers_per_block=1,
        down_block_types=("DownBlock2D", "DownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "UpBlock2D", "UpBlock2D"),
        norm_num_groups=16,
        resnet_time_scale_shift="scale_shift",
    ),
    # For a GPU: about 16M parameters with self-attention at the two lowest resolutions.
    "quality": dict(
        block_out_channels=(64, 128, 256),
        layers_per_block=2,
        down_block_types=("DownBlock2D", "AttnDownBlock2D", "AttnDownBlock2D"),
        up_block_types=("AttnUpBlock2D", "AttnUpBlock2D", "UpBlock2D"),
        attention_head_dim=32,
        norm_num_groups=32,
    ),
}


def check_resolution(config, resolution, what):
    """Raise a clear error unless `resolution` can be halved once per down block and come back to the same size."""
    halvings = len(config["down_block_types"]) - 1
    if resolution % (2 ** halvings):
        raise SpriteError(f"Resolution {resolution} cannot go through the {halvings + 1} down blocks of {what} "
                          f"({halvings} halvings need a multiple of {2 ** halvings}); use --resolution "
                          f"{max(2 ** halvings, resolution - resolution % (2 ** halvings))} or a smaller model.")


def unet_config(preset="fast", resolution=16, model_config_name_or_path=None, in_channels=3, num_classes=None):
    """The UNet2DModel config for a preset (or a user config file), checked against the resolution.

    With `num_classes`, the UNet gets a class embedding table with one extra row: the null class of
    classifier-free guidance.
    """
    if model_config_name_or_path:
        if not os.path.exists(model_config_name_or_path):
            raise SpriteError(f"--model_config_name_or_path {model_config_name_or_path} does not exist; "
                              f"give a UNet config.json, the folder holding it, or a checkpoint folder.")
        # A checkpoint folder gives the UNet its run was started with, whatever the presets have become since.
        config = saved_unet_config(model_config_name_or_path)
        if config is None:
            try:
                config = dict(UNet2DModel.load_config(model_config_name_or_path))
            except (EnvironmentError, ValueError) as err:
                raise SpriteError(f"{model_config_name_or_path} is not a UNet2DModel config ({err}).") from None
        what = model_config_name_or_path
    else:
        config = dict(PRESETS[preset])
        what = f"preset {preset!r}"
    config.update(sample_size=resolution, in_channels=in_channels, out_channels=in_channels,
                  num_class_embeds=num_classes + 1 if num_classes else None, class_embed_type=None)
    check_resolution(config, resolution, what)
    return config


def build_unet(config):
    """A freshly initialised UNet2DModel from a config dict."""
    return UNet2DModel.from_config(config)


# The default time warp of a new model's cosine schedule (TrainConfig.timestep_warp). 0.4 against the plain schedule
# (1), at two training seeds on the bf16 EPYC's budget: plain DDIMPipeline-50's FSD 25% lower on the embedded set, the
# Angband tiles, which it was not chosen on, unchanged within noise (BENCHMARKS.md, "The time warp, settled"). 0.3
# against 0.4, at two training seeds on the Ice Lake's budget: DDIM-50 19% lower, DDPM-100 5% (BENCHMARKS.md, "The
# warp at 0.3").
DEFAULT_TIMESTEP_WARP = 0.3


def _cosine_alpha_bar(time):
    # The formula of diffusers' betas_for_alpha_bar("cosine"); that function cannot warp time, so it is written out.
    return math.cos((time + 0.008) / 1.008 * math.pi / 2) ** 2


def warped_cosine_betas(num_train_timesteps, warp):
    """Betas of diffusers' cosine schedule (squaredcos_cap_v2) with its time warped: step i has the noise of cosine
    time ((i + 1) / T) ** warp.

    A warp below 1 spends more of the schedule's steps at high noise and fewer at low noise, so the evenly spaced
    steps of DDPMPipeline and DDIMPipeline do too; the lowest noise is then that of cosine time (1 / T) ** warp.
    """
    times = [0.0] + [((i + 1) / num_train_timesteps) ** warp for i in range(num_train_timesteps)]
    return [min(1 - _cosine_alpha_bar(b) / _cosine_alpha_bar(a), 0.999) for a, b in zip(times, times[1:])]


def schedule_warp(config):
    """The time warp of a scheduler config's schedule: the power `warped_cosine_betas` was given, or 1.0 for every
    other schedule. Fine-tuning reads it from the base model, so its training draws match the base's."""
    betas = config.get("trained_betas")
    if not betas or config.get("beta_schedule") != "squaredcos_cap_v2" or len(betas) < 2:
        return 1.0
    # The first step's noise gives its cosine time (1 / T) ** warp, hence the warp; the whole schedule must agree.
    first = math.sqrt((1 - betas[0]) * _cosine_alpha_bar(0.0))
    time = math.acos(min(first, 1.0)) * 2 / math.pi * 1.008 - 0.008
    if time <= 0:
        return 1.0
    warp = round(math.log(time) / math.log(1 / len(betas)), 4)
    expected = warped_cosine_betas(len(betas), warp)
    if all(abs(a - b) <= 1e-3 * max(abs(b), 1e-6) for a, b in zip(betas, expected)):
        return warp
    return 1.0


def build_scheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2", prediction_type="epsilon",
                    rescale_betas_zero_snr=False, timestep_warp=1.0):
    """The DDPMScheduler used for training and stored in the export (adding noise ignores the sampling settings).

    A `timestep_warp` other than 1 stores the warped cosine schedule as `trained_betas`, which plain diffusers
    schedulers load like any other.
    """
    betas = None
    if timestep_warp != 1.0:
        if beta_schedule != "squaredcos_cap_v2":  # TrainConfig tells users; this guards direct callers
            raise ValueError(f"timestep_warp warps the cosine schedule, not {beta_schedule}.")
        betas = warped_cosine_betas(num_train_timesteps, timestep_warp)
    return DDPMScheduler(num_train_timesteps=num_train_timesteps, beta_schedule=beta_schedule,
                         trained_betas=betas, prediction_type=prediction_type,
                         rescale_betas_zero_snr=rescale_betas_zero_snr, **EXPORT_SETTINGS)
