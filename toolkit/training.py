"""The training loop on accelerate: data in memory, UNet2DModel + DDPMScheduler, EMA, checkpoints, previews, export."""

import contextlib
import json
import math
import os
import platform
import signal
import time
from dataclasses import dataclass, field
from typing import Dict, Optional

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from accelerate.state import AcceleratorState, PartialState
from accelerate.utils import ProjectConfiguration, is_compiled_module, parse_flag_from_env, set_seed
from diffusers import DDPMScheduler, UNet2DModel
from datasets import Dataset
from diffusers.training_utils import EMAModel, compute_snr
from tqdm.auto import tqdm

from . import checkpoints
from .budget import Budget, StepCosts, format_step_seconds, measure_costs, next_check, steps_for_minutes
from .compile_check import gradient_disagreement
from .config import DEFAULT_TRAIN_MINUTES, TrainConfig, public_options
from .data import SpriteBatches, load_sprite_dataset, resolve_color_mode, sprites_to_tensor
from .errors import SpriteError, TrainingInterrupted
from .export import LOSS_CURVE, check_output_dir, export_adapter, export_pipeline
from .hub import push_folder
from .optimizers import build_optimizer
from .lr_schedules import WSD, length_keeping, lr_schedule, schedule_flags, stable_until
from .images import make_grid, save_loss_curve
from .presets import DEFAULT_TIMESTEP_WARP, build_scheduler, build_unet, schedule_warp, unet_config
from .lora import add_lora
from .palette import describe_format, from_hex
from .samplers import default_steps
from .models import load_model
from .sampling import build_pipeline, class_rows, generate
from .seeds import NOISE, REFERENCE, seeded_generator


# What --memory_format names, as torch knows it.
TORCH_MEMORY_FORMATS = {"contiguous": torch.contiguous_format, "channels_last": torch.channels_last}
# channels_last is kept only this much faster: the two layouts' blocks of steps drift by about 5% between each other.
CHANNELS_LAST_MARGIN = 1.05


@contextlib.contextmanager
def ema_weights(ema, model):
    """Temporarily put the EMA weights into `model` (no-op without EMA); the training weights come back after."""
    if ema is None:
        yield model
        return
    ema.store(model.parameters())
    ema.copy_to(model.parameters())
    try:
        yield model
    finally:
        ema.restore(model.parameters())


def loss_weights(snr, prediction_type, snr_gamma=None, snr_floor=None):
    """Per-sample weights that turn the MSE on `prediction_type`'s target into a chosen weighting of the x0 error.

    The three targets weigh the error in the clean sprite differently: |eps err|^2 = SNR |x0 err|^2,
    |v err|^2 = (SNR + 1) |x0 err|^2, |x0 err|^2 itself. Min-SNR-gamma (arXiv:2303.09556) gives the x0 error the
    weight min(SNR, gamma), which goes to 0 at high noise; `snr_floor` keeps it at least that large there, so the
    first steps of a deterministic sampler (which start from nearly pure noise) are learned too. Without
    `snr_gamma` the plain MSE on the target is used (weights of 1).
    """
    if not snr_gamma:
        return torch.ones_like(snr)
    x0_weight = snr.clamp(max=snr_gamma)
    if snr_floor:
        x0_weight = x0_weight.clamp(min=min(snr_floor, snr_gamma))
    # What the target's own MSE already weighs the x0 error by; divided out so the total weight is x0_weight.
    inherent = {"epsilon": snr, "sample": torch.ones_like(snr), "v_prediction": snr + 1}[prediction_type]
    return x0_weight / inherent.clamp(min=1e-8)


def diffusion_loss(pred, clean, noise, timesteps, noise_scheduler, snr_gamma=None, snr_floor=None):
    """MSE against the target of the scheduler's prediction type, optionally min-SNR-gamma weighted per sample."""
    kind = noise_scheduler.config.prediction_type
    if kind == "epsilon":
        target = noise
    elif kind == "sample":
        target = clean
    else:
        target = noise_scheduler.get_velocity(clean, noise, timesteps)
    per_sample = F.mse_loss(pred.float(), target.float(), reduction="none").mean(dim=(1, 2, 3))
    if snr_gamma:
        per_sample = per_sample * loss_weights(compute_snr(noise_scheduler, timesteps), kind, snr_gamma, snr_floor)
    return per_sample.mean()


class _StopSignal:
    """Records SIGTERM/SIGINT instead of dying mid-step, so the loop can save a checkpoint and exit cleanly."""

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self):
        self.signum = 0
        self._previous = {}

    def __enter__(self):
        for sig in self.SIGNALS:
            self._previous[sig] = signal.signal(sig, self._record)
        return self

    def _record(self, signum, frame):
        self.signum = signum

    def __exit__(self, *exc):
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def choose_mixed_precision(requested, launched, device_type, cpu_bf16):
    """The precision a run trains in: --mixed_precision when given, else what `accelerate launch` says (`launched`),
    except that its default `no` becomes bf16 on a CPU with bf16 units (`cpu_bf16` True), where bf16 autocast
    measured 1.45x the UNet's steps a second and better sprites in the same minutes (BENCHMARKS.md, "bf16 by
    default")."""
    if requested is not None:
        return requested
    if launched in (None, "no") and device_type == "cpu" and cpu_bf16 is True:
        return "bf16"
    return launched or "no"


def make_accelerator(cfg):
    """The Accelerator for `cfg`, with errors about precision or trackers turned into one clear sentence."""
    # accelerate keeps one global state per process; a second train() in the same process (a notebook, the tests)
    # may ask for another precision, so that state starts afresh. The distributed part (PartialState) is kept.
    AcceleratorState._reset_state(reset_partial_state=False)
    # PartialState must see `cpu` as AcceleratorState would pass it: built with cpu=False under `accelerate launch
    # --multi_gpu` with ACCELERATE_USE_CPU, it would settle on one process and every rank would train alone.
    state = PartialState(cpu=parse_flag_from_env("ACCELERATE_USE_CPU"))
    precision = choose_mixed_precision(cfg.mixed_precision, os.environ.get("ACCELERATE_MIXED_PRECISION"),
                                       state.device.type, cpu_has_bf16())
    try:
        return Accelerator(
            mixed_precision=precision,
            gradient_accumulation_steps=cfg.gradient_accumulation_steps,
            log_with=None if cfg.logger == "none" else cfg.logger,
            project_config=ProjectConfiguration(project_dir=cfg.run_dir, logging_dir=os.path.join(cfg.run_dir, "logs")),
        )
    except (ValueError, ImportError) as err:
        raise SpriteError(f"Accelerate could not start with --mixed_precision {precision} and --logger "
                          f"{cfg.logger} ({err}); use --mixed_precision no, or `pip install wandb` for that logger."
                          ) from None


@dataclass
class Run:
    """What one training run is made of, built once by `setup_run`; the loop's helpers take it explicitly."""

    cfg: TrainConfig
    accelerator: Accelerator
    unet: torch.nn.Module  # as accelerate prepared it (DDP-wrapped on several processes; a peft model with LoRA)
    ema: Optional[EMAModel]
    optimizer: torch.optim.Optimizer
    lr_scheduler: Optional[torch.optim.lr_scheduler.LRScheduler]  # built once max_steps is planned
    noise_scheduler: DDPMScheduler
    batches: SpriteBatches
    ds: Dataset
    id2label: Optional[Dict[str, str]]  # None for an unconditional model
    sprite_format: dict
    max_steps: int
    steps_per_epoch: int
    timestep_warp: float = 1.0  # of the noise schedule (presets.schedule_warp); training draws follow it
    memory_format: str = "contiguous"  # what the UNet trains in (--memory_format, "auto" resolved)
    budget: Optional[Budget] = None  # where the length came from --max_train_minutes and is checked again

    @property
    def main(self):
        return self.accelerator.is_main_process

    @property
    def null_class(self):
        """The class id classifier-free guidance trains as "no class" (the last one); None when unconditional."""
        return len(self.id2label) if self.id2label is not None else None


@dataclass
class RunState:
    """What changes as the run goes: optimizer steps taken, the loss history, and when this process started."""

    step: int = 0
    history: Dict[str, list] = field(default_factory=lambda: {"steps": [], "losses": []})
    started: float = field(default_factory=time.time)


def setup_run(cfg, accelerator):
    """Data, model, EMA, optimizer and LR schedule for `cfg`, prepared by `accelerator`."""
    if not cfg.pretrained_model_name_or_path:
        unet_config(cfg.preset, cfg.resolution, cfg.model_config_name_or_path)  # fail on a bad size before any work
    # Data: decoded once into memory, then drawn by index.
    ds = load_sprite_dataset(cfg.dataset_name, cfg.train_data_dir, cfg.image_column, cfg.label_column,
                             cfg.resolution, tile_size=cfg.tile_size, tile_margin=cfg.tile_margin,
                             tile_spacing=cfg.tile_spacing)
    if cfg.only_classes:
        ds = keep_classes(ds, cfg.only_classes)
    if cfg.max_train_samples:
        ds = ds.select(range(min(cfg.max_train_samples, ds.num_rows)))
    color_mode = resolve_color_mode(ds, cfg.color_mode, _data_name(cfg))
    images, labels = sprites_to_tensor(ds, cfg.resolution, cfg.background, color_mode)
    label_names = ds.features["label"].names
    # The data's palette, alpha rule and colours per sprite: previews finish sprites by them; the export stores them.
    sprite_format = describe_format(images.permute(0, 2, 3, 1).numpy())

    # Model and noise schedule: fresh from a preset, or a pretrained one to fine-tune (whole, or a LoRA adapter).
    unet, noise_scheduler, id2label = prepare_model(cfg, label_names, images.shape[1])
    if id2label is not None:
        # The model's ids may differ from the dataset's (e.g. a subset of its classes): map by name.
        labels = torch.tensor([int(_label_id(id2label, name)) for name in label_names])[labels]
    batches = SpriteBatches(images, labels, cfg.train_batch_size, cfg.seed, cfg.random_flip,
                            accelerator.num_processes, accelerator.process_index, accelerator.device)

    ema = None
    if cfg.use_ema and cfg.use_lora:
        accelerator.print("LoRA trains a small adapter briefly: --use_ema is ignored.")
    elif cfg.use_ema:
        # foreach: one kernel over all ~150 tensors instead of a few per tensor (BENCHMARKS.md, "Step overheads").
        ema = EMAModel(unet.parameters(), decay=cfg.ema_max_decay, use_ema_warmup=True, inv_gamma=cfg.ema_inv_gamma,
                       power=cfg.ema_power, model_cls=UNet2DModel, model_config=unet.config, foreach=True)
    optimizer = build_optimizer(cfg, unet, accelerator.device, accelerator.mixed_precision)
    steps_per_epoch = math.ceil(len(batches) / cfg.gradient_accumulation_steps)
    unet, optimizer = accelerator.prepare(unet, optimizer)
    if ema is not None:
        ema.to(accelerator.device)
    run = Run(cfg, accelerator, unet, ema, optimizer, None, noise_scheduler, batches, ds, id2label, sprite_format,
              0, steps_per_epoch, schedule_warp(noise_scheduler.config))
    check_compiled_gradients(run)
    run.memory_format = choose_memory_format(run)
    if run.memory_format != "contiguous":
        run.unet.to(memory_format=TORCH_MEMORY_FORMATS[run.memory_format])
    run.max_steps, run.budget = planned_steps(run)
    run.lr_scheduler = lr_schedule(cfg, optimizer, run.max_steps)
    return run


def choose_memory_format(run):
    """--memory_format, with `auto` resolved: on CPU the faster of the two layouts, timed here on copies of the model
    (channels_last measured 1.17x on an AVX-512 CPU and 0.81x on an AVX2 one; BENCHMARKS.md, "channels_last where
    it pays"); contiguous on other devices and for a compiled model, which would compile again."""
    cfg, accelerator = run.cfg, run.accelerator
    if cfg.memory_format != "auto":
        return cfg.memory_format
    if accelerator.device.type != "cpu" or is_compiled_module(run.unet):
        return "contiguous"
    seconds = format_step_seconds(run, training_step, TORCH_MEMORY_FORMATS)
    # Every process must train in the same layout: compare the slowest process's times.
    contiguous, channels_last = _slowest(accelerator, seconds["contiguous"], seconds["channels_last"])
    chosen = "channels_last" if contiguous >= CHANNELS_LAST_MARGIN * channels_last else "contiguous"
    accelerator.print(f"Memory format: {chosen} (channels_last trains at {contiguous / channels_last:.2f}x the "
                      f"contiguous layout's speed on this machine).")
    return chosen


def repeat_flags(run, steps):
    """The flags that repeat this run exactly with a fixed length: the step count, and the memory layout `auto`
    chose (which changes the last bits of the arithmetic)."""
    flags = f"--max_train_steps {steps}"
    return flags + (f" --memory_format {run.memory_format}" if run.cfg.memory_format == "auto" else "")


def check_compiled_gradients(run):
    """Stop before the first step when accelerate compiled the UNet (`--dynamo_backend`) and the compiled model's
    gradients on the first batch are not the eager model's (toolkit.compile_check)."""
    if not is_compiled_module(run.unet):
        return
    cfg, accelerator = run.cfg, run.accelerator
    clean, noisy, noise, timesteps, class_labels = training_batch(run, 0)

    def loss_of(model):
        with accelerator.autocast():
            pred = model(noisy, timesteps, class_labels=class_labels).sample
        return diffusion_loss(pred, clean, noise, timesteps, run.noise_scheduler, cfg.snr_gamma, cfg.snr_floor)

    # Each process compares its own gradients: no DDP all-reduce in between.
    with accelerator.no_sync(run.unet):
        found = gradient_disagreement(run.unet, accelerator.unwrap_model(run.unet, keep_torch_compile=False), loss_of)
    if found is None:
        return
    backend = accelerator.state.dynamo_plugin.backend.value.lower()
    how = (f"{len(found['lost'])} of its {found['total']} weight tensors get none (the first: {found['lost'][0]})"
           if found["lost"] else f"they point elsewhere (cosine {found['cosine']:.3f} with the eager model's)")
    raise SpriteError(f"torch.compile ({backend}) computes wrong gradients for this UNet with torch "
                      f"{torch.__version__} on this machine: {how}, so the run would not train the whole model; "
                      f"train without --dynamo_backend (set dynamo_backend: 'NO' in your accelerate config), or with "
                      f"another torch version.")


def planned_steps(run):
    """The run's length in optimizer steps: --max_train_steps, else --num_epochs, else a resumed run's own plan, else
    what --max_train_minutes (default DEFAULT_TRAIN_MINUTES) buys at the speed measured on this machine; with the
    Budget that re-checks that last plan after the warm-up (else None)."""
    cfg, accelerator = run.cfg, run.accelerator
    if cfg.max_train_steps:
        return cfg.max_train_steps, None
    if cfg.num_epochs:
        return cfg.num_epochs * run.steps_per_epoch, None
    path = checkpoints.resolve_resume(cfg.run_dir, cfg.resume_from_checkpoint) if cfg.resume_from_checkpoint else None
    planned = checkpoints.read_state(path).get("max_steps") if path else None
    if planned:
        return planned, None
    minutes = cfg.max_train_minutes or DEFAULT_TRAIN_MINUTES
    guided = 2 if run.id2label is not None else 1  # classifier-free guidance doubles a preview's batch
    costs = measure_costs(run, training_step, guided * cfg.eval_batch_size, preview_steps(cfg))
    # Every process must plan the same count: plan for the slowest.
    costs = StepCosts(*_slowest(accelerator, costs.step_seconds, costs.preview_seconds))
    steps_per_preview = run.steps_per_epoch * cfg.save_images_epochs
    steps = steps_for_minutes(minutes, costs, steps_per_preview)
    stable = stable_until(cfg, steps)
    check_at = next_check(0, cfg.lr_warmup_steps, stable, steps)
    again = ""
    if check_at:
        later = next_check(check_at, cfg.lr_warmup_steps, stable, steps)
        again = (f", checked again after {check_at} steps" +
                 (f" and every {later - check_at} steps until the learning rate starts to decay." if later else "."))
    accelerator.print(f"A {minutes:g}-minute budget: {steps} steps at the measured {costs.step_seconds:.3f} s a step "
                      f"and {costs.preview_seconds:.1f} s a preview grid"
                      + (again or f" ({repeat_flags(run, steps)} repeats this run exactly)."))
    return steps, Budget(minutes, costs, steps_per_preview, check_at) if check_at else None


def replan(run, progress):
    """The budget's steps again from the loop's own step time and the minutes left (the slowest process's), at one
    of the budget's checks; the plan is final at the last check before the learning rate depends on the length."""
    budget, cfg, taken = run.budget, run.cfg, run.budget.check_at
    step_seconds, elapsed = _slowest(run.accelerator, budget.loop_step_seconds(), budget.elapsed_seconds())
    steps = length_keeping(cfg, taken, budget.replanned_steps(step_seconds, elapsed))
    budget.check_at = next_check(taken, cfg.lr_warmup_steps, stable_until(cfg, steps), steps)
    if run.main and (taken == cfg.lr_warmup_steps or not budget.check_at):
        read = (f"the probe read {budget.costs.step_seconds:.3f}" if taken == cfg.lr_warmup_steps else
                f"over {taken} steps")
        progress.write(f"The loop ran {step_seconds:.3f} s a step ({read}): {steps} steps fit the "
                       f"{budget.minutes:g}-minute budget"
                       + (f" ({repeat_flags(run, steps)} repeats this run exactly)." if not budget.check_at else
                          ", checked again until the learning rate starts to decay."))
    if steps != run.max_steps:
        # The rates used so far do not depend on the length, so this is the schedule --max_train_steps builds.
        run.max_steps = steps
        run.lr_scheduler = lr_schedule(cfg, run.optimizer, steps, steps_taken=taken)
        progress.total = steps
        progress.refresh()
    if not budget.check_at:
        run.budget = None


def _slowest(accelerator, *seconds):
    """Each of `seconds`, the largest over the processes."""
    measured = torch.tensor([seconds], device=accelerator.device)
    return accelerator.gather(measured).max(dim=0).values.tolist()


def resume(run):
    """The state to start from: a new one, or the checkpoint `--resume_from_checkpoint` names (restored into `run`)."""
    cfg = run.cfg
    path = checkpoints.resolve_resume(cfg.run_dir, cfg.resume_from_checkpoint)
    if cfg.resume_from_checkpoint and path is None:
        run.accelerator.print(f"No checkpoint in {cfg.run_dir} yet; starting a new run.")
    if not path:
        return RunState()
    check_resumed_schedule(path, run.timestep_warp)
    saved_state = checkpoints.read_state(path)
    check_resumed_lr_schedule(path, saved_state, cfg)
    check_resumed_flips(path, saved_state, cfg.random_flip)
    check_resumed_unet(path, saved_state, plain_unet(run).config)
    saved = checkpoints.load_checkpoint(run.accelerator, path, run.ema)
    run.lr_scheduler.load_state_dict(saved["lr_scheduler"])
    run.accelerator.print(f"Resumed from {path} at step {saved['step']}.")
    return RunState(step=saved["step"], history=saved["history"])


def timestep_warp_for(cfg):
    """The time warp of a new model's schedule: --timestep_warp, else the checkpoint's own when resuming one, else
    DEFAULT_TIMESTEP_WARP on the cosine schedule and 1 on any other."""
    if cfg.timestep_warp is not None:
        return cfg.timestep_warp
    path = checkpoints.resolve_resume(cfg.run_dir, cfg.resume_from_checkpoint)  # None when not resuming
    saved = saved_schedule_warp(path) if path else None
    if saved is not None:
        return saved
    return DEFAULT_TIMESTEP_WARP if cfg.ddpm_beta_schedule == "squaredcos_cap_v2" else 1.0


def saved_schedule_warp(path):
    """The time warp of the schedule stored in checkpoint `path`, or None where it stores none."""
    folder = os.path.join(path, checkpoints.SCHEDULER_FOLDER)
    return schedule_warp(DDPMScheduler.load_config(folder)) if os.path.isdir(folder) else None


def check_resumed_schedule(path, timestep_warp):
    """Refuse to resume a checkpoint under another --timestep_warp than it was trained with: its schedule is stored
    beside it, and a silently changed schedule would train the rest of the run on other noise levels."""
    saved = saved_schedule_warp(path)
    if saved is not None and saved != timestep_warp:
        raise SpriteError(f"{path} was trained with --timestep_warp {saved:g} and this run would use "
                          f"{timestep_warp:g}; add --timestep_warp {saved:g} to resume it.")


def check_resumed_lr_schedule(path, state, cfg):
    """Refuse to resume a checkpoint under another learning-rate schedule than its run was started with: its trainer
    `state` holds only the step, so the rest of the run would silently follow the new schedule's rates."""
    saved = state.get("lr_schedule_flags")
    if saved is None and cfg.lr_scheduler == WSD:  # saved before checkpoints named it, when cosine was the default
        raise SpriteError(f"{path} was saved before checkpoints named their learning-rate schedule, when the default "
                          f"was cosine; add --lr_scheduler cosine (or the schedule the run was started with) to "
                          f"resume it.")
    if saved is not None and saved != schedule_flags(cfg):
        raise SpriteError(f"{path} was trained with {saved} and this run would use {schedule_flags(cfg)}; add "
                          f"{saved} to resume it.")


def check_resumed_flips(path, state, random_flip):
    """Refuse to resume a checkpoint with other --random_flip than its run was started with, which would silently
    train the rest of the run on other data."""
    saved = state.get("random_flip", True)  # saved before checkpoints stored it, when flips were the default
    if saved != random_flip:
        why = "" if "random_flip" in state else " (it was saved before checkpoints stored it, when flips were on)"
        raise SpriteError(f"{path} was trained with{'' if saved else 'out'} random flips{why}; add --random_flip "
                          f"{str(saved).lower()} to resume it.")


def check_resumed_unet(path, state, config):
    """Refuse to resume a checkpoint into a UNet built otherwise (another --preset, or a preset changed since the
    run started), before its weights fail to fit with a shape error."""
    saved = state.get("unet_config")
    if saved is None:
        return
    saved, built = (json.loads(json.dumps({k: v for k, v in dict(c).items() if not k.startswith("_")}))
                    for c in (saved, config))
    differ = sorted(k for k in saved.keys() | built.keys() if saved.get(k) != built.get(k))
    if differ:
        what = ", ".join(f"{k} {saved.get(k)!r} there and {built.get(k)!r} here" for k in differ)
        raise SpriteError(f"{path} holds a UNet built otherwise than this run's ({what}); add "
                          f"--model_config_name_or_path {path} to resume it with its own UNet.")


def draw_timesteps(num, num_train_timesteps, generator, device, timestep_warp=1.0, sampling="uniform"):
    """`num` training timesteps. With a time warp the draws keep the noise levels as frequent as under the plain
    cosine schedule (uniform in cosine time), so the warp changes where samplers step, not what the UNet learns,
    except that the levels below the warped schedule's lowest are all learned at that lowest level, timestep 0.
    `sampling` "stratified" puts one draw in each of `num` equal stretches of cosine time, all at one random offset;
    "logit_normal" draws cosine time as the sigmoid of a standard normal, so middle noise levels come up most.
    "within_schedule" draws cosine time uniformly from where the warped schedule's levels begin: uniform draws put
    every cosine time below the lowest level, (1 / T) ** warp, on timestep 0 (12.6% of the draws at warp 0.3), and
    this gives timestep 0 a stretch as wide as timestep 1's instead. Without a warp it is the same as uniform.
    "noisy_tenth" draws uniformly, but a tenth of the draws come from the noisiest tenth of cosine time, so those
    levels, where a deterministic sampler settles what kind of sprite it draws, come up 19% of the time, not 10%."""
    if sampling == "stratified":
        offset = torch.rand(1, generator=generator, device=device)
        cosine_time = (offset + torch.arange(num, device=device) / num) % 1.0
    elif sampling == "logit_normal":
        cosine_time = torch.sigmoid(torch.randn(num, generator=generator, device=device))
    elif sampling == "within_schedule":
        low = 2 * (1 / num_train_timesteps) ** timestep_warp - (2 / num_train_timesteps) ** timestep_warp
        cosine_time = low + (1 - low) * torch.rand(num, generator=generator, device=device)
    elif sampling == "noisy_tenth":
        uniform = torch.rand(num, generator=generator, device=device)
        noisy = 0.9 + 0.1 * torch.rand(num, generator=generator, device=device)
        cosine_time = torch.where(torch.rand(num, generator=generator, device=device) < 0.1, noisy, uniform)
    elif timestep_warp == 1.0:
        return torch.randint(0, num_train_timesteps, (num,), generator=generator, device=device)
    else:
        cosine_time = torch.rand(num, generator=generator, device=device)
    index = torch.ceil(num_train_timesteps * cosine_time ** (1 / timestep_warp)) - 1
    return index.clamp(0, num_train_timesteps - 1).long()


def noisy_batch(clean, labels, noise_scheduler, generator, cond_drop_prob=0.0, null_class=None,
                input_perturbation=0.0, timestep_warp=1.0, sampling="uniform"):
    """(noisy sprites, noise, timesteps, class labels or None) for one batch, every draw from `generator`.

    With `null_class` (conditional models), each label becomes the null class with probability `cond_drop_prob`:
    that teaches the unconditional model classifier-free guidance needs. With `input_perturbation` gamma the sprites
    are noised with noise + gamma * extra noise, while the returned noise (the loss's target) stays the plain one.
    """
    noise = torch.randn(clean.shape, generator=generator, device=clean.device)
    timesteps = draw_timesteps(clean.shape[0], noise_scheduler.config.num_train_timesteps, generator, clean.device,
                               timestep_warp, sampling)
    class_labels = None
    if null_class is not None:
        drop = torch.rand(labels.shape, generator=generator, device=clean.device) < cond_drop_prob
        class_labels = torch.where(drop, torch.full_like(labels, null_class), labels)
    applied = noise
    if input_perturbation:
        applied = noise + input_perturbation * torch.randn(clean.shape, generator=generator, device=clean.device)
    return noise_scheduler.add_noise(clean, applied, timesteps), noise, timesteps, class_labels


def posterior_mean_targets(noisy, timesteps, noise_scheduler, reference, reference_labels=None, class_labels=None,
                           null_class=None):
    """(clean, noise) targets from the mean of the clean sprites each noisy sprite could have come from.

    Each reference sprite r is weighted by how likely the noise was to turn it into the noisy sprite x, that is
    softmax over r of -|x - sqrt(abar) r|^2 / (2 (1 - abar)), and the clean target is the weighted mean: E[x0 | x]
    over the reference, which is the very function plain denoising training converges to on this data, but without
    the variance of a single draw (the stable target field, arXiv:2302.00670). At low noise the weight is all on the
    sprite x came from. With class labels, a sprite's own class is its reference; a dropped label (`null_class`)
    has them all. The noise target is the one that makes the pair consistent with x.
    """
    alpha_bar = noise_scheduler.alphas_cumprod.to(noisy.device)[timesteps].float()[:, None]
    flat, ref = noisy.flatten(1).float(), reference.flatten(1).float()
    # |x - a r|^2 = |x|^2 - 2a x.r + a^2 |r|^2; |x|^2 is the same for every r of a row, so the softmax drops it.
    logits = (2 * alpha_bar.sqrt() * (flat @ ref.T) - alpha_bar * (ref * ref).sum(1)[None]) / (2 * (1 - alpha_bar))
    if class_labels is not None:
        other = (reference_labels[None] != class_labels[:, None]) & (class_labels[:, None] != null_class)
        logits = logits.masked_fill(other, float("-inf"))
    clean = (logits.softmax(dim=1) @ ref).view_as(noisy)
    noise = (noisy.float() - alpha_bar.sqrt()[:, :, None, None] * clean) / (1 - alpha_bar).sqrt()[:, :, None, None]
    return clean, noise


def training_batch(run, batch_index):
    """(clean, noisy, noise, timesteps, class labels or None) of micro-batch `batch_index` under the run's settings.
    Noise, timesteps and label dropout are functions of the batch index: a resumed run draws the same. With
    --target_reference_size, clean and noise are the posterior-mean targets rather than the ones drawn."""
    cfg, accelerator = run.cfg, run.accelerator
    clean, labels = run.batches.get(batch_index)
    generator = seeded_generator(cfg.seed, NOISE, batch_index, accelerator.process_index, device=accelerator.device)
    noisy, noise, timesteps, class_labels = noisy_batch(
        clean, labels, run.noise_scheduler, generator, cfg.cond_drop_prob, run.null_class, cfg.input_perturbation,
        run.timestep_warp, cfg.timestep_sampling)
    if cfg.target_reference_size:
        generator = seeded_generator(cfg.seed, REFERENCE, batch_index, accelerator.process_index,
                                     device=accelerator.device)
        reference, reference_labels = run.batches.reference(cfg.target_reference_size, generator, clean, labels)
        clean, noise = posterior_mean_targets(noisy, timesteps, run.noise_scheduler, reference, reference_labels,
                                              class_labels, run.null_class)
    return clean, noisy, noise, timesteps, class_labels


def training_step(run, step):
    """One optimizer step (`gradient_accumulation_steps` micro-batches); returns the micro-batches' mean loss."""
    cfg, accelerator, unet = run.cfg, run.accelerator, run.unet
    losses = []
    for micro in range(cfg.gradient_accumulation_steps):
        batch_index = step * cfg.gradient_accumulation_steps + micro
        clean, noisy, noise, timesteps, class_labels = training_batch(run, batch_index)
        if run.memory_format == "channels_last":
            # Its input in the same layout: 1.18x against contiguous, 1.08-1.12x without (BENCHMARKS.md).
            noisy = noisy.contiguous(memory_format=torch.channels_last)
        with accelerator.accumulate(unet):
            with accelerator.autocast():
                pred = unet(noisy, timesteps, class_labels=class_labels).sample
            loss = diffusion_loss(pred, clean, noise, timesteps, run.noise_scheduler, cfg.snr_gamma, cfg.snr_floor)
            accelerator.backward(loss)
            if accelerator.sync_gradients and cfg.max_grad_norm > 0:
                accelerator.clip_grad_norm_(unet.parameters(), cfg.max_grad_norm)
            run.optimizer.step()
            run.optimizer.zero_grad(set_to_none=True)
        losses.append(loss.detach().float())
    run.lr_scheduler.step()
    if run.ema is not None:
        run.ema.step(unet.parameters())
    return torch.stack(losses).mean()


def plain_unet(run):
    """The UNet2DModel itself, for pipelines; with LoRA its adapted layers stay active inside it."""
    model = run.accelerator.unwrap_model(run.unet)
    return model.get_base_model() if run.cfg.use_lora else model


def save_state(run, state):
    """Save a resumable checkpoint of `run` at `state.step`; returns its path."""
    cfg, accelerator = run.cfg, run.accelerator
    # Every process's parameter checksum: DDP must keep them equal, and a checkpoint says whether it did.
    checksum = torch.stack([p.detach().double().sum() for p in run.unet.parameters()]).sum().reshape(1)
    samples_per_step = cfg.train_batch_size * accelerator.num_processes * cfg.gradient_accumulation_steps
    saved = {"step": state.step, "max_steps": run.max_steps, "history": state.history,
             "lr_scheduler": run.lr_scheduler.state_dict(), "lr_schedule_flags": schedule_flags(cfg),
             "random_flip": cfg.random_flip,
             "unet_config": dict(plain_unet(run).config), "id2label": run.id2label,
             "sprite_format": run.sprite_format, "samples_seen": state.step * samples_per_step,
             "num_processes": accelerator.num_processes, "param_checksums": accelerator.gather(checksum).tolist()}
    return checkpoints.save_checkpoint(accelerator, cfg.run_dir, state.step, run.ema, run.noise_scheduler, saved,
                                       cfg.checkpoints_total_limit)


def preview(run, tag):
    """A grid of EMA samples with fixed seeds and the preview sampler (one row per class), saved as samples/TAG.png."""
    cfg, fmt, id2label = run.cfg, run.sprite_format, run.id2label
    per_row = max(1, cfg.eval_batch_size // len(id2label)) if id2label else None
    with ema_weights(run.ema, plain_unet(run)) as model:
        pipe = build_pipeline(model, run.noise_scheduler.config, cfg.preview_scheduler, id2label,
                              from_hex(fmt["palette"], "the data's palette"), fmt["alpha"] != "smooth",
                              fmt["colors_per_sprite"])
        sprites = generate(pipe, cfg.eval_batch_size, preview_steps(cfg), cfg.seed,
                           class_labels=class_rows(id2label, per_row) if id2label else None,
                           guidance_scale=cfg.guidance_scale)
    grid = make_grid(sprites, ncols=per_row)
    grid.save(os.path.join(cfg.run_dir, "samples", f"{tag}.png"))
    return grid


def export(run, state, grid, revision=None):
    """Write the export (the EMA weights with --use_ema, else the last step's; or the LoRA adapter) with its card,
    grid and loss curve; push a `revision`."""
    cfg = run.cfg
    curve = save_loss_curve(state.history["steps"], state.history["losses"], os.path.join(cfg.run_dir, LOSS_CURVE)) \
        if state.history["losses"] else None
    card = _card(cfg, run.ds, state.step, state.started)
    if cfg.use_lora:
        export_adapter(run.accelerator.unwrap_model(run.unet), cfg.output_dir, cfg.pretrained_model_name_or_path,
                       card, grid, curve, run.sprite_format)
    else:
        with ema_weights(run.ema, plain_unet(run)) as model:
            export_pipeline(model, run.noise_scheduler, cfg.output_dir, card, grid, curve, run.id2label,
                            run.sprite_format)
    if revision:
        _push(cfg, revision, final=False)


def check_finite(loss, step, run_dir):
    if not math.isfinite(loss):
        found = checkpoints.list_checkpoints(run_dir)
        raise SpriteError(f"The loss became {loss} at step {step}; the last good checkpoint is "
                          f"{found[-1][1] if found else 'none (none saved yet)'}: lower --learning_rate or use "
                          f"--mixed_precision no, and resume with --resume_from_checkpoint latest.")


def train(cfg):
    """Train a sprite DDPM as `cfg` says and export it to `cfg.output_dir`; returns the export path."""
    check_output_dir(cfg.output_dir)
    accelerator = make_accelerator(cfg)
    set_threads(cfg, accelerator)
    set_seed(cfg.seed)  # the weight initialisation; data order and noise have their own seeded generators
    run = setup_run(cfg, accelerator)
    state = resume(run)
    if run.main:
        os.makedirs(os.path.join(cfg.run_dir, "samples"), exist_ok=True)
        accelerator.init_trackers("sprite-diffusion", config=_tracker_config(cfg))
        accelerator.print(describe_run(run))
    progress = tqdm(total=run.max_steps, initial=state.step, disable=not run.main, desc="train", dynamic_ncols=True)
    run.unet.train()
    if run.budget:
        run.budget.tick()
    with _StopSignal() as stop:
        while state.step < run.max_steps:
            loss = training_step(run, state.step)
            state.step += 1
            # One collective per step: the mean loss, and whether any process was asked to stop.
            stats = accelerator.reduce(torch.stack([loss, torch.tensor(float(stop.signum), device=loss.device)]),
                                       reduction="sum")
            loss, stop_signum = stats[0].item() / accelerator.num_processes, int(stats[1].item())
            check_finite(loss, state.step, cfg.run_dir)
            lr = run.lr_scheduler.get_last_lr()[0]
            state.history["steps"].append(state.step)
            state.history["losses"].append(loss)
            progress.update(1)
            progress.set_postfix(loss=f"{loss:.4f}", lr=f"{lr:.2e}")
            if run.budget:
                run.budget.tick()
                if state.step == run.budget.check_at:
                    replan(run, progress)
            accelerator.log({"loss": loss, "lr": lr, "ema_decay": run.ema.cur_decay_value if run.ema else 0.0},
                            step=state.step)

            if state.step % cfg.checkpointing_steps == 0 and state.step < run.max_steps:
                save_state(run, state)
            epoch, within = divmod(state.step, run.steps_per_epoch)
            if within == 0 and state.step < run.max_steps:
                wants_export = epoch % cfg.save_model_epochs == 0
                if run.main and (wants_export or epoch % cfg.save_images_epochs == 0):
                    grid = preview(run, f"epoch-{epoch:04d}")
                    if wants_export:
                        export(run, state, grid, cfg.hub_intermediate_revision)
                accelerator.wait_for_everyone()
            if stop_signum:
                break
    progress.close()

    if state.step < run.max_steps:  # left early: some process was signalled
        signum = stop.signum or signal.SIGTERM
        path = save_state(run, state)
        accelerator.end_training()
        raise TrainingInterrupted(f"Stopped by {signal.Signals(signum).name} at step {state.step} of "
                                  f"{run.max_steps} and saved {path}; run the same command with "
                                  f"--resume_from_checkpoint latest to continue.", signum)
    save_state(run, state)
    if run.main:
        export(run, state, preview(run, f"final-step-{state.step}"))
        accelerator.print(f"Exported {cfg.output_dir} after {state.step} steps in {time.time() - state.started:.0f}s; "
                          f"previews and checkpoints are in {cfg.run_dir}.")
    accelerator.end_training()
    if run.main and cfg.push_to_hub:
        _push(cfg, None, final=True)
    return cfg.output_dir


def set_threads(cfg, accelerator):
    """On a CPU, use every core (or --cpu_threads): `accelerate launch` pins one thread per process."""
    if accelerator.device.type != "cpu":
        return
    torch.set_num_threads(cfg.cpu_threads or max(1, (os.cpu_count() or 1) // accelerator.num_processes))
    if accelerator.mixed_precision == "bf16" and cpu_has_bf16() is False:
        accelerator.print("warning: this CPU has no bf16 units (oneDNN reports no bf16 support), so bf16 "
                          "convolutions fall back to reference kernels, about 15x slower than fp32 here; use "
                          "--mixed_precision no.")


def describe_run(run):
    """The one line a run prints before it starts."""
    cfg, fmt = run.cfg, run.sprite_format
    color_mode = fmt["color_mode"].upper()
    batch = cfg.train_batch_size * run.accelerator.num_processes * cfg.gradient_accumulation_steps
    return (f"{run.ds.num_rows} {color_mode} sprites at {cfg.resolution}px ({len(fmt['palette'])}-colour palette), "
            f"{sum(p.numel() for p in run.unet.parameters()):,} parameters, {run.max_steps} steps "
            f"({math.ceil(run.max_steps / run.steps_per_epoch)} epochs of {run.steps_per_epoch}), effective batch "
            f"{batch}, {describe_precision(cfg, run.accelerator)}")


def describe_precision(cfg, accelerator):
    precision = accelerator.mixed_precision
    text = "fp32" if precision == "no" else f"{precision} autocast"
    if cfg.mixed_precision is None and precision == "bf16" and accelerator.device.type == "cpu":
        text += " (this CPU has bf16 units; --mixed_precision no trains in fp32)"
    return text


def cpu_has_bf16():
    """Whether this CPU has bf16 arithmetic units (AVX-512-BF16 or AMX on x86); without them bf16 autocast is slow.
    None where this torch cannot tell: then bf16 is neither chosen by default nor warned about.

    oneDNN's own check (`torch.ops.mkldnn._is_mkldnn_bf16_supported()`) also answers yes on AVX-512 CPUs without
    those units (Ice Lake), where it emulates bf16 and the default run measured 1.46x slower than fp32 (BENCHMARKS.md,
    "An Ice Lake CPU"); on x86 the instruction set is asked instead.
    """
    try:
        if platform.machine().lower() in ("x86_64", "amd64", "i386", "i686"):
            return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return None


def keep_classes(ds, names):
    """Only the rows whose label is one of `names` (the ClassLabel itself is kept, so ids stay meaningful)."""
    known = ds.features["label"].names
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SpriteError(f"--only_classes {', '.join(unknown)} not in this dataset; its classes: {', '.join(known)}.")
    keep = {known.index(n) for n in names}
    return ds.filter(lambda label: label in keep, input_columns="label")


def _label_id(id2label, name):
    for i, label in id2label.items():
        if label == name:
            return i
    raise SpriteError(f"Class {name!r} of the dataset is not a label of the model (labels: "
                      f"{', '.join(id2label.values())}); use --only_classes or rename the class folders.")


def prepare_model(cfg, label_names, channels=3):
    """(unet, noise scheduler, id2label or None) to train on `channels`-channel sprites, from a preset or a
    pretrained model."""
    if not cfg.pretrained_model_name_or_path:
        conditional = cfg.conditioning == "class"
        unet = build_unet(unet_config(cfg.preset, cfg.resolution, cfg.model_config_name_or_path, in_channels=channels,
                                      num_classes=len(label_names) if conditional else None))
        scheduler = build_scheduler(cfg.ddpm_num_steps, cfg.ddpm_beta_schedule, cfg.prediction_type,
                                    cfg.rescale_betas_zero_snr, timestep_warp_for(cfg))
        return unet, scheduler, ({str(i): n for i, n in enumerate(label_names)} if conditional else None)

    source = cfg.pretrained_model_name_or_path
    unet, scheduler_config, id2label = load_model(source)
    if unet.config.sample_size != cfg.resolution:
        raise SpriteError(f"{source} was trained at {unet.config.sample_size}px but --resolution is {cfg.resolution}; "
                          f"pass --resolution {unet.config.sample_size}.")
    if unet.config.in_channels == 3 and channels == 4:
        raise SpriteError(f"{source} is an RGB model but these sprites have transparency; pass --color_mode rgb to "
                          f"composite them onto --background, or train an RGBA model from a --preset.")
    if unet.config.in_channels != channels:
        raise SpriteError(f"{source} takes {unet.config.in_channels}-channel images but these sprites have "
                          f"{channels} ({'RGBA' if channels == 4 else 'RGB, no transparency'}); fine-tune it on "
                          f"sprites with transparency, or start from an RGB model or a --preset.")
    conditional = unet.config.num_class_embeds is not None
    if cfg.conditioning == "class" and not conditional:
        raise SpriteError(f"{source} is an unconditional model; drop --conditioning class to fine-tune it.")
    if cfg.use_lora:
        unet = add_lora(unet, cfg.lora_rank, cfg.lora_alpha, cfg.lora_dropout, cfg.lora_target_modules)
    return unet, DDPMScheduler.from_config(scheduler_config), (id2label if conditional else None)


def _push(cfg, revision, final):
    # An intermediate push is best effort with no retries of ours (the client retries uploads itself), so a hub
    # outage cannot stall training; the final push retries and fails loudly, keeping the local export.
    try:
        url = push_folder(cfg.output_dir, cfg.hub_model_id, token=cfg.hub_token, private=cfg.hub_private_repo,
                          revision=revision, endpoint=cfg.hub_endpoint, retries=3 if final else 0)
        print(f"Pushed {cfg.output_dir} to {url}")
    except SpriteError as err:
        if final:
            raise
        print(f"warning: intermediate push skipped: {err}")


def preview_steps(cfg):
    """Steps of the preview grids: as given, else the preview sampler's default (as `sample` would use)."""
    return cfg.preview_inference_steps or default_steps(cfg.preview_scheduler)


def _data_name(cfg):
    return cfg.dataset_name or cfg.train_data_dir or "the embedded sprites"


def _tracker_config(cfg):
    # TensorBoard's hparams accept only plain scalars.
    return {k: (v if isinstance(v, (int, float, str, bool)) else str(v)) for k, v in public_options(cfg).items()}


def _card(cfg, ds, step, started):
    if cfg.dataset_name:
        dataset = f"`{cfg.dataset_name}`"
    elif cfg.train_data_dir:
        dataset = f"the sprites in `{os.path.basename(os.path.abspath(cfg.train_data_dir))}`"
    else:
        dataset = ("the embedded Dungeon Crawl Stone Soup sprites (mostly CC0 / public domain tiles; see the "
                   "toolkit's dataset card)")
    hub_dataset = cfg.dataset_name if cfg.dataset_name and not os.path.isdir(cfg.dataset_name) else None
    config = {k: v for k, v in public_options(cfg).items() if v is not None}
    return {"dataset": dataset, "hub_dataset": hub_dataset, "num_sprites": ds.num_rows,
            "labels": ", ".join(ds.features["label"].names), "steps": step,
            "wall_clock": f"{time.time() - started:.0f}s", "config": config,
            "preview_steps": preview_steps(cfg), "preview_sampler": cfg.preview_scheduler,
            "title": os.path.basename(os.path.abspath(cfg.output_dir))}
