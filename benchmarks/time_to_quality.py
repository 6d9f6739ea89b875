"""Time to quality: FSD against training wall-clock for this toolkit, a diffusers `train_unconditional`-style loop and
the DeepLearning.AI course recipe, on the embedded 16 px sprites. Three steps, each run on an otherwise idle machine:

    python -m benchmarks.time_to_quality train course --minutes 30 --out /tmp/ttq
    python -m benchmarks.time_to_quality train toolkit --out /tmp/ttq
    python -m benchmarks.time_to_quality train diffusers --minutes 15 --out /tmp/ttq
    python -m benchmarks.time_to_quality score --out /tmp/ttq --course_minutes 5 10 15 20 \
        --plot docs/time_to_quality.png --sheet docs/equal_wall_clock.png --append

`train` keeps weight snapshots with the training seconds at which they were taken (snapshot writing is not counted);
`score` samples each snapshot with its system's own sampler and scores it with the shipped sprite evaluator, then
draws the FSD-vs-time curves and a sheet of samples at equal wall-clock.

- toolkit: `toolkit.training.train` with every default (the command a user runs), checkpoints as snapshots;
  sampled with its default DDPM-100.
- diffusers-style: the same `fast` UNet preset with train_unconditional.py's defaults (batch 16, AdamW lr 1e-4 with
  500 warm-up steps and cosine decay, linear betas over 1000 steps, EMA up to 0.9999, per-sample PIL resize and
  flip through a DataLoader, gradient clipping 1.0); sampled with DDPM-100 like ours, so the training is compared.
- course: ContextUnet (n_feat 64), T=500, batch 100, Adam 1e-3 decayed linearly to 0 over the time budget (the
  course decays over its epochs), per-sample tensors, unconditional; sampled with its own 500-step DDPM loop.
  Its reference is the FSD after 60 CPU-minutes: 30 minutes of wall-clock with both of this machine's cores.
"""

import argparse
import datetime
import json
import math
import os
import time

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from benchmarks.course_recipe import ContextUnet, CourseSchedule, PerSampleSprites, course_step
from benchmarks.diffusers_style import example_step, per_sample_dataset
from benchmarks.report import append_table, git_commit, machine
from toolkit.data import load_embedded_sprites, sprites_to_tensor

RESOLUTION = 16
NUM_SAMPLES = 250
SEED = 0
SYSTEMS = ("toolkit", "diffusers", "course")


class SnapshotClock:
    """Training seconds that exclude the time spent writing snapshots, and a snapshot every `every` seconds."""

    def __init__(self, folder, every):
        self.folder, self.every = folder, every
        os.makedirs(folder, exist_ok=True)
        self.start, self.paused, self.next = time.perf_counter(), 0.0, every
        self.log = []

    def elapsed(self):
        return time.perf_counter() - self.start - self.paused

    def maybe_snapshot(self, save, step, force=False):
        seconds = self.elapsed()
        if (seconds < self.next and not force) or (self.log and self.log[-1]["step"] == step):
            return
        began = time.perf_counter()
        name = f"snapshot-{len(self.log):02d}"
        save(os.path.join(self.folder, name))
        self.log.append({"name": name, "seconds": seconds, "step": step})
        with open(os.path.join(self.folder, "snapshots.json"), "w") as f:
            json.dump(self.log, f, indent=1)
        self.next += self.every
        self.paused += time.perf_counter() - began


def train_course(out, minutes, every):
    ds = load_embedded_sprites(RESOLUTION)
    sprites, _ = sprites_to_tensor(ds, RESOLUTION)
    data = PerSampleSprites(sprites.permute(0, 2, 3, 1).numpy(), np.zeros((len(sprites), 5), np.float32))
    loader = torch.utils.data.DataLoader(data, batch_size=100, shuffle=True, num_workers=1, drop_last=True)
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(SEED)
    model, schedule = ContextUnet(height=RESOLUTION), CourseSchedule()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    clock, step, budget = SnapshotClock(out, every), 0, minutes * 60
    while clock.elapsed() < budget:
        # The course sets lr = 1e-3 * (1 - epoch / n_epoch) each epoch; here the epochs are those the budget allows.
        optimizer.param_groups[0]["lr"] = 1e-3 * max(0.0, 1 - clock.elapsed() / budget)
        model.train()
        for x, _ in loader:
            course_step(model, schedule, optimizer, x)
            step += 1
            clock.maybe_snapshot(lambda path: save_file(model.state_dict(), path + ".safetensors"), step)
    clock.maybe_snapshot(lambda path: save_file(model.state_dict(), path + ".safetensors"), step, force=True)


def train_toolkit(out, steps_between):
    from toolkit.checkpoints import TRAINER_STATE, list_checkpoints
    from toolkit.config import TrainConfig
    from toolkit.training import train

    # Every default, as `accelerate launch recipes/train_sprites.py` runs it (previews and exports included in the
    # clock); its checkpoints are the snapshots, timed by when each finished writing.
    run_dir = os.path.join(out, "run")
    cfg = TrainConfig(output_dir=os.path.join(out, "export"), run_dir=run_dir, checkpointing_steps=steps_between,
                      checkpoints_total_limit=None)
    start = time.time()
    train(cfg)
    stamps = []
    for step, path in list_checkpoints(run_dir):
        stamps.append({"name": os.path.relpath(path, out), "step": step,
                       "seconds": os.path.getmtime(os.path.join(path, TRAINER_STATE)) - start})
    with open(os.path.join(out, "snapshots.json"), "w") as f:
        json.dump(stamps, f, indent=1)


def train_diffusers_style(out, minutes, every):
    """diffusers' train_unconditional.py loop, deliberately re-implemented (not `toolkit.training.train`): it is the
    competitor being timed."""
    from diffusers import DDPMScheduler, UNet2DModel
    from diffusers.optimization import get_cosine_schedule_with_warmup
    from diffusers.training_utils import EMAModel

    from toolkit.presets import build_unet, unet_config

    batch_size, resolution = 16, RESOLUTION
    ds = per_sample_dataset(load_embedded_sprites(resolution), resolution, SEED)
    loader = torch.utils.data.DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=0)
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(SEED)
    model = build_unet(unet_config("fast", resolution))
    scheduler = DDPMScheduler(num_train_timesteps=1000, beta_schedule="linear")
    ema = EMAModel(model.parameters(), decay=0.9999, use_ema_warmup=True, inv_gamma=1.0, power=3 / 4,
                   model_cls=UNet2DModel, model_config=model.config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.95, 0.999), weight_decay=1e-6, eps=1e-8)
    # The example sizes the cosine decay by its 100 epochs; a time budget sets the epochs here.
    steps_per_epoch = math.ceil(len(ds) / batch_size)
    lr_scheduler = get_cosine_schedule_with_warmup(optimizer, 500, steps_per_epoch * 100)

    def save(path):
        from diffusers import DDPMPipeline

        unet = build_unet(unet_config("fast", resolution))
        ema.copy_to(unet.parameters())
        DDPMPipeline(unet=unet, scheduler=scheduler).save_pretrained(path)

    clock, step, budget = SnapshotClock(out, every), 0, minutes * 60
    while clock.elapsed() < budget:
        model.train()
        for batch in loader:
            example_step(model, scheduler, optimizer, ema, batch["input"], lr_scheduler=lr_scheduler)
            step += 1
            clock.maybe_snapshot(save, step)
            if clock.elapsed() >= budget:
                break
    clock.maybe_snapshot(save, step, force=True)


@torch.no_grad()
def course_samples(weights, num_samples, seed):
    """The course's DDPM sampler (500 steps, fresh noise each step but the last) as (N, H, W, 3) uint8.

    Deliberately the course's own loop, not `toolkit.sampling.generate`: its ContextUnet is no diffusers model and the
    course samples it this way."""
    from toolkit.images import to_uint8

    model = ContextUnet(height=RESOLUTION)
    model.load_state_dict(load_file(weights))
    model.eval()
    s = CourseSchedule()
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(num_samples, 3, RESOLUTION, RESOLUTION, generator=generator)
    for i in range(s.T, 0, -1):
        eps = model(x, torch.full((num_samples,), i / s.T))
        z = torch.randn(x.shape, generator=generator) if i > 1 else 0
        x = (x - eps * (1 - s.a_t[i]) / (1 - s.ab_t[i]).sqrt()) / s.a_t[i].sqrt() + s.b_t[i].sqrt() * z
    return to_uint8(x)


def toolkit_samples(model, num_samples, seed):
    """DDPM with 100 strided steps, the toolkit's default sampler, drawn as the evaluator draws them.

    Raw samples, no palette snapping: `pipeline_for` and `evaluate` would apply the model's palette, another
    measurement; and `score` keeps the samples to draw the sheet."""
    from toolkit.evaluation import sample_sprites
    from toolkit.models import load_model
    from toolkit.sampling import build_pipeline

    unet, scheduler_config, id2label = load_model(model)
    return sample_sprites(build_pipeline(unet, scheduler_config, "ddpm", id2label), num_samples, 100, seed)


def score(out, plot, sheet, at_minutes, append, course_minutes=None):
    """Sample and score every snapshot not scored yet (scores.json caches them), then report and draw."""
    from toolkit.evaluation import features, frechet_distance

    ds = load_embedded_sprites(RESOLUTION)
    reference = sprites_to_tensor(ds, RESOLUTION)[0].permute(0, 2, 3, 1).numpy()
    ref_feats, _ = features(reference)
    curves = {}
    for system in SYSTEMS:
        folder = os.path.join(out, system)
        if not os.path.isfile(os.path.join(folder, "snapshots.json")):
            continue
        with open(os.path.join(folder, "snapshots.json")) as f:
            snapshots = json.load(f)
        scores_path = os.path.join(folder, "scores.json")
        done = {}
        if os.path.isfile(scores_path):
            with open(scores_path) as f:
                done = json.load(f)
        if system == "course" and course_minutes:
            # Its 500-step sampler costs minutes per snapshot on a CPU: score the snapshots nearest the given
            # minutes, and always the last (the reference FSD).
            picked = {min(snapshots, key=lambda p: abs(p["seconds"] - 60 * m))["name"] for m in course_minutes}
            snapshots = [p for p in snapshots if p["name"] in picked] + snapshots[-1:]
        for snap in snapshots:
            if snap["name"] in done:
                continue
            began = time.perf_counter()
            path = os.path.join(folder, snap["name"])
            images = (course_samples(path + ".safetensors", NUM_SAMPLES, SEED) if system == "course"
                      else toolkit_samples(path, NUM_SAMPLES, SEED))
            np.save(os.path.join(folder, snap["name"] + "-samples.npy"), images)
            fsd = frechet_distance(ref_feats, features(images)[0])
            done[snap["name"]] = {**snap, "fsd": fsd}
            print(f"{system} {snap['name']} at {snap['seconds'] / 60:.1f} min: FSD {fsd:.2f} "
                  f"(scored in {time.perf_counter() - began:.0f} s)", flush=True)
            with open(scores_path, "w") as f:
                json.dump(done, f, indent=1)
        curves[system] = sorted(done.values(), key=lambda r: r["seconds"])
    report(curves, plot, append)
    if sheet:
        draw_sheet(out, curves, sheet, at_minutes)


def report(curves, plot, append):
    target = curves["course"][-1] if curves.get("course") else None
    rows = []
    for system, points in curves.items():
        reached = next((p for p in points if target and p["fsd"] <= target["fsd"]), None)
        best = min(points, key=lambda p: p["fsd"])
        rows.append(f"| {system} | {points[-1]['seconds'] / 60:.1f} | {best['fsd']:.2f} at {best['seconds'] / 60:.1f} "
                    f"min | " + (f"{reached['seconds'] / 60:.1f}" if reached else "not reached") + " |")
        print(rows[-1])
    if plot:
        draw(curves, target, plot)
    if append and target:
        append_table(__file__, ["system", "minutes trained", "best FSD", "minutes to the course's final FSD "
                                f"({target['fsd']:.2f})"], rows,
                     f"({machine()}, commit {git_commit()}, {NUM_SAMPLES} samples, "
                     f"seed {SEED}, {datetime.date.today()})")


def draw(curves, target, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = {"toolkit": "this toolkit (defaults)", "diffusers": "diffusers train_unconditional-style",
              "course": "course recipe (ContextUnet)"}
    fig, ax = plt.subplots(figsize=(6.4, 4))
    for system, points in curves.items():
        ax.plot([p["seconds"] / 60 for p in points], [p["fsd"] for p in points], marker="o", label=labels[system])
    if target:
        ax.axhline(target["fsd"], color="grey", linestyle=":", label="course recipe's final FSD")
    ax.set_xlabel("training wall-clock (minutes, 2-core CPU)")
    ax.set_ylabel(f"FSD, {NUM_SAMPLES} samples (lower is better)")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"wrote {path}")


def draw_sheet(out, curves, path, at_minutes=None):
    """Samples of each system at (about) the same training wall-clock (the toolkit's last snapshot, by default),
    plus the course recipe's final snapshot; one NEAREST-upscaled block of 2 x 12 sprites per row."""
    from PIL import Image, ImageDraw

    from toolkit.images import make_grid

    if at_minutes is None:
        at_minutes = curves["toolkit"][-1]["seconds"] / 60
    names = {"toolkit": "this toolkit", "diffusers": "diffusers-style", "course": "course recipe"}
    picks = [(system, min(points, key=lambda p: abs(p["seconds"] / 60 - at_minutes)))
             for system, points in curves.items()]
    if curves.get("course") and picks[-1][1] is not curves["course"][-1]:
        picks.append(("course", curves["course"][-1]))
    blocks = []
    for system, snap in picks:
        images = np.load(os.path.join(out, system, snap["name"] + "-samples.npy"))[:24]
        grid = make_grid(images, ncols=12, upscale=3)
        block = Image.new("RGB", (grid.width, grid.height + 22), (255, 255, 255))
        block.paste(grid, (0, 22))
        title = f"{names[system]}: {snap['seconds'] / 60:.0f} min of training, FSD {snap['fsd']:.1f}"
        ImageDraw.Draw(block).text((4, 5), title, fill=(0, 0, 0))
        blocks.append(block)
    sheet = Image.new("RGB", (blocks[0].width, sum(b.height + 6 for b in blocks)), (255, 255, 255))
    y = 0
    for block in blocks:
        sheet.paste(block, (0, y))
        y += block.height + 6
    sheet.save(path)
    print(f"wrote {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["train", "score"])
    parser.add_argument("system", nargs="?", choices=SYSTEMS)
    parser.add_argument("--out", required=True, help="folder holding one subfolder of snapshots per system")
    parser.add_argument("--minutes", type=float, default=30, help="training budget (course and diffusers-style)")
    parser.add_argument("--every", type=float, default=150, help="seconds of training between snapshots")
    parser.add_argument("--checkpointing_steps", type=int, default=310, help="toolkit steps between snapshots")
    parser.add_argument("--course_minutes", type=float, nargs="+",
                        help="score only the course snapshots nearest these minutes (and the last)")
    parser.add_argument("--plot", help="write the FSD-vs-time curves to this PNG")
    parser.add_argument("--sheet", help="write samples of each system at equal training wall-clock to this PNG")
    parser.add_argument("--at_minutes", type=float, help="wall-clock of the sheet (default: the toolkit's last)")
    parser.add_argument("--append", action="store_true", help="append the table to BENCHMARKS.md")
    args = parser.parse_args()
    if args.action == "train":
        if args.system is None:
            parser.error("train needs a system: toolkit, diffusers or course")
        folder = os.path.join(args.out, args.system)
        if args.system == "course":
            train_course(folder, args.minutes, args.every)
        elif args.system == "diffusers":
            train_diffusers_style(folder, args.minutes, args.every)
        else:
            train_toolkit(folder, args.checkpointing_steps)
    else:
        score(args.out, args.plot, args.sheet, args.at_minutes, args.append, args.course_minutes)


if __name__ == "__main__":
    main()
