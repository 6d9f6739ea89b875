"""The headline quality figures of one model: FSD for DDPM-100 and DDIM-50, finished as `sprite-diffusion sample`
finishes them (the model's palette and per-sprite colour budget) and raw (`--palette none`), beside the floor of two
halves of the data.

    python -m benchmarks.headline MODEL [--train_data_dir DIR | --dataset_name NAME] [--num_samples 1000]
                                  [--samplers ddpm-100 ddim-50] [--append]

The same seed and sample count for every row; the evaluator composites RGBA samples and reference sprites alike.
"""

import argparse
import os
import time

from benchmarks.report import append_table, git_commit, machine
from toolkit.evaluation import evaluate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--train_data_dir")
    parser.add_argument("--dataset_name")
    parser.add_argument("--num_samples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samplers", nargs="+", default=["ddpm-100", "ddim-50"])
    parser.add_argument("--palettes", nargs="+", default=["model", "none"],
                        help="model: the model's own palette and colour budget (the default of `sample`); "
                             "palette-only: its palette without the budget; none: raw colours; N: its palette "
                             "reduced to N colours")
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    rows = []
    for sampler in args.samplers:
        name, steps = sampler.rsplit("-", 1)
        for palette in args.palettes:
            start = time.perf_counter()
            r = evaluate(args.model, args.dataset_name, args.train_data_dir, num_samples=args.num_samples,
                         seed=args.seed, scheduler=name, num_inference_steps=int(steps),
                         palette=None if palette in ("model", "palette-only") else palette,
                         max_colors_per_sprite="none" if palette == "palette-only" else None)
            seconds = time.perf_counter() - start
            snapped = f"{r['palette']} colours" if r["palette"] else "none (raw)"
            if r["max_colors_per_sprite"]:
                snapped += f", at most {r['max_colors_per_sprite']} per sprite"
            rows.append(f"| {sampler} | {snapped} | {r['fsd']:.2f} | {r['fsd_data_halves']:.2f} | "
                        f"{r['fsd'] / r['fsd_data_halves']:.1f}x | {r['precision']:.2f} | {r['recall']:.2f} | "
                        f"{r['colours']['samples']['mean']:.1f} | {r['colours']['data']['mean']:.1f} | "
                        f"{r['memorisation_rate']:.3f} | {seconds:.0f} |")
            print(rows[-1], flush=True)
    if args.append:
        data = args.dataset_name or args.train_data_dir or "embedded sprites"
        append_table(__file__, ["sampler", "palette", "FSD", "data halves", "FSD / floor", "precision", "recall",
                                "colours per sprite", "data colours", "memorised", "seconds"], rows,
                     f"({os.path.basename(os.path.abspath(args.model))} on {data}, {args.num_samples} samples, "
                     f"seed {args.seed}, {machine()}, commit {git_commit()})")


if __name__ == "__main__":
    main()
