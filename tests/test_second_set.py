"""benchmarks/build_second_set.py's tile logic on a synthetic sheet: cutting, empty/opaque/duplicate drops, output
folder and hash refusal. No network, no apt."""

import hashlib

import numpy as np
import pytest
from PIL import Image

from toolkit.data import load_image_folder
from toolkit.errors import SpriteError

from benchmarks import build_second_set


def synthetic_sheet():
    """A 2x3 sheet of 4x4 cells: sprite A, empty, A again, opaque square, sprite B, A with invisible colour."""
    sheet = np.zeros((8, 12, 4), dtype=np.uint8)
    sprite_a = np.zeros((4, 4, 4), dtype=np.uint8)
    sprite_a[1:3, 1:3] = (200, 30, 30, 255)
    sheet[0:4, 0:4] = sprite_a
    sheet[0:4, 8:12] = sprite_a
    sheet[4:8, 0:4] = (10, 120, 10, 255)
    sheet[4:8, 4:8][0, 0] = (0, 0, 255, 255)
    sheet[4:8, 4:8][3, 3] = (255, 255, 0, 255)
    sheet[4:8, 8:12] = sprite_a
    sheet[4, 8] = (99, 99, 99, 0)  # differs from A only where nothing shows
    return sheet


def test_cut_and_select_drop_empty_opaque_and_duplicates(tmp_path, monkeypatch):
    tiles = build_second_set.cut_tiles(synthetic_sheet(), size=4)
    assert [where for where, _ in tiles] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert all(pixels.shape == (4, 4, 4) for _, pixels in tiles)

    kept, counts = build_second_set.select_tiles(tiles)
    assert counts == dict(cut=6, empty=1, opaque=1, duplicate=1, kept=3)  # (1, 2) differs only in invisible colour
    assert [where for where, _ in kept] == [(0, 0), (1, 1), (1, 2)]
    kept_all, counts_all = build_second_set.select_tiles(tiles, keep_opaque=True)
    assert counts_all["opaque"] == 0 and counts_all["kept"] == 4

    path = tmp_path / "16x16.png"
    Image.fromarray(synthetic_sheet(), mode="RGBA").save(path)
    monkeypatch.setattr(build_second_set, "SHEET_SHA256", hashlib.sha256(path.read_bytes()).hexdigest())
    kept, counts = build_second_set.select_tiles(build_second_set.cut_tiles(build_second_set.load_sheet(path), 4))
    assert counts == dict(cut=6, empty=1, opaque=1, duplicate=2, kept=2)  # the invisible colour is cleared on load
    colours, transparent = build_second_set.colour_stats(kept)
    assert colours == 1.5 and transparent == pytest.approx((12 / 16 + 14 / 16) / 2)

    out = tmp_path / "set"
    sources = dict(deb_name="x.deb", deb_sha256="0", command="python build")
    build_second_set.write_output(out, kept, "Files: x\nLicense: public-domain", sources)
    assert sorted(p.name for p in out.glob("*.png")) == ["r00c00.png", "r01c01.png"]
    assert "License: public-domain" in (out / "LICENSE.txt").read_text()
    dataset = load_image_folder(str(out))
    assert dataset.num_rows == 2 and dataset[0]["image"].mode == "RGBA" and dataset[0]["image"].size == (4, 4)


def test_other_sheet_is_refused(tmp_path):
    path = tmp_path / "16x16.png"
    Image.fromarray(synthetic_sheet(), mode="RGBA").save(path)
    with pytest.raises(SpriteError, match="not the sheet from angband-data"):
        build_second_set.load_sheet(path)


def test_licence_stanza_is_quoted_verbatim(tmp_path):
    copyright_file = tmp_path / "copyright"
    copyright_file.write_text("Files: *\nLicense: GPL-2\n\nFiles: lib/xtra/graf/16x16.png\nCopyright: 1998 Adam Bolt\n"
                              "License: public-domain\n Any purpose.\n\nFiles: debian/*\n")
    assert build_second_set.licence_stanza(copyright_file) == (
        "Files: lib/xtra/graf/16x16.png\nCopyright: 1998 Adam Bolt\nLicense: public-domain\n Any purpose.")
    copyright_file.write_text("Files: *\nLicense: GPL-2\n")
    with pytest.raises(SpriteError, match="check the licence by hand"):
        build_second_set.licence_stanza(copyright_file)
