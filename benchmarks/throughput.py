"""Training throughput side by side in one run: this toolkit vs a diffusers `train_unconditional`-style loop vs the
DeepLearning.AI course recipe, on the embedded sprites.

    accelerate launch -m benchmarks.throughput [--resolution 16] [--seconds 45] [--append]

Run it with `accelerate launch`, as both training scripts are run: accelerate then starts the process with
OMP_NUM_THREADS=1 (on a machine without a GPU and without `--cpu`), which is what a `train_unconditional.py` user
gets. The diffusers-style loop is measured twice: with the threads the process was launched with (faithful: the
example never changes them) and with torch's threads set by hand to the number of cores (what this toolkit does).

- toolkit: the real `toolkit.training.train` (fast preset, batch 64, EMA), timed as the difference between a
  long and a short run, so start-up, previews and export cancel out.
- diffusers-style: the same UNet preset, batch and EMA, fed the way diffusers' example feeds it: a `datasets`
  transform doing per-sample PIL resize, flip and to-tensor, a torch DataLoader, fp32, accelerate.
- course: its ContextUnet (n_feat 64, T=500, batch 100, Adam 1e-3), per-sample tensors from a Dataset, a
  DataLoader with one worker, as in the course notebook.
"""

import argparse
import datetime
import os
import time

import numpy as np
import torch

from benchmarks.course_recipe import ContextUnet, CourseSchedule, PerSampleSprites, course_step
from benchmarks.loops import diffusers_style_images_per_second, toolkit_images_per_second
from benchmarks.report import append_table, git_commit, machine
from toolkit.data import load_embedded_sprites, sprites_to_tensor

BATCH = 64


def images_per_second(loader, step, seconds, warmup=3):
    """Call `step(batch)` (returning its image count) over epochs of `loader` for `seconds` after `warmup` steps."""
    done, images, start = 0, 0, None
    while True:
        for batch in loader:
            count = step(batch)
            done += 1
            if done == warmup:
                start = time.perf_counter()
            elif done > warmup:
                images += count
                if time.perf_counter() - start > seconds:
                    return images / (time.perf_counter() - start)


def course_images_per_second(resolution, seconds):
    """Images/s of the course recipe's own loop (deliberately re-implemented in course_recipe.py, not the toolkit's)."""
    ds = load_embedded_sprites(resolution if resolution == 16 else None)
    sprites, labels = sprites_to_tensor(ds, resolution)
    onehot = np.eye(5, dtype=np.float32)[labels.numpy() % 5]
    data = PerSampleSprites(sprites.permute(0, 2, 3, 1).numpy(), onehot)
    loader = torch.utils.data.DataLoader(data, batch_size=100, shuffle=True, num_workers=1, drop_last=True)
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(0)
    model, schedule = ContextUnet(height=resolution), CourseSchedule()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(batch):
        course_step(model, schedule, optimizer, batch[0])
        return batch[0].shape[0]

    return images_per_second(loader, step, seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resolution", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    launched, cores = torch.get_num_threads(), os.cpu_count() or 1
    ours = toolkit_images_per_second(args.resolution, BATCH, short=30, long=230)
    print(f"toolkit: {ours:.0f} images/s", flush=True)
    as_launched = diffusers_style_images_per_second(args.resolution, BATCH, args.seconds, threads=launched)
    print(f"diffusers-style, {launched} thread(s) as launched: {as_launched:.0f} images/s", flush=True)
    by_hand = diffusers_style_images_per_second(args.resolution, BATCH, args.seconds, threads=cores)
    print(f"diffusers-style, {cores} threads set by hand: {by_hand:.0f} images/s", flush=True)
    course = course_images_per_second(args.resolution, args.seconds)
    print(f"course recipe: {course:.0f} images/s", flush=True)
    commit = git_commit()
    row = (f"| {datetime.date.today()} | {machine()} | {commit} | {args.resolution}px "
           f"| {ours:,.0f} | {as_launched:,.0f} ({launched} thr) | {by_hand:,.0f} ({cores} thr) | {course:,.0f} "
           f"| {ours / as_launched:.2f}x | {ours / by_hand:.2f}x | {ours / course:.2f}x |")
    print(row)
    if args.append:
        append_table(__file__, ["date", "machine", "commit", "data", "toolkit", "diffusers-style as launched",
                                "diffusers-style, threads by hand", "course recipe", "toolkit / diffusers as launched",
                                "toolkit / diffusers by hand", "toolkit / course"], [row], "(images/s, training)")


if __name__ == "__main__":
    main()
