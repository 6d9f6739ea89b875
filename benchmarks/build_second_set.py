#!/usr/bin/env python3
"""Build a second, independently sourced sprite set for benchmarks: Adam Bolt's 16x16 Angband tiles.

    python -m benchmarks.build_second_set [--output_dir ~/.cache/sprite-diffusion/angband-16x16] [--deb FILE]
    sprite-diffusion train --train_data_dir ~/.cache/sprite-diffusion/angband-16x16 ...

It checks that training defaults tuned on the embedded DCSS set carry over to art they were not tuned on. Source:
Debian's angband-data 1:3.5.1-2.5 (Angband 3.5.1), /usr/share/angband/xtra/graf/16x16.png, a 512x960 RGBA sheet
on a 16x16 grid (32 x 60 cells) with a transparent background. The .deb is fetched with `apt-get download` (nothing
is installed) and unpacked with `dpkg-deb -x`; the sheet's SHA-256 must match, because another version lays the
grid out differently. Dropped: empty cells, fully opaque cells (floor, wall and effect textures, not sprites on a
background; `--keep_opaque` keeps them) and exact duplicates (the first in sheet order is kept). Written: flat,
one class, DIR/rRRcCC.png (row and column in the sheet), unscaled RGBA, plus DIR/LICENSE.txt and DIR/SOURCE.md.

Licence, from the package's /usr/share/doc/angband-data/copyright ("Files: lib/xtra/graf/16x16.png"): Copyright 1998
Adam Bolt, License: public-domain, "Adam Bolt's (16x16) graphics may be redistributed and used for any purpose, with
or without modification." The images are not shipped in this repository; the default output is outside it.
"""

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from toolkit.errors import SpriteError, fail_cleanly

PACKAGE = "angband-data"
VERSION = "1:3.5.1-2.5"
SHEET = "usr/share/angband/xtra/graf/16x16.png"
SHEET_SHA256 = "4d9a9c5fda5ac6b8e012edcaf7dfe572667436124625ab32680717f88c07afa8"
# Debian bookworm's .deb; only noted in SOURCE.md, since a distribution's rebuild can carry the same sheet.
DEB_SHA256 = "b0fd778c0824cc2fb684b95d8483a74f7806cfb0ee66955b40eae6473ae29a9f"
COPYRIGHT = f"usr/share/doc/{PACKAGE}/copyright"
LICENCE_STANZA = "Files: lib/xtra/graf/16x16.png"
TILE = 16
DEFAULT_OUTPUT = Path.home() / ".cache" / "sprite-diffusion" / "angband-16x16"


def run(command, cwd=None, hint="run `apt-get update` or pass --deb FILE"):
    """Run a Debian tool; a missing tool or a failure becomes one sentence."""
    if shutil.which(command[0]) is None:
        raise SpriteError(f"{command[0]} is not installed; run this on Debian or Ubuntu, or pass --deb FILE.")
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise SpriteError(f"`{' '.join(command)}` failed ({last}); {hint}.")


def fetch_deb(workdir):
    run(["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=workdir)
    debs = sorted(Path(workdir).glob(f"{PACKAGE}_*.deb"))
    if not debs:
        raise SpriteError(f"apt-get download left no {PACKAGE} .deb in {workdir}; pass --deb FILE instead.")
    return debs[0]


def load_sheet(path):
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != SHEET_SHA256:
        raise SpriteError(f"{path.name} is not the sheet from {PACKAGE} {VERSION}, the only version this script reads.")
    sheet = np.asarray(Image.open(path).convert("RGBA")).copy()
    sheet[sheet[..., 3] == 0] = 0  # invisible colour must not make two identical-looking tiles "different"
    return sheet


def cut_tiles(sheet, size=TILE):
    """Every size x size cell of the sheet, row by row, as ((row, column), pixels)."""
    rows, cols = sheet.shape[0] // size, sheet.shape[1] // size
    if rows * size != sheet.shape[0] or cols * size != sheet.shape[1]:
        raise SpriteError(f"The sheet is {sheet.shape[1]}x{sheet.shape[0]}, not a whole number of {size}px cells.")
    return [((r, c), sheet[r * size:(r + 1) * size, c * size:(c + 1) * size]) for r in range(rows) for c in range(cols)]


def select_tiles(tiles, keep_opaque=False):
    """Drop empty, (optionally) fully opaque and duplicate tiles; return the kept ones and the counts."""
    kept, seen = [], set()
    counts = dict(cut=len(tiles), empty=0, opaque=0, duplicate=0)
    for where, pixels in tiles:
        alpha = pixels[..., 3]
        if not alpha.any():
            counts["empty"] += 1
        elif alpha.all() and not keep_opaque:
            counts["opaque"] += 1
        elif pixels.tobytes() in seen:
            counts["duplicate"] += 1
        else:
            seen.add(pixels.tobytes())
            kept.append((where, pixels))
    counts["kept"] = len(kept)
    return kept, counts


def colour_stats(kept):
    """Mean distinct colours among a sprite's visible pixels, and the share of fully transparent pixels."""
    if not kept:
        return 0.0, 0.0
    colours = [len(np.unique(p[p[..., 3] > 0], axis=0)) for _, p in kept]
    transparent = np.mean([(p[..., 3] == 0).mean() for _, p in kept])
    return float(np.mean(colours)), float(transparent)


def licence_stanza(copyright_file):
    """The copyright file's paragraph for the 16x16 sheet, verbatim."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    if LICENCE_STANZA not in lines:
        raise SpriteError(f"{copyright_file} has no '{LICENCE_STANZA}' paragraph; check the licence by hand.")
    start = lines.index(LICENCE_STANZA)
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[start:end])


def write_output(out, kept, stanza, sources):
    debian = "Debian bookworm's" if sources["deb_sha256"] == DEB_SHA256 else "not Debian bookworm's; same sheet"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("r[0-9][0-9]c[0-9][0-9].png"):  # a rebuild replaces only files this script wrote
        old.unlink()
    for (r, c), pixels in kept:
        Image.fromarray(pixels, mode="RGBA").save(out / f"r{r:02d}c{c:02d}.png", optimize=True)
    (out / "LICENSE.txt").write_text(
        f"Sprites in this directory are cut, unscaled, from /{SHEET} in the Debian package\n"
        f"{PACKAGE} {VERSION} (Angband 3.5.1; tiles by Adam Bolt).\n\n"
        f"Quoted verbatim from /{COPYRIGHT}:\n\n{stanza}\n", encoding="utf-8")
    (out / "SOURCE.md").write_text(
        f"# Source\n\n| | |\n|---|---|\n| package | `{PACKAGE}` {VERSION} |\n| file | `/{SHEET}` |\n"
        f"| sheet SHA-256 | `{SHEET_SHA256}` |\n| .deb | `{sources['deb_name']}` |\n"
        f"| .deb SHA-256 | `{sources['deb_sha256']}` ({debian}) |\n| tiles | {len(kept)} of 16x16 RGBA |\n\n"
        f"Built with:\n\n```bash\n{sources['command']}\n```\n", encoding="utf-8")


@fail_cleanly
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output_dir", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--deb", type=Path, help="use this already downloaded .deb instead of `apt-get download`")
    parser.add_argument("--keep_opaque", action="store_true", help="keep fully opaque (terrain/effect) tiles")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.deb is not None and not args.deb.is_file():
            raise SpriteError(f"--deb {args.deb} does not exist; check the path.")
        deb = args.deb or fetch_deb(tmp)
        run(["dpkg-deb", "-x", str(deb), str(Path(tmp) / "root")], hint="check that it is a complete .deb")
        sheet_path, copyright_file = Path(tmp) / "root" / SHEET, Path(tmp) / "root" / COPYRIGHT
        if not sheet_path.is_file() or not copyright_file.is_file():
            raise SpriteError(f"{deb.name} has no /{SHEET} or /{COPYRIGHT}; it is not {PACKAGE} {VERSION}.")
        kept, counts = select_tiles(cut_tiles(load_sheet(sheet_path)), keep_opaque=args.keep_opaque)
        stanza = licence_stanza(copyright_file)
        command = " ".join(["python -m benchmarks.build_second_set"] + (sys.argv[1:] if argv is None else argv))
        sources = dict(deb_name=deb.name, deb_sha256=hashlib.sha256(deb.read_bytes()).hexdigest(), command=command)
    write_output(args.output_dir, kept, stanza, sources)
    colours, transparent = colour_stats(kept)
    print(f"{PACKAGE} {VERSION} /{SHEET}: {counts['cut']} tiles cut, {counts['empty']} empty dropped, "
          f"{counts['opaque']} fully opaque dropped, {counts['duplicate']} duplicates dropped, {counts['kept']} kept")
    print(f"mean distinct colours per sprite {colours:.1f}, transparent pixels {transparent:.1%}")
    print(f"wrote {args.output_dir} (use --train_data_dir {args.output_dir})")


if __name__ == "__main__":
    main()
