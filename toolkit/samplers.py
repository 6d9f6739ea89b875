"""The samplers on offer: one registry that options, sampling, evaluation, the demo and the benchmarks all read.

A sampler is a diffusers scheduler class built with `from_config` from the training scheduler's config, the
settings it always gets on top, and the number of steps that gives good sprites with it (BENCHMARKS.md, "Samplers").
The classes are named, not imported, so the options (and `--help`) read this registry without loading diffusers.
"""

from dataclasses import dataclass, field
from typing import Dict

# How few-step samplers should walk this schedule: start at t=999, where the pure-noise start really lies
# ("trailing" spacing), and clip each clean-sprite estimate to [-1, 1]. Stored in every export's scheduler config, so
# a diffusers user who swaps in DPMSolverMultistepScheduler or UniPC with `from_config` gets them too; for DDPM and
# DDIM thresholding at 1.0 is their clip_sample and trailing spacing measured the same (BENCHMARKS.md, "Samplers").
SAMPLER_SETTINGS = {"timestep_spacing": "trailing", "thresholding": True, "sample_max_value": 1.0}


@dataclass(frozen=True)
class Sampler:
    scheduler_class: str  # a diffusers class name
    default_steps: int
    settings: Dict[str, object] = field(default_factory=dict)


# The multistep solvers always get the sampler settings, also for exports made before the scheduler config carried
# them and for models from elsewhere: with diffusers' defaults they start at t~940 from pure noise and extrapolate
# unclipped estimates (DPM-Solver++-20 FSD 33.9 -> 12.8, UniPC-10 52.9 -> 12.1; BENCHMARKS.md). DDPM with 100
# strided steps matches its full 1000-step walk.
SAMPLERS = {
    "ddpm": Sampler("DDPMScheduler", 100),
    "ddim": Sampler("DDIMScheduler", 50),
    "dpmsolver++": Sampler("DPMSolverMultistepScheduler", 20, {"algorithm_type": "dpmsolver++", **SAMPLER_SETTINGS}),
    "sde-dpmsolver++": Sampler("DPMSolverMultistepScheduler", 20,
                               {"algorithm_type": "sde-dpmsolver++", **SAMPLER_SETTINGS}),
    "unipc": Sampler("UniPCMultistepScheduler", 10, dict(SAMPLER_SETTINGS)),
}
SAMPLER_NAMES = tuple(SAMPLERS)
# Previews, the model card's grid, `sample`, `eval` and the demo use this sampler unless told otherwise: the fastest
# one that measured within 10% of the best FSD on the default run's export (BENCHMARKS.md, "Samplers").
DEFAULT_SAMPLER = "ddpm"


def default_steps(name):
    """The step count that gives good sprites with sampler `name`."""
    return SAMPLERS[name].default_steps


def make_scheduler(name, config):
    """A scheduler of kind `name` built with `from_config` from the training scheduler's config."""
    import diffusers  # here, not at the top: see the module docstring

    sampler = SAMPLERS[name]
    return getattr(diffusers, sampler.scheduler_class).from_config(config, **sampler.settings)
