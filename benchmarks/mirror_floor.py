"""Does a sprite set have a facing? The FSD a perfect model trained with random horizontal flips would reach.

    python -m benchmarks.mirror_floor [--train_data_dir DIR | --dataset_name NAME] [--seeds 0 1]

For each split seed: two random halves of the data scored against each other (the floor `eval` reports), then the
same with the first half mirrored at random (what a model that learnt the flipped set exactly would sample) and all
mirrored. Where mirroring costs little the set faces both ways and `--random_flip true` is free augmentation; where
it costs a multiple of the floor, flips teach the model sprites the data does not hold. Also printed: the left-right
asymmetry of the mean sprite and the evaluator's kind shares of the data and its mirror.
"""

import argparse

import numpy as np

from toolkit.evaluation import (class_shares, features, frechet_distance, load_evaluator, reference_sprites,
                                split_halves)


def mirrored(sprites, share, rng):
    """`sprites` (N, H, W, C) with a random `share` of them flipped left to right."""
    out = sprites.copy()
    chosen = rng.random(len(out)) < share
    out[chosen] = out[chosen][:, :, ::-1]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train_data_dir")
    parser.add_argument("--dataset_name")
    parser.add_argument("--resolution", type=int, default=16)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    args = parser.parse_args()
    evaluator = load_evaluator()
    sprites, _, _ = reference_sprites(args.resolution, "rgba", args.dataset_name, args.train_data_dir)
    pixels = sprites.astype(np.float32) / 255
    mean = pixels.mean(0)
    print(f"mean sprite's left-right asymmetry: {np.abs(mean - mean[:, ::-1]).mean():.4f} "
          f"(mean absolute difference from its mirror, pixels in [0, 1])")
    for name, images in (("data", sprites), ("mirrored", sprites[:, :, ::-1].copy())):
        shares = class_shares(features(images, evaluator)[1])
        print(f"evaluator's kind shares, {name}: {' '.join(f'{s:.3f}' for s in shares)}")
    print("| split seed | halves (the floor) | one half mirrored at random | one half all mirrored |")
    print("|---|---|---|---|")
    for seed in args.seeds:
        rng = np.random.default_rng(seed)
        first, second = (sprites[half] for half in split_halves(len(sprites), rng))
        reference = features(second, evaluator)[0]
        scores = [frechet_distance(features(mirrored(first, share, rng), evaluator)[0], reference)
                  for share in (0.0, 0.5, 1.0)]
        print(f"| {seed} | " + " | ".join(f"{s:.2f}" for s in scores) + " |", flush=True)


if __name__ == "__main__":
    main()
