"""What storing the sampler settings in the export's scheduler config changes for a plain diffusers user: each
scheduler built with `from_config(config)` and nothing else, from the config as exported before (diffusers'
DDPMScheduler defaults: leading spacing, no thresholding) and as exported now (`toolkit.samplers.EXPORT_SETTINGS`).

    python -m benchmarks.stored_sampler_settings MODEL [--num_samples 250] [--seed 1] [--append]
"""

import argparse

from benchmarks.dpmsolver_settings import scorer
from benchmarks.report import append_table
from toolkit.samplers import EXPORT_SETTINGS

SAMPLERS = [("DDPMScheduler", 100), ("DDIMScheduler", 50), ("DPMSolverMultistepScheduler", 20),
            ("UniPCMultistepScheduler", 10)]


def main():
    import diffusers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--num_samples", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    before, score = scorer(args.model, args.num_samples, args.seed)
    now = {**before, **EXPORT_SETTINGS}
    rows = []
    for name, steps in SAMPLERS:
        # Deliberately `from_config` and nothing else, not `toolkit.samplers.make_scheduler`: what a plain diffusers
        # user gets from each config is what is measured.
        cls = getattr(diffusers, name)
        _, _, _, fsd_before = score(name, cls.from_config(before), steps)
        _, _, _, fsd_now = score(name, cls.from_config(now), steps)
        rows.append(f"| `{name}.from_config(config)` | {steps} | {fsd_before:.2f} | {fsd_now:.2f} |")
        print(rows[-1], flush=True)
    if args.append:
        append_table(__file__, ["scheduler", "steps", "FSD, config as exported before", "FSD, config as exported now"],
                     rows, f"(model `{args.model}`, {args.num_samples} samples, seed {args.seed})")


if __name__ == "__main__":
    main()
