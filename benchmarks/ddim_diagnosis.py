"""Why deterministic DDIM trails DDPM on an x0-predicting export, measured on raw samples (no palette):

- `clipping`: DDIM and DDPM built from the export's scheduler config with clipping on (as exported before this
  change), with DDIM told to step with the clipped estimate, and with clipping off (as exported now);
- `grids`: deterministic DDIM, and DDPM, on other timestep grids than the evenly spaced one plain pipelines take
  ("uniform"): "powP" puts grid point k of n at t = T * (1 - k / n) ** P (P < 1 crowds steps at high noise),
  "truncT" walks evenly from T - 1 down to t=T and then jumps to the clean sprite;
- `stochasticity`: DDIM's update with fresh noise (eta 1, as DDPM) above or below a timestep and none (eta 0) on the
  other side, and many deterministic steps, to tell the grid's discretisation error from the model's own: rows are
  `steps:switch:eta_above:eta_below`.

Every row also gives the share of samples the evaluator's classifier puts in each class, against the data's.

    python -m benchmarks.ddim_diagnosis MODEL clipping [--num_samples 1000] [--seed 0]
    python -m benchmarks.ddim_diagnosis MODEL grids [--grids ddim:uniform:50 ddim:pow0.4:50 ddpm:pow0.4:100]
    python -m benchmarks.ddim_diagnosis MODEL stochasticity [--rows 50:0:0:0 50:500:1:0 50:500:0:1 1000:0:0:0]

Every row samples the same seeds (`evaluate`'s draws) and is scored against the embedded set (or
`--train_data_dir`) composited on black, as `sprite-diffusion eval` scores.
"""

import argparse
import functools

import numpy as np
import torch
from diffusers import DDPMScheduler

from toolkit.evaluation import (class_shares, features, frechet_distance, load_evaluator, reference_sprites,
                                sample_sprites)
from toolkit.images import composite
from toolkit.pipeline_sprite import finish_sprites
from toolkit.sampling import pipeline_for
from toolkit.seeds import seed_for, seeded_generator

NO_CLIP = {"clip_sample": False, "thresholding": False}
CLIP = {"clip_sample": True, "thresholding": True, "sample_max_value": 1.0}
# (label, sampler, steps, scheduler config overrides, step() keyword arguments)
CLIPPING_ROWS = [
    ("DDPM-100, clipping (as exported before)", "ddpm", 100, CLIP, {}),
    ("DDPM-100, no clipping (as exported now)", "ddpm", 100, NO_CLIP, {}),
    ("DDIM-50, clipping", "ddim", 50, CLIP, {}),
    ("DDIM-50, clipping, use_clipped_model_output=True", "ddim", 50, CLIP, {"use_clipped_model_output": True}),
    ("DDIM-50, no clipping", "ddim", 50, NO_CLIP, {}),
    ("DDIM-200, clipping", "ddim", 200, CLIP, {}),
    ("DDIM-200, clipping, use_clipped_model_output=True", "ddim", 200, CLIP, {"use_clipped_model_output": True}),
    ("DDIM-200, no clipping", "ddim", 200, NO_CLIP, {}),
    ("DDIM-25, no clipping", "ddim", 25, NO_CLIP, {}),
    ("DDIM-50, clipping, eta=1 (not DDIMPipeline's default)", "ddim", 50, CLIP, {"eta": 1.0}),
]


def score(samples, reference, evaluator):
    """(FSD, each class's share of the samples by the evaluator's classifier)."""
    feats, probs = features(composite(samples, (0, 0, 0)), evaluator)
    return frechet_distance(reference, feats), class_shares(probs)


def clipping(model, reference, evaluator, num_samples, seed):
    for label, sampler, steps, overrides, step_kwargs in CLIPPING_ROWS:
        pipe, _ = pipeline_for(model, sampler, "none", "none")
        pipe.scheduler = type(pipe.scheduler).from_config(pipe.scheduler.config, **overrides)
        if step_kwargs:
            pipe.scheduler.step = functools.partial(pipe.scheduler.step, **step_kwargs)
        yield label, score(sample_sprites(pipe, num_samples, steps, seed), reference, evaluator)


def grid(kind, steps, num_train_timesteps):
    """Descending integer timesteps of a grid named as in the module docstring."""
    last = num_train_timesteps - 1
    u = np.linspace(1, 0, steps, endpoint=False)  # 1 .. 1/steps, as "trailing" spacing
    if kind == "uniform":
        t = u * num_train_timesteps - 1
    elif kind.startswith("pow"):
        t = u ** float(kind[3:]) * num_train_timesteps - 1
    elif kind.startswith("trunc"):
        low = float(kind[5:])
        t = low + (u - u[-1]) / (u[0] - u[-1]) * (last - low)
    else:
        raise SystemExit(f"unknown grid {kind!r}: use uniform, powP or truncT")
    return np.unique(np.clip(np.round(t), 0, last).astype(int))[::-1].tolist()


@torch.no_grad()
def ddim_on_grid(unet, alphas_cumprod, timesteps, num_samples, seed, batch=250, switch=0, eta_above=0.0,
                 eta_below=0.0):
    """DDIM (no clipping) on `timesteps`, the last step jumping to the clean sprite; deterministic (eta 0) unless
    `eta_above` / `eta_below` are given for the steps from timesteps above / at or below `switch`."""
    out = []
    for index, start in enumerate(range(0, num_samples, batch)):
        generator = seeded_generator(seed_for(seed, index))
        x = torch.randn((min(batch, num_samples - start), unet.config.in_channels, unet.config.sample_size,
                         unet.config.sample_size), generator=generator)
        for i, t in enumerate(timesteps):
            a = alphas_cumprod[t]
            a_prev = alphas_cumprod[timesteps[i + 1]] if i + 1 < len(timesteps) else torch.tensor(1.0)
            x0 = unet(x, torch.full((len(x),), t)).sample  # an x0-predicting UNet (checked by `x0_pipeline`)
            eps = (x - a.sqrt() * x0) / (1 - a).sqrt()
            eta = eta_above if t > switch else eta_below
            # DDIM's sigma (Song et al. 2021, eq. 16); eta 1 draws from DDPM's posterior
            sigma = eta * ((1 - a_prev) / (1 - a) * (1 - a / a_prev)).clamp(min=0).sqrt()
            x = a_prev.sqrt() * x0 + (1 - a_prev - sigma ** 2).clamp(min=0).sqrt() * eps
            if eta > 0 and i + 1 < len(timesteps):
                x = x + sigma * torch.randn(x.shape, generator=generator)
        images = (x / 2 + 0.5).clamp(0, 1).permute(0, 2, 3, 1).numpy()
        out.append((finish_sprites(images, None, True, None) * 255).round().clip(0, 255).astype(np.uint8))
    return np.concatenate(out)


def _on_grid(set_timesteps, timesteps, num_inference_steps=None, device=None):
    """A DDPMScheduler.set_timesteps that ignores the step count the pipeline asks for and takes `timesteps`."""
    return set_timesteps(timesteps=timesteps, device=device)


def x0_pipeline(model):
    """(DDPM pipeline with raw output, its scheduler config, its alphas_cumprod) of an x0-predicting export."""
    pipe, _ = pipeline_for(model, "ddpm", "none", "none")
    config = pipe.scheduler.config
    if config.prediction_type != "sample":
        raise SystemExit(f"{model} predicts {config.prediction_type}; this study takes an x0-predicting export")
    return pipe, config, DDPMScheduler.from_config(config).alphas_cumprod


def grids(model, reference, evaluator, num_samples, seed, specs):
    pipe, config, alphas = x0_pipeline(model)  # the DDPM rows swap in a fresh scheduler built from `config`
    for spec in specs:
        sampler, kind, steps = spec.split(":")
        timesteps = grid(kind, int(steps), config.num_train_timesteps)
        if sampler == "ddim":
            samples = ddim_on_grid(pipe.unet.eval(), alphas, timesteps, num_samples, seed)
        else:
            pipe.scheduler = DDPMScheduler.from_config(config, **NO_CLIP)
            pipe.scheduler.set_timesteps = functools.partial(_on_grid, pipe.scheduler.set_timesteps, timesteps)
            samples = sample_sprites(pipe, num_samples, len(timesteps), seed)
        label = f"{sampler.upper()}, {kind}, {len(timesteps)} steps (t = {timesteps[0]} ... {timesteps[-1]})"
        yield label, score(samples, reference, evaluator)


def stochasticity(model, reference, evaluator, num_samples, seed, rows):
    pipe, config, alphas = x0_pipeline(model)
    for row in rows:
        steps, switch, above, below = row.split(":")
        timesteps = grid("uniform", int(steps), config.num_train_timesteps)
        samples = ddim_on_grid(pipe.unet.eval(), alphas, timesteps, num_samples, seed, switch=int(switch),
                               eta_above=float(above), eta_below=float(below))
        label = (f"DDIM-{steps}, eta {above}" if above == below or int(switch) == 0 else
                 f"DDIM-{steps}, eta {above} above t={switch}, {below} at or below")
        yield label, score(samples, reference, evaluator)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("study", choices=["clipping", "grids", "stochasticity"])
    parser.add_argument("--grids", nargs="+", default=["ddim:uniform:50", "ddim:trunc200:50", "ddim:pow0.6:50",
                                                       "ddim:pow0.4:50", "ddpm:uniform:100", "ddpm:pow0.4:100"])
    parser.add_argument("--rows", nargs="+", default=["50:0:0:0", "50:500:1:0", "50:500:0:1", "50:0:1:1",
                                                      "1000:0:0:0", "200:0:1:1"])
    parser.add_argument("--train_data_dir")
    parser.add_argument("--num_samples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    evaluator = load_evaluator()
    unet = pipeline_for(args.model, "ddpm", "none", "none")[0].unet
    sprites, _, _ = reference_sprites(unet.config.sample_size, "rgba" if unet.config.out_channels == 4 else "rgb",
                                      train_data_dir=args.train_data_dir)
    reference, probs = features(sprites, evaluator)
    common = (args.model, reference, evaluator, args.num_samples, args.seed)
    rows = {"clipping": lambda: clipping(*common), "grids": lambda: grids(*common, args.grids),
            "stochasticity": lambda: stochasticity(*common, args.rows)}[args.study]()
    names = " | ".join(f"{name} share" for name in evaluator.classes)
    print(f"| {args.study} ({args.num_samples} samples, seed {args.seed}, raw) | FSD | {names} |\n"
          f"|---|---|{'---|' * len(evaluator.classes)}")
    print(f"| the data | | {' | '.join(f'{v:.3f}' for v in class_shares(probs))} |")
    for label, (fsd, shares) in rows:
        print(f"| {label} | {fsd:.2f} | {' | '.join(f'{v:.3f}' for v in shares)} |", flush=True)


if __name__ == "__main__":
    main()
