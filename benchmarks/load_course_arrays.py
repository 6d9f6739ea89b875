"""Time and memory to load a course-sized array set (89,400 sprites, 16x16) and turn it into the training tensor.

    python -m benchmarks.load_course_arrays [--n 89400] [--append]

The arrays are random (the course's own files cannot be downloaded here), written to a temporary folder in the
course's shapes and dtypes: (N,16,16,3) uint8 sprites, (N,5) float64 one-hot labels.
"""

import argparse
import datetime
import os
import resource
import tempfile
import time

import numpy as np

from benchmarks.report import append_table
from toolkit.data import load_sprite_dataset, sprites_to_tensor


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=89_400)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rng = np.random.default_rng(0)
        np.save(os.path.join(folder, f"sprites_{args.n}_16x16.npy"),
                rng.integers(0, 256, (args.n, 16, 16, 3), dtype=np.uint8))
        np.save(os.path.join(folder, f"sprite_labels_nc_{args.n}_16x16.npy"), np.eye(5)[rng.integers(0, 5, args.n)])
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        ds = load_sprite_dataset(train_data_dir=folder)
        loaded = time.perf_counter() - start
        images, _ = sprites_to_tensor(ds, 16)
        total = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row = (f"| {datetime.date.today()} | {args.n:,} | {loaded:.1f} | {total:.1f} | {peak - rss_before:.0f} | "
           f"{images.numel() / 2**20:.0f} |")
    print(row)
    if args.append:
        append_table(__file__, ["date", "sprites", "seconds to Dataset", "seconds to tensor", "peak RSS growth (MiB)",
                                "tensor (MiB)"], [row])


if __name__ == "__main__":
    main()
