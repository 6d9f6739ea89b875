"""The data's own palette and alpha: found in the training sprites, stored with the export, applied when sampling.

An export carries `sprite_format.json`: whether its sprites are RGBA or RGB, whether the data's alpha is binary (then
samples are snapped to fully opaque or fully clear), and its palette, the K colours that best represent the training
sprites' opaque pixels with how often each is used. K comes from the data: every colour when it has at most
`MAX_COLOURS`, else the smallest size in `PALETTE_SIZES` whose snapping moves the data's pixels by at most `TOLERANCE`.
`palette.png` beside it shows the same colours as a swatch (and can be passed back as `--palette palette.png`).
It also stores `colors_per_sprite`, how many distinct colours a training sprite uses on average: the colour budget
within which each snapped sample keeps its own colours (`--max_colors_per_sprite`).

Snapping itself lives in `pipeline_sprite.py` (`finish_sprites`), so conditional exports apply the palette in plain
diffusers too.
"""

import json
import os

import numpy as np
from PIL import Image, UnidentifiedImageError

from .errors import SpriteError

FORMAT_FILE = "sprite_format.json"
SWATCH_FILE = "palette.png"
MAX_COLOURS = 256
PALETTE_SIZES = (8, 16, 24, 32, 48, 64, 96, 128, 192, 256)
# Root-mean-square change per channel (0..255) that snapping the training pixels to the palette may cause: about 3% of
# the range, below what the eye separates in a 16 px sprite.
TOLERANCE = 8.0
SWATCH_CELL, SWATCH_COLUMNS = 8, 16


def opaque_colours(images):
    """(M, 3) uint8 colours of the opaque pixels of (N, H, W, C) uint8 sprites (every pixel when C is 3)."""
    images = np.asarray(images)
    if images.shape[-1] == 4:
        return images[..., :3][images[..., 3] >= 128]
    return images.reshape(-1, 3)


def alpha_is_binary(images):
    """Whether every alpha value of (N, H, W, 4) sprites is 0 or 255 (RGB sprites: trivially)."""
    images = np.asarray(images)
    return images.shape[-1] != 4 or bool(np.isin(images[..., 3], (0, 255)).all())


def _pack(colours):
    colours = np.asarray(colours, dtype=np.int64)
    return colours[:, 0] << 16 | colours[:, 1] << 8 | colours[:, 2]


def _unpack(packed):
    return np.stack([packed >> 16 & 255, packed >> 8 & 255, packed & 255], axis=1).astype(np.uint8)


def nearest(colours, palette, chunk=65536):
    """Index of the nearest palette colour (Euclidean RGB) for each of (M, 3) colours."""
    colours = np.asarray(colours, dtype=np.float64)
    palette = np.asarray(palette, dtype=np.float64)
    # |x - c|^2 = |x|^2 - 2 x.c + |c|^2, and |x|^2 does not change which c is nearest: one matrix product per chunk.
    half_norms = (palette ** 2).sum(1) / 2
    out = np.empty(len(colours), dtype=np.int64)
    for start in range(0, len(colours), chunk):
        out[start:start + chunk] = (half_norms[None] - colours[start:start + chunk] @ palette.T).argmin(1)
    return out


def weighted_kmeans(colours, weights, k, iterations=15):
    """k colours minimising the weighted squared distance of `colours`, from a median-cut start (deterministic)."""
    colours = np.asarray(colours, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    # Median cut on the colours repeated by weight (capped, so a huge set stays a few MB) gives a spread-out start.
    reps = np.minimum(np.ceil(weights * 200_000 / weights.sum()), 1_000).astype(np.int64)
    start = Image.fromarray(np.repeat(colours, reps, axis=0).round().astype(np.uint8)[None])
    centres = np.asarray(start.quantize(colors=k, method=Image.Quantize.MEDIANCUT).getpalette()[:3 * k],
                         dtype=np.float64).reshape(-1, 3)
    for _ in range(iterations):
        assign = nearest(colours, centres)
        totals = np.bincount(assign, weights, minlength=len(centres))
        used = totals > 0
        for channel in range(3):
            sums = np.bincount(assign, weights * colours[:, channel], minlength=len(centres))
            centres[used, channel] = sums[used] / totals[used]
    centres = centres[used]
    return np.clip(centres.round(), 0, 255).astype(np.uint8)


def snapping_error(colours, weights, palette):
    """Weighted RMS change per channel when `colours` are snapped to `palette`."""
    moved = np.asarray(colours, np.float64) - np.asarray(palette, np.float64)[nearest(colours, palette)]
    return float(np.sqrt((np.asarray(weights) * (moved ** 2).sum(1)).sum() / (3 * np.sum(weights))))


def extract_palette(images, max_colours=MAX_COLOURS, tolerance=TOLERANCE):
    """(palette (K, 3) uint8, counts (K,)) of (N, H, W, C) uint8 sprites, most used colour first."""
    packed, weights = np.unique(_pack(opaque_colours(images)), return_counts=True)
    if len(packed) == 0:
        raise SpriteError("The sprites have no opaque pixel to take a palette from; check the data's alpha channel.")
    colours = _unpack(packed)
    if len(colours) <= max_colours:
        palette = colours
    else:
        # The smallest size within tolerance, by bisection over the ladder (the error falls as the size grows).
        sizes = [s for s in PALETTE_SIZES if s < max_colours] + [max_colours]
        low, high, found = 0, len(sizes) - 1, None
        while low <= high:
            mid = (low + high) // 2
            candidate = weighted_kmeans(colours, weights, sizes[mid])
            if snapping_error(colours, weights, candidate) <= tolerance or mid == len(sizes) - 1:
                found, high = candidate, mid - 1
            else:
                low = mid + 1
        palette = found
    counts = np.bincount(nearest(colours, palette), weights, minlength=len(palette)).astype(np.int64)
    order = np.argsort(-counts, kind="stable")
    return palette[order], counts[order]


def reduce_palette(palette, counts, size):
    """The `size` colours that best stand for a palette whose colours are used `counts` times."""
    if size >= len(palette):
        return np.asarray(palette, dtype=np.uint8)
    return weighted_kmeans(palette, np.maximum(np.asarray(counts, dtype=np.float64), 1), size)


def to_hex(palette):
    return [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in np.asarray(palette, dtype=np.int64)]


def from_hex(values, where):
    """(K, 3) uint8 from '#rrggbb' / 'rrggbb' strings; `where` names the source in the error."""
    out = []
    for value in values:
        text = value.strip().lstrip("#")
        if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
            raise SpriteError(f"{where} holds {value!r}, which is not a colour; write one #rrggbb per entry.")
        out.append([int(text[i:i + 2], 16) for i in (0, 2, 4)])
    return np.asarray(out, dtype=np.uint8).reshape(-1, 3)


def read_palette_file(path):
    """(K, 3) uint8 palette from a PNG/GIF/BMP swatch (its distinct opaque colours), a GIMP .gpl or a hex list."""
    if not os.path.isfile(path):
        raise SpriteError(f"Palette file {path} does not exist; give a PNG swatch, a GIMP .gpl or a text file of "
                          f"#rrggbb colours.")
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext in (".png", ".gif", ".bmp", ".webp"):
            with Image.open(path) as img:
                rgba = np.asarray(img.convert("RGBA"))
            packed = _pack(opaque_colours(rgba[None]))
            _, first = np.unique(packed, return_index=True)
            palette = _unpack(packed[np.sort(first)])  # in the order the swatch shows them
        else:
            with open(path, encoding="utf-8") as f:
                lines = [line.split("#", 1)[0] if ext == ".gpl" else line for line in f.read().splitlines()]
            if ext == ".gpl":
                palette = _read_gpl(lines, path)
            else:
                palette = from_hex([v for line in lines for v in line.replace(",", " ").split() if v], path)
    except (OSError, UnidentifiedImageError, UnicodeDecodeError, ValueError) as err:
        raise SpriteError(f"Palette file {path} is unreadable ({type(err).__name__}); give a PNG swatch, a GIMP .gpl "
                          f"or a text file of #rrggbb colours.") from None
    if len(palette) == 0:
        raise SpriteError(f"Palette file {path} holds no colours; give at least one.")
    if len(palette) > MAX_COLOURS:
        raise SpriteError(f"Palette file {path} holds {len(palette)} colours, more than {MAX_COLOURS}; reduce it (or "
                          f"pass --palette {MAX_COLOURS} for the model's own palette at that size).")
    return palette


def _read_gpl(lines, path):
    if not lines or lines[0].strip() != "GIMP Palette":
        raise SpriteError(f"{path} does not start with 'GIMP Palette'; save it from GIMP or another editor as .gpl.")
    colours = []
    for line in lines[1:]:
        words = line.split()
        if len(words) >= 3 and all(w.isdigit() for w in words[:3]):
            colours.append([int(w) for w in words[:3]])
        elif words and ":" not in line:
            raise SpriteError(f"{path} has a line {line.strip()!r} that is not 'R G B name'; fix or remove it.")
    if any(v > 255 for c in colours for v in c):
        raise SpriteError(f"{path} has a colour value above 255; GIMP palettes use 0-255.")
    return np.asarray(colours, dtype=np.uint8).reshape(-1, 3)


def swatch(palette):
    """The palette as a picture: SWATCH_CELL-pixel squares, SWATCH_COLUMNS per row."""
    palette = np.asarray(palette, dtype=np.uint8)
    rows = -(-len(palette) // SWATCH_COLUMNS)
    cells = np.zeros((rows * SWATCH_COLUMNS, 4), dtype=np.uint8)
    cells[:len(palette), :3], cells[:len(palette), 3] = palette, 255
    grid = cells.reshape(rows, SWATCH_COLUMNS, 4).repeat(SWATCH_CELL, 0).repeat(SWATCH_CELL, 1)
    return Image.fromarray(grid, "RGBA")


def colors_per_sprite(images):
    """The mean number of distinct opaque colours in each of (N, H, W, C) uint8 sprites, rounded (at least 1)."""
    images = np.asarray(images)
    rgb = images[..., :3].reshape(len(images), -1, 3)
    opaque = (images[..., 3] >= 128).reshape(len(images), -1) if images.shape[-1] == 4 else None
    counts = [len(np.unique(_pack(sprite if opaque is None else sprite[opaque[i]]))) for i, sprite in enumerate(rgb)]
    return max(1, int(round(float(np.mean(counts))))) if counts else 1


def describe_format(images):
    """The sprite format of (N, H, W, C) uint8 training sprites: what `sprite_format.json` stores."""
    palette, counts = extract_palette(images)
    rgba = np.asarray(images).shape[-1] == 4
    return {"color_mode": "rgba" if rgba else "rgb",
            "alpha": ("binary" if alpha_is_binary(images) else "smooth") if rgba else None,
            "palette": to_hex(palette), "palette_counts": counts.tolist(),
            "colors_per_sprite": colors_per_sprite(images)}


def write_format(folder, fmt):
    """Write `sprite_format.json` and the `palette.png` swatch into `folder` (no-op for a model without a format)."""
    if not fmt:
        return
    with open(os.path.join(folder, FORMAT_FILE), "w", encoding="utf-8") as f:
        json.dump(fmt, f, indent=1)
        f.write("\n")
    swatch(from_hex(fmt["palette"], FORMAT_FILE)).save(os.path.join(folder, SWATCH_FILE))


def read_format(folder):
    """The `sprite_format.json` of an export or adapter folder, or None (exports made before it existed)."""
    path = os.path.join(folder, FORMAT_FILE)
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as f:
            fmt = json.load(f)
        from_hex(fmt["palette"], path)
        return fmt
    except (OSError, ValueError, KeyError, TypeError):
        raise SpriteError(f"{path} is corrupt; delete it (the model then samples without a palette) or re-export "
                          f"the model.") from None


def choose_palette(choice, fmt, model):
    """The palette to snap to as (K, 3) uint8, or None, for `--palette` `choice` and the model's format.

    None (the default): the model's palette when it has one. "none": no snapping. "auto": the model's palette (an
    error if it has none). A number N: the model's palette reduced to N colours. Anything else: a palette file.
    """
    if choice is None:
        return from_hex(fmt["palette"], FORMAT_FILE) if fmt else None
    if choice == "none":
        return None
    if choice == "auto" or choice.isdigit():
        if not fmt:
            raise SpriteError(f"{model} stores no palette (it was exported before palettes were); pass --palette "
                              f"FILE with a palette of your own, or --palette none.")
        palette = from_hex(fmt["palette"], FORMAT_FILE)
        if choice == "auto":
            return palette
        size = int(choice)
        if not 1 <= size <= MAX_COLOURS:
            raise SpriteError(f"--palette {choice} is not a palette size from 1 to {MAX_COLOURS}; pick one in range.")
        return reduce_palette(palette, fmt["palette_counts"], size)
    return read_palette_file(choice)


def choose_color_budget(choice, fmt, palette):
    """The per-sprite colour budget for `--max_colors_per_sprite` `choice`, or None for no budget.

    None or "auto" (the default): the model's `colors_per_sprite` when it snaps to a palette (a budget only makes
    sense on top of one; exports made before budgets existed have none). "none": no budget. A number N: N colours.
    """
    if choice is None or choice == "auto":
        return (fmt or {}).get("colors_per_sprite") if palette is not None else None
    if choice == "none":
        return None
    if not choice.isdigit() or not 1 <= int(choice) <= MAX_COLOURS:
        raise SpriteError(f"--max_colors_per_sprite {choice} is not auto, none or a number from 1 to {MAX_COLOURS}; "
                          f"pick one of those.")
    return int(choice)
