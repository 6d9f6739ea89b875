"""Train the frozen sprite classifier behind `toolkit.evaluation`: `python recipes/train_evaluator.py`.

Run once per evaluator version. The metrics load the weights by version name, so a result is comparable only with
results of the same version: never retrain an existing version in place, make a new one (`--version v2`).

Data: the embedded DCSS sprites composited onto black, each seen twice, as 32 px art and as its 16 px view
NEAREST-upscaled x2 (what a 16 px model's samples look like to the evaluator). A seeded, per-class validation split
of whole sprites (both views) is held out. Deterministic on a given machine and thread count; a few minutes on 2 CPU
cores.
"""

import argparse
import hashlib
import json
import math
import os
import shlex
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import save_file

from toolkit.data import EMBEDDED_DIR, load_embedded_sprites, sprites_to_tensor
from toolkit.errors import SpriteError, fail_cleanly
from toolkit.evaluation import EVALUATOR_DIR, INPUT_SIZE, SpriteClassifier, to_input, weights_path

BACKGROUND = "black"
SHIFT = 2  # pixels of random translation: samples are rarely centred exactly like the data


def parse_args(args):
    parser = argparse.ArgumentParser(prog="train_evaluator.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", default="v1", help="Version name of the weights (default: v1).")
    parser.add_argument("--output_dir", default=str(EVALUATOR_DIR), help="Where the weights and config.json go.")
    parser.add_argument("--overwrite", action="store_true", help="Replace existing weights of --version.")
    parser.add_argument("--widths", type=int, nargs="+", default=[16, 32, 64, 128], help="Channels of each stage.")
    parser.add_argument("--convs_per_stage", type=int, default=2)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--epochs", type=int, default=16)
    parser.add_argument("--batch_size", type=int, default=128)
    parser.add_argument("--learning_rate", type=float, default=3e-3)
    parser.add_argument("--weight_decay", type=float, default=5e-4)
    parser.add_argument("--label_smoothing", type=float, default=0.05)
    parser.add_argument("--val_fraction", type=float, default=0.15, help="Share of each class held out.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=None, help="Torch CPU threads (default: torch's choice).")
    return parser.parse_args(args)


def load_views():
    """(32 px sprites, their 16 px views upscaled to 32 px, labels, class names): uint8 NHWC arrays."""
    ds32 = load_embedded_sprites(32, BACKGROUND)
    big, labels = sprites_to_tensor(ds32, 32, BACKGROUND)
    small, labels16 = sprites_to_tensor(load_embedded_sprites(16, BACKGROUND), 16, BACKGROUND)
    if not torch.equal(labels, labels16):
        raise SpriteError("The 16 px view of the embedded sprites is out of order with the 32 px set; rebuild it.")
    return (big.permute(0, 2, 3, 1).numpy(), small.permute(0, 2, 3, 1).numpy(), labels.numpy(),
            ds32.features["label"].names)


def split(labels, fraction, seed):
    """(train rows, val rows): `fraction` of every class, at least one sprite each, drawn with `seed`."""
    rng = np.random.default_rng(seed)
    val = []
    for c in np.unique(labels):
        rows = np.flatnonzero(labels == c)
        val.extend(rng.permutation(rows)[:max(1, round(fraction * len(rows)))].tolist())
    val = np.sort(np.array(val))
    return np.setdiff1d(np.arange(len(labels)), val), val


def augment(x, gen):
    """Random horizontal flips and shifts of up to SHIFT pixels (the border filled with the black background)."""
    n = len(x)
    flip = torch.rand(n, generator=gen) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(-1), x)
    padded = F.pad(x, (SHIFT,) * 4, value=-1.0)
    dy, dx = torch.randint(0, 2 * SHIFT + 1, (2, n), generator=gen).tolist()
    return torch.stack([padded[i, :, dy[i]:dy[i] + INPUT_SIZE, dx[i]:dx[i] + INPUT_SIZE] for i in range(n)])


@torch.no_grad()
def predict(model, x, batch_size=500):
    model.eval()
    return torch.cat([model(x[i:i + batch_size]).argmax(1) for i in range(0, len(x), batch_size)])


def accuracy(model, x, y):
    return float((predict(model, x) == y).float().mean())


def train(args):
    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    big, small, labels, names = load_views()
    train_rows, val_rows = split(labels, args.val_fraction, args.seed)
    x32, x16 = to_input(big), to_input(small)
    y = torch.from_numpy(labels).long()
    x_train = torch.cat([x32[train_rows], x16[train_rows]])
    y_train = torch.cat([y[train_rows], y[train_rows]])

    # Food has 30 sprites against 851 creatures: inverse-square-root weights keep the rare classes learnt without
    # trading much overall accuracy.
    counts = torch.bincount(y_train, minlength=len(names)).double()
    weights = (counts.sum() / counts).sqrt()
    weights = (weights / weights.mean()).float()

    model = SpriteClassifier(args.widths, args.convs_per_stage, len(names), args.dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay)
    steps_per_epoch = len(x_train) // args.batch_size
    total = steps_per_epoch * args.epochs
    warmup = steps_per_epoch

    def lr_factor(step):
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)
    gen = torch.Generator().manual_seed(args.seed)
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=gen)
        losses = []
        for step in range(steps_per_epoch):
            idx = order[step * args.batch_size:(step + 1) * args.batch_size]
            logits = model(augment(x_train[idx], gen))
            loss = F.cross_entropy(logits, y_train[idx], weight=weights, label_smoothing=args.label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
        val = accuracy(model, torch.cat([x32[val_rows], x16[val_rows]]), torch.cat([y[val_rows], y[val_rows]]))
        print(f"epoch {epoch + 1}/{args.epochs}  loss {np.mean(losses):.4f}  val accuracy {val:.4f}  "
              f"({time.time() - started:.0f}s)", flush=True)
    wall = time.time() - started

    model.eval()
    pred32, pred16 = predict(model, x32), predict(model, x16)
    per_class = {}
    for c, name in enumerate(names):
        rows = val_rows[labels[val_rows] == c]
        hits = (pred32[rows] == c).sum().item() + (pred16[rows] == c).sum().item()
        per_class[name] = round(hits / (2 * len(rows)), 4)
    acc = {
        "train": round(float(torch.cat([pred32[train_rows] == y[train_rows],
                                        pred16[train_rows] == y[train_rows]]).float().mean()), 4),
        "val": round(float(torch.cat([pred32[val_rows] == y[val_rows],
                                      pred16[val_rows] == y[val_rows]]).float().mean()), 4),
        "val_32px": round(float((pred32[val_rows] == y[val_rows]).float().mean()), 4),
        "val_16px": round(float((pred16[val_rows] == y[val_rows]).float().mean()), 4),
        "val_balanced": round(float(np.mean(list(per_class.values()))), 4),
        "val_per_class": per_class,
    }
    return model, names, acc, val_rows, wall, len(labels)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


@fail_cleanly
def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    weights_file = str(weights_path(args.version, args.output_dir))
    if os.path.exists(weights_file) and not args.overwrite:
        raise SpriteError(f"{weights_file} exists and results computed with it would silently change; pick a new "
                          f"--version (or pass --overwrite if that version was never published).")
    model, names, acc, val_rows, wall, num_sprites = train(args)

    architecture = {"widths": list(args.widths), "convs_per_stage": args.convs_per_stage, "dropout": args.dropout}
    # What the loader needs, in the weights file itself; the wall time and accuracies stay out so the file's bytes
    # depend on the weights only.
    spec = {"version": args.version, "architecture": architecture, "classes": list(names)}
    os.makedirs(args.output_dir, exist_ok=True)
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, weights_file, metadata={"evaluator": json.dumps(spec, sort_keys=True)})
    num_params = sum(p.numel() for p in model.parameters())
    config = {
        "version": args.version,
        "architecture": dict(architecture, name="SpriteClassifier", norm="batch", kernel=3,
                             feature_dim=model.feature_dim, features="global average pool of the last conv stage",
                             num_parameters=num_params),
        "classes": list(names),
        "input": {"size": INPUT_SIZE, "channels": 3, "range": [-1, 1], "background": BACKGROUND,
                  "smaller_sprites": "NEAREST-upscaled to 32 px (16 px: each pixel becomes 2x2)",
                  "larger_sprites": "area-averaged down to 32 px"},
        "accuracy": acc,
        "training": {"epochs": args.epochs, "batch_size": args.batch_size, "learning_rate": args.learning_rate,
                     "schedule": "1 epoch linear warm-up, then cosine", "optimizer": "AdamW",
                     "weight_decay": args.weight_decay, "label_smoothing": args.label_smoothing,
                     "class_weights": "inverse square root of class frequency",
                     "augmentation": f"horizontal flips, shifts of up to {SHIFT} px",
                     "seed": args.seed, "val_fraction": args.val_fraction, "threads": torch.get_num_threads(),
                     "torch": torch.__version__, "wall_seconds": round(wall, 1)},
        "command": " ".join(["python", "recipes/train_evaluator.py"] + [shlex.quote(a) for a in argv]),
        "data": {"source": "toolkit/sprites/train.parquet", "sha256": sha256(EMBEDDED_DIR / "train.parquet"),
                 "sprites": num_sprites, "val_sprites": len(val_rows), "train_sprites": num_sprites - len(val_rows),
                 "views": ["32 px, composited on black", "16 px area-downsampled view, NEAREST-upscaled x2"],
                 "provenance": "Dungeon Crawl Stone Soup 0.28.0 tile art from Debian's crawl-tiles-data "
                               "2:0.28.0-1.1; see toolkit/sprites/README.md",
                 "val_rows": val_rows.tolist()},
        "weights": {"file": os.path.basename(weights_file), "sha256": sha256(weights_file),
                    "bytes": os.path.getsize(weights_file)},
    }
    with open(os.path.join(args.output_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    print(f"Wrote {weights_file} ({os.path.getsize(weights_file) / 1e6:.2f} MB, {num_params:,} parameters) in "
          f"{wall:.0f}s: val accuracy {acc['val']:.4f} (32 px {acc['val_32px']:.4f}, 16 px {acc['val_16px']:.4f}), "
          f"train {acc['train']:.4f}")


if __name__ == "__main__":
    main()
