"""DPM-Solver++ settings on one model, scored by the sprite evaluator against DDPM-1000: which 20-step setting comes
closest, and at what cost.

    python -m benchmarks.dpmsolver_settings MODEL [--num_samples 250] [--steps 20] [--append]

Each row builds `DPMSolverMultistepScheduler.from_config(training scheduler config, **setting)` and samples the same
seeds through the toolkit's pipeline; the reference row is DDPM with the full 1000 steps.
"""

import argparse
import time

from benchmarks.report import append_table
from toolkit.samplers import EXPORT_SETTINGS, SAMPLER_SETTINGS

# use_karras_sigmas (and use_exponential_sigmas, use_beta_sigmas) are left out: with this schedule diffusers 0.42
# fails at step 20 (IndexError in the solver), with or without trailing spacing. lambda_min_clipped is diffusers'
# documented guard for the cosine (squaredcos_cap_v2) schedule, which this toolkit trains with.
SETTINGS = {
    "dpmsolver++ (diffusers defaults)": {"algorithm_type": "dpmsolver++"},
    "+ trailing spacing": {"algorithm_type": "dpmsolver++", "timestep_spacing": "trailing"},
    "+ thresholding": {"algorithm_type": "dpmsolver++", "thresholding": True, "sample_max_value": 1.0},
    "+ lambda_min_clipped -5.1": {"algorithm_type": "dpmsolver++", "lambda_min_clipped": -5.1},
    "+ lambda_min_clipped -5.1, trailing": dict(algorithm_type="dpmsolver++", lambda_min_clipped=-5.1,
                                                timestep_spacing="trailing"),
    "+ trailing, thresholding (the toolkit's)": dict(algorithm_type="dpmsolver++", **SAMPLER_SETTINGS),
    # On top of the toolkit's settings, one change at a time:
    "toolkit's + solver_order 3": dict(algorithm_type="dpmsolver++", solver_order=3, **SAMPLER_SETTINGS),
    "toolkit's + solver_order 1": dict(algorithm_type="dpmsolver++", solver_order=1, **SAMPLER_SETTINGS),
    "toolkit's + solver_type heun": dict(algorithm_type="dpmsolver++", solver_type="heun", **SAMPLER_SETTINGS),
    "toolkit's + euler_at_final": dict(algorithm_type="dpmsolver++", euler_at_final=True, **SAMPLER_SETTINGS),
    "toolkit's + use_lu_lambdas": dict(algorithm_type="dpmsolver++", use_lu_lambdas=True, **SAMPLER_SETTINGS),
    "toolkit's + final_sigmas_type sigma_min": dict(algorithm_type="dpmsolver++", final_sigmas_type="sigma_min",
                                                    **SAMPLER_SETTINGS),
    "sde-dpmsolver++": {"algorithm_type": "sde-dpmsolver++"},
    "sde-dpmsolver++, lambda_min_clipped -5.1": {"algorithm_type": "sde-dpmsolver++", "lambda_min_clipped": -5.1},
    "sde-dpmsolver++, the toolkit's settings": dict(algorithm_type="sde-dpmsolver++", **SAMPLER_SETTINGS),
}


def sample_with(unet, scheduler, id2label, num_samples, steps, seed):
    """Samples through the toolkit's pipeline with `scheduler`, drawn as the evaluator draws them.

    Not `toolkit.sampling.build_pipeline`: it takes a scheduler name and builds it with `make_scheduler`, which adds
    the toolkit's sampler settings; the rows here set those settings one by one on a scheduler built by hand.
    """
    from toolkit.evaluation import sample_sprites
    from toolkit.pipeline_sprite import SpriteConditionalPipeline

    pipe = SpriteConditionalPipeline(unet=unet, scheduler=scheduler, id2label=id2label)
    pipe.set_progress_bar_config(disable=True)
    return sample_sprites(pipe, num_samples, steps, seed)


def scorer(model, num_samples, seed):
    """(scheduler config without the stored sampler settings, score): `score(name, scheduler, steps)` samples the
    model through `scheduler` as the evaluator does and returns (name, steps, seconds, FSD against its data).

    Not `toolkit.evaluation.evaluate`, which builds its scheduler from a name; the scoring is the evaluator's own
    `features` and `frechet_distance` against the embedded sprites.
    """
    from diffusers import DDPMScheduler

    from toolkit.evaluation import features, frechet_distance, reference_sprites
    from toolkit.images import composite
    from toolkit.models import load_model

    unet, config, id2label = load_model(model)
    color_mode = "rgba" if unet.config.out_channels == 4 else "rgb"
    ref_feats = features(reference_sprites(unet.config.sample_size, color_mode)[0])[0]

    def score(name, scheduler, steps):
        start = time.perf_counter()
        images = composite(sample_with(unet, scheduler, id2label, num_samples, steps, seed))  # RGBA onto black
        seconds = time.perf_counter() - start
        return name, steps, seconds, frechet_distance(ref_feats, features(images)[0])

    # Exports since the sampler settings were stored carry them; the rows start from the training scheduler's config
    # as it was before (DDPMScheduler's own defaults for those keys, e.g. "leading" spacing), so that "diffusers
    # defaults" means what a user of such an export gets. Dropping the keys instead would give each class its own
    # default spacing ("linspace" for DPM-Solver++), another setting.
    ddpm_defaults = DDPMScheduler().config
    return {**config, **{k: ddpm_defaults[k] for k in EXPORT_SETTINGS}}, score


def main():
    from diffusers import DPMSolverMultistepScheduler

    from toolkit.samplers import make_scheduler

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--num_samples", type=int, default=250)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    config, score = scorer(args.model, args.num_samples, args.seed)
    results = [score("ddpm (reference)", make_scheduler("ddpm", config), 1000)]
    for name, setting in SETTINGS.items():
        results.append(score(name, DPMSolverMultistepScheduler.from_config(config, **setting), args.steps))
        print(results[-1], flush=True)
    ref_seconds, ref_fsd = results[0][2], results[0][3]
    rows = [f"| {name} | {steps} | {seconds:.1f} | {ref_seconds / seconds:.0f}x | {fsd:.2f} | {fsd / ref_fsd:.2f} |"
            for name, steps, seconds, fsd in results]
    print("\n".join(rows))
    if args.append:
        append_table(__file__, ["sampler", "steps", f"seconds for {args.num_samples}", "speed-up", "FSD",
                                "FSD / DDPM-1000"], rows, f"(model `{args.model}`, seed {args.seed})")


if __name__ == "__main__":
    main()
