"""The README's first picture: one model's sprites from two samplers side by side, same seeds, as `sample` makes them.

    python -m benchmarks.sampler_picture MODEL [--samplers ddpm-100 ddim-50] [--num_images 32] [--output PATH]

Each panel is `sprite-diffusion sample`'s grid (the model's palette, alpha snapped, over the checkerboard).
"""

import argparse

import numpy as np
from PIL import Image

from toolkit.images import make_grid
from toolkit.sampling import generate, pipeline_for


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--samplers", nargs="+", default=["ddpm-100", "ddim-50"])
    parser.add_argument("--num_images", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--output", default="docs/demo_samples.png")
    args = parser.parse_args()
    panels = []
    for sampler in args.samplers:
        name, steps = sampler.rsplit("-", 1)
        pipe, _ = pipeline_for(args.model, name)
        panels.append(make_grid(generate(pipe, args.num_images, int(steps), args.seed), ncols=args.columns))
    gap = 24
    width = sum(p.width for p in panels) + gap * (len(panels) - 1)
    picture = Image.new("RGB", (width, max(p.height for p in panels)), (255, 255, 255))
    x = 0
    for panel in panels:
        picture.paste(panel, (x, 0))
        x += panel.width + gap
    picture.save(args.output)
    print(f"Wrote {args.output}: {', '.join(args.samplers)} (left to right), seed {args.seed}")
    return np.asarray(picture)


if __name__ == "__main__":
    main()
