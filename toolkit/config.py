"""Options for every command: dataclasses are the one source of truth for flags, YAML keys, defaults and help.

Flags are named like diffusers' ``examples/unconditional_image_generation/train_unconditional.py`` where
they mean the same thing, so a user of that script can switch without relearning.
"""

import dataclasses
import os
import re
import sys
import typing
from dataclasses import dataclass, field
from typing import List, Optional

import yaml
from transformers import HfArgumentParser

from .errors import SpriteError
from .budget import CHECK_EVERY
from .lr_schedules import LR_SCHEDULERS, WSD
from .optimizers import OPTIMIZERS
from .presets import DEFAULT_TIMESTEP_WARP
from .samplers import DEFAULT_SAMPLER, SAMPLER_NAMES, SAMPLERS

PRESET_NAMES = ("tiny", "fast", "quality")
# Options that must never reach a log, a tracker, a model card or a file.
SECRET_FIELDS = ("hub_token",)
PREDICTION_TYPES = ("epsilon", "sample", "v_prediction")
BETA_SCHEDULES = ("linear", "scaled_linear", "squaredcos_cap_v2")
MIXED_PRECISION = ("no", "fp16", "bf16")
LOGGERS = ("tensorboard", "wandb", "none")
CONDITIONING = ("none", "class")
COLOR_MODES = ("auto", "rgba", "rgb")
# Memory layouts the UNet can train in (torch.contiguous_format, torch.channels_last), and "auto".
MEMORY_FORMATS = ("auto", "contiguous", "channels_last")
TIMESTEP_SAMPLINGS = ("uniform", "stratified", "logit_normal", "within_schedule", "noisy_tenth")
# The default length, as a budget of training minutes rather than epochs or steps, so a user's small set trains as long
# as the embedded one and a faster CPU spends its speed on more steps. 15, not 20: the whole no-flag run, with start-up,
# data and the final export, must stay under 20 minutes on a 2-core CPU, and the plan cannot follow a machine that
# slows down once the learning rate decays: two 17-minute runs on a VM whose host took part of its CPU took 20 min 30 s
# and 20 min 43 s (BENCHMARKS.md, "A budget in minutes" and "Seventeen minutes").
DEFAULT_TRAIN_MINUTES = 15
TILE_SIZE_HELP = ("Cut --train_data_dir as sprite sheets (a sheet PNG, or a folder of them, one class per sub-folder) "
                  "into tiles of this size: 16, 16x24 (width x height), or auto (read from the sheet's gutters). "
                  "Not needed for sheets with an Aseprite/TexturePacker .json of the same name beside them.")
TILE_MARGIN_HELP = "Pixels of border around a sheet's grid of tiles (with --tile_size)."
TILE_SPACING_HELP = "Pixels between neighbouring tiles of a sheet (with --tile_size)."
# The browser demo's limits: enough for any sampler's best setting (DDPM walks at most its 1000 training steps), and
# few enough sprites that a CPU answers within a minute.
DEMO_MAX_STEPS = 1000
DEMO_MAX_IMAGES = 64
REPO_TYPES = ("model", "dataset", "space")
PALETTE_HELP = ("Snap colours to a palette: the model's own by default (when it has one); none; auto (the model's); N "
                "(the model's reduced to N colours); or a file: PNG swatch, GIMP .gpl or hex list.")
COLOR_BUDGET_HELP = ("Colours per sprite after palette snapping: auto (the default: as many as a training sprite uses "
                     "on average, stored with the model); none (every palette colour the sample lands on); or N.")

# "ddpm 100, ddim 50, ...": each sampler's default step count, for help texts.
_DEFAULT_STEPS = ", ".join(f"{name} {sampler.default_steps}" for name, sampler in SAMPLERS.items())
_SAMPLER_HELP = f"Sampler: {', '.join(SAMPLER_NAMES)}."


@dataclass
class HubOptions:
    """How to reach the Hub: shared by `train --push_to_hub`, `push` and `dataset --push_to_hub`."""

    hub_token: Optional[str] = field(
        default=None,
        metadata={"help": "A Hub token with write access (default: $HF_TOKEN, then the `hf auth login` token); never "
                          "logged. Prefer those two, as a flag ends up in shell history."},
    )
    hub_private_repo: bool = field(
        default=False, metadata={"help": "Create the repo as private (an existing repo keeps its visibility)."}
    )
    hub_endpoint: Optional[str] = field(
        default=None, metadata={"help": "The Hub URL (default: $HF_ENDPOINT, then https://huggingface.co)."}
    )


HUB_OPTIONS = tuple(f.name for f in dataclasses.fields(HubOptions))


@dataclass
class TrainConfig(HubOptions):
    """Everything `train_sprites.py` / `sprite-diffusion train` accepts."""

    # --- data -------------------------------------------------------------------------------------------
    dataset_name: Optional[str] = field(
        default=None,
        metadata={"help": "A Hub dataset id, or a local folder written by `Dataset.save_to_disk`. "
                          "Default (with no --train_data_dir): the embedded DCSS sprite set."},
    )
    train_data_dir: Optional[str] = field(
        default=None,
        metadata={"help": "A folder of images in the `imagefolder` layout (class names from sub-folders), "
                          "or a folder with the DeepLearning.AI course arrays (sprites*.npy + *labels*.npy)."},
    )
    image_column: str = field(default="image", metadata={"help": "Image column of --dataset_name."})
    label_column: str = field(default="label", metadata={"help": "Label column of --dataset_name (optional there)."})
    resolution: int = field(default=16, metadata={"help": "Training resolution in pixels; 16 or 32 for sprites."})
    color_mode: str = field(
        default="auto",
        metadata={"help": "auto: RGBA (4 channels, premultiplied alpha) when the sprites have transparency, else RGB; "
                          "rgba: require transparency; rgb: composite transparent pixels onto --background."},
    )
    background: str = field(
        default="black",
        metadata={"help": "With RGB: the colour transparent pixels are composited onto (a name or #rrggbb)."},
    )
    random_flip: bool = field(
        default=False,
        metadata={"help": "Flip sprites horizontally at random. Off by default: pixel art keeps one light direction "
                          "and facing, which mirrored sprites reverse (see the README). Turn it on for sets whose "
                          "sprites face both ways."},
    )
    max_train_samples: Optional[int] = field(default=None, metadata={"help": "Use only the first N sprites."})

    only_classes: Optional[List[str]] = field(
        default=None, metadata={"help": "Keep only sprites of these class names, e.g. to fine-tune on one class."}
    )
    tile_size: Optional[str] = field(default=None, metadata={"help": TILE_SIZE_HELP})
    tile_margin: int = field(default=0, metadata={"help": TILE_MARGIN_HELP})
    tile_spacing: int = field(default=0, metadata={"help": TILE_SPACING_HELP})

    # --- model and noise schedule -----------------------------------------------------------------------
    pretrained_model_name_or_path: Optional[str] = field(
        default=None,
        metadata={"help": "Fine-tune this export folder, Hub id or checkpoint folder (its exported UNet, a "
                          "checkpoint's EMA weights where it has them, and its scheduler config) instead of starting "
                          "from --preset."},
    )
    use_lora: bool = field(default=False, metadata={"help": "Train a LoRA adapter (peft) on the pretrained UNet."})
    lora_rank: int = field(default=8, metadata={"help": "LoRA rank."})
    lora_alpha: Optional[int] = field(default=None, metadata={"help": "LoRA alpha (default: the rank)."})
    lora_dropout: float = field(default=0.0, metadata={"help": "LoRA dropout."})
    lora_target_modules: Optional[List[str]] = field(
        default=None,
        metadata={"help": "Module names to adapt (default: attention projections, resnet convolutions and the time "
                          "embedding, where present)."},
    )
    preset: str = field(default="fast", metadata={"help": f"UNet2DModel preset: one of {', '.join(PRESET_NAMES)}."})
    model_config_name_or_path: Optional[str] = field(
        default=None, metadata={"help": "A UNet2DModel config.json (or folder) to use instead of --preset, or a "
                                        "checkpoint folder to build the UNet it was trained with."}
    )
    ddpm_num_steps: int = field(default=1000, metadata={"help": "Diffusion steps T (the course uses 500)."})
    ddpm_beta_schedule: str = field(
        default="squaredcos_cap_v2", metadata={"help": f"Noise schedule: {', '.join(BETA_SCHEDULES)}."}
    )
    prediction_type: str = field(
        default="sample",
        metadata={"help": f"What the UNet predicts: {', '.join(PREDICTION_TYPES)}. sample (the clean sprite, x0) "
                          f"measured best for DDPM and DDIM alike (BENCHMARKS.md, 'Parameterisation')."},
    )
    conditioning: str = field(
        default="none", metadata={"help": "none, or class: condition on the dataset's labels."}
    )
    cond_drop_prob: float = field(
        default=0.1, metadata={"help": "Share of labels dropped to the null class (classifier-free guidance)."}
    )
    guidance_scale: float = field(default=2.0, metadata={"help": "Classifier-free guidance of the preview grids."})
    snr_gamma: Optional[float] = field(
        default=5.0, metadata={"help": "Min-SNR-gamma loss weighting (arXiv:2303.09556); 0 or none turns it off."}
    )
    snr_floor: Optional[float] = field(
        default=1.0,
        metadata={"help": "With --snr_gamma: the least weight of the clean-sprite error at high noise, where "
                          "min-SNR-gamma alone gives almost none (e.g. 1)."},
    )
    timestep_warp: Optional[float] = field(
        default=None,
        metadata={"help": "Warp the cosine schedule's time by this power: below 1, evenly spaced sampler steps (those "
                          "of plain DDPMPipeline and DDIMPipeline) crowd at high noise, where few-step DDIM errs "
                          "most, and the lowest noise level rises. Training still sees every noise level as often "
                          f"as without it. 1 is diffusers' cosine schedule. Default: {DEFAULT_TIMESTEP_WARP} for a new "
                          "model on the cosine schedule, 1 on another, a resumed checkpoint's own; fine-tuning keeps "
                          "the base's."},
    )
    timestep_sampling: str = field(
        default="uniform",
        metadata={"help": "How each batch draws its noise levels: 'uniform' draws each independently; 'stratified' "
                          "spreads a batch's draws evenly over the noise levels from one random offset (the "
                          "low-discrepancy sampler of arXiv:2107.00630), which lowers the loss's variance at no "
                          "cost; 'logit_normal' draws cosine time as the sigmoid of a standard normal (SD3's "
                          "arXiv:2403.03206), so middle noise levels come up most and the cleanest and noisiest "
                          "least; at one training seed DDIM-50 scored 43-54%% higher with it (BENCHMARKS.md); "
                          "'within_schedule' draws cosine time uniformly from the warped schedule's lowest noise "
                          "level up, where 'uniform' puts every draw below that level on timestep 0 (12.6%% of "
                          "them at warp 0.3, a level plain pipelines with 100 steps or fewer never ask the UNet "
                          "about); 'noisy_tenth' draws a tenth of each batch from the noisiest tenth of cosine "
                          "time, where a deterministic sampler settles what kind of sprite it draws, so those "
                          "levels come up 19%% of the time instead of 10%%.",
                  "choices": TIMESTEP_SAMPLINGS},
    )
    input_perturbation: float = field(
        default=0.0,
        metadata={"help": "Noise the sprites with noise + gamma * extra noise while the loss keeps the plain noise "
                          "(arXiv:2301.11706; diffusers' train_text_to_image flag of the same name): teaches the "
                          "UNet to correct the small errors a sampler accumulates. 0 turns it off."},
    )
    target_reference_size: int = field(
        default=0,
        metadata={"help": "Train toward the mean of the clean sprites each noisy sprite could have come from, "
                          "weighted by how likely each is, over this many reference sprites (the whole dataset when "
                          "it has no more), instead of toward the one it came from: the stable target field of "
                          "arXiv:2302.00670. The loss has the same minimum, and much less variance at high noise, "
                          "where the kind of sprite is decided. 0 turns it off."},
    )
    rescale_betas_zero_snr: bool = field(
        default=False,
        metadata={"help": "Rescale the noise schedule to zero terminal SNR (arXiv:2305.08891), so the last step is "
                          "pure noise; needs --prediction_type v_prediction."},
    )

    # --- optimisation -----------------------------------------------------------------------------------
    output_dir: str = field(default="sprite-ddpm", metadata={"help": "Where the exported pipeline is written."})
    run_dir: Optional[str] = field(
        default=None,
        metadata={"help": "Checkpoints, logs, preview grids and the loss curve (default: <output_dir>-run)."},
    )
    train_batch_size: int = field(default=64, metadata={"help": "Batch size per process."})
    num_epochs: Optional[int] = field(
        default=None, metadata={"help": "Passes over the data instead of a step budget (ignored if --max_train_steps)."}
    )
    max_train_steps: Optional[int] = field(
        default=None,
        metadata={"help": "Optimizer steps; overrides --num_epochs and --max_train_minutes."},
    )
    max_train_minutes: Optional[float] = field(
        default=None,
        metadata={"help": f"Train for about this many minutes, previews included (ignored if --max_train_steps or "
                          f"--num_epochs): the step count is planned before the first step from a few timed steps, "
                          f"planned again from the loop's own steps until the learning rate depends on the length "
                          f"(--lr_scheduler) and printed, and "
                          f"--max_train_steps with it repeats the run exactly. With none of the three: "
                          f"{DEFAULT_TRAIN_MINUTES} minutes."},
    )
    gradient_accumulation_steps: int = field(default=1, metadata={"help": "Batches per optimizer step."})
    optimizer: str = field(
        default="adamw",
        metadata={"help": "adamw, or muon: Muon (orthogonalised momentum) for the UNet's weight matrices and conv "
                          "kernels, AdamW for its first and last layers, norms and biases, both at "
                          "--learning_rate. Better than AdamW where a budget buys few steps (4 minutes, 3,000 steps), "
                          "no better at the default 15 minutes (BENCHMARKS.md, \"Muon instead of AdamW\")."},
    )
    learning_rate: float = field(default=1e-3, metadata={"help": "Peak learning rate."})
    lr_scheduler: str = field(
        default=WSD,
        metadata={"help": f"{WSD} (the default): the peak rate after the warm-up until the last "
                          f"--lr_decay_fraction of the steps, then a half cosine down to zero; a budget in minutes is "
                          f"planned again every {CHECK_EVERY} steps until that decay starts. At 3,100 steps it scored "
                          f"7-20%% lower FSD than cosine over the whole run, at all 8 pairs (BENCHMARKS.md, "
                          f"\"A plan checked until the decay\"). Or a diffusers.optimization.get_scheduler name "
                          f"(cosine, linear, constant, constant_with_warmup, ...), whose rates after the warm-up "
                          f"depend on the length, so a budget is planned again only at the warm-up's end."},
    )
    lr_decay_fraction: float = field(
        default=0.5,
        metadata={"help": f"With --lr_scheduler {WSD}: the share of the run's steps over which the learning rate "
                          f"falls from its peak to zero."},
    )
    lr_warmup_steps: int = field(default=100, metadata={"help": "Warm-up optimizer steps."})
    adam_beta1: float = field(default=0.9, metadata={"help": "AdamW beta1."})
    adam_beta2: float = field(default=0.99, metadata={"help": "AdamW beta2."})
    adam_weight_decay: float = field(default=0.0, metadata={"help": "AdamW weight decay."})
    adam_epsilon: float = field(default=1e-8, metadata={"help": "AdamW epsilon."})
    max_grad_norm: float = field(default=1.0, metadata={"help": "Gradient clipping norm (0 turns it off)."})
    use_ema: bool = field(
        default=False,
        metadata={"help": "Keep an EMA of the weights; previews and the export then use it. Off by default: the "
                          "learning rate already decays to zero, and at the default budget the last step's weights "
                          "scored lower FSD than the EMA's in every pair measured (4-10%% on the embedded set; "
                          "BENCHMARKS.md, \"The last step's weights instead of the EMA\"). Worth trying with a "
                          "constant learning rate."},
    )
    ema_inv_gamma: float = field(default=1.0, metadata={"help": "EMA warm-up inverse gamma."})
    ema_power: float = field(default=0.75, metadata={"help": "EMA warm-up power."})
    ema_max_decay: float = field(default=0.999, metadata={"help": "EMA maximum decay."})
    mixed_precision: Optional[str] = field(
        default=None,
        metadata={"help": "no, fp16 or bf16 (bf16 also works on CPU); default: what `accelerate launch` says, "
                          "except that its `no` becomes bf16 on a CPU with bf16 units (AVX-512-BF16 or AMX)."},
    )
    memory_format: str = field(
        default="auto",
        metadata={"help": "Memory layout of the UNet's weights and activations while training: contiguous or "
                          "channels_last, which trains faster on some CPUs and slower on others; auto times both on "
                          "this machine before the first step and keeps channels_last only where it is at least 5%% "
                          "faster (CPU only; contiguous elsewhere and for compiled models). The export is the same "
                          "either way."},
    )
    cpu_threads: Optional[int] = field(
        default=None,
        metadata={"help": "Torch threads per process on CPU (default: cores / processes; `accelerate launch` "
                          "would otherwise use one)."},
    )
    seed: int = field(default=0, metadata={"help": "Seed for weights, data order, flips and noise."})

    # --- checkpoints, previews, logging -----------------------------------------------------------------
    checkpointing_steps: int = field(default=1000, metadata={"help": "Save a resumable checkpoint every N steps."})
    checkpoints_total_limit: Optional[int] = field(default=2, metadata={"help": "Keep at most N checkpoints."})
    resume_from_checkpoint: Optional[str] = field(
        default=None, metadata={"help": "`latest`, or the path of a checkpoint folder, to continue a run."}
    )
    save_images_epochs: int = field(default=20, metadata={"help": "Save a preview grid every N epochs."})
    save_model_epochs: int = field(default=40, metadata={"help": "Export every N epochs (and at the end)."})
    eval_batch_size: int = field(default=64, metadata={"help": "Sprites in each preview grid."})
    preview_scheduler: str = field(
        default=DEFAULT_SAMPLER, metadata={"help": "Sampler of the preview grids and the export's sample grid."}
    )
    preview_inference_steps: Optional[int] = field(
        default=None, metadata={"help": "Sampler steps of the preview grids (default: the sampler's own, as `sample`)."}
    )
    logger: str = field(default="tensorboard", metadata={"help": f"Tracker: {', '.join(LOGGERS)}."})

    # --- publishing -------------------------------------------------------------------------------------
    push_to_hub: bool = field(default=False, metadata={"help": "Push the final export to --hub_model_id."})
    hub_model_id: Optional[str] = field(default=None, metadata={"help": "The Hub repository, owner/name."})
    hub_intermediate_revision: Optional[str] = field(
        default=None, metadata={"help": "Also push every intermediate export to this branch."}
    )

    def __post_init__(self):
        _check_choice("preset", self.preset, PRESET_NAMES)
        _check_choice("prediction_type", self.prediction_type, PREDICTION_TYPES)
        _check_choice("ddpm_beta_schedule", self.ddpm_beta_schedule, BETA_SCHEDULES)
        _check_choice("logger", self.logger, LOGGERS)
        _check_choice("conditioning", self.conditioning, CONDITIONING)
        _check_choice("color_mode", self.color_mode, COLOR_MODES)
        _check_choice("memory_format", self.memory_format, MEMORY_FORMATS)
        _check_choice("lr_scheduler", self.lr_scheduler, LR_SCHEDULERS)
        _check_choice("optimizer", self.optimizer, OPTIMIZERS)
        _check_choice("timestep_sampling", self.timestep_sampling, TIMESTEP_SAMPLINGS)
        if not 0 < self.lr_decay_fraction <= 1:
            raise SpriteError(f"--lr_decay_fraction must be in (0, 1], got {self.lr_decay_fraction}.")
        _check_choice("preview_scheduler", self.preview_scheduler, SAMPLER_NAMES)
        if not 0 <= self.cond_drop_prob < 1:
            raise SpriteError(f"--cond_drop_prob must be in [0, 1), got {self.cond_drop_prob}.")
        if self.mixed_precision is not None:
            _check_choice("mixed_precision", self.mixed_precision, MIXED_PRECISION)
        for name in ("resolution", "train_batch_size", "gradient_accumulation_steps",
                     "ddpm_num_steps", "checkpointing_steps", "save_images_epochs", "save_model_epochs",
                     "eval_batch_size"):
            _check_positive(name, getattr(self, name))
        for name in ("max_train_steps", "num_epochs", "checkpoints_total_limit", "max_train_samples", "cpu_threads",
                     "preview_inference_steps"):
            if getattr(self, name) is not None:
                _check_positive(name, getattr(self, name))
        if self.max_train_minutes is not None and not self.max_train_minutes > 0:
            raise SpriteError(f"--max_train_minutes must be a positive number of minutes, got "
                              f"{self.max_train_minutes}.")
        if self.learning_rate <= 0:
            raise SpriteError(f"--learning_rate must be positive, got {self.learning_rate}.")
        if self.lr_warmup_steps < 0:
            raise SpriteError(f"--lr_warmup_steps must be 0 or more, got {self.lr_warmup_steps}.")
        # Else AdamW stops the run with a bare ValueError traceback, and only after the data is loaded.
        for name in ("adam_beta1", "adam_beta2"):
            if not 0 <= getattr(self, name) < 1:
                raise SpriteError(f"--{name} must be in [0, 1), got {getattr(self, name)}.")
        if self.adam_weight_decay < 0:
            raise SpriteError(f"--adam_weight_decay must be 0 or more, got {self.adam_weight_decay}.")
        if self.adam_epsilon <= 0:
            raise SpriteError(f"--adam_epsilon must be positive (1e-8 is usual), got {self.adam_epsilon}.")
        if self.max_grad_norm < 0:
            # The loop clips only above 0, so a negative norm would silently mean no clipping at all.
            raise SpriteError(f"--max_grad_norm must be 0 (no clipping) or more, got {self.max_grad_norm}.")
        if self.snr_gamma is not None and self.snr_gamma <= 0:
            self.snr_gamma = None
        if self.snr_floor is not None and self.snr_floor < 0:
            raise SpriteError(f"--snr_floor must be 0 or more, got {self.snr_floor}.")
        if self.timestep_warp is not None and not 0 < self.timestep_warp <= 1:
            raise SpriteError(f"--timestep_warp must be in (0, 1] (1 is the plain cosine schedule), got "
                              f"{self.timestep_warp}.")
        if self.timestep_warp is not None and self.pretrained_model_name_or_path:
            raise SpriteError(f"A fine-tuned model keeps the noise schedule of {self.pretrained_model_name_or_path}; "
                              f"drop --timestep_warp.")
        if self.timestep_warp not in (None, 1) and self.ddpm_beta_schedule != "squaredcos_cap_v2":
            raise SpriteError(f"--timestep_warp warps the cosine schedule; drop it or use --ddpm_beta_schedule "
                              f"squaredcos_cap_v2 instead of {self.ddpm_beta_schedule}.")
        if self.input_perturbation < 0:
            raise SpriteError(f"--input_perturbation must be 0 or more (0.1 is usual), got {self.input_perturbation}.")
        if self.target_reference_size < 0:
            raise SpriteError(f"--target_reference_size must be 0 (off) or a number of sprites, got "
                              f"{self.target_reference_size}.")
        if self.target_reference_size and self.input_perturbation:
            # The reference targets are read from the noisy sprite itself, so the extra noise would enter the target.
            raise SpriteError("--target_reference_size and --input_perturbation cannot be combined; drop one.")
        if self.rescale_betas_zero_snr and self.prediction_type != "v_prediction":
            # At zero SNR the last step holds no trace of the sprite: noise and x0 cannot be told from it.
            raise SpriteError("--rescale_betas_zero_snr makes the last step pure noise, where only v-prediction is "
                              "defined; add --prediction_type v_prediction.")
        if self.dataset_name and self.train_data_dir:
            raise SpriteError("Give either --dataset_name or --train_data_dir, not both.")
        tile = _check_tile_options(self)
        if isinstance(tile, tuple):
            from .sheets import check_resolution

            check_resolution(*tile, self.resolution, f"--tile_size {self.tile_size}")
        if self.use_lora and not self.pretrained_model_name_or_path:
            raise SpriteError("--use_lora adapts a pretrained model; pass --pretrained_model_name_or_path too.")
        if self.lora_rank <= 0:
            raise SpriteError(f"--lora_rank must be a positive number, got {self.lora_rank}.")
        if (self.push_to_hub or self.hub_intermediate_revision) and not self.hub_model_id:
            raise SpriteError("--push_to_hub needs --hub_model_id owner/name.")
        if self.run_dir is None:
            self.run_dir = self.output_dir.rstrip("/\\") + "-run"
        out, run = os.path.abspath(self.output_dir), os.path.abspath(self.run_dir)
        if run == out or run.startswith(out + os.sep):
            # Each export replaces the output folder whole, which would take the checkpoints with it.
            raise SpriteError(f"--run_dir {self.run_dir} must not be inside --output_dir {self.output_dir}; "
                              f"leave --run_dir unset (it defaults to <output_dir>-run).")


def public_options(cfg):
    """The options of `cfg` as a dict without secrets, for logs, trackers and model cards."""
    return {k: v for k, v in dataclasses.asdict(cfg).items() if k not in SECRET_FIELDS}


@dataclass
class SampleConfig:
    """Everything `sample_sprites.py` / `sprite-diffusion sample` accepts."""

    model: str = field(default="sprite-ddpm", metadata={"help": "An export folder, Hub id, or checkpoint folder."})
    output_dir: str = field(default="samples", metadata={"help": "Where grid.png, sheet.png and sprites/ go."})
    num_images: int = field(default=16, metadata={"help": "Sprites to sample (per label, with --labels)."})
    scheduler: str = field(default=DEFAULT_SAMPLER, metadata={"help": _SAMPLER_HELP})
    num_inference_steps: Optional[int] = field(
        default=None, metadata={"help": f"Denoising steps (default: {_DEFAULT_STEPS})."}
    )
    seed: int = field(default=0, metadata={"help": "Seed of the initial noise: the same seed gives the same sprites."})
    labels: Optional[List[str]] = field(
        default=None, metadata={"help": "Class names or ids, one grid row each (default: every class)."}
    )
    blend: Optional[List[str]] = field(
        default=None, metadata={"help": "A blend of classes as name=weight pairs, e.g. food=0.6 spell=0.4."}
    )
    guidance_scale: float = field(
        default=2.0, metadata={"help": "Classifier-free guidance: 0 ignores labels, 1 plain conditional, >1 stronger."}
    )
    gif: bool = field(default=False, metadata={"help": "Also write trajectory.gif, one frame per denoising step."})
    compare: Optional[List[str]] = field(
        default=None, metadata={"help": "Export or checkpoint folders: compare.png, a row each, same seeds."}
    )
    upscale: int = field(default=4, metadata={"help": "NEAREST upscale factor of the grid and GIF."})
    palette: Optional[str] = field(default=None, metadata={"help": PALETTE_HELP})
    max_colors_per_sprite: Optional[str] = field(default=None, metadata={"help": COLOR_BUDGET_HELP})

    def __post_init__(self):
        _check_choice("scheduler", self.scheduler, SAMPLER_NAMES)
        for name in ("num_images", "upscale"):
            _check_positive(name, getattr(self, name))
        if self.num_inference_steps is not None:
            _check_positive("num_inference_steps", self.num_inference_steps)
        if self.guidance_scale < 0:
            raise SpriteError(f"--guidance_scale must be 0 or more, got {self.guidance_scale}.")


@dataclass
class ExportConfig:
    """Everything `sprite-diffusion export` accepts."""

    checkpoint: str = field(
        default="latest",
        metadata={"help": "A checkpoint-<step> folder, or `latest` for the newest one in --run_dir."},
    )
    run_dir: str = field(default="sprite-ddpm-run", metadata={"help": "The run folder, used with `latest`."})
    output_dir: str = field(default="sprite-ddpm", metadata={"help": "Where the pipeline folder is written."})
    adapter: Optional[str] = field(default=None, metadata={"help": "A LoRA adapter folder to export instead."})
    merge_lora: bool = field(
        default=False, metadata={"help": "With --adapter: merge it into its base and write a plain pipeline."}
    )

    def __post_init__(self):
        if self.merge_lora != bool(self.adapter):
            raise SpriteError("--merge_lora and --adapter go together: --adapter FOLDER --merge_lora.")


def _check_tile_options(cfg):
    """Validate the sprite-sheet options of `cfg`; returns the parsed tile size (None, "auto" or (w, h))."""
    from .sheets import parse_tile_size  # here, not at the top: sheets loads `datasets` (see check_repo_id below)

    tile = parse_tile_size(cfg.tile_size)
    for name in ("tile_margin", "tile_spacing"):
        if getattr(cfg, name) < 0:
            raise SpriteError(f"--{name} must be 0 or more pixels, got {getattr(cfg, name)}.")
    if tile is not None and not cfg.train_data_dir:
        raise SpriteError("--tile_size cuts the sprite sheets given with --train_data_dir; pass --train_data_dir "
                          "SHEET.png (or a folder of sheets).")
    if (cfg.tile_margin or cfg.tile_spacing) and not isinstance(tile, tuple):
        raise SpriteError("--tile_margin and --tile_spacing describe a grid of known size; pass --tile_size too "
                          "(auto finds margin and spacing itself).")
    return tile


def _check_choice(name, value, choices):
    if value not in choices:
        raise SpriteError(f"--{name} must be one of {', '.join(choices)}, got {value!r}.")


def _check_positive(name, value):
    if value <= 0:
        raise SpriteError(f"--{name} must be a positive number, got {value}.")


def parse_config(config_cls, args: Optional[List[str]] = None, prog: Optional[str] = None):
    """Parse ``--config file.yaml`` plus CLI flags into ``config_cls``; CLI flags win; unknown keys are errors."""
    args = list(sys.argv[1:] if args is None else args)
    parser = HfArgumentParser(config_cls, prog=prog, allow_abbrev=False)  # a typo must not match a real flag
    parser.add_argument("--config", type=str, default=None, help="A YAML file of options; flags given too win.")
    config_path = _pop_config_flag(args)
    if config_path is not None:
        parser.set_defaults(**_read_yaml(config_path, config_cls))
    try:
        parsed = parser.parse_args_into_dataclasses(args=args, return_remaining_strings=True)
    except SystemExit as err:  # argparse already printed its one-line reason; keep its exit code
        raise SystemExit(err.code)
    config, remaining = parsed[0], parsed[-1]
    if remaining:
        raise SpriteError(f"Unknown option(s) {' '.join(remaining)}; run with --help to see the valid ones.")
    return config


def _pop_config_flag(args):
    for i, arg in enumerate(args):
        if arg == "--config":
            if i + 1 >= len(args):
                raise SpriteError("--config needs a YAML file path.")
            path = args[i + 1]
            del args[i:i + 2]
            return path
        if arg.startswith("--config="):
            del args[i]
            return arg.split("=", 1)[1]
    return None


def _read_yaml(path, config_cls):
    try:
        with open(path, encoding="utf-8") as f:
            values = yaml.safe_load(f) or {}
    except FileNotFoundError:
        raise SpriteError(f"Config file {path} does not exist; check the --config path.") from None
    except yaml.YAMLError as err:
        raise SpriteError(f"Config file {path} is not valid YAML ({err}); fix the syntax.") from None
    if not isinstance(values, dict):
        raise SpriteError(f"Config file {path} must be a mapping of option names to values.")
    known = {f.name for f in dataclasses.fields(config_cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SpriteError(f"Unknown key(s) {', '.join(unknown)} in {path}; run with --help to see the valid options.")
    fields = {f.name: f for f in dataclasses.fields(config_cls)}
    return {key: _typed_yaml_value(fields[key], value, path) for key, value in values.items()}


def _typed_yaml_value(f, value, path):
    # argparse type-converts only string defaults, so YAML values are checked here.
    optional = typing.get_origin(f.type) is typing.Union and type(None) in typing.get_args(f.type)
    base = typing.get_args(f.type)[0] if optional else f.type
    if value is None and optional:
        return None
    if typing.get_origin(base) is list:
        if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
            return [str(v) for v in value]
        raise SpriteError(f"Key {f.name} in {path} must be a list, got {value!r}.")
    if base is str and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # YAML reads `tile_size: 16` as a number
    if base is float and isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            return float(value)  # YAML reads 1e-3 as a string
        except ValueError:
            pass
    if isinstance(value, base) and not (base is int and isinstance(value, bool)):
        return value
    raise SpriteError(f"Key {f.name} in {path} must be {base.__name__}, got {value!r}.")


@dataclass
class PushConfig(HubOptions):
    """Everything `sprite-diffusion push` accepts."""

    folder: str = field(default="sprite-ddpm", metadata={"help": "The exported pipeline (or adapter) folder to push."})
    hub_model_id: Optional[str] = field(
        default=None, metadata={"help": "The repo to push to, as owner/name (created if it does not exist)."}
    )
    hub_revision: Optional[str] = field(
        default=None, metadata={"help": "A branch to push to, created if missing (default: main)."}
    )
    commit_message: Optional[str] = field(default=None, metadata={"help": "The commit message on the Hub."})

    repo_type: str = field(
        default="model",
        metadata={"help": f"The kind of repo: {', '.join(REPO_TYPES)} (a folder from `sprite-diffusion dataset` or "
                          f"`sprite-diffusion space`)."},
    )

    def __post_init__(self):
        if not self.hub_model_id:
            raise SpriteError("--hub_model_id is required; give the repo to push to as owner/name.")
        _check_choice("repo_type", self.repo_type, REPO_TYPES)


@dataclass
class DatasetConfig(HubOptions):
    """Everything `sprite-diffusion dataset` accepts: a sprite source in, a report, a preview and a dataset out."""

    dataset_name: Optional[str] = field(
        default=None, metadata={"help": "A Hub dataset id or `save_to_disk` folder (default: the embedded set)."}
    )
    train_data_dir: Optional[str] = field(
        default=None,
        metadata={"help": "A sprite sheet, a folder of sheets, an image folder or a course-array folder."},
    )
    image_column: str = field(default="image", metadata={"help": "Image column of --dataset_name."})
    label_column: str = field(default="label", metadata={"help": "Label column of --dataset_name (optional there)."})
    tile_size: Optional[str] = field(default=None, metadata={"help": TILE_SIZE_HELP})
    tile_margin: int = field(default=0, metadata={"help": TILE_MARGIN_HELP})
    tile_spacing: int = field(default=0, metadata={"help": TILE_SPACING_HELP})
    preview: str = field(
        default="dataset_preview.png",
        metadata={"help": "Where the preview sheet is written (8 sprites a row, each class from a new row, upscaled "
                          "with NEAREST)."},
    )
    preview_per_class: int = field(default=8, metadata={"help": "Sprites per class in the preview."})
    save_to_disk: Optional[str] = field(
        default=None,
        metadata={"help": "Write the dataset here with `Dataset.save_to_disk` (plus its card and preview); "
                          "training reads it with --dataset_name."},
    )
    push_to_hub: Optional[str] = field(
        default=None, metadata={"help": "Publish the dataset to this Hub dataset repo, owner/name, with a card."}
    )
    license: str = field(
        default="unknown",
        metadata={"help": "The art's licence for the card, as a Hub licence id: cc0-1.0, cc-by-4.0, mit, other, ..."},
    )
    provenance: Optional[str] = field(
        default=None, metadata={"help": "Where the art comes from (artist, pack, URL), for the card."}
    )
    pretty_name: Optional[str] = field(default=None, metadata={"help": "The dataset's title on its card."})

    def __post_init__(self):
        if self.dataset_name and self.train_data_dir:
            raise SpriteError("Give either --dataset_name or --train_data_dir, not both.")
        _check_tile_options(self)
        _check_positive("preview_per_class", self.preview_per_class)
        if not self.preview.lower().endswith(".png"):
            raise SpriteError(f"--preview {self.preview} must be a .png path (the preview keeps pixels exact).")
        if not re.fullmatch(r"[a-z0-9][a-z0-9.+-]*", self.license):
            raise SpriteError(f"--license must be a Hub licence id like cc0-1.0, cc-by-4.0, mit or other, got "
                              f"{self.license!r}.")
        if self.push_to_hub:
            from .hub import check_repo_id

            check_repo_id(self.push_to_hub, flag="--push_to_hub")
        if self.save_to_disk and self.dataset_name and (
                os.path.abspath(self.save_to_disk) == os.path.abspath(self.dataset_name)):
            raise SpriteError(f"--save_to_disk {self.save_to_disk} is the folder the sprites are read from; save to "
                              f"a new folder.")


@dataclass
class EvalConfig:
    """Everything `sprite-diffusion eval` accepts."""

    model: str = field(
        default="sprite-ddpm", metadata={"help": "An export folder, Hub id, checkpoint folder or LoRA adapter folder."}
    )
    dataset_name: Optional[str] = field(
        default=None, metadata={"help": "Reference sprites: a Hub dataset id or `save_to_disk` folder (default: the "
                                        "embedded set)."}
    )
    train_data_dir: Optional[str] = field(
        default=None, metadata={"help": "Reference sprites: an imagefolder or course-array folder."}
    )
    resolution: Optional[int] = field(
        default=None, metadata={"help": "Resolution of the reference sprites (default: the model's; must match it)."}
    )
    background: str = field(
        default="black", metadata={"help": "Colour that transparent reference pixels are composited onto."}
    )
    num_samples: int = field(default=1000, metadata={"help": "Sprites to sample and score (at least 50)."})
    seed: int = field(default=0, metadata={"help": "Seed of the samples and subsets: the same seed, the same numbers."})
    scheduler: str = field(default=DEFAULT_SAMPLER, metadata={"help": _SAMPLER_HELP})
    num_inference_steps: Optional[int] = field(
        default=None, metadata={"help": f"Denoising steps (default: {_DEFAULT_STEPS})."}
    )
    guidance_scale: float = field(
        default=2.0, metadata={"help": "Classifier-free guidance of conditional models."}
    )
    output: str = field(default="eval.json", metadata={"help": "Where the results are written as JSON."})
    palette: Optional[str] = field(default=None, metadata={"help": PALETTE_HELP})
    max_colors_per_sprite: Optional[str] = field(default=None, metadata={"help": COLOR_BUDGET_HELP})

    def __post_init__(self):
        _check_choice("scheduler", self.scheduler, SAMPLER_NAMES)
        _check_positive("num_samples", self.num_samples)
        for name in ("resolution", "num_inference_steps"):
            if getattr(self, name) is not None:
                _check_positive(name, getattr(self, name))
        if self.guidance_scale < 0:
            raise SpriteError(f"--guidance_scale must be 0 or more, got {self.guidance_scale}.")
        if self.dataset_name and self.train_data_dir:
            raise SpriteError("Give either --dataset_name or --train_data_dir, not both.")


@dataclass
class DemoConfig:
    """Everything `sprite-diffusion demo` / `recipes/demo.py` accepts: a browser app that samples one model."""

    model: str = field(
        default="sprite-ddpm", metadata={"help": "An export folder, Hub id, checkpoint folder or LoRA adapter folder."}
    )
    scheduler: str = field(default=DEFAULT_SAMPLER,
                           metadata={"help": f"First sampler shown: {', '.join(SAMPLER_NAMES)}."})
    num_inference_steps: Optional[int] = field(
        default=None, metadata={"help": f"First step count shown, 1 to {DEMO_MAX_STEPS} (default: the sampler's own)."}
    )
    num_images: int = field(default=16, metadata={"help": f"First number of sprites shown, 1 to {DEMO_MAX_IMAGES}."})
    seed: int = field(default=0, metadata={"help": "First seed shown."})
    guidance_scale: float = field(default=2.0, metadata={"help": "First guidance scale shown (conditional models)."})
    upscale: int = field(default=8, metadata={"help": "NEAREST upscale factor of the gallery and the animation."})
    host: str = field(
        default="127.0.0.1",
        metadata={"help": "Address to serve on: loopback, so only this machine reaches the app; 0.0.0.0 opens it to "
                          "your network."},
    )
    port: Optional[int] = field(default=None, metadata={"help": "Port (default: the first free one from 7860)."})
    share: bool = field(
        default=False, metadata={"help": "Also open a public gradio.live link through gradio's tunnel (off: no link)."}
    )
    model_picker: bool = field(
        default=True, metadata={"help": "Show a box to load another export, Hub id, checkpoint or adapter in the app."}
    )

    def __post_init__(self):
        _check_choice("scheduler", self.scheduler, SAMPLER_NAMES)
        if self.num_inference_steps is not None and not 1 <= self.num_inference_steps <= DEMO_MAX_STEPS:
            raise SpriteError(f"--num_inference_steps must be from 1 to {DEMO_MAX_STEPS}, got "
                              f"{self.num_inference_steps}.")
        if not 1 <= self.num_images <= DEMO_MAX_IMAGES:
            raise SpriteError(f"--num_images must be from 1 to {DEMO_MAX_IMAGES}, got {self.num_images}.")
        _check_positive("upscale", self.upscale)
        if self.guidance_scale < 0:
            raise SpriteError(f"--guidance_scale must be 0 or more, got {self.guidance_scale}.")
        if self.seed < 0:
            raise SpriteError(f"--seed must be 0 or more, got {self.seed}.")
        if self.port is not None and not 1 <= self.port <= 65535:
            raise SpriteError(f"--port must be from 1 to 65535, got {self.port}.")


@dataclass
class SpaceConfig:
    """Everything `sprite-diffusion space` accepts: a Hugging Face Space folder that serves the demo for one model."""

    model: Optional[str] = field(
        default=None, metadata={"help": "The Hub id (owner/name) of the model the Space samples."}
    )
    output_dir: str = field(default="sprite-space", metadata={"help": "Where the Space folder is written."})
    title: Optional[str] = field(default=None, metadata={"help": "The Space's title (default: the model's name)."})
    toolkit_requirement: Optional[str] = field(
        default=None,
        metadata={"help": "A pip requirement line that installs this toolkit on the Space, e.g. "
                          "'sprite-diffusion-toolkit[demo] @ git+https://github.com/you/sprite-toolkit@v0.1.0'. "
                          "Default: the toolkit's code is copied into the folder, so the Space needs no published "
                          "package."},
    )

    def __post_init__(self):
        if not self.model:
            raise SpriteError("--model is required; give the Hub id of the model the Space samples, as owner/name.")
        # Here, not at the top: the hub module loads diffusers, and the options must parse (and --help answer) fast.
        from .hub import check_repo_id

        check_repo_id(self.model, flag="--model")
        if self.toolkit_requirement is not None and (not self.toolkit_requirement.strip()
                                                     or "\n" in self.toolkit_requirement):
            raise SpriteError("--toolkit_requirement must be one pip requirement line, e.g. "
                              "'sprite-diffusion-toolkit[demo] @ git+https://github.com/you/sprite-toolkit'.")
