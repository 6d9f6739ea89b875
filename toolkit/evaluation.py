"""Sprite-quality metrics: sample a model, compare the sprites with its training data, return numbers.

Inception (behind FID) cannot be downloaded everywhere and fits 16 px pixel art badly, so the feature metrics use our
own small classifier, trained once on the embedded sprites (`recipes/train_evaluator.py`) and frozen under a version
name: numbers are comparable only between results that name the same `evaluator` version.

Metrics (see `toolkit/evaluator/README.md`): Frechet Sprite Distance (FSD, FID's formula on the classifier's
features), KID, k-NN precision and recall, class accuracy of conditional samples, a pixel-space memorisation rate and
distinct colours per sprite.
"""

import functools
import json
import re
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from .data import load_sprite_dataset, parse_background, sprites_to_tensor, unit_range
from .errors import SpriteError
from .images import composite
from .samplers import SAMPLERS, default_steps
from .sampling import generate, pipeline_for
from .seeds import seed_for

EVALUATOR_DIR = Path(__file__).parent / "evaluator"
EVALUATOR_RECIPE = "python recipes/train_evaluator.py"
DEFAULT_VERSION = "v1"
INPUT_SIZE = 32
# Below this many sprites a 128-dimensional covariance and k-NN radii are mostly noise.
MIN_SAMPLES = 50
KID_SUBSET_SIZE = 100
KID_SUBSETS = 100
PR_NEIGHBOURS = 3
MEMORISATION_PERCENTILE = 1.0
# The threshold's percentile is estimated from at most this many training sprites (the embedded set: all).
MEMORISATION_QUERIES = 2048
# Sampling in fixed-size batches keeps memory bounded; the batch size is part of what makes a rerun identical.
SAMPLE_BATCH = 250


class SpriteClassifier(nn.Module):
    """A small VGG-style CNN on 32x32 RGB sprites; its globally pooled last conv layer gives the features."""

    def __init__(self, widths=(16, 32, 64, 128), convs_per_stage=2, num_classes=5, dropout=0.2):
        super().__init__()
        layers, channels = [], 3
        for width in widths:
            for _ in range(convs_per_stage):
                layers += [nn.Conv2d(channels, width, 3, padding=1, bias=False), nn.BatchNorm2d(width),
                           nn.ReLU(inplace=True)]
                channels = width
            layers.append(nn.MaxPool2d(2))
        self.body = nn.Sequential(*layers)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(channels, num_classes)
        self.feature_dim = channels
        self.classes = [f"class_{i}" for i in range(num_classes)]
        self.version = None

    def forward_features(self, x):
        """(N, D) penultimate-layer features of (N, 3, 32, 32) inputs in [-1, 1]."""
        return self.body(x).mean(dim=(2, 3))

    def forward(self, x):
        return self.head(self.dropout(self.forward_features(x)))


def weights_path(version=DEFAULT_VERSION, folder=None):
    """Where the weights of evaluator `version` live (in `folder`, default the shipped evaluator folder)."""
    return Path(folder or EVALUATOR_DIR) / f"sprite_classifier_{version}.safetensors"


@functools.lru_cache(maxsize=None)
def load_evaluator(version=DEFAULT_VERSION):
    """The frozen classifier of `version`, in eval mode, on the CPU (cached: loaded once per process)."""
    from safetensors import SafetensorError, safe_open

    if not re.fullmatch(r"[A-Za-z0-9_.-]+", str(version)):
        raise SpriteError(f"Evaluator version {version!r} is not a version name; use one like {DEFAULT_VERSION}.")
    path = weights_path(version)
    if not path.is_file():
        raise SpriteError(f"Evaluator weights {path} are missing; reinstall the package or rebuild them with "
                          f"`{EVALUATOR_RECIPE} --version {version}`.")
    try:
        with safe_open(str(path), framework="pt") as f:
            # Each weights file carries its own architecture, so old versions keep loading after config.json moves on.
            spec = json.loads((f.metadata() or {})["evaluator"])
            state = {key: f.get_tensor(key) for key in f.keys()}
        model = SpriteClassifier(**spec["architecture"], num_classes=len(spec["classes"]))
        model.load_state_dict(state)
    except (SafetensorError, OSError, KeyError, TypeError, ValueError, RuntimeError) as err:
        raise SpriteError(f"Evaluator weights {path} are unreadable or do not match the classifier "
                          f"({type(err).__name__}); rebuild them with `{EVALUATOR_RECIPE} --version {version}`."
                          ) from None
    model.classes, model.version = list(spec["classes"]), version
    return model.eval().requires_grad_(False)


def to_input(images):
    """(N, H, W, 3) uint8 sprites -> (N, 3, 32, 32) float in [-1, 1], as the classifier was trained.

    Smaller sprites are NEAREST-upscaled (16 px: each pixel becomes 2x2, exactly the training view); larger ones are
    area-averaged down.
    """
    images = images.numpy() if isinstance(images, torch.Tensor) else np.asarray(images)
    if images.ndim != 4 or images.shape[-1] != 3 or images.dtype != np.uint8 or images.shape[1] != images.shape[2]:
        raise SpriteError(f"The evaluator takes square RGB sprites as an (N, H, W, 3) uint8 array, got shape "
                          f"{images.shape} and dtype {images.dtype}; convert them first.")
    x = unit_range(torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2))
    size = images.shape[1]
    if size < INPUT_SIZE:
        x = F.interpolate(x, size=(INPUT_SIZE, INPUT_SIZE), mode="nearest-exact")
    elif size > INPUT_SIZE:
        x = F.interpolate(x, size=(INPUT_SIZE, INPUT_SIZE), mode="area")
    return x


@torch.no_grad()
def features(images, evaluator=None, batch_size=500):
    """(features (N, D), class probabilities (N, C)) of (N, H, W, 3) uint8 sprites, both float64 numpy arrays."""
    model = load_evaluator() if evaluator is None else evaluator
    if isinstance(model, str):
        model = load_evaluator(model)
    x = to_input(images)
    feats, probs = [], []
    for start in range(0, len(x), batch_size):
        f = model.forward_features(x[start:start + batch_size])
        feats.append(f.double().numpy())
        probs.append(torch.softmax(model.head(f), dim=1).double().numpy())
    if not feats:
        raise SpriteError("The evaluator got no sprites; pass at least one.")
    return np.concatenate(feats), np.concatenate(probs)


def _check_sets(a, b, what, minimum=2):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1]:
        raise SpriteError(f"{what} takes two (N, D) feature arrays with the same D, got {a.shape} and {b.shape}.")
    if min(len(a), len(b)) < minimum:
        raise SpriteError(f"{what} needs at least {minimum} rows in each set, got {len(a)} and {len(b)}; "
                          f"pass more sprites.")
    return a, b


def class_shares(probs):
    """Each of the evaluator's kinds' share of a set, from its class probabilities (N, kinds)."""
    return np.bincount(probs.argmax(1), minlength=probs.shape[1]) / len(probs)


def split_halves(count, rng):
    """Two disjoint random halves of `count` indices; scoring one half of the data against the other is the floor
    a perfect model could reach."""
    order = rng.permutation(count)
    return order[:count // 2], order[count // 2:]


def _sqrtm_psd(matrix):
    """Square root of a symmetric positive semi-definite matrix via eigh (tiny negative eigenvalues clipped)."""
    values, vectors = np.linalg.eigh((matrix + matrix.T) / 2)
    return (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T


def frechet_distance(feats_a, feats_b):
    """Frechet distance between Gaussians fitted to two feature sets (FID's formula; FSD on sprite features).

    tr sqrt(Sa Sb) is computed as tr sqrt(Sa^1/2 Sb Sa^1/2): that matrix is symmetric PSD, so eigh suffices where
    the product itself is not symmetric and would need a general (scipy) matrix square root.
    """
    a, b = _check_sets(feats_a, feats_b, "frechet_distance")
    mu_a, mu_b = a.mean(0), b.mean(0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root_a = _sqrtm_psd(cov_a)
    middle = root_a @ cov_b @ root_a
    tr_covmean = np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0, None)).sum()
    diff = mu_a - mu_b
    return float(max(diff @ diff + np.trace(cov_a) + np.trace(cov_b) - 2 * tr_covmean, 0.0))


def kid(feats_a, feats_b, subset_size=KID_SUBSET_SIZE, num_subsets=KID_SUBSETS, seed=0):
    """Kernel Inception Distance on sprite features: (mean, std) of the unbiased MMD^2 over random subsets.

    Kernel k(x, y) = (x.y / D + 1)^3. The estimate is unbiased, so it can be slightly negative for equal sets.
    """
    a, b = _check_sets(feats_a, feats_b, "kid")
    if subset_size < 2 or subset_size > min(len(a), len(b)):
        raise SpriteError(f"KID subset size {subset_size} must be between 2 and the smaller set's size "
                          f"{min(len(a), len(b))}; lower the subset size or pass more sprites.")
    dim, m = a.shape[1], subset_size
    rng = np.random.default_rng(seed)
    scores = []
    for _ in range(num_subsets):
        x = a[rng.choice(len(a), m, replace=False)]
        y = b[rng.choice(len(b), m, replace=False)]
        kxx, kyy, kxy = ((x @ x.T / dim + 1) ** 3, (y @ y.T / dim + 1) ** 3, (x @ y.T / dim + 1) ** 3)
        within = (kxx.sum() - np.trace(kxx) + kyy.sum() - np.trace(kyy)) / (m * (m - 1))
        scores.append(within - 2 * kxy.mean())
    return float(np.mean(scores)), float(np.std(scores))


def _distance_blocks(a, b, exclude=None):
    """Yield (row slice, Euclidean distances of those rows of `a` to all of `b`) in float64, a few MB at a time.

    Integer-valued inputs (pixels) give exactly 0 for equal rows. `exclude[i]` lists columns that row i must not
    match (its own copies), which come back as infinity.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    sq_b = (b * b).sum(1)
    rows = max(1, (1 << 22) // max(1, len(b)))
    for start in range(0, len(a), rows):
        x = a[start:start + rows]
        d = np.sqrt(np.clip((x * x).sum(1)[:, None] + sq_b[None] - 2 * x @ b.T, 0, None))
        if exclude is not None:
            for i, cols in enumerate(exclude[start:start + rows]):
                d[i, cols] = np.inf
        yield slice(start, start + len(x)), d


def _knn_radii(feats, k):
    """Distance from each row to its k-th nearest other row."""
    radii = np.empty(len(feats))
    for rows, d in _distance_blocks(feats, feats):
        # Column 0 of the sorted distances is the point itself (distance 0), so the k-th neighbour sits in column k.
        radii[rows] = np.partition(d, k, axis=1)[:, k]
    return radii


def _share_inside(points, centres, radii):
    """Share of `points` within radii[j] of some centre j."""
    inside = np.zeros(len(points), dtype=bool)
    for rows, d in _distance_blocks(points, centres):
        inside[rows] = (d <= radii[None]).any(1)
    return float(inside.mean())


def precision_recall(real_feats, fake_feats, k=PR_NEIGHBOURS):
    """(precision, recall) of Kynkaanniemi et al. 2019: k-NN balls around each point approximate each manifold.

    Precision: share of generated sprites inside the real manifold (fidelity). Recall: share of real sprites inside
    the generated manifold (coverage). Use sets of equal size; radii shrink as a set grows.
    """
    real, fake = _check_sets(real_feats, fake_feats, "precision_recall", minimum=k + 1)
    return _share_inside(fake, real, _knn_radii(real, k)), _share_inside(real, fake, _knn_radii(fake, k))


def class_accuracy(probs, requested):
    """Share of samples whose most likely class (per the evaluator) is the class they were sampled for."""
    probs, requested = np.asarray(probs), np.asarray(requested)
    if len(probs) != len(requested) or len(probs) == 0:
        raise SpriteError(f"class_accuracy needs one requested class per sample, got {len(requested)} for "
                          f"{len(probs)} samples.")
    return float((probs.argmax(1) == requested).mean())


def _pixels(images):
    images = images.numpy() if isinstance(images, torch.Tensor) else np.asarray(images)
    return images.reshape(len(images), -1).astype(np.float64)


def _with_mirrors(images):
    # A mirrored training sprite is as much a copy as the original (and --random_flip trains on both).
    return _pixels(np.concatenate([images, images[:, :, ::-1]]))


def _nearest(queries, reference, exclude=None):
    nearest = np.empty(len(queries))
    for rows, d in _distance_blocks(queries, reference, exclude):
        nearest[rows] = d.min(1)
    return nearest


def memorisation_threshold(train_images, percentile=MEMORISATION_PERCENTILE, max_queries=MEMORISATION_QUERIES,
                           seed=0):
    """The distance at or below which a sample counts as a copy of a training sprite.

    It is the `percentile`-th percentile of the distances from each training sprite to its nearest other training
    sprite or that sprite's mirror image (Euclidean distance between uint8 RGB pixel vectors). Sets larger than
    `max_queries` estimate it from that many training sprites drawn with `seed` (each still searched against all).
    """
    train = np.asarray(train_images)
    n = len(train)
    if n < 2:
        raise SpriteError(f"The memorisation threshold needs at least 2 training sprites, got {n}; pass more.")
    queries = np.arange(n)
    if n > max_queries:
        queries = np.sort(np.random.default_rng(seed).choice(n, max_queries, replace=False))
    own = [[i, n + i] for i in queries]
    return float(np.percentile(_nearest(_pixels(train[queries]), _with_mirrors(train), own), percentile))


def memorisation_rate(samples, train_images, threshold=None, percentile=MEMORISATION_PERCENTILE):
    """Share of samples whose nearest training sprite (or its mirror image) in pixel space is at most `threshold` away.

    The default threshold is `memorisation_threshold(train_images, percentile)`: with the 1st percentile, a sample
    counts as memorised when it is as close to a training sprite as only 1% of training sprites are to their nearest
    neighbour. Exact copies (distance 0) always count.
    """
    samples, train = np.asarray(samples), np.asarray(train_images)
    if samples.shape[1:] != train.shape[1:]:
        raise SpriteError(f"Samples of shape {samples.shape[1:]} cannot be compared with training sprites of shape "
                          f"{train.shape[1:]}; use the same resolution.")
    if threshold is None:
        threshold = memorisation_threshold(train, percentile)
    return float((_nearest(_pixels(samples), _with_mirrors(train)) <= threshold).mean())


def palette_stats(images):
    """Distinct RGB colours per sprite (the background counts as one): {"mean", "median"} over the sprites."""
    images = images.numpy() if isinstance(images, torch.Tensor) else np.asarray(images)
    if images.ndim != 4 or images.shape[-1] != 3 or len(images) == 0:
        raise SpriteError(f"palette_stats takes an (N, H, W, 3) array of sprites, got shape {images.shape}.")
    rgb = images.astype(np.int64).reshape(len(images), -1, 3)
    packed = np.sort(rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2], axis=1)
    counts = 1 + (np.diff(packed, axis=1) != 0).sum(1)
    return {"mean": float(counts.mean()), "median": float(np.median(counts))}


def _evaluator_ids(names, evaluator):
    """Evaluator class id per name, or -1 for names the evaluator does not know (they are not scored)."""
    return np.array([evaluator.classes.index(n) if n in evaluator.classes else -1 for n in names])


def sample_sprites(pipe, num_samples, steps, seed, requested=None, guidance_scale=2.0):
    """(N, H, W, 3) uint8 sprites in batches of SAMPLE_BATCH, seeds derived from `seed`, as `evaluate` draws them."""
    chunks = []
    starts = range(0, num_samples, SAMPLE_BATCH)
    # One tick per denoising step: a batch of 250 can take minutes on a CPU.
    with tqdm(total=len(starts) * steps, desc=f"sampling {num_samples} sprites", unit="step", leave=False) as bar:
        for batch, start in enumerate(starts):
            n = min(SAMPLE_BATCH, num_samples - start)
            labels = None if requested is None else [int(i) for i in requested[start:start + n]]
            # Batch 0 uses the seed itself: for an unconditional model it is what `sample --seed s --num_images 250`
            # draws. Later batches are further digits of the seed (toolkit.seeds), so nearby seeds share no batch.
            chunks.append(generate(pipe, n, steps, seed_for(seed, batch), labels, None, guidance_scale,
                                   callback=lambda *_: bar.update(1)))
    return np.concatenate(chunks)


def reference_sprites(resolution, color_mode="rgba", dataset_name=None, train_data_dir=None, background="black"):
    """(sprites, labels, dataset): the data a model is scored against, loaded with the training loaders (embedded set
    by default), as an (N, H, W, 3) uint8 array composited onto `background` the way samples are."""
    ds = load_sprite_dataset(dataset_name, train_data_dir, resolution=resolution)
    reference, labels = sprites_to_tensor(ds, resolution, background, color_mode)
    sprites = composite(reference.permute(0, 2, 3, 1).numpy(), parse_background(background), premultiplied=True)
    return sprites, labels, ds


def evaluate(model, dataset_name=None, train_data_dir=None, resolution=None, background="black", num_samples=1000,
             seed=0, scheduler="ddpm", num_inference_steps=None, guidance_scale=2.0, evaluator_version=DEFAULT_VERSION,
             palette=None, max_colors_per_sprite=None):
    """Sample `num_samples` sprites from `model` and score them against the reference dataset; returns a dict.

    `model` is an export folder, Hub id, checkpoint folder or LoRA adapter folder. The reference dataset is loaded
    with the training loaders (embedded set by default). Conditional models are asked for their classes round-robin.
    Samples are finished as `sprite-diffusion sample` finishes them (`palette` and `max_colors_per_sprite` as its
    options of those names), and RGBA samples and reference sprites are both composited onto `background` for the
    classifier. Sample seeds and subset draws are functions of `seed`, so a rerun gives the same numbers.
    """
    if scheduler not in SAMPLERS:
        raise SpriteError(f"--scheduler must be one of {', '.join(SAMPLERS)}, got {scheduler!r}.")
    if num_samples < MIN_SAMPLES:
        raise SpriteError(f"--num_samples {num_samples} is too few for the statistics; use at least {MIN_SAMPLES} "
                          f"(1000 for numbers worth comparing).")
    evaluator = load_evaluator(evaluator_version)
    pipe, _ = pipeline_for(model, scheduler, palette, max_colors_per_sprite)
    unet = pipe.unet
    if unet.config.out_channels not in (3, 4):
        raise SpriteError(f"{model} makes {unet.config.out_channels}-channel images; the evaluator scores RGB or RGBA "
                          f"sprites.")
    model_resolution = unet.config.sample_size
    if resolution is None:
        resolution = model_resolution
    elif resolution != model_resolution:
        raise SpriteError(f"{model} makes {model_resolution} px sprites but the reference dataset is loaded at "
                          f"--resolution {resolution}; drop --resolution or pass {model_resolution}.")
    color_mode = "rgba" if unet.config.out_channels == 4 else "rgb"
    reference, reference_labels, ds = reference_sprites(resolution, color_mode, dataset_name, train_data_dir,
                                                        background)
    bg = parse_background(background)
    if len(reference) < MIN_SAMPLES:
        raise SpriteError(f"The reference dataset has {len(reference)} sprites, too few for the statistics; "
                          f"evaluate against a dataset of at least {MIN_SAMPLES}.")

    if torch.cuda.is_available():
        pipe.to("cuda")
    steps = num_inference_steps or default_steps(scheduler)
    requested = np.arange(num_samples) % len(pipe.labels) if pipe.conditional else None
    samples = composite(sample_sprites(pipe, num_samples, steps, seed, requested, guidance_scale), bg)

    sample_feats, sample_probs = features(samples, evaluator)
    ref_feats, ref_probs = features(reference, evaluator)
    subset = min(KID_SUBSET_SIZE, num_samples, len(reference))
    kid_mean, kid_std = kid(ref_feats, sample_feats, subset, KID_SUBSETS, seed)
    # k-NN radii depend on set size, so precision/recall compare equally large sets.
    pr_rows = np.sort(np.random.default_rng(seed).choice(len(reference), min(len(reference), num_samples),
                                                         replace=False))
    precision, recall = precision_recall(ref_feats[pr_rows], sample_feats)
    threshold = memorisation_threshold(reference, seed=seed)
    first, second = split_halves(len(reference), np.random.default_rng(seed))
    floor = frechet_distance(ref_feats[first], ref_feats[second])

    results = {
        "model": str(model),
        "evaluator": evaluator.version,
        "dataset": dataset_name or train_data_dir or "embedded",
        "resolution": int(resolution),
        "background": background,
        "num_samples": int(num_samples),
        "num_reference": int(len(reference)),
        "seed": int(seed),
        "scheduler": scheduler,
        "num_inference_steps": int(steps),
        "color_mode": color_mode,
        "palette": None if pipe.config.palette is None else len(pipe.config.palette),
        "max_colors_per_sprite": pipe.config.max_colors,
        "conditional": bool(pipe.conditional),
        "guidance_scale": float(guidance_scale) if pipe.conditional else None,
        "fsd": frechet_distance(ref_feats, sample_feats),
        "fsd_data_halves": floor,
        "kid": kid_mean,
        "kid_std": kid_std,
        "kid_subset_size": int(subset),
        "precision": precision,
        "recall": recall,
        "class_accuracy": None,
        "class_accuracy_per_class": None,
        "data_class_accuracy": None,
        "memorisation_rate": memorisation_rate(samples, reference, threshold),
        "memorisation_threshold": threshold,
        "colours": {"samples": palette_stats(samples), "data": palette_stats(reference)},
    }
    if pipe.conditional:
        wanted = _evaluator_ids(pipe.labels, evaluator)[requested]
        known = wanted >= 0
        if known.any():
            results["class_accuracy"] = class_accuracy(sample_probs[known], wanted[known])
            results["class_accuracy_per_class"] = {
                evaluator.classes[c]: class_accuracy(sample_probs[wanted == c], wanted[wanted == c])
                for c in sorted(set(wanted[known].tolist()))}
    # The same score on the reference sprites says how far to trust the classifier on this data.
    truth = _evaluator_ids(ds.features["label"].names, evaluator)[reference_labels.numpy()]
    if (truth >= 0).any():
        results["data_class_accuracy"] = class_accuracy(ref_probs[truth >= 0], truth[truth >= 0])
    return results


def format_table(results):
    """The results as a small plain-text table."""
    def num(value, digits=4):
        return "n/a" if value is None else f"{value:.{digits}g}"

    pal = results["colours"]
    rows = [
        ("FSD (lower is better)", f"{num(results['fsd'])} (two halves of the data: "
                                  f"{num(results['fsd_data_halves'], 3)})"),
        ("KID (lower is better)", f"{num(results['kid'])} +- {num(results['kid_std'], 2)}"),
        ("precision / recall", f"{results['precision']:.3f} / {results['recall']:.3f}"),
        ("class accuracy", num(results["class_accuracy"], 3) if results["conditional"] else "n/a (unconditional)"),
        ("memorisation rate", f"{results['memorisation_rate']:.3f} (pixel distance <= "
                              f"{results['memorisation_threshold']:.1f})"),
        ("colours per sprite", f"samples {pal['samples']['mean']:.1f} (median {pal['samples']['median']:g}), "
                               f"data {pal['data']['mean']:.1f} (median {pal['data']['median']:g})"),
    ]
    snapped = f", {results['palette']}-colour palette" if results.get("palette") else ""
    if results.get("max_colors_per_sprite"):
        snapped += f", at most {results['max_colors_per_sprite']} per sprite"
    head = (f"{results['model']}: {results['num_samples']} {results['color_mode'].upper()} samples "
            f"({results['scheduler']}, {results['num_inference_steps']} steps, seed {results['seed']}{snapped}) vs "
            f"{results['num_reference']} "
            f"{results['dataset']} sprites at {results['resolution']} px, evaluator {results['evaluator']}")
    width = max(len(name) for name, _ in rows)
    return "\n".join([head] + [f"  {name:<{width}}  {value}" for name, value in rows])
