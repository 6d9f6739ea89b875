#!/usr/bin/env python3
"""Build the embedded default sprite dataset (``toolkit/sprites``).

The sprites come from Debian's ``crawl-tiles-data`` package (version
2:0.28.0-1.1), the tile art of Dungeon Crawl Stone Soup 0.28.0. Install it with::

    apt-get install crawl-tiles-data

then run, from the repository root::

    python recipes/build_embedded_dataset.py

which (re)writes, deterministically:

* ``toolkit/sprites/train.parquet``  -- 32x32 RGBA PNG sprites with a class
  label and a ``source`` string pointing back into the packed sheet;
* ``toolkit/sprites/preview.png``    -- 8 seeded-random sprites per class;
* ``toolkit/sprites/LICENSE.txt``    -- licence text quoted from the package;
* ``toolkit/sprites/README.md``      -- Hugging Face dataset card.

Options: ``--tiles_dir`` (default /usr/share/crawl/dat/tiles),
``--output_dir`` (default toolkit/sprites), ``--copyright_file`` (default
/usr/share/doc/crawl-tiles-data/copyright), ``--seed`` (preview only).

How the sprites are located
---------------------------
The packed sheets (main.png, player.png, gui.png) are *not* 32x32 grids: the
game's build tool trims every tile to its opaque bounding box and stacks the
trimmed boxes in columns, so cutting a fixed grid would slice sprites apart.
The rectangles in ``embedded_layout.tsv`` (a data file beside this script)
were therefore read from the tile tables that Stone Soup 0.28.0's own tile
generator emits when it packs the sheets (``tiledef-*.cc`` and
``tile-*.html``); regenerating the sheets that way was checked to reproduce
Debian's PNGs pixel for pixel, and the SHA-256 check below refuses any other
sheet revision. Each row gives the trimmed box on the
sheet and where it sits inside the tile's original canvas, so the original
32x32 sprite (alpha included) is restored exactly.

Which tiles are in the table (decided from the tile file names and by eye):

* creature -- every monster in player.png (``mon/...``) plus the player's
  transformation forms, *except* Pandemonium-lord parts (``mon/panlord``:
  separate heads/bodies/wings), tentacle segments (``mon/tentacles``) and
  mutant-beast facet overlays (only its ``base*`` bodies are whole);
* hero -- player base bodies and felids (``player/base``, ``player/felids``)
  and the dressed species portraits from gui.png (``SP_RECOMMENDED_*``); the
  greyed-out species silhouettes and the shadow blob are left out;
* item -- main.png ``item/...`` except food, brand/ego and item-type overlay
  icons (``brands/``, ``i-*``) and the black "uncollected rune" silhouettes;
* food -- main.png ``item/food`` except the chunk brand overlays;
* spell -- gui.png spell icons plus the (same-style) ability and god
  invocation icons; the blank ``bg`` placeholder is left out.

Paper-doll overlays (hair, helmets, boots, weapons in hand ...), floor, wall
and feature textures, effects/clouds and UI chrome are not listed at all.
44 monsters drawn on a taller 32x48 canvas are left out because they do not
fit a 32x32 cell without rescaling; 7 tiles whose canvas is slightly smaller
than 32x32 are centred on a transparent 32x32 canvas.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from toolkit.errors import SpriteError, fail_cleanly

PACKAGE = "crawl-tiles-data"
PACKAGE_VERSION = "2:0.28.0-1.1"
CLASS_NAMES = ["creature", "hero", "item", "food", "spell"]
SPRITE_SIZE = 32

# The layout table is only valid for these exact sheets.
SHEET_SHA256 = {
    "main": "89f404ae30ab05c91e96d50bd166169c0819bbe61951b31ed1517c7c0cd912df",
    "player": "b96b07ad9b48b2c7a7f57677d693701b5c4a2d2b0ade22b8fd7b9afa80495556",
    "gui": "82f6e70f0ade5562d95c57608ad6667fc6660f5b5c88fb92f0da778940bd765b",
}

INSTALL_HINT = "install Debian's crawl-tiles-data: apt-get install crawl-tiles-data"

# One tile per row of LAYOUT_FILE (tab-separated, "#" comments, then a header row naming COLUMNS): class, sheet,
# x y w h of the trimmed box on the sheet, offset ox oy of that box inside the tile's original canvas, canvas width and
# height, and the upstream tile file (under crawl-ref/source/rltiles, without ".png") for traceability. Order follows
# the sheets. The table is already free of empty tiles and pixel duplicates; the build re-checks both anyway.
LAYOUT_FILE = Path(__file__).resolve().with_name("embedded_layout.tsv")
COLUMNS = ("label", "sheet", "x", "y", "w", "h", "ox", "oy", "cw", "ch", "path")
TEXT_COLUMNS = ("label", "sheet", "path")


def parse_layout(text: str, name: str = "layout") -> list[dict]:
    """Rows of a layout table (the text of LAYOUT_FILE) as dicts keyed by COLUMNS, numbers as int."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0][1].split("\t")) != COLUMNS:
        raise SpriteError(f"{name} must start with the header row {' '.join(COLUMNS)} (tab-separated)")
    rows = []
    for number, line in lines[1:]:
        values = line.split("\t")
        if len(values) != len(COLUMNS):
            raise SpriteError(f"{name} line {number} has {len(values)} fields, not {len(COLUMNS)}")
        row = dict(zip(COLUMNS, values))
        try:
            rows.append({key: value if key in TEXT_COLUMNS else int(value) for key, value in row.items()})
        except ValueError:
            raise SpriteError(f"{name} line {number} has a non-integer box or canvas field: {line!r}") from None
        if row["label"] not in CLASS_NAMES or row["sheet"] not in SHEET_SHA256:
            raise SpriteError(f"{name} line {number} names an unknown class or sheet: {line!r}")
    return rows


def read_layout(path: Path = LAYOUT_FILE) -> list[dict]:
    if not path.is_file():
        raise SpriteError(f"layout table {path} not found; it ships beside this script")
    return parse_layout(path.read_text(encoding="utf-8"), path.name)


def load_sheets(tiles_dir: Path) -> dict[str, np.ndarray]:
    if not tiles_dir.is_dir():
        raise SpriteError(f"tiles directory {tiles_dir} not found; {INSTALL_HINT}")
    sheets = {}
    for name, digest in SHEET_SHA256.items():
        path = tiles_dir / f"{name}.png"
        if not path.is_file():
            raise SpriteError(f"{path} not found; {INSTALL_HINT}")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            # A different game version packs tiles differently; the
            # rectangles would cut garbage rather than fail loudly.
            raise SpriteError(f"{path} is not the sheet from {PACKAGE} {PACKAGE_VERSION}; "
                              "the layout table only matches that version")
        sheets[name] = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
    return sheets


def cut_sprite(sheets: dict[str, np.ndarray], row: dict) -> np.ndarray:
    canvas = np.zeros((SPRITE_SIZE, SPRITE_SIZE, 4), dtype=np.uint8)
    # Canvases a few pixels under 32 are centred rather than corner-aligned so
    # they look like the other sprites.
    left = row["ox"] + (SPRITE_SIZE - row["cw"]) // 2
    top = row["oy"] + (SPRITE_SIZE - row["ch"]) // 2
    box = sheets[row["sheet"]][row["y"]:row["y"] + row["h"], row["x"]:row["x"] + row["w"]]
    canvas[top:top + row["h"], left:left + row["w"]] = box
    return canvas


def encode_png(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels, mode="RGBA").save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def tile_source(row: dict) -> str:
    """The dataset's ``source`` string of a layout row: the trimmed box on the sheet and the upstream tile file."""
    return f"{row['sheet']}.png#xywh={row['x']},{row['y']},{row['w']},{row['h']};{row['path']}.png"


def collect(sheets: dict[str, np.ndarray]) -> list[dict]:
    records, seen = [], set()
    for row in read_layout():
        pixels = cut_sprite(sheets, row)
        if not pixels[..., 3].any():
            continue
        # Several game tiles reuse one picture; keep each picture once so the
        # duplicates do not get extra weight in training.
        key = pixels.tobytes()
        if key in seen:
            continue
        seen.add(key)
        records.append(dict(pixels=pixels, label=row["label"], source=tile_source(row)))
    # Stable order: by class, then by position in the layout table.
    order = {name: i for i, name in enumerate(CLASS_NAMES)}
    records.sort(key=lambda r: order[r["label"]])
    return records


def write_parquet(records: list[dict], path: Path) -> None:
    # Imported late so --help works without the heavy dependency.
    from datasets import ClassLabel, Dataset, Features, Image as ImageFeature, Value

    features = Features(
        {"image": ImageFeature(), "label": ClassLabel(names=CLASS_NAMES), "source": Value("string")}
    )
    ds = Dataset.from_dict(
        {
            "image": [{"bytes": encode_png(r["pixels"]), "path": None} for r in records],
            "label": [CLASS_NAMES.index(r["label"]) for r in records],
            "source": [r["source"] for r in records],
        },
        features=features,
    )
    ds.to_parquet(str(path))


def write_preview(records: list[dict], path: Path, seed: int, per_class: int = 8) -> None:
    rng = random.Random(seed)
    gap, margin, scale = 4, 56, 4
    cell = SPRITE_SIZE + gap
    width = margin + per_class * cell + gap
    height = len(CLASS_NAMES) * cell + gap
    sheet = Image.new("RGBA", (width, height), (128, 128, 128, 255))
    draw = ImageDraw.Draw(sheet)
    for r_idx, name in enumerate(CLASS_NAMES):
        members = [r for r in records if r["label"] == name]
        picks = rng.sample(members, min(per_class, len(members)))
        y = gap + r_idx * cell
        draw.text((4, y + 10), name, fill=(255, 255, 255, 255))
        for c_idx, rec in enumerate(picks):
            sheet.alpha_composite(Image.fromarray(rec["pixels"], mode="RGBA"),
                                  (margin + c_idx * cell, y))
    sheet = sheet.convert("RGB").resize((width * scale, height * scale), Image.NEAREST)
    # A palette image keeps the preview small; sprites use few colours.
    sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True)


def licence_excerpt(copyright_file: Path) -> str:
    if not copyright_file.is_file():
        raise SpriteError(f"{copyright_file} not found; {INSTALL_HINT}")
    lines = copyright_file.read_text(encoding="utf-8").splitlines()

    def block(start: str, stop) -> list[str]:
        i = next(k for k, ln in enumerate(lines) if ln.startswith(start))
        j = i + 1
        while j < len(lines) and not stop(lines[j]):
            j += 1
        return lines[i:j]

    try:
        header = block("Dungeon Crawl Stone Soup", lambda ln: not ln.strip())
        gpl = block("This program is free software", lambda ln: not ln.strip())
        intro = block("Certain pieces come with different licenses", lambda ln: ln.startswith("*"))
        tiles = block("* Public Domain|CC0: most of tiles", lambda ln: ln.startswith("*") or not ln.strip())
    except StopIteration:
        raise SpriteError(f"{copyright_file} does not have the expected wording; check it by hand") from None
    return "\n".join(header + [""] + gpl + [""] + intro + ["[...]"] + tiles)


def write_licence(excerpt: str, path: Path) -> None:
    path.write_text(
        "Sprites in this directory are cut, unscaled, from the tile sheets of the\n"
        f"Debian package {PACKAGE} {PACKAGE_VERSION} (Dungeon Crawl Stone Soup 0.28.0,\n"
        "/usr/share/crawl/dat/tiles/{main,player,gui}.png).\n"
        "\n"
        "The following is quoted verbatim from /usr/share/doc/crawl-tiles-data/copyright\n"
        "(\"[...]\" marks omitted bullet points about source files):\n"
        "\n"
        "----------------------------------------------------------------------\n"
        f"{excerpt}\n"
        "----------------------------------------------------------------------\n"
        "\n"
        "Caveat: the package states that *most* tiles are Public Domain/CC0 and\n"
        "that the exact list is uncertain. Tiles not covered by that statement\n"
        "fall under the package's general licence (GPL-2.0-or-later, quoted\n"
        "above). Upstream credits: /usr/share/doc/crawl-tiles-data/CREDITS.txt.gz.\n",
        encoding="utf-8",
    )


def write_card(records: list[dict], excerpt: str, path: Path, parquet_bytes: int) -> None:
    counts = {name: sum(r["label"] == name for r in records) for name in CLASS_NAMES}
    names_yaml = "\n".join(f"          '{i}': {n}" for i, n in enumerate(CLASS_NAMES))
    table = "\n".join(f"| {i} | {n} | {counts[n]} |" for i, n in enumerate(CLASS_NAMES))
    quoted = "\n".join(f"> {ln}" if ln else ">" for ln in excerpt.splitlines())
    path.write_text(f"""---
license: other
license_name: cc0-1.0-mostly-see-licence-file
license_link: LICENSE.txt
pretty_name: Dungeon Crawl Stone Soup sprites (32x32 RGBA)
task_categories:
- unconditional-image-generation
size_categories:
- 1K<n<10K
tags:
- pixel-art
- sprites
- roguelike
configs:
- config_name: default
  data_files:
  - split: train
    path: train.parquet
dataset_info:
  features:
  - name: image
    dtype: image
  - name: label
    dtype:
      class_label:
        names:
{names_yaml}
  - name: source
    dtype: string
  splits:
  - name: train
    num_examples: {len(records)}
  download_size: {parquet_bytes}
---

# Dungeon Crawl Stone Soup sprites

{len(records)} whole 32x32 RGBA pixel-art sprites (alpha kept exactly, stored as
PNG bytes) in {len(CLASS_NAMES)} classes, the default training set embedded
in `toolkit`.

![preview: 8 random sprites per class, one class per row, 4x](preview.png)

| label | class | sprites |
|------:|-------|--------:|
{table}
| | **total** | **{len(records)}** |

Columns: `image` (32x32 RGBA PNG), `label` (`ClassLabel`, names above),
`source` (`<sheet>.png#xywh=x,y,w,h;<tile file>`: the trimmed box on the
packed sheet and the upstream tile file name it came from).

## Provenance

* Debian package **`{PACKAGE}` {PACKAGE_VERSION}** (tile art of Dungeon Crawl
  Stone Soup 0.28.0), sheets `/usr/share/crawl/dat/tiles/main.png`,
  `player.png` and `gui.png` (checked by SHA-256 at build time).
* The sheets are packed with each tile trimmed to its opaque bounding box, not
  on a grid. Tile rectangles and in-tile offsets were taken from the tables
  that Stone Soup 0.28.0's tile generator writes when packing them
  (re-packing reproduces Debian's sheets pixel for pixel); they are kept in
  `recipes/embedded_layout.tsv`, which the build script reads to restore each
  tile onto its original canvas.
* Selection by upstream tile file name and visual check: **creature** =
  monsters and player transformation forms; **hero** = player species base
  bodies, felids and dressed species portraits; **item** = weapons, armour,
  jewellery, potions, scrolls, wands, staves, rods, books, runes, gold and
  misc. items; **food** = food items; **spell** = spell, ability and god
  invocation icons.
* Excluded: paper-doll overlays, Pandemonium-lord parts, tentacle segments,
  mutant-beast facets, brand/item-type overlay icons, "uncollected" rune
  silhouettes, greyed-out species silhouettes, floor/wall/feature textures,
  effects, UI chrome, empty tiles, and exact pixel duplicates (first kept).
  44 monsters drawn on 32x48 canvases are excluded (they do not fit 32x32
  without rescaling); 7 tiles with slightly smaller canvases are centred.

Rebuild (deterministic):

```bash
apt-get install crawl-tiles-data
python recipes/build_embedded_dataset.py \\
    --tiles_dir /usr/share/crawl/dat/tiles --output_dir toolkit/sprites
```

## Licence

Quoted verbatim from `/usr/share/doc/crawl-tiles-data/copyright`
(`[...]` marks omitted bullet points about source files):

{quoted}

**Caveat:** the package says *most* tiles are Public Domain/CC0 and that the
exact list is uncertain, pointing to the rltiles project for a cautious
public-domain subset. The card is therefore tagged `license: other`: tiles
that statement does not cover fall under the package's general GPL-2.0-or-later licence. See
`LICENSE.txt` and the upstream credits in
`/usr/share/doc/crawl-tiles-data/CREDITS.txt.gz`.
""", encoding="utf-8")


@fail_cleanly
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiles_dir", type=Path, default=Path("/usr/share/crawl/dat/tiles"))
    parser.add_argument("--output_dir", type=Path, default=Path("toolkit/sprites"))
    parser.add_argument("--copyright_file", type=Path,
                        default=Path("/usr/share/doc/crawl-tiles-data/copyright"))
    parser.add_argument("--seed", type=int, default=0, help="seed for the preview sample")
    args = parser.parse_args(argv)

    sheets = load_sheets(args.tiles_dir)
    excerpt = licence_excerpt(args.copyright_file)
    records = collect(sheets)
    args.output_dir.mkdir(parents=True, exist_ok=True)

    parquet = args.output_dir / "train.parquet"
    write_parquet(records, parquet)
    write_preview(records, args.output_dir / "preview.png", args.seed)
    write_licence(excerpt, args.output_dir / "LICENSE.txt")
    write_card(records, excerpt, args.output_dir / "README.md", parquet.stat().st_size)

    for name in CLASS_NAMES:
        print(f"{name:>9}: {sum(r['label'] == name for r in records)}")
    print(f"{'total':>9}: {len(records)}  ({parquet}, {parquet.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
