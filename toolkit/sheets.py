"""Sprite sheets as a sprite source: grids of tiles, and Aseprite / TexturePacker JSON exports.

A sheet is one image holding many sprites. It is cut either as a grid (`tile_size`, with an optional `margin`
around the grid and `spacing` between tiles; `tile_size="auto"` reads the grid from the sheet's gutters), or by the
frame rectangles of a `.json` file with the same name beside it (`hero.png` + `hero.json`, the `frames` hash or array
that Aseprite and TexturePacker export). Trimmed frames are put back on a canvas of their source size, so sprites
stay aligned.

Empty tiles (fully transparent, or only the background colour on a sheet without transparency: the sheet's most
common colour) are skipped, and exact duplicates (the same pixels; invisible pixels count as equal whatever their
colour) are dropped; `SheetReport` counts both. Sprites keep the sheet's mode (RGBA with transparency, else RGB), and a
`source` column names the sheet and the grid position or frame of each, e.g. `heroes.png#row=2,col=3`.
"""

import hashlib
import io
import itertools
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

import datasets
from datasets import ClassLabel, Dataset, Features, Value

from .errors import SpriteError

AUTO = "auto"
SHEET_EXTENSIONS = (".png", ".gif", ".bmp", ".webp")
# Auto-detection looks for tiles of at least this many pixels, with gutters and margins of at most MAX_GUTTER.
MIN_AUTO_TILE = 4
MAX_GUTTER = 16
_TILE_SIZE = re.compile(r"^\s*(\d+)\s*(?:[xX]\s*(\d+))?\s*$")


@dataclass(frozen=True)
class Axis:
    """A grid along one axis of a sheet: `count` tiles of `tile` px after `margin` px, `spacing` px apart."""

    tile: int
    margin: int
    spacing: int
    count: int

    def starts(self):
        return [self.margin + i * (self.tile + self.spacing) for i in range(self.count)]


@dataclass(frozen=True)
class Grid:
    columns: Axis
    rows: Axis

    @property
    def tile_size(self):
        width, height = self.columns.tile, self.rows.tile
        return str(width) if width == height else f"{width}x{height}"

    def flags(self):
        """The command-line flags that cut this grid, or None when margin or spacing differ between the axes."""
        if (self.columns.margin, self.columns.spacing) != (self.rows.margin, self.rows.spacing):
            return None
        flags = f"--tile_size {self.tile_size}"
        if self.columns.margin:
            flags += f" --tile_margin {self.columns.margin}"
        if self.columns.spacing:
            flags += f" --tile_spacing {self.columns.spacing}"
        return flags

    def describe(self):
        margin = _pair(self.columns.margin, self.rows.margin)
        spacing = _pair(self.columns.spacing, self.rows.spacing)
        return (f"{self.columns.count}x{self.rows.count} tiles of {self.columns.tile}x{self.rows.tile} px (margin "
                f"{margin}, spacing {spacing})")


@dataclass
class SheetReport:
    """What cutting the sheets of a source gave: counts for the user, and the sprite sizes found."""

    sheets: int = 0
    tiles: int = 0
    empty: int = 0
    duplicates: int = 0
    sizes: Counter = field(default_factory=Counter)

    @property
    def sprites(self):
        return self.tiles - self.empty - self.duplicates

    def summary(self):
        sheets = f"{self.sheets} sheet{'s' if self.sheets != 1 else ''}"
        return (f"Cut {sheets} into {self.sprites} sprites: skipped {self.empty} empty tiles and dropped "
                f"{self.duplicates} exact duplicates.")


# --- options ---------------------------------------------------------------------------------------------------


def parse_tile_size(value):
    """None, "auto" or (width, height) from a `--tile_size` value: 16, 16x24 or auto."""
    if value is None or value == AUTO:
        return value
    match = _TILE_SIZE.match(str(value))
    size = (int(match[1]), int(match[2] or match[1])) if match else None
    if size is None or min(size) <= 0:
        raise SpriteError(f"--tile_size must be a number of pixels like 16, a width x height like 16x24, or auto; "
                          f"got {value!r}.")
    return size


def check_resolution(width, height, resolution, where):
    """Refuse sprites that NEAREST resizing to `resolution` would distort (a non-integer or shrinking factor).

    Sprites are padded to a square of their longer side first, so that side must divide `resolution`.
    """
    side = max(width, height)
    if resolution is None or resolution % side == 0:
        return
    raise SpriteError(f"{where} gives {width}x{height} px sprites, which --resolution {resolution} would distort "
                      f"(resizing pixel art by {resolution / side:.3g}x drops or doubles pixels unevenly); pass "
                      f"--resolution {side} (or a multiple of it).")


# --- finding sheets --------------------------------------------------------------------------------------------


def is_sheet_source(path, tile_size=None):
    """Whether `--train_data_dir path` means sprite sheets: an image file, or a folder given a `--tile_size` or
    holding a sheet with its frames `.json` beside it. Otherwise a folder is an ordinary one-sprite-per-file folder."""
    if os.path.isfile(path):
        return Path(path).suffix.lower() in SHEET_EXTENSIONS
    if not os.path.isdir(path):
        return False
    return tile_size is not None or any(frames_file(p) for p in _images_under(path))


def frames_file(sheet):
    """The Aseprite/TexturePacker `.json` beside `sheet` (same name), or None."""
    candidate = Path(sheet).with_suffix(".json")
    return candidate if candidate.is_file() else None


def _images_under(root):
    return sorted(p for p in Path(root).rglob("*") if p.suffix.lower() in SHEET_EXTENSIONS and p.is_file())


def _classes(root, sheets):
    """Class names and one label per sheet, as with image folders: sub-folder names, else one class `sprite`."""
    parts = [p.relative_to(root).parts for p in sheets]
    if all(len(p) == 2 for p in parts):
        names = sorted({p[0] for p in parts})
        return names, [names.index(p[0]) for p in parts]
    return ["sprite"], [0] * len(sheets)


# --- loading ---------------------------------------------------------------------------------------------------


def load_sheets(path, tile_size=None, margin=0, spacing=0, resolution=None):
    """Cut the sheet (or folder of sheets) at `path` into a Dataset with `image`, `label` and `source` columns.

    Returns (dataset, SheetReport). With `resolution`, sprite sizes that resizing would distort are an error.
    """
    tile_size = parse_tile_size(tile_size)
    if os.path.isfile(path):
        root, sheets = Path(path).parent, [Path(path)]
    else:
        root, sheets = Path(path), _images_under(path)
        if not sheets:
            raise SpriteError(f"{path} holds no sprite sheets ({', '.join(SHEET_EXTENSIONS)}); put your sheets "
                              f"there, one sub-folder per class.")
    names, labels = _classes(root, sheets)
    report = SheetReport()
    seen = set()
    rows = {"image": [], "label": [], "source": []}
    for sheet, label in zip(sheets, labels):
        name = sheet.relative_to(root).as_posix()
        for pixels, mode, where in _sheet_sprites(sheet, name, tile_size, margin, spacing, report):
            key = pixel_key(pixels)
            if key in seen:
                report.duplicates += 1
                continue
            seen.add(key)
            report.sizes[(pixels.shape[1], pixels.shape[0])] += 1
            rows["image"].append({"bytes": _png(pixels, mode), "path": None})
            rows["label"].append(label)
            rows["source"].append(f"{name}#{where}")
    for width, height in report.sizes:
        check_resolution(width, height, resolution, f"The sheet source {path}")
    features = Features({"image": datasets.Image(), "label": ClassLabel(names=names), "source": Value("string")})
    return Dataset.from_dict(rows, features=features), report


def _sheet_sprites(sheet, name, tile_size, margin, spacing, report):
    """(pixels, mode, position) of each non-empty sprite of one sheet; counts tiles and empties into `report`."""
    pixels, background = read_sheet(sheet)
    blank = blank_pixels(pixels, background)
    if blank.all():
        raise SpriteError(f"Sheet {name} has no non-empty tiles (every pixel is transparent or background); check "
                          f"that it is the right file.")
    json_path = frames_file(sheet)
    if json_path is not None:
        cut = _frame_sprites(pixels, background, read_frames(json_path, pixels.shape[1], pixels.shape[0]))
    else:
        cut = _grid_sprites(pixels, _grid_for(sheet, name, pixels, blank, tile_size, margin, spacing))
    report.sheets += 1
    mode = "RGBA" if pixels.shape[2] == 4 else "RGB"
    kept = 0
    for tile, where in cut:
        report.tiles += 1
        if blank_pixels(tile, background).all():
            report.empty += 1
            continue
        kept += 1
        yield tile, mode, where
    if not kept:
        raise SpriteError(f"Sheet {name} has no non-empty tiles as cut; check --tile_size, --tile_margin and "
                          f"--tile_spacing{f', or {json_path.name}' if json_path else ''}.")


def read_sheet(path):
    """(H, W, C) uint8 pixels of a sheet, RGBA where the file can hold transparency, else RGB; and its background
    colour: None when some pixel is see-through (then empty means transparent), else its most common colour."""
    try:
        with Image.open(path) as img:
            img.load()
            transparent = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
            pixels = np.asarray(img.convert("RGBA" if transparent else "RGB"))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise SpriteError(f"Sheet {path} is unreadable or corrupt ({err}); fix or remove it.") from None
    see_through = pixels.shape[2] == 4 and bool((pixels[..., 3] < 255).any())
    return pixels, None if see_through else _most_common_colour(pixels)


def blank_pixels(pixels, background=None):
    """Boolean (H, W) mask of empty pixels: fully transparent ones, and those of the `background` colour."""
    blank = pixels[..., 3] == 0 if pixels.shape[2] == 4 else np.zeros(pixels.shape[:2], dtype=bool)
    if background is not None:
        blank |= (pixels == background).all(axis=-1)
    return blank


def _most_common_colour(pixels):
    flat = np.ascontiguousarray(pixels).reshape(-1, pixels.shape[-1])
    colours, counts = np.unique(flat, axis=0, return_counts=True)
    return colours[counts.argmax()]


def pixel_key(pixels):
    """A hash of what a sprite looks like: its size and pixels, with invisible pixels zeroed."""
    if pixels.shape[2] == 4:
        pixels = np.where(pixels[..., 3:] == 0, 0, pixels)
    return hashlib.blake2b(np.ascontiguousarray(pixels).tobytes() + repr(pixels.shape).encode(),
                           digest_size=16).digest()


def _png(pixels, mode):
    buf = io.BytesIO()
    Image.fromarray(pixels, mode).save(buf, format="PNG")
    return buf.getvalue()


# --- grids -----------------------------------------------------------------------------------------------------


def _grid_for(sheet, name, pixels, blank, tile_size, margin, spacing):
    height, width = blank.shape
    if tile_size == AUTO:
        grid = detect_grid(blank, pixels)
        if grid is None:
            raise SpriteError(f"No tile grid is evident in sheet {name} (no transparent or uniform gutters between "
                              f"the sprites); pass --tile_size, e.g. --tile_size 16 or 16x24.")
        flags = grid.flags()
        print(f"{name}: detected {grid.describe()}" + (f"; pass {flags} to fix it" if flags else ""))
        return grid
    if tile_size is None:
        grid = detect_grid(blank, pixels)
        hint = f"; its gutters suggest {grid.flags() or '--tile_size auto'}" if grid else ""
        raise SpriteError(f"Sheet {name} has no {Path(sheet).with_suffix('.json').name} of frames, so it needs "
                          f"--tile_size (16, 16x24 or auto){hint}.")
    return Grid(_axis(width, tile_size[0], margin, spacing, name, "width"),
                _axis(height, tile_size[1], margin, spacing, name, "height"))


def _axis(length, tile, margin, spacing, name, what):
    """The grid along one side of a sheet, or a SpriteError saying what is left over."""
    count, leftover = axis_fit(length, tile, margin, spacing)
    if count == 0:
        raise SpriteError(f"Tiles {tile} px in {what} do not fit in sheet {name} ({length} px {what}, margin "
                          f"{margin}); pass a smaller --tile_size or --tile_margin.")
    if leftover is None:
        remainder = length - margin - count * tile - (count - 1) * spacing
        raise SpriteError(f"Tile {what} {tile} does not divide sheet {name}: its {length} px hold {count} tiles with "
                          f"margin {margin} and spacing {spacing} and leave {remainder} px over; pass --tile_margin "
                          f"or --tile_spacing if the sheet has a border or gaps between tiles, or the right "
                          f"--tile_size.")
    return Axis(tile, margin, spacing, count)


def axis_fit(length, tile, margin, spacing):
    """(tiles that fit, px left over after the last tile) along a side of `length` px; the leftover is None unless
    it is 0, a trailing margin or a trailing spacing (sheets end either way)."""
    count = max(0, (length - margin + spacing) // (tile + spacing))
    if count == 0:
        return 0, None
    leftover = length - margin - count * tile - (count - 1) * spacing
    return count, leftover if leftover in (0, margin, spacing) else None


def _grid_sprites(pixels, grid):
    for row, y in enumerate(grid.rows.starts()):
        for col, x in enumerate(grid.columns.starts()):
            yield pixels[y:y + grid.rows.tile, x:x + grid.columns.tile], f"row={row},col={col}"


def detect_grid(blank, pixels=None):
    """The grid of a sheet from its gutters, or None when none is evident.

    A line of pixels (column or row) is a possible gutter when it is all empty (`blank`) or all one colour. Along each
    axis the grids with the most tiles win where margins and gaps are gutter lines and no sprite crosses from one
    tile into the next. Where sprites leave empty space inside their tiles, several grids fit the same pitch (16 px
    tiles 2 px apart look like 18 px tiles touching), so artists' habits decide: tile sizes with a larger power-of-two
    factor (8, 16, 24, 32 px), bigger tiles, the same margin and spacing both ways, square tiles, equal borders at
    both ends, sprites centred in their tiles, then smaller gaps. A sheet of one tile, or one row of tiles more than
    twice as long as wide, shows no grid.
    """
    gutters = (_gutter_lines(blank, pixels, axis=0), _gutter_lines(blank, pixels, axis=1))
    options = [_axis_options(gutter) for gutter in gutters]
    if not options[0] and not options[1]:
        return None
    for i in (0, 1):
        if not options[i]:  # a single row (or column) of tiles
            options[i] = _single_tile_options(gutters[i], options[1 - i])
            if not options[i]:
                return None
    columns, rows = max(itertools.product(*options), key=lambda pair: _preference(pair, gutters))
    single, other = (columns, rows) if columns.count == 1 else (rows, columns)
    if single.count == 1 and single.tile > 2 * other.tile:
        return None  # more likely sprites touching than one very long tile
    return Grid(columns, rows)


def _gutter_lines(blank, pixels, axis):
    """Per column (axis=0) or row (axis=1): whether it is all blank or all one colour."""
    lines = blank.all(axis=axis)
    if pixels is not None:
        first = pixels[:1] if axis == 0 else pixels[:, :1]
        lines |= (pixels == first).all(axis=(axis, 2))
    return lines


def _axis_options(gutter):
    """The grids of two or more tiles along one axis that its gutter lines allow, with the most tiles and then the
    roundest and biggest tile size (see `detect_grid`); empty when there are none."""
    length = len(gutter)
    filled = np.concatenate([[0], np.cumsum(~gutter)])  # filled[b] - filled[a]: non-gutter lines in [a, b)
    best_rank, options = None, []
    for tile in range(MIN_AUTO_TILE, length):
        for spacing in range(min(MAX_GUTTER, tile) + 1):
            for margin in range(MAX_GUTTER + 1):
                count, leftover = axis_fit(length, tile, margin, spacing)
                rank = (count, tile & -tile, tile)  # tile & -tile: its largest power-of-two factor
                if count < 2 or leftover is None or (best_rank is not None and rank < best_rank):
                    continue
                axis = Axis(tile, margin, spacing, count)
                if _gutters_hold(axis, length, filled, gutter):
                    if rank != best_rank:
                        best_rank, options = rank, []
                    options.append(axis)
    return options


def _single_tile_options(gutter, others):
    """One tile along an axis, framed by margins of gutter lines; its spacing matches a grid of the other axis."""
    length = len(gutter)
    filled = np.concatenate([[0], np.cumsum(~gutter)])
    options = set()
    for spacing in {other.spacing for other in others}:
        for margin in range(MAX_GUTTER + 1):
            for leftover in {0, margin, spacing}:
                axis = Axis(length - margin - leftover, margin, spacing, 1)
                if axis.tile >= MIN_AUTO_TILE and _gutters_hold(axis, length, filled, gutter):
                    options.add(axis)
    return sorted(options, key=lambda axis: (axis.tile, axis.margin, axis.spacing))


def _preference(pair, gutters):
    """How well a (columns, rows) pair of axis grids matches how sheets are usually laid out; bigger is better."""
    columns, rows = pair
    same_gaps = columns.margin == rows.margin and columns.spacing == rows.spacing
    equal_borders = sum(_leftover(axis, len(gutter)) == axis.margin for axis, gutter in zip(pair, gutters))
    off_centre = sum(_off_centre(axis, gutter) for axis, gutter in zip(pair, gutters))
    return (same_gaps, columns.tile == rows.tile, equal_borders, -off_centre, -columns.spacing - rows.spacing,
            -columns.margin - rows.margin)


def _leftover(axis, length):
    return length - axis.margin - axis.count * axis.tile - (axis.count - 1) * axis.spacing


def _off_centre(axis, gutter):
    """How far the sprites sit from the middle of their tiles: empty lines before minus after, summed over tiles."""
    total = 0
    for start in axis.starts():
        filled = np.flatnonzero(~gutter[start:start + axis.tile])
        if len(filled):
            total += abs(int(filled[0]) - (axis.tile - 1 - int(filled[-1])))
    return total


def _gutters_hold(axis, length, filled, gutter):
    starts = np.array(axis.starts())
    ends = starts + axis.tile
    # Margins, gaps between tiles and what is left at the end hold nothing but gutter lines.
    gaps_from = np.concatenate([[0], ends])
    gaps_to = np.concatenate([starts, [length]])
    if (filled[gaps_to] - filled[gaps_from]).any():
        return False
    if axis.spacing == 0:
        # Touching tiles: no sprite may run across the border between two of them.
        inner = starts[1:]
        if (~gutter[inner - 1] & ~gutter[inner]).any():
            return False
    return True


# --- Aseprite / TexturePacker frames ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    name: str
    x: int
    y: int
    w: int
    h: int
    offset_x: int = 0  # where the (trimmed) frame sits on its source canvas
    offset_y: int = 0
    source_w: int = 0
    source_h: int = 0


def read_frames(json_path, sheet_w, sheet_h):
    """The frames of an Aseprite/TexturePacker JSON export (`frames` as a hash or an array), checked against the
    sheet's size."""
    try:
        with open(json_path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SpriteError(f"{json_path} is not readable JSON ({err}); export it again from Aseprite or "
                          f"TexturePacker.") from None
    entries = data.get("frames") if isinstance(data, dict) else None
    if isinstance(entries, dict):
        entries = [dict(entry, filename=name) for name, entry in entries.items() if isinstance(entry, dict)]
    if not entries or not isinstance(entries, list):
        raise SpriteError(f"{json_path} has no `frames` (a hash or an array of frame rectangles); export the sheet "
                          f"from Aseprite or TexturePacker with JSON data.")
    frames = [_frame(entry, i, json_path) for i, entry in enumerate(entries)]
    for frame in frames:
        if frame.x < 0 or frame.y < 0 or frame.x + frame.w > sheet_w or frame.y + frame.h > sheet_h:
            raise SpriteError(f"Frame {frame.name!r} of {json_path} ({frame.w}x{frame.h} at x={frame.x}, "
                              f"y={frame.y}) lies outside its {sheet_w}x{sheet_h} sheet; export the JSON together "
                              f"with this sheet.")
    return frames


def _frame(entry, index, json_path):
    name = str(entry.get("filename", index)) if isinstance(entry, dict) else str(index)
    try:
        if entry.get("rotated"):
            raise SpriteError(f"Frame {name!r} of {json_path} is stored rotated; export the sheet again with "
                              f"rotation turned off (TexturePacker: Allow rotation).")
        rect = entry["frame"]
        x, y, w, h = (int(rect[k]) for k in ("x", "y", "w", "h"))
        placed = entry.get("spriteSourceSize") or {"x": 0, "y": 0}
        source = entry.get("sourceSize") or {"w": w, "h": h}
        frame = Frame(name, x, y, w, h, int(placed["x"]), int(placed["y"]), int(source["w"]), int(source["h"]))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise SpriteError(f"Frame {name!r} of {json_path} lacks a frame rectangle (frame: x, y, w, h); export the "
                          f"sheet from Aseprite or TexturePacker with JSON data.") from None
    fits = (w > 0 and h > 0 and frame.offset_x >= 0 and frame.offset_y >= 0
            and frame.offset_x + w <= frame.source_w and frame.offset_y + h <= frame.source_h)
    if not fits:
        raise SpriteError(f"Frame {name!r} of {json_path} does not fit its source size ({w}x{h} at "
                          f"{frame.offset_x},{frame.offset_y} on {frame.source_w}x{frame.source_h}); export the JSON "
                          f"again.")
    return frame


def _frame_sprites(pixels, background, frames):
    """Each frame cut from the sheet and, when trimmed, put back at its place on a canvas of its source size: on
    transparency, or on an opaque sheet its background colour."""
    fill = np.zeros(pixels.shape[2], dtype=np.uint8) if background is None else background
    for frame in frames:
        canvas = np.empty((frame.source_h, frame.source_w, pixels.shape[2]), dtype=np.uint8)
        canvas[:] = fill
        canvas[frame.offset_y:frame.offset_y + frame.h, frame.offset_x:frame.offset_x + frame.w] = \
            pixels[frame.y:frame.y + frame.h, frame.x:frame.x + frame.w]
        yield canvas, f"frame={frame.name}"


def _pair(a, b):
    return str(a) if a == b else f"{a}x{b}"
