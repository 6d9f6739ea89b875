"""Sprite sheets as a source: grids with margins and spacing, empty and duplicate tiles, RGB sheets on a background
colour, Aseprite/TexturePacker JSON with trimmed frames, tile-size auto-detection, and the bad-input errors."""

import json

import numpy as np
import pytest
from PIL import Image

from conftest import make_sheet, random_sprite
from toolkit.config import TrainConfig, parse_config
from toolkit.data import load_sprite_dataset
from toolkit.errors import SpriteError
from toolkit.sheets import blank_pixels, detect_grid, is_sheet_source, load_sheets, parse_tile_size, read_sheet


def pixels_of(ds, i):
    return np.asarray(ds[i]["image"])


def test_grid_with_margin_and_spacing_keeps_every_pixel_and_position(tmp_path):
    tiles = [random_sprite(i) for i in range(12)]
    sheet = make_sheet(tmp_path / "heroes.png", tiles, columns=4, margin=2, spacing=1)
    ds, report = load_sheets(str(sheet), "16", margin=2, spacing=1)

    assert ds.num_rows == 12 and report.sprites == 12 and report.empty == 0 and report.duplicates == 0
    assert ds.features["label"].names == ["sprite"]
    assert ds[0]["image"].mode == "RGBA" and ds[0]["image"].size == (16, 16)
    for i, tile in enumerate(tiles):
        np.testing.assert_array_equal(pixels_of(ds, i), tile)
    assert ds["source"][:5] == ["heroes.png#row=0,col=0", "heroes.png#row=0,col=1", "heroes.png#row=0,col=2",
                                "heroes.png#row=0,col=3", "heroes.png#row=1,col=0"]


def test_empty_and_duplicate_tiles_are_dropped_and_counted(tmp_path, capsys):
    a, b = random_sprite(1), random_sprite(2)
    hidden = np.zeros((16, 16, 4), np.uint8)
    hidden[..., :3] = 200  # fully transparent, but with colour underneath: still empty
    a_other_hidden = a.copy()
    a_other_hidden[0, 0] = (9, 9, 9, 0)
    a_zero_hidden = a.copy()
    a_zero_hidden[0, 0] = (0, 0, 0, 0)  # looks exactly like a_other_hidden
    tiles = [a, None, b, a, hidden, a_other_hidden, a_zero_hidden, b]
    sheet = make_sheet(tmp_path / "sheet.png", tiles, columns=4)
    ds = load_sprite_dataset(train_data_dir=str(sheet), tile_size="16")

    assert ds.num_rows == 3  # a, b, and a with one transparent pixel
    assert ds["source"] == ["sheet.png#row=0,col=0", "sheet.png#row=0,col=2", "sheet.png#row=1,col=1"]
    summary = "Cut 1 sheet into 3 sprites: skipped 2 empty tiles and dropped 3 exact duplicates."
    assert summary in capsys.readouterr().out
    _, report = load_sheets(str(sheet), "16")
    assert (report.tiles, report.empty, report.duplicates, report.sprites) == (8, 2, 3, 3)


def test_rgb_sheet_with_a_background_colour(tmp_path):
    magenta = (255, 0, 255)
    sprite = random_sprite(3, channels=3)
    mostly_background = np.empty((16, 16, 3), np.uint8)
    mostly_background[:] = magenta
    mostly_background[5:9, 5:9] = (10, 200, 10)  # a small sprite on the background colour is kept
    sheet = make_sheet(tmp_path / "items.png", [sprite, None, mostly_background, None], columns=2,
                       spacing=1, background=magenta)
    ds, report = load_sheets(str(sheet), "16", spacing=1)

    assert (ds.num_rows, report.empty) == (2, 2)
    assert ds[0]["image"].mode == "RGB"
    np.testing.assert_array_equal(pixels_of(ds, 0), sprite)
    np.testing.assert_array_equal(pixels_of(ds, 1), mostly_background)


def test_palette_sheet_with_a_transparent_index_is_rgba(tmp_path):
    arr = np.zeros((16, 32), np.uint8)
    arr[:, :16] = 1  # left tile colour 1, right tile the transparent index 0
    img = Image.fromarray(arr, "P")
    img.putpalette([0, 0, 0, 250, 10, 10] + [0] * 762)
    img.info["transparency"] = 0
    img.save(tmp_path / "p.png", transparency=0)
    ds, report = load_sheets(str(tmp_path / "p.png"), "16")
    assert ds.num_rows == 1 and report.empty == 1 and ds[0]["image"].mode == "RGBA"
    assert tuple(pixels_of(ds, 0)[0, 0]) == (250, 10, 10, 255)


def test_non_square_tiles(tmp_path):
    tiles = [random_sprite(i, size=(16, 24)) for i in range(6)]
    sheet = make_sheet(tmp_path / "tall.png", tiles, columns=3, tile=(16, 24))
    ds, _ = load_sheets(str(sheet), "16x24")
    assert ds.num_rows == 6 and ds[0]["image"].size == (16, 24)
    np.testing.assert_array_equal(pixels_of(ds, 4), tiles[4])


def test_folder_of_sheets_one_class_per_subfolder(tmp_path):
    root = tmp_path / "sheets"
    for name in ("knights", "potions"):
        (root / name).mkdir(parents=True)
    shared = random_sprite(99)
    make_sheet(root / "knights" / "a.png", [random_sprite(1), shared], columns=2)
    make_sheet(root / "knights" / "b.png", [random_sprite(2), None], columns=2)
    make_sheet(root / "potions" / "c.png", [shared, random_sprite(3), random_sprite(4)], columns=3)
    assert is_sheet_source(str(root), (16, 16)) and not is_sheet_source(str(root), None)

    ds = load_sprite_dataset(train_data_dir=str(root), tile_size="16")
    assert ds.features["label"].names == ["knights", "potions"]
    assert ds["label"] == [0, 0, 0, 1, 1]  # the potion sheet's copy of `shared` is a duplicate
    assert ds["source"] == ["knights/a.png#row=0,col=0", "knights/a.png#row=0,col=1", "knights/b.png#row=0,col=0",
                            "potions/c.png#row=0,col=1", "potions/c.png#row=0,col=2"]


def test_a_folder_of_single_sprites_is_still_an_image_folder(image_folder):
    assert not is_sheet_source(str(image_folder))
    ds = load_sprite_dataset(train_data_dir=str(image_folder))
    assert ds.num_rows == 12 and "source" not in ds.column_names


def aseprite_hash(frames, image="hero.png", size=(64, 16)):
    """An Aseprite `--format json-hash` export: (name, sheet rect, place on the source canvas, source size)."""
    return {"frames": {name: {"frame": {"x": x, "y": y, "w": w, "h": h}, "rotated": False, "trimmed": (w, h) != src,
                              "spriteSourceSize": {"x": ox, "y": oy, "w": w, "h": h},
                              "sourceSize": {"w": src[0], "h": src[1]}, "duration": 100}
                       for name, (x, y, w, h), (ox, oy), src in frames},
            "meta": {"app": "https://www.aseprite.org/", "version": "1.3", "image": image, "format": "RGBA8888",
                     "size": {"w": size[0], "h": size[1]}, "scale": "1"}}


def test_aseprite_hash_export_with_trimmed_frames(tmp_path):
    full = random_sprite(5)  # untrimmed 16x16 frame
    trimmed = random_sprite(6, size=(10, 12))  # a 16x16 frame trimmed to 10x12, placed at (3, 1)
    sheet = np.zeros((16, 64, 4), np.uint8)
    sheet[:, :16] = full
    sheet[:12, 16:26] = trimmed
    sheet[:12, 30:40] = trimmed  # the same frame again: a duplicate
    Image.fromarray(sheet, "RGBA").save(tmp_path / "hero.png")
    frames = [("hero 0.aseprite", (0, 0, 16, 16), (0, 0), (16, 16)),
              ("hero 1.aseprite", (16, 0, 10, 12), (3, 1), (16, 16)),
              ("hero 2.aseprite", (30, 0, 10, 12), (3, 1), (16, 16)),
              ("hero 3.aseprite", (48, 0, 16, 16), (0, 0), (16, 16))]  # an empty frame
    (tmp_path / "hero.json").write_text(json.dumps(aseprite_hash(frames)))

    assert is_sheet_source(str(tmp_path), None)  # the .json beside the sheet is enough
    ds, report = load_sheets(str(tmp_path / "hero.png"))
    assert ds.num_rows == 2 and (report.duplicates, report.empty) == (1, 1)
    assert ds["source"] == ["hero.png#frame=hero 0.aseprite", "hero.png#frame=hero 1.aseprite"]
    np.testing.assert_array_equal(pixels_of(ds, 0), full)
    restored = pixels_of(ds, 1)
    assert restored.shape == (16, 16, 4)
    np.testing.assert_array_equal(restored[1:13, 3:13], trimmed)  # back at its place on the source canvas
    assert restored[..., 3].sum() == trimmed[..., 3].sum()  # and transparent around it


def test_texturepacker_array_export(tmp_path):
    sprites = [random_sprite(7, size=(8, 8)), random_sprite(8, size=(8, 8))]
    make_sheet(tmp_path / "atlas.png", sprites, columns=2, tile=(8, 8))
    data = {"frames": [{"filename": f"s{i}.png", "frame": {"x": 8 * i, "y": 0, "w": 8, "h": 8}, "rotated": False,
                        "trimmed": False, "spriteSourceSize": {"x": 0, "y": 0, "w": 8, "h": 8},
                        "sourceSize": {"w": 8, "h": 8}} for i in range(2)],
            "meta": {"app": "https://www.codeandweb.com/texturepacker", "image": "atlas.png"}}
    (tmp_path / "atlas.json").write_text(json.dumps(data))
    ds, _ = load_sheets(str(tmp_path / "atlas.png"))
    assert ds["source"] == ["atlas.png#frame=s0.png", "atlas.png#frame=s1.png"]
    np.testing.assert_array_equal(pixels_of(ds, 1), sprites[1])


def test_json_frames_outside_the_sheet_are_an_error(tmp_path):
    make_sheet(tmp_path / "hero.png", [random_sprite(1)], columns=1)
    frames = [("hero 0", (0, 0, 16, 16), (0, 0), (16, 16)), ("hero 1", (8, 0, 16, 16), (0, 0), (16, 16))]
    (tmp_path / "hero.json").write_text(json.dumps(aseprite_hash(frames, size=(16, 16))))
    with pytest.raises(SpriteError, match=r"Frame 'hero 1' of .*hero.json \(16x16 at x=8, y=0\) lies outside its "
                                          r"16x16 sheet; export the JSON together with this sheet\."):
        load_sheets(str(tmp_path / "hero.png"))


@pytest.mark.parametrize("content,message", [
    ("{not json", "is not readable JSON"),
    ('{"meta": {}}', "has no `frames`"),
    ('{"frames": [{"filename": "a", "frame": {"x": 0, "y": 0, "w": 16, "h": 16}, "rotated": true}]}',
     "stored rotated; export the sheet again with rotation turned off"),
    ('{"frames": [{"filename": "a", "frame": {"x": 0, "y": 0}}]}', "lacks a frame rectangle"),
])
def test_broken_json_is_one_clear_error(tmp_path, content, message):
    make_sheet(tmp_path / "hero.png", [random_sprite(1)], columns=1)
    (tmp_path / "hero.json").write_text(content)
    with pytest.raises(SpriteError, match=message):
        load_sheets(str(tmp_path / "hero.png"))


def test_auto_detects_a_gutter_grid(tmp_path, capsys):
    tiles = [random_sprite(i, size=(16, 24)) for i in range(8)]
    sheet = make_sheet(tmp_path / "gutters.png", tiles, columns=4, tile=(16, 24), margin=1, spacing=2)
    pixels, background = read_sheet(sheet)
    grid = detect_grid(blank_pixels(pixels, background), pixels)
    assert grid.flags() == "--tile_size 16x24 --tile_margin 1 --tile_spacing 2"

    ds, _ = load_sheets(str(sheet), "auto")
    assert "gutters.png: detected 4x2 tiles of 16x24 px (margin 1, spacing 2); pass --tile_size 16x24 " \
           "--tile_margin 1 --tile_spacing 2 to fix it" in capsys.readouterr().out
    for i, tile in enumerate(tiles):
        np.testing.assert_array_equal(pixels_of(ds, i), tile)


def test_auto_on_an_rgb_sheet_with_uniform_gutters_and_padded_sprites(tmp_path):
    # 12x12 sprites centred in 16x16 tiles, 1 px apart on an opaque grey: 16 px tiles 1 apart, not 17 touching.
    tiles = []
    for i in range(6):
        tile = np.full((16, 16, 3), 90, np.uint8)
        tile[2:14, 2:14] = random_sprite(i, size=(12, 12), channels=3)
        tiles.append(tile)
    sheet = make_sheet(tmp_path / "padded.png", tiles, columns=3, spacing=1, background=(90, 90, 90))
    pixels, background = read_sheet(sheet)
    assert detect_grid(blank_pixels(pixels, background), pixels).flags() == "--tile_size 16 --tile_spacing 1"


def test_auto_on_a_single_row_strip(tmp_path):
    strip = make_sheet(tmp_path / "walk.png", [random_sprite(i) for i in range(5)], columns=5, margin=1, spacing=1)
    pixels, background = read_sheet(strip)
    assert detect_grid(blank_pixels(pixels, background), pixels).flags() == \
        "--tile_size 16 --tile_margin 1 --tile_spacing 1"


def test_no_evident_grid_asks_for_tile_size(tmp_path):
    noise = np.random.default_rng(0).integers(1, 255, (40, 40, 4), dtype=np.uint8)
    noise[..., 3] = 255
    noise[0, 0, 3] = 0  # one transparent pixel: a sheet with transparency, but no gutters
    Image.fromarray(noise, "RGBA").save(tmp_path / "noise.png")
    with pytest.raises(SpriteError, match=r"No tile grid is evident in sheet noise.png .*; pass --tile_size"):
        load_sheets(str(tmp_path / "noise.png"), "auto")


def test_a_sheet_without_tile_size_or_json_suggests_the_flags(tmp_path):
    sheet = make_sheet(tmp_path / "s.png", [random_sprite(i) for i in range(4)], columns=2, spacing=2)
    with pytest.raises(SpriteError, match=r"Sheet s.png has no s.json of frames, so it needs --tile_size \(16, "
                                          r"16x24 or auto\); its gutters suggest --tile_size 16 --tile_spacing 2\."):
        load_sprite_dataset(train_data_dir=str(sheet))


def test_tile_size_that_does_not_divide_the_sheet_names_the_remainder(tmp_path):
    sheet = make_sheet(tmp_path / "s.png", [random_sprite(i) for i in range(4)], columns=4, spacing=2)  # 70 px wide
    with pytest.raises(SpriteError) as err:
        load_sheets(str(sheet), "16")
    assert str(err.value) == ("Tile width 16 does not divide sheet s.png: its 70 px hold 4 tiles with margin 0 and "
                              "spacing 0 and leave 6 px over; pass --tile_margin or --tile_spacing if the sheet has a "
                              "border or gaps between tiles, or the right --tile_size.")
    with pytest.raises(SpriteError, match="Tiles 80 px in width do not fit in sheet s.png"):
        load_sheets(str(sheet), "80")


def test_a_sheet_with_no_non_empty_tiles(tmp_path):
    blank = make_sheet(tmp_path / "blank.png", [None, None], columns=2)
    with pytest.raises(SpriteError, match="Sheet blank.png has no non-empty tiles"):
        load_sheets(str(blank), "16")


def test_tile_size_that_resizing_would_distort(tmp_path):
    with pytest.raises(SpriteError) as err:
        TrainConfig(train_data_dir="s.png", tile_size="24", resolution=16)
    assert str(err.value) == ("--tile_size 24 gives 24x24 px sprites, which --resolution 16 would distort (resizing "
                              "pixel art by 0.667x drops or doubles pixels unevenly); pass --resolution 24 (or a "
                              "multiple of it).")
    TrainConfig(train_data_dir="s.png", tile_size="16", resolution=32)  # 2x NEAREST: every pixel a 2x2 block
    TrainConfig(train_data_dir="s.png", tile_size="16x8", resolution=16)  # padded to 16x16
    # Sizes only known from the sheet (auto, JSON frames) are checked when it is read.
    sheet = make_sheet(tmp_path / "s.png", [random_sprite(i, size=(24, 24)) for i in range(2)], columns=2,
                       tile=(24, 24), spacing=1)
    with pytest.raises(SpriteError, match=r"gives 24x24 px sprites, which --resolution 16 would distort"):
        load_sprite_dataset(train_data_dir=str(sheet), tile_size="auto", resolution=16)


@pytest.mark.parametrize("value", ["0", "16x", "x16", "abc", "16x0", "-4"])
def test_bad_tile_size(value):
    with pytest.raises(SpriteError, match="--tile_size must be a number of pixels like 16"):
        parse_tile_size(value)


@pytest.mark.parametrize("values,message", [
    (dict(train_data_dir="s.png", tile_margin=1), "--tile_margin and --tile_spacing describe a grid"),
    (dict(train_data_dir="s.png", tile_size="auto", tile_spacing=1), "pass --tile_size too"),
    (dict(train_data_dir="s.png", tile_size="16", tile_spacing=-1), "--tile_spacing must be 0 or more"),
    (dict(tile_size="16"), "--tile_size cuts the sprite sheets given with --train_data_dir"),
])
def test_tile_options_are_checked(values, message):
    with pytest.raises(SpriteError, match=message):
        TrainConfig(**values)


def test_tile_options_from_yaml_and_flags(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("train_data_dir: sheets/\ntile_size: 16\ntile_spacing: 1\n")
    cfg = parse_config(TrainConfig, ["--config", str(path), "--tile_margin", "2"])
    assert (cfg.tile_size, cfg.tile_margin, cfg.tile_spacing) == ("16", 2, 1)


def test_training_reads_a_sheet(tmp_path):
    from conftest import tiny_config
    from toolkit.training import train

    sheet = make_sheet(tmp_path / "sheet.png", [random_sprite(i) for i in range(16)], columns=4, spacing=1)
    cfg = tiny_config(tmp_path, train_data_dir=str(sheet), tile_size="16", tile_spacing=1, max_train_steps=2,
                      max_train_samples=None, checkpointing_steps=100)
    train(cfg)
    assert (tmp_path / "export" / "model_index.json").is_file()
