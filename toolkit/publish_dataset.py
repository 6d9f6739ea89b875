"""`sprite-diffusion dataset`: any sprite source the toolkit reads, as a dataset to look at, keep and share.

The source (sheets, image folders, course arrays, Hub or `save_to_disk` datasets, the embedded set) becomes a
`datasets.Dataset` with `image` (PNG bytes; RGBA kept exactly, never composited) and `label` (ClassLabel) columns, plus
`source` where the source names its sprites. The command prints a report, writes a preview sheet, and optionally
writes a `save_to_disk` folder and/or pushes a Hub dataset repo (`data/*.parquet`, a dataset card, the preview)
through `hub.push_folder`, with the same token and endpoint handling as model pushes. Every folder is written beside
its target and renamed into place, so a failure leaves nothing half-written.
"""

import io
import os
import shlex
import tempfile
from collections import Counter
from dataclasses import dataclass, field, fields

import numpy as np
import yaml
from PIL import Image, UnidentifiedImageError

import datasets
from datasets import Dataset, Features, Value

from . import __version__
from .config import HUB_OPTIONS
from .data import load_sprite_dataset
from .errors import SpriteError
from .export import replace_folder
from .hub import push_folder
from .images import make_grid
from .sheets import is_sheet_source, load_sheets, parse_tile_size, pixel_key

PREVIEW_FILE = "preview.png"
CARD_FILE = "README.md"
HUB_DATA_FILE = "data/train-00000-of-00001.parquet"
# What marks a folder as one `--save_to_disk` wrote, so it may be replaced.
SAVED_MARKERS = ("dataset_info.json", "state.json")
PREVIEW_COLUMNS = 8
_CHECKS = ((96, 96, 96), (128, 128, 128))  # the preview's checkerboard behind transparent pixels


@dataclass
class SpriteStats:
    """The numbers of the report and the card."""

    sprites: int
    class_names: list
    class_counts: list
    duplicates: int
    sizes: Counter
    colours: list = field(default_factory=list)  # distinct visible colours per sprite
    transparent_share: float = 0.0
    sheets: object = None  # a sheets.SheetReport when the source was cut from sheets
    has_source: bool = False  # whether a `source` column names each sprite's origin

    def size_text(self):
        return ", ".join(f"{w}x{h} ({n})" for (w, h), n in self.sizes.most_common())

    def colour_text(self):
        c = np.array(self.colours)
        return f"median {np.median(c):g} (min {c.min()}, max {c.max()})"


# --- building --------------------------------------------------------------------------------------------------


def load_source(cfg):
    """(dataset, SheetReport or None) from the source options of `cfg`; sheets print what cutting them gave."""
    if cfg.train_data_dir and is_sheet_source(cfg.train_data_dir, parse_tile_size(cfg.tile_size)):
        ds, report = load_sheets(cfg.train_data_dir, cfg.tile_size, cfg.tile_margin, cfg.tile_spacing)
        print(report.summary())
        return ds, report
    return load_sprite_dataset(cfg.dataset_name, cfg.train_data_dir, cfg.image_column, cfg.label_column), None


def with_png_images(ds, root=None):
    """`ds` in memory with every image as PNG bytes (PNG files kept byte for byte; others re-encoded, RGBA where
    the image has transparency, else RGB), its labels, and a `source` column where sprites can be named: the
    source's own, or the file's path under `root`."""
    raw = ds.cast_column("image", datasets.Image(decode=False))
    images, sources = [], []
    for row, item in enumerate(raw["image"]):
        images.append({"bytes": _png_bytes(item, row), "path": None})
        sources.append(_relative(item.get("path"), root))
    columns = {"image": images, "label": ds["label"]}
    features = {"image": datasets.Image(), "label": ds.features["label"]}
    if "source" in ds.column_names:
        columns["source"] = [str(s) for s in ds["source"]]
    elif all(sources):
        columns["source"] = sources
    if "source" in columns:
        features["source"] = Value("string")
    return Dataset.from_dict(columns, features=Features(features))


def _png_bytes(item, row):
    where = item.get("path") or f"row {row}"
    try:
        data = item.get("bytes")
        if not data:
            with open(item["path"], "rb") as f:
                data = f.read()
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise SpriteError(f"Image {where} is unreadable or corrupt ({err}); fix or remove it.") from None
    if img.format == "PNG" and img.mode in ("RGBA", "RGB"):
        return data
    transparent = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    buf = io.BytesIO()
    img.convert("RGBA" if transparent else "RGB").save(buf, format="PNG")
    return buf.getvalue()


def _relative(path, root):
    if not path or not root or not os.path.isdir(root):
        return None
    return os.path.relpath(path, root).replace(os.sep, "/")


# --- report and preview ----------------------------------------------------------------------------------------


def sprite_stats(ds, sheet_report=None):
    """Counts, sizes, colours and transparency of the sprites of `ds` (images as PNG bytes)."""
    names = ds.features["label"].names
    counts = np.bincount(ds["label"], minlength=len(names)).tolist()
    sizes, colours, seen = Counter(), [], set()
    duplicates, transparent, pixels_total = 0, 0, 0
    for item in ds.cast_column("image", datasets.Image(decode=False))["image"]:
        pixels = np.asarray(Image.open(io.BytesIO(item["bytes"])))
        key = pixel_key(pixels)
        duplicates += key in seen
        seen.add(key)
        sizes[(pixels.shape[1], pixels.shape[0])] += 1
        visible = pixels.reshape(-1, pixels.shape[-1])
        if pixels.shape[-1] == 4:
            transparent += int((visible[:, 3] == 0).sum())
            visible = visible[visible[:, 3] > 0]
        pixels_total += pixels.shape[0] * pixels.shape[1]
        colours.append(len(np.unique(visible, axis=0)))
    return SpriteStats(ds.num_rows, names, counts, duplicates, sizes, colours, transparent / max(pixels_total, 1),
                       sheet_report, "source" in ds.column_names)


def report_text(stats):
    classes = ", ".join(f"{name} {n}" for name, n in zip(stats.class_names, stats.class_counts))
    lines = [f"{_count(stats.sprites, 'sprite')} in {_count(len(stats.class_names), 'class')}: {classes}"]
    if stats.sheets is not None:
        lines.append(f"  from {_count(stats.sheets.sheets, 'sheet')}: {stats.sheets.tiles} tiles, "
                     f"{stats.sheets.empty} empty skipped, {stats.sheets.duplicates} exact duplicates dropped")
    lines += [f"  exact duplicates: {stats.duplicates}",
              f"  sizes: {stats.size_text()}",
              f"  colours per sprite: {stats.colour_text()}",
              f"  transparent pixels: {stats.transparent_share:.1%}"]
    return "\n".join(lines)


def _count(n, noun):
    return f"{n} {noun}" + ("" if n == 1 else "es" if noun.endswith("s") else "s")


def preview_sheet(ds, per_class=8):
    """The first `per_class` sprites of every class on a checkerboard, upscaled with NEAREST: rows of
    `PREVIEW_COLUMNS`, each class starting a new row."""
    labels = np.asarray(ds["label"])
    groups = [np.flatnonzero(labels == c)[:per_class].tolist() for c in range(ds.features["label"].num_classes)]
    sprites = {i: ds[i]["image"] for group in groups for i in group}
    width = max(img.width for img in sprites.values())
    height = max(img.height for img in sprites.values())
    cells = []
    for group in groups:
        cells += [_on_checkerboard(sprites[i], width, height) for i in group]
        cells += [Image.new("RGB", (width, height), (40, 40, 40))] * (-len(group) % PREVIEW_COLUMNS)
    return make_grid(cells, ncols=PREVIEW_COLUMNS, upscale=max(1, min(4, 64 // max(width, height))))


def _on_checkerboard(img, width, height):
    check = max(1, max(width, height) // 8)
    y, x = np.mgrid[:height, :width]
    board = np.array(_CHECKS, dtype=np.uint8)[((y // check + x // check) % 2)]
    cell = Image.fromarray(board, "RGB").convert("RGBA")
    cell.alpha_composite(img.convert("RGBA"), ((width - img.width) // 2, (height - img.height) // 2))
    return cell.convert("RGB")


# --- card ------------------------------------------------------------------------------------------------------


def dataset_card(stats, cfg, repo_id=None):
    """The dataset card (README.md): Hub metadata, provenance, licence, class counts, preview and how to load it.

    With `repo_id` it describes the Hub repo (`data/*.parquet`); without, the `save_to_disk` folder.
    """
    title = cfg.pretty_name or (repo_id or os.path.normpath(cfg.save_to_disk)).replace("\\", "/").split("/")[-1]
    meta = {"license": cfg.license, "pretty_name": title, "task_categories": ["unconditional-image-generation"],
            "tags": ["pixel-art", "sprites", "sprite-diffusion-toolkit"],
            "size_categories": [_size_category(stats.sprites)]}
    if repo_id:
        meta["configs"] = [{"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*"}]}]
    splits = [{"name": "train", "num_examples": stats.sprites}]
    meta["dataset_info"] = {"features": _card_features(stats), "splits": splits}
    side = max(max(size) for size in stats.sizes)
    where = repo_id or cfg.save_to_disk
    load = (f'load_dataset("{repo_id}", split="train")' if repo_id else f'load_from_disk("{cfg.save_to_disk}")')
    counts = zip(stats.class_names, stats.class_counts)
    table = "\n".join(f"| {i} | {name} | {n} |" for i, (name, n) in enumerate(counts))
    columns = "`image` (PNG), `label` (`ClassLabel`, names above)"
    if stats.has_source:
        columns += ", `source` (the sheet or file each sprite comes from, and its place there)"
    sheet_line = ""
    if stats.sheets is not None:
        sheet_line = (f" Cut from {_count(stats.sheets.sheets, 'sprite sheet')}: {stats.sheets.empty} empty tiles "
                      f"skipped and {stats.sheets.duplicates} exact duplicates dropped.")
    body = f"""# {title}

{_count(stats.sprites, "pixel-art sprite")} in {_count(len(stats.class_names), "class")}, as PNG with their
transparency kept (never composited onto a background).

![preview: up to {cfg.preview_per_class} sprites per class, upscaled with NEAREST]({PREVIEW_FILE})

## Provenance

{cfg.provenance or "Not stated: ask the publisher where the art comes from before you use it."}

Built from {_source_text(cfg)} with `sprite-diffusion dataset` (sprite-diffusion-toolkit {__version__}).{sheet_line}

## Licence

`{cfg.license}`{" (not stated: do not assume you may use the art)" if cfg.license == "unknown" else ""}.

## Classes

| label | class | sprites |
|------:|-------|--------:|
{table}
| | **total** | **{stats.sprites}** |

## Sprites

Columns: {columns}.
Sizes: {stats.size_text()}. Colours per sprite: {stats.colour_text()}.
Transparent pixels: {stats.transparent_share:.1%}.
Exact duplicates: {stats.duplicates}.

## Use

```python
from datasets import {"load_dataset" if repo_id else "load_from_disk"}

ds = {load}
```

Train a sprite diffusion model on it with the sprite diffusion toolkit:

```bash
accelerate launch recipes/train_sprites.py --dataset_name {where} --resolution {side}
```
"""
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body


def _card_features(stats):
    names = {str(i): name for i, name in enumerate(stats.class_names)}
    features = [{"name": "image", "dtype": "image"}, {"name": "label", "dtype": {"class_label": {"names": names}}}]
    if stats.has_source:
        features.append({"name": "source", "dtype": "string"})
    return features


def _size_category(n):
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def _source_text(cfg):
    """The source in words, naming local folders by their last part only (a card must not leak home paths)."""
    if cfg.train_data_dir:
        text = f"`{os.path.basename(os.path.normpath(cfg.train_data_dir))}`"
        if cfg.tile_size:
            text += f" (--tile_size {cfg.tile_size}, --tile_margin {cfg.tile_margin}, --tile_spacing " \
                    f"{cfg.tile_spacing})"
        return text
    if cfg.dataset_name:
        local = os.path.isdir(cfg.dataset_name)
        return f"`{os.path.basename(os.path.normpath(cfg.dataset_name)) if local else cfg.dataset_name}`"
    return "the toolkit's embedded Dungeon Crawl Stone Soup sprites"


# --- writing and publishing ------------------------------------------------------------------------------------


def write_saved_dataset(ds, stats, preview, cfg):
    """`ds.save_to_disk(cfg.save_to_disk)` with its card and preview, swapped in whole by renames."""
    def write(tmp):
        ds.save_to_disk(tmp)
        preview.save(os.path.join(tmp, PREVIEW_FILE))
        _write_text(os.path.join(tmp, CARD_FILE), dataset_card(stats, cfg))

    _write_folder_atomically(cfg.save_to_disk, write)


def hub_folder(ds, stats, preview, cfg, folder):
    """Write the files of a Hub dataset repo into `folder`: data/*.parquet, README.md, preview.png."""
    os.makedirs(os.path.join(folder, os.path.dirname(HUB_DATA_FILE)))
    ds.to_parquet(os.path.join(folder, HUB_DATA_FILE))
    preview.save(os.path.join(folder, PREVIEW_FILE))
    _write_text(os.path.join(folder, CARD_FILE), dataset_card(stats, cfg, repo_id=cfg.push_to_hub))


def push_dataset(ds, stats, preview, cfg):
    """Push `ds` as a Hub dataset repo; returns the commit URL. The repo files live in a temporary folder only."""
    with tempfile.TemporaryDirectory(prefix="sprite-dataset-") as tmp:
        folder = os.path.join(tmp, cfg.push_to_hub.split("/")[1])
        hub_folder(ds, stats, preview, cfg, folder)
        return push_folder(folder, cfg.push_to_hub, token=cfg.hub_token, private=cfg.hub_private_repo,
                           endpoint=cfg.hub_endpoint, repo_type="dataset", retry_hint=command_line(cfg),
                           commit_message=f"Upload {stats.sprites} sprites with the sprite diffusion toolkit")


def command_line(cfg):
    """The `sprite-diffusion dataset` command that gives `cfg`, without the token."""
    words = ["sprite-diffusion", "dataset"]
    # The source first and where to publish last, as a person writes it (the shared HubOptions fields come first).
    for f in sorted(fields(cfg), key=lambda f: f.name in HUB_OPTIONS):
        value = getattr(cfg, f.name)
        if f.name == "hub_token" or value == f.default:
            continue
        words += [f"--{f.name}"] if value is True else [f"--{f.name}", str(value)]
    return shlex.join(words)


def _write_text(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_file_atomically(path, write):
    """`write(tmp_path)`, then rename the result onto `path`."""
    folder = os.path.dirname(os.path.abspath(path))
    root, ext = os.path.splitext(os.path.basename(path))
    tmp = os.path.join(folder, f".{root}.tmp-{os.getpid()}{ext}")  # same extension: PIL picks the format by it
    try:
        os.makedirs(folder, exist_ok=True)
        write(tmp)
        os.replace(tmp, path)
    except OSError as err:
        raise SpriteError(f"Could not write {path} ({err}); free disk space or pick another path.") from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _write_folder_atomically(target, write):
    """`write(tmp_folder)`, then swap it in for `target`, which must be new, empty, or an earlier saved dataset."""
    target = target.rstrip("/\\")
    if os.path.isdir(target) and os.listdir(target) and not all(
            os.path.isfile(os.path.join(target, marker)) for marker in SAVED_MARKERS):
        raise SpriteError(f"--save_to_disk {target} already exists and is not a saved dataset; choose a new or "
                          f"empty folder so nothing of yours is overwritten.")
    if os.path.exists(target) and not os.path.isdir(target):
        raise SpriteError(f"--save_to_disk {target} is a file; choose a folder path.")
    replace_folder(target, write, "the dataset", "--save_to_disk")
