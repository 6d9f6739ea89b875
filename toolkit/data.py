"""Sprite datasets: every source becomes a `datasets.Dataset` with an `image` (Image) and a `label` (ClassLabel) column.

Sources: the embedded DCSS set (default), a Hub id or `save_to_disk` folder (`dataset_name`), an `imagefolder`-style
directory or a folder with the DeepLearning.AI course arrays (`train_data_dir`).

Image policy (one rule for every source): sprites with transparency are kept as RGBA with premultiplied alpha, so a
fully transparent pixel is always (0, 0, 0, 0) and the model spends nothing on the colour of invisible pixels; with
`color_mode="rgb"` (and for sources without transparency) they are composited onto a background colour instead.
Non-square images are centre-padded (transparent, or the background) to a square. Resizing is NEAREST only, so pixel
art stays crisp. The one exception is the embedded set's 16x16 view, made once from the 32x32 art by 2x2 blocks: a
block is opaque when at least two of its four pixels are, in the colour of its opaque pixel closest to their mean.
That keeps outlines, silhouettes, binary alpha and the art's own colours, with no fringe from the surroundings.

For training, the dataset is turned once into a uint8 tensor (on the GPU where there is one) and `SpriteBatches`
draws batches by index with batched flips, so no PIL work happens in the training loop.
"""

import glob
import io
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import torch
from PIL import Image, ImageColor, UnidentifiedImageError

import datasets
from datasets import ClassLabel, Dataset, Features
from datasets.table import InMemoryTable

from .config import COLOR_MODES
from .errors import SpriteError
from .seeds import DATA_ORDER, FLIPS, seeded_generator
from .sheets import is_sheet_source, load_sheets, parse_tile_size

EMBEDDED_DIR = Path(__file__).parent / "sprites"
COURSE_LABELS = ["hero", "non-hero", "food", "spell", "side-facing"]
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff")


def load_sprite_dataset(dataset_name=None, train_data_dir=None, image_column="image", label_column="label",
                        resolution=None, *, tile_size=None, tile_margin=0, tile_spacing=0):
    """Load sprites from whichever source is given (the embedded set when none is) as a `datasets.Dataset`.

    A `train_data_dir` that is a sheet image, or a folder of sheets (given `tile_size`, or with Aseprite/TexturePacker
    `.json` files beside them), is cut into sprites by `sheets.load_sheets`.
    """
    if dataset_name:
        return load_hub_or_disk_dataset(dataset_name, image_column, label_column)
    if train_data_dir:
        if is_sheet_source(train_data_dir, parse_tile_size(tile_size)):
            ds, report = load_sheets(train_data_dir, tile_size, tile_margin, tile_spacing, resolution)
            print(report.summary())
            return ds
        if not os.path.isdir(train_data_dir):
            raise SpriteError(f"--train_data_dir {train_data_dir} does not exist or is not a folder; check the path.")
        arrays = find_course_arrays(train_data_dir)
        if arrays:
            return load_course_arrays(*arrays)
        return load_image_folder(train_data_dir)
    return load_embedded_sprites(resolution)


def load_embedded_sprites(resolution=None):
    """The embedded DCSS sprites, RGBA: 32x32 as stored, or the 16x16 view of `halve_sprite`."""
    ds = Dataset.from_parquet(str(EMBEDDED_DIR / "train.parquet"))
    if resolution in (None, 32):
        return ds
    if resolution != 16:
        # Upscaling the 32 px art or shrinking it further would only blur or drop detail.
        raise SpriteError(f"The embedded sprites come at 16 or 32 px, not {resolution}; pass --resolution 16 or 32.")

    def downsample(batch):
        batch["image"] = [halve_sprite(img) for img in batch["image"]]
        return batch

    # In memory and never from datasets' cache: the cache is keyed by `downsample`'s code, not `halve_sprite`'s, so
    # a changed view would silently come back as the old one. It takes a few seconds.
    return ds.map(downsample, batched=True, features=ds.features, desc="16x16 view", keep_in_memory=True,
                  load_from_cache_file=False)


def halve_sprite(img):
    """Half-size RGBA sprite by 2x2 blocks: opaque where at least 2 of 4 pixels are, in one of the block's own colours.

    The colour is the block's opaque pixel closest to their mean, so every pixel keeps a colour the artist used
    (the art's palette survives; a mean would invent blends and soften contrast). Averaging all four pixels, or
    compositing first, would mix the invisible surroundings into the outline; dropping three of four pixels would
    break one-pixel outlines.
    """
    rgba = np.asarray(img.convert("RGBA"), dtype=np.float64)
    h, w = rgba.shape[0] // 2, rgba.shape[1] // 2
    blocks = rgba[:2 * h, :2 * w].reshape(h, 2, w, 2, 4).transpose(0, 2, 1, 3, 4).reshape(h, w, 4, 4)
    opaque = blocks[..., 3] >= 128
    count = opaque.sum(-1)
    mean = (blocks[..., :3] * opaque[..., None]).sum(2) / np.maximum(count, 1)[..., None]
    distance = np.where(opaque, ((blocks[..., :3] - mean[:, :, None]) ** 2).sum(-1), np.inf)
    colour = np.take_along_axis(blocks[..., :3], distance.argmin(-1)[..., None, None], axis=2)[:, :, 0]
    keep = count >= 2
    out = np.zeros((h, w, 4))
    out[..., :3] = np.where(keep[..., None], colour, 0)
    out[..., 3] = keep * 255
    return Image.fromarray(out.astype(np.uint8), "RGBA")


def load_hub_or_disk_dataset(name, image_column="image", label_column="label"):
    """A `save_to_disk` folder or a Hub dataset id, normalised to `image` + `label` columns."""
    if os.path.isdir(name):
        try:
            ds = datasets.load_from_disk(name)
        except FileNotFoundError:
            raise SpriteError(f"{name} is not a folder written by `Dataset.save_to_disk`; "
                              f"for a folder of images use --train_data_dir {name}.") from None
    else:
        try:
            ds = datasets.load_dataset(name, split="train")
        except Exception as err:  # the Hub client raises many types; all mean the same thing to the user
            raise SpriteError(f"Could not load dataset {name!r} from the Hub ({type(err).__name__}); check the id and "
                              f"your connection, or pass a local `save_to_disk` folder.") from None
    if isinstance(ds, datasets.DatasetDict):
        if "train" not in ds:
            raise SpriteError(f"Dataset {name} has splits {list(ds)} but no 'train' split; save the training split.")
        ds = ds["train"]
    if image_column not in ds.column_names:
        raise SpriteError(f"Dataset {name} has no column {image_column!r} (columns: {', '.join(ds.column_names)}); "
                          f"pass --image_column.")
    if ds.num_rows == 0:
        raise SpriteError(f"Dataset {name} has no rows; give it some sprites.")
    if image_column != "image":
        ds = ds.rename_column(image_column, "image")
    if not isinstance(ds.features["image"], datasets.Image):
        raise SpriteError(f"Column {image_column!r} of {name} is not an Image column; pass the right --image_column.")
    if label_column in ds.column_names:
        if label_column != "label":
            ds = ds.rename_column(label_column, "label")
        if not isinstance(ds.features["label"], ClassLabel):
            ds = ds.class_encode_column("label")
    else:
        ds = ds.add_column("label", [0] * ds.num_rows, feature=ClassLabel(names=["sprite"]))
    return ds.select_columns(["image", "label"])


def load_image_folder(root):
    """Images under `root` in the `imagefolder` layout: one sub-folder per class, or all files flat (one class)."""
    files = sorted(p for p in Path(root).rglob("*") if p.suffix.lower() in IMAGE_EXTENSIONS and p.is_file())
    if not files:
        raise SpriteError(f"{root} contains no images ({', '.join(IMAGE_EXTENSIONS)}) and no course arrays "
                          f"(sprites*.npy + *labels*.npy); put your sprites there.")
    # Like `imagefolder`: the class is the parent folder, but only when every file sits one level down.
    parents = [p.relative_to(root).parts for p in files]
    if all(len(parts) == 2 for parts in parents):
        names = sorted({parts[0] for parts in parents})
        labels = [names.index(parts[0]) for parts in parents]
    else:
        names, labels = ["sprite"], [0] * len(files)
    features = Features({"image": datasets.Image(), "label": ClassLabel(names=names)})
    return Dataset.from_dict({"image": [str(p) for p in files], "label": labels}, features=features)


def find_course_arrays(folder):
    """The (sprites, labels) .npy pair of the DeepLearning.AI course in `folder`, or None."""
    npys = sorted(glob.glob(os.path.join(folder, "*.npy")))
    labels = [p for p in npys if "labels" in os.path.basename(p)]
    sprites = [p for p in npys if os.path.basename(p).startswith("sprites") and p not in labels]
    if not npys:
        return None
    if len(sprites) != 1 or len(labels) != 1:
        raise SpriteError(f"{folder} must hold exactly one sprites*.npy and one *labels*.npy, found "
                          f"{[os.path.basename(p) for p in npys]}; remove the extra arrays.")
    return sprites[0], labels[0]


def load_course_arrays(sprites_path, labels_path):
    """The course arrays: (N,H,W,3) uint8 sprites, (N,C) one-hot labels (hero, non-hero, food, spell, side-facing)."""
    try:
        # mmap: the full 89,400-sprite set is then read once, in order, while encoding.
        sprites = np.load(sprites_path, mmap_mode="r", allow_pickle=False)
        onehot = np.load(labels_path, mmap_mode="r", allow_pickle=False)
    except (ValueError, OSError) as err:
        raise SpriteError(f"Could not read the course arrays {sprites_path} / {labels_path} ({err}); "
                          f"they must be plain .npy files.") from None
    if sprites.ndim != 4 or sprites.shape[-1] not in (1, 3, 4) or sprites.dtype != np.uint8:
        raise SpriteError(f"{sprites_path} has shape {sprites.shape} and dtype {sprites.dtype}; expected "
                          f"(N, H, W, 3) uint8 as in the course.")
    if onehot.ndim != 2 or len(onehot) != len(sprites):
        raise SpriteError(f"{labels_path} has shape {onehot.shape} but {sprites_path} holds {len(sprites)} sprites; "
                          f"expected labels of shape ({len(sprites)}, C).")
    names = COURSE_LABELS if onehot.shape[1] == len(COURSE_LABELS) else [f"class_{i}" for i in range(onehot.shape[1])]
    labels = np.asarray(onehot).argmax(axis=1).tolist()

    # BMP: lossless, read by PIL like any image, and about 6x faster to write than PNG, which matters at 89,400
    # sprites. The bytes go straight into an Arrow column; a Python dict per sprite would cost far more memory.
    encoded = []
    for arr in sprites:
        buf = io.BytesIO()
        Image.fromarray(arr.squeeze(-1) if arr.shape[-1] == 1 else arr).save(buf, format="BMP")
        encoded.append(buf.getvalue())
    column = pa.array(encoded, type=pa.binary())
    del encoded  # Arrow has its own copy now
    image = pa.StructArray.from_arrays([column, pa.nulls(len(column), pa.string())], names=["bytes", "path"])
    table = pa.table({"image": image, "label": pa.array(labels, type=pa.int64())})
    features = Features({"image": datasets.Image(), "label": ClassLabel(names=names)})
    return Dataset(InMemoryTable(table), info=datasets.DatasetInfo(features=features))


def parse_background(colour):
    """An RGB tuple from a colour name or #rrggbb."""
    try:
        return ImageColor.getrgb(colour)[:3]
    except ValueError:
        raise SpriteError(f"--background {colour!r} is not a colour; use a name like black or a hex code like "
                          f"#202020.") from None


def composite(img, background):
    """`img` as RGB: transparent pixels composited onto `background` (an RGB tuple)."""
    if has_alpha_mode(img):
        img = img.convert("RGBA")
        base = Image.new("RGBA", img.size, background + (255,))
        return Image.alpha_composite(base, img).convert("RGB")
    return img.convert("RGB")


def has_alpha_mode(img):
    """Whether a PIL image can hold transparency (RGBA, LA, or a palette with a transparent index)."""
    return img.mode == "P" and "transparency" in img.info or img.mode in ("RGBA", "LA", "PA", "RGBa", "La")


def premultiplied_rgba(img):
    """`img` as an (H, W, 4) uint8 array with its colour multiplied by its alpha: invisible pixels become 0."""
    rgba = np.asarray(img.convert("RGBA") if has_alpha_mode(img) else img.convert("RGB").convert("RGBA"),
                      dtype=np.uint16)
    rgb = (rgba[..., :3] * rgba[..., 3:] + 127) // 255
    return np.concatenate([rgb, rgba[..., 3:]], axis=-1).astype(np.uint8)


def prepare_image(img, resolution, background, rgba=False):
    """Apply the image policy: premultiplied RGBA or composited RGB, padded to square, NEAREST-resized."""
    if rgba:
        img = Image.fromarray(premultiplied_rgba(img), "RGBA")
        fill = (0, 0, 0, 0)
    else:
        img = composite(img, background)
        fill = background
    if img.width != img.height:
        side = max(img.size)
        square = Image.new(img.mode, (side, side), fill)
        square.paste(img, ((side - img.width) // 2, (side - img.height) // 2))
        img = square
    if img.width != resolution:
        img = img.resize((resolution, resolution), Image.NEAREST)
    return img


def dataset_has_alpha(ds):
    """Whether any sprite of `ds` has a pixel that is not fully opaque (read without decoding more than needed)."""
    raw = ds.cast_column("image", datasets.Image(decode=False))
    for row, item in enumerate(raw["image"]):
        img = _open_image(item, row, decode=False)  # the mode is in the header: RGB files are not decoded
        if has_alpha_mode(img) and np.asarray(img.convert("RGBA"))[..., 3].min() < 255:
            return True
    return False


def resolve_color_mode(ds, color_mode="auto", source="the sprites"):
    """"rgba" or "rgb" for `ds`: auto picks RGBA exactly when some sprite has transparency."""
    if color_mode not in COLOR_MODES:
        raise SpriteError(f"--color_mode must be one of {', '.join(COLOR_MODES)}, got {color_mode!r}.")
    if color_mode == "rgb":
        return "rgb"
    alpha = dataset_has_alpha(ds)
    if color_mode == "rgba" and not alpha:
        raise SpriteError(f"--color_mode rgba needs sprites with transparency, but no pixel of {source} is "
                          f"transparent; drop --color_mode (or use rgb).")
    return "rgba" if alpha else "rgb"


def sprites_to_tensor(ds, resolution, background="black", color_mode="rgb"):
    """Decode every sprite once into a (N, C, R, R) uint8 tensor and a (N,) int64 label tensor.

    `color_mode` "rgba" gives 4 premultiplied channels, "rgb" 3 channels composited onto `background`.
    """
    bg = parse_background(background)
    rgba = color_mode == "rgba"
    raw = ds.cast_column("image", datasets.Image(decode=False))
    out = np.empty((ds.num_rows, resolution, resolution, 4 if rgba else 3), dtype=np.uint8)
    row = 0
    for batch in raw.iter(batch_size=4096):
        for item in batch["image"]:
            out[row] = np.asarray(prepare_image(_open_image(item, row), resolution, bg, rgba))
            row += 1
    labels = torch.tensor(ds["label"], dtype=torch.int64)
    return torch.from_numpy(out).permute(0, 3, 1, 2).contiguous(), labels


def _open_image(item, row, decode=True):
    where = item.get("path") or f"row {row}"
    try:
        img = Image.open(io.BytesIO(item["bytes"]) if item.get("bytes") else item["path"])
        if decode:
            img.load()
        return img
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise SpriteError(f"Image {where} is unreadable or corrupt ({err}); fix or remove it.") from None


def unit_range(images):
    """uint8 sprites as float pixels in [-1, 1], the range the UNet trains in."""
    return images.float().div_(127.5).sub_(1.0)


class SpriteBatches:
    """Batches drawn by index from a uint8 sprite tensor kept in memory.

    The order is a function of (seed, epoch) and flips of (seed, batch index) only, so resuming at step k
    sees exactly the data an uninterrupted run would. Each process takes its own slice of a global batch.
    """

    def __init__(self, images, labels, batch_size, seed=0, random_flip=False, num_processes=1, process_index=0,
                 device="cpu"):
        self.images = images.to(device)
        self.labels = labels.to(device)
        self.batch_size = batch_size
        self.global_batch = batch_size * num_processes
        self.process_index = process_index
        self.seed = seed
        self.random_flip = random_flip
        if len(images) < self.global_batch:
            raise SpriteError(f"The dataset has {len(images)} sprites, fewer than one batch of {self.global_batch} "
                              f"(--train_batch_size x processes); lower --train_batch_size.")
        self.batches_per_epoch = len(images) // self.global_batch
        self._epoch, self._perm = None, None
        self._all = None  # every sprite as pixels, made on the first exact reference (`reference`)

    def __len__(self):
        return self.batches_per_epoch

    def get(self, index):
        """Batch number `index` (counted from the start of training): pixels in [-1, 1] and labels."""
        epoch, within = divmod(index, self.batches_per_epoch)
        if epoch != self._epoch:
            gen = seeded_generator(self.seed, DATA_ORDER, epoch)
            self._epoch, self._perm = epoch, torch.randperm(len(self.images), generator=gen).to(self.images.device)
        start = within * self.global_batch + self.process_index * self.batch_size
        idx = self._perm[start:start + self.batch_size]
        pixels = unit_range(self.images[idx])
        if self.random_flip:
            gen = seeded_generator(self.seed, FLIPS, index, self.process_index)
            flip = (torch.rand(len(idx), generator=gen) < 0.5).to(pixels.device)
            pixels = torch.where(flip[:, None, None, None], pixels.flip(-1), pixels)
        return pixels, self.labels[idx]

    def reference(self, size, generator, batch_pixels, batch_labels):
        """(pixels, labels) of reference sprites for posterior-mean targets (`--target_reference_size`).

        Every sprite (and its mirror image, when training flips) where that is no more than `size`, so the mean is
        exact; otherwise the batch itself and `size` - its length others drawn by `generator`, each mirrored at
        random when training flips. The batch must be in a drawn reference: a noisy sprite's own clean sprite is
        what its target falls back to at low noise.
        """
        count = len(self.images) * (2 if self.random_flip else 1)
        if count <= size:
            if self._all is None:
                pixels = unit_range(self.images)
                labels = self.labels
                if self.random_flip:
                    pixels, labels = torch.cat([pixels, pixels.flip(-1)]), torch.cat([labels, labels])
                self._all = pixels, labels
            return self._all
        extra = max(size - len(batch_pixels), 0)
        idx = torch.randint(0, len(self.images), (extra,), generator=generator, device=self.images.device)
        pixels = unit_range(self.images[idx])
        if self.random_flip:
            flip = torch.rand(extra, generator=generator, device=pixels.device) < 0.5
            pixels = torch.where(flip[:, None, None, None], pixels.flip(-1), pixels)
        return torch.cat([batch_pixels, pixels]), torch.cat([batch_labels, self.labels[idx]])
