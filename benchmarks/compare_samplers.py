"""Same weights, same seeds, different samplers: one grid row per sampler, plus seconds and saturation per row.

    python -m benchmarks.compare_samplers MODEL [--num_images 8] [--output docs/samplers.png] [--append]

MODEL is an export, checkpoint or adapter folder. "share > 200" is the share of channel values above 200: the
oversaturation that deterministic samplers show on undertrained models. `--append` adds the table to BENCHMARKS.md.
"""

import argparse
import time

import numpy as np
import torch

from benchmarks.report import append_table
from toolkit.images import make_grid
from toolkit.models import load_model
from toolkit.sampling import build_pipeline, generate

SETTINGS = [("ddpm", 1000), ("ddpm", 100), ("ddpm", 250), ("ddim", 50), ("sde-dpmsolver++", 50), ("dpmsolver++", 20)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--num_images", type=int, default=8)
    parser.add_argument("--output", default="samplers.png")
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    unet, scheduler_config, id2label = load_model(args.model)
    rows, table = [], []
    for name, steps in SETTINGS:
        pipe = build_pipeline(unet, scheduler_config, name, id2label)
        labels = [int(i) % len(id2label) for i in range(args.num_images)] if id2label else None
        start = time.perf_counter()
        images = generate(pipe, args.num_images, steps, seed=0, class_labels=labels)
        seconds = time.perf_counter() - start
        rows.append(images)
        table.append(f"| {name}-{steps} | {seconds:.1f} | {images.mean():.1f} | {(images > 200).mean():.3f} |")
        print(table[-1], flush=True)
    make_grid(np.concatenate(rows), ncols=args.num_images).save(args.output)
    if args.append:
        append_table(__file__, ["sampler-steps", f"seconds for {args.num_images}", "mean value", "share > 200"], table,
                     f"(torch threads {torch.get_num_threads()})")


if __name__ == "__main__":
    main()
