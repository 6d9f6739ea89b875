"""Samplers on one model, scored by the sprite evaluator: seconds and Fréchet Sprite Distance per sampler.

    python -m benchmarks.samplers_fsd MODEL [--num_samples 250] [--append]

Runs DDPM-1000, DDPM-100, DDIM-50, DPM-Solver++-20, SDE-DPM-Solver++-20 and UniPC-10 with the toolkit's
sampler settings (`toolkit.samplers.make_scheduler`), the same seed and the same sample count.
"""

import argparse
import time

from benchmarks.report import append_table
from toolkit.evaluation import evaluate

SETTINGS = [("ddpm", 1000), ("ddpm", 100), ("ddim", 50), ("dpmsolver++", 20), ("sde-dpmsolver++", 20), ("unipc", 10)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--num_samples", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samplers", nargs="+", default=[f"{n}-{s}" for n, s in SETTINGS],
                        help="sampler-steps pairs, e.g. ddpm-100 ddim-50 (default: all six above)")
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    rows = []
    for name, steps in (pair.rsplit("-", 1) for pair in args.samplers):
        steps = int(steps)
        start = time.perf_counter()
        result = evaluate(args.model, num_samples=args.num_samples, scheduler=name, num_inference_steps=steps,
                          seed=args.seed)
        seconds = time.perf_counter() - start
        rows.append(f"| {name}-{steps} | {seconds:.0f} | {result['fsd']:.2f} | {result['precision']:.2f} | "
                    f"{result['recall']:.2f} |")
        print(rows[-1], flush=True)
    if args.append:
        append_table(__file__, ["sampler-steps", "seconds", "FSD", "precision", "recall"], rows,
                     f"(seed {args.seed}; seconds include scoring, about the same for every row)")


if __name__ == "__main__":
    main()
