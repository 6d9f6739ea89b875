"""Learning-rate schedules: diffusers' named ones, and warm-up, stable, decay (WSD).

WSD holds the peak learning rate after the warm-up and decays only over the run's last `--lr_decay_fraction` of steps
(Hägele et al. 2024, "Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations"). Its learning rates
before the decay do not depend on the run's length, so a run sized in minutes can be planned again at any step before
the decay starts and still be exactly the run `--max_train_steps` with the final count builds.
"""

from diffusers.optimization import SchedulerType, get_scheduler
from transformers.optimization import get_wsd_schedule

WSD = "warmup_stable_decay"
LR_SCHEDULERS = tuple(t.value for t in SchedulerType) + (WSD,)
# The decay's shape. A half cosine over the last half of the steps beat cosine over the whole run; 1-sqrt over the
# last quarter, the best of Hägele et al.'s shapes for language models, lost to it (BENCHMARKS.md).
WSD_DECAY_TYPE = "cosine"


def decay_steps(total_steps, decay_fraction):
    """The steps of a WSD run of `total_steps` spent decaying (at least one)."""
    return max(1, round(total_steps * decay_fraction))


def stable_until(cfg, total_steps):
    """The last step whose learning rate is the same for every run length at or above `total_steps`: the start of a
    WSD run's decay; the warm-up's end for every other schedule, whose rates after it depend on the length."""
    if cfg.lr_scheduler != WSD:
        return min(cfg.lr_warmup_steps, total_steps)
    return max(total_steps - decay_steps(total_steps, cfg.lr_decay_fraction), min(cfg.lr_warmup_steps, total_steps))


def lr_schedule(cfg, optimizer, total_steps, steps_taken=0):
    """The learning-rate schedule for a run of `total_steps`, advanced past `steps_taken`. It is stepped by hand once
    per optimizer step, so it follows optimizer steps whatever the process count."""
    if cfg.lr_scheduler == WSD:
        warmup = min(cfg.lr_warmup_steps, total_steps)
        decay = min(decay_steps(total_steps, cfg.lr_decay_fraction), total_steps - warmup)
        schedule = get_wsd_schedule(optimizer, num_warmup_steps=warmup, num_decay_steps=decay,
                                    num_training_steps=total_steps, decay_type=WSD_DECAY_TYPE)
    else:
        schedule = get_scheduler(cfg.lr_scheduler, optimizer, num_warmup_steps=cfg.lr_warmup_steps,
                                 num_training_steps=total_steps)
    for _ in range(steps_taken):
        schedule.step()
    return schedule


def length_keeping(cfg, steps_taken, total_steps):
    """`total_steps`, or the fewest steps above it whose schedule gives the `steps_taken` steps already trained the
    rates they had: a budget planned again late in the run may not end it before its decay."""
    total_steps = max(total_steps, steps_taken + 1)
    while stable_until(cfg, total_steps) < steps_taken:
        total_steps += 1
    return total_steps


def schedule_flags(cfg):
    """The flags that name `cfg`'s learning-rate schedule: a checkpoint stores them, and a run resumes only with
    them."""
    flags = f"--lr_scheduler {cfg.lr_scheduler}"
    return flags + (f" --lr_decay_fraction {cfg.lr_decay_fraction:g}" if cfg.lr_scheduler == WSD else "")
