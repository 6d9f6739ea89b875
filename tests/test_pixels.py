"""Pixel-perfect output: premultiplied RGBA in; alpha, palette and colour-mode rules out; palette files; old exports."""

import json
import os
import shutil

import numpy as np
import pytest
from PIL import Image

from conftest import tiny_config, write_course_arrays
from toolkit.cli import main as cli
from toolkit.data import (halve_sprite, load_image_folder, load_sprite_dataset, premultiplied_rgba, prepare_image,
                          resolve_color_mode, sprites_to_tensor)
from toolkit.errors import SpriteError
from toolkit.images import CHECKER_GREYS, composite, make_grid
from toolkit.palette import (FORMAT_FILE, MAX_COLOURS, SWATCH_FILE, TOLERANCE, choose_color_budget, choose_palette,
                             describe_format, extract_palette, from_hex, read_format, read_palette_file,
                             snapping_error, to_hex, write_format)
from toolkit.pipeline_sprite import finish_sprites, limit_colors
from toolkit.training import train

RED, GREEN, BLUE, WHITE, DARK = (200, 30, 30), (30, 180, 60), (20, 40, 220), (250, 250, 250), (20, 20, 20)


def rgba(pixels):
    return Image.fromarray(np.array(pixels, dtype=np.uint8), "RGBA")


def test_premultiplied_rgba_clears_the_colour_of_invisible_pixels():
    img = rgba([[[200, 100, 50, 255], [90, 90, 90, 0], [200, 100, 50, 128]]])
    assert premultiplied_rgba(img).tolist() == [[[200, 100, 50, 255], [0, 0, 0, 0], [100, 50, 25, 128]]]


def test_palette_image_with_a_transparent_index_and_la_images():
    pal = Image.new("P", (2, 1))
    pal.putpalette([0, 0, 0, 10, 200, 30] + [0] * 762)
    pal.putpixel((0, 0), 0)
    pal.putpixel((1, 0), 1)
    pal.info["transparency"] = 0
    assert premultiplied_rgba(pal).tolist() == [[[0, 0, 0, 0], [10, 200, 30, 255]]]
    la = Image.fromarray(np.array([[[120, 255], [50, 0]]], dtype=np.uint8), "LA")
    assert premultiplied_rgba(la).tolist() == [[[120, 120, 120, 255], [0, 0, 0, 0]]]
    # RGB mode composites the same images onto the background instead.
    assert np.asarray(prepare_image(la, 2, (9, 8, 7))).tolist()[0][1] == [9, 8, 7]


@pytest.mark.parametrize("kind", ["palette", "la"])
def test_palette_and_la_files_load_as_rgba_sprites_with_their_alpha(tmp_path, kind):
    """As data sources (PNG files in a folder, through the training's loader): a palette PNG whose tRNS chunk makes
    index 0 clear and index 2 half-transparent, and a grey + alpha PNG, each alone, so nothing else makes it RGBA."""
    folder = tmp_path / kind
    folder.mkdir()
    if kind == "palette":
        img = Image.new("P", (2, 2))
        img.putpalette([0, 0, 0, *GREEN, 200, 100, 50] + [0] * (768 - 9))
        img.putdata([0, 1, 2, 1])
        img.info["transparency"] = bytes([0, 255, 128])  # per-index alpha: written as the tRNS chunk
        expected = [[[0, 0, 0, 0], [*GREEN, 255]], [[100, 50, 25, 128], [*GREEN, 255]]]
    else:
        img = Image.fromarray(np.array([[[120, 255], [50, 0]], [[200, 128], [0, 255]]], dtype=np.uint8), "LA")
        expected = [[[120, 120, 120, 255], [0, 0, 0, 0]], [[100, 100, 100, 128], [0, 0, 0, 255]]]
    img.save(folder / "sprite.png")
    assert Image.open(folder / "sprite.png").mode == ("P" if kind == "palette" else "LA")
    ds = load_sprite_dataset(train_data_dir=str(folder))
    assert resolve_color_mode(ds, "auto") == "rgba"  # its transparency is seen ...
    images, _ = sprites_to_tensor(ds, 2, color_mode="rgba")
    assert images.shape == (1, 4, 2, 2)
    assert images[0].permute(1, 2, 0).tolist() == expected  # ... and kept: premultiplied, alpha exact


def test_non_square_rgba_is_padded_with_clear_pixels_and_resized_nearest():
    wide = rgba(np.full((2, 4, 4), 255))
    out = np.asarray(prepare_image(wide, 8, (0, 0, 0), rgba=True))
    assert out.shape == (8, 8, 4)
    assert (out[:2, :, 3] == 0).all() and (out[2:6, :, 3] == 255).all() and (out[6:, :, 3] == 0).all()


def test_halve_sprite_keeps_binary_alpha_and_the_art_s_own_colours():
    clear = [0, 0, 0, 0]
    px = np.zeros((2, 4, 4), dtype=np.uint8)
    # Block 1: one opaque pixel of four -> clear. Block 2: three opaque, one odd -> the colour nearest their mean.
    px[0, 0] = [*RED, 255]
    px[0, 1], px[1, 0], px[1, 1] = clear, clear, clear
    px[0, 2], px[0, 3], px[1, 2] = [*GREEN, 255], [*GREEN, 255], [*WHITE, 255]
    px[1, 3] = clear
    out = np.asarray(halve_sprite(Image.fromarray(px, "RGBA")))
    assert out.shape == (1, 2, 4)
    assert out[0, 0].tolist() == clear
    assert out[0, 1].tolist() == [*GREEN, 255]  # a colour the art uses, not a blend with white


def test_embedded_16px_view_is_binary_rgba():
    from toolkit.data import load_embedded_sprites

    ds = load_embedded_sprites(16).select(range(40))
    images, _ = sprites_to_tensor(ds, 16, color_mode="rgba")
    assert images.shape == (40, 4, 16, 16)
    alpha, rgb = images[:, 3], images[:, :3]
    assert set(alpha.unique().tolist()) == {0, 255}
    assert (rgb.permute(1, 0, 2, 3)[:, alpha == 0] == 0).all()


def test_finish_sprites_unpremultiplies_and_snaps_alpha_and_colours():
    raw = np.array([[[[0.4, 0.2, 0.0, 0.5], [0.9, 0.9, 0.9, 0.3], [0.75, 0.1, 0.1, 0.9]]]])
    out = finish_sprites(raw)
    assert out[0, 0, 0].tolist() == pytest.approx([0.8, 0.4, 0.0, 1.0])  # colour divided by alpha, alpha -> 1
    assert out[0, 0, 1].tolist() == [0, 0, 0, 0]                       # below 0.5 -> fully clear, no colour
    snapped = finish_sprites(raw, to_hex([RED, WHITE, DARK])) * 255
    assert snapped[0, 0, 2].round().tolist() == [*RED, 255]
    opaque = snapped[0, 0][snapped[0, 0, :, 3] > 0]
    assert {tuple(p) for p in opaque[:, :3].round().astype(int)} <= {RED, WHITE, DARK}
    # Smooth alpha is kept where the data's alpha was smooth.
    assert finish_sprites(raw, binary_alpha=False)[0, 0, 1, 3] == pytest.approx(0.3)


def test_limit_colors_merges_the_rarest_colour_into_its_nearest_and_adds_none():
    near_red = (190, 40, 30)
    sprite = np.array([[RED, RED, RED, BLUE], [BLUE, BLUE, near_red, GREEN], [GREEN, GREEN, DARK, DARK]], float)
    opaque = np.ones(sprite.shape[:2], bool)
    opaque[2, 2:] = False  # clear pixels are not colours of the sprite: DARK must survive untouched
    out = limit_colors(sprite[None], opaque[None], 3)[0]
    assert out[1, 2].tolist() == list(RED)  # one near-red pixel moves least: into red
    assert {tuple(p) for p in out[opaque].astype(int)} == {RED, BLUE, GREEN}
    assert out[2, 2].tolist() == list(DARK)
    two = limit_colors(sprite[None], opaque[None], 2)[0]
    assert len({tuple(p) for p in two[opaque]}) == 2
    assert {tuple(p) for p in two[opaque].astype(int)} < {RED, BLUE, GREEN, near_red}
    assert np.array_equal(limit_colors(sprite[None], opaque[None], 4)[0], sprite)  # within budget: unchanged


def test_finish_sprites_keeps_each_sprite_within_its_colour_budget():
    rng = np.random.default_rng(0)
    raw = np.concatenate([rng.random((3, 8, 8, 3)), np.ones((3, 8, 8, 1))], axis=-1)
    palette = to_hex(rng.integers(0, 256, (40, 3)))
    counts = [len(np.unique(x[..., :3].reshape(-1, 3), axis=0)) for x in finish_sprites(raw, palette, True, 5)]
    assert counts == [5, 5, 5]
    assert min(len(np.unique(x[..., :3].reshape(-1, 3), axis=0)) for x in finish_sprites(raw, palette)) > 5


def test_the_colour_budget_comes_from_the_data_and_follows_the_option():
    sprites = np.zeros((3, 2, 2, 4), dtype=np.uint8)
    sprites[:, 0] = [*RED, 255]
    sprites[:, 1, 0] = [*BLUE, 255]
    sprites[0, 1, 1] = [*GREEN, 255]  # colours per sprite: 3, 2, 2 -> 2.33 -> 2 (clear pixels do not count)
    fmt = describe_format(sprites)
    assert fmt["colors_per_sprite"] == 2
    palette = from_hex(fmt["palette"], "x")
    assert choose_color_budget(None, fmt, palette) == 2 and choose_color_budget("auto", fmt, palette) == 2
    assert choose_color_budget(None, fmt, None) is None  # raw colours (--palette none): no budget
    assert choose_color_budget("none", fmt, palette) is None and choose_color_budget("7", fmt, palette) == 7
    assert choose_color_budget(None, {"palette": fmt["palette"]}, palette) is None  # formats made before budgets
    with pytest.raises(SpriteError, match="--max_colors_per_sprite 0 is not auto, none or a number"):
        choose_color_budget("0", fmt, palette)


def test_composite_treats_premultiplied_and_straight_alpha_alike():
    straight = np.array([[[[200, 100, 50, 128], [9, 9, 9, 0]]]], dtype=np.uint8)
    premult = premultiplied_rgba(Image.fromarray(straight[0], "RGBA"))[None]
    a = composite(straight, (10, 20, 30)).astype(int)
    b = composite(premult, (10, 20, 30), premultiplied=True).astype(int)
    assert np.abs(a - b).max() <= 1
    assert a[0, 0, 1].tolist() == [10, 20, 30]


def test_grids_show_rgba_over_a_checkerboard_and_sheets_keep_alpha():
    sprite = np.zeros((1, 8, 8, 4), dtype=np.uint8)
    sprite[0, 2:6, 2:6] = [*RED, 255]
    grid = np.asarray(make_grid(sprite, upscale=1, padding=0 + 1))
    assert grid.shape[-1] == 3 and {grid[1, 1, 0], grid[1, 5, 0]} == set(CHECKER_GREYS)
    assert grid[4, 4].tolist() == list(RED)
    sheet = make_grid(sprite, upscale=1, padding=0)
    assert sheet.mode == "RGBA" and np.array_equal(np.asarray(sheet), sprite[0])


def test_extract_palette_gives_exactly_the_colours_of_a_flat_set():
    sprites = np.zeros((3, 4, 4, 4), dtype=np.uint8)
    sprites[:, :2, :, :] = [*RED, 255]
    sprites[:, 2, :, :] = [*BLUE, 255]
    sprites[0, 3, 0] = [*GREEN, 255]  # the rest stays clear: transparent pixels are not a colour of the palette
    palette, counts = extract_palette(sprites)
    assert [tuple(c) for c in palette] == [RED, BLUE, GREEN] and counts.tolist() == [24, 12, 1]
    fmt = describe_format(sprites)
    assert fmt["color_mode"] == "rgba" and fmt["alpha"] == "binary" and fmt["palette"][0] == "#c81e1e"


def test_extract_palette_reduces_a_rich_set_within_tolerance():
    rng = np.random.default_rng(0)
    sprites = rng.integers(0, 256, size=(20, 16, 16, 3), dtype=np.uint8)
    palette, counts = extract_palette(sprites)
    assert len(palette) <= MAX_COLOURS and counts.sum() == 20 * 16 * 16
    colours, weights = np.unique(sprites.reshape(-1, 3), axis=0, return_counts=True)
    assert len(palette) == MAX_COLOURS or snapping_error(colours, weights, palette) <= TOLERANCE


def test_palette_files_in_each_format(tmp_path):
    colours = [RED, GREEN, BLUE]
    swatch = tmp_path / "swatch.png"
    Image.fromarray(np.array([[[*c, 255] for c in colours] + [[0, 0, 0, 0]]], dtype=np.uint8), "RGBA").save(swatch)
    gpl = tmp_path / "console.gpl"
    gpl.write_text("GIMP Palette\nName: test\nColumns: 3\n#\n" + "".join(f"{r} {g} {b}\tname\n" for r, g, b in colours))
    hexes = tmp_path / "colours.hex"
    hexes.write_text("#c81e1e, 1eb43c\n#1428dc\n")
    for path in (swatch, gpl, hexes):
        assert [tuple(c) for c in read_palette_file(str(path))] == colours, path.name


@pytest.mark.parametrize("name,content,message", [
    ("broken.png", b"not a png", "unreadable"),
    ("empty.hex", b"\n", "holds no colours"),
    ("many.hex", "\n".join(f"#{i:06x}" for i in range(300)).encode(), "more than 256"),
    ("bad.hex", b"#12345z\n", "not a colour"),
    ("bad.gpl", b"JASC-PAL\n0 0 0\n", "GIMP Palette"),
])
def test_bad_palette_files_get_one_sentence(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(SpriteError, match=message):
        read_palette_file(str(tmp_path / name))
    with pytest.raises(SpriteError, match="does not exist"):
        read_palette_file(str(tmp_path / "missing.gpl"))


def test_choose_palette_follows_the_option():
    fmt = {"color_mode": "rgba", "alpha": "binary", "palette": to_hex([RED, GREEN, BLUE, DARK]),
           "palette_counts": [10, 9, 1, 8]}
    assert [tuple(c) for c in choose_palette(None, fmt, "m")] == [RED, GREEN, BLUE, DARK]
    assert choose_palette("none", fmt, "m") is None and choose_palette(None, None, "m") is None
    assert len(choose_palette("2", fmt, "m")) == 2
    with pytest.raises(SpriteError, match="stores no palette"):
        choose_palette("auto", None, "old-model")
    with pytest.raises(SpriteError, match="palette size"):
        choose_palette("0", fmt, "m")


def test_format_files_round_trip_and_the_swatch_is_a_palette_file(tmp_path):
    fmt = describe_format(np.array([[[[*RED, 255], [*BLUE, 255], [0, 0, 0, 0]]]], dtype=np.uint8))
    write_format(str(tmp_path), fmt)
    assert read_format(str(tmp_path)) == fmt
    assert to_hex(read_palette_file(str(tmp_path / SWATCH_FILE))) == fmt["palette"]
    (tmp_path / FORMAT_FILE).write_text("{broken")
    with pytest.raises(SpriteError, match="corrupt"):
        read_format(str(tmp_path))


def test_color_mode_auto_follows_transparency(tmp_path, image_folder):
    ds = load_image_folder(image_folder)  # its RGBA sprites have random alpha
    assert resolve_color_mode(ds, "auto") == "rgba" and resolve_color_mode(ds, "rgb") == "rgb"
    opaque = tmp_path / "opaque"
    opaque.mkdir()
    for i in range(3):
        Image.new("RGBA", (8, 8), (i, 2, 3, 255)).save(opaque / f"{i}.png")  # RGBA files, but nothing transparent
    ds = load_image_folder(opaque)
    assert resolve_color_mode(ds, "auto") == "rgb"
    with pytest.raises(SpriteError, match="no pixel of .* is transparent"):
        resolve_color_mode(ds, "rgba", str(opaque))


@pytest.fixture(scope="module")
def rgb_export(tmp_path_factory):
    """A tiny RGB epsilon model on course arrays, stripped of its sprite format: an export made before this change."""
    tmp = tmp_path_factory.mktemp("old")
    course = write_course_arrays(tmp / "course", count=24)
    cfg = tiny_config(tmp, train_data_dir=str(course), prediction_type="epsilon", max_train_samples=None)
    train(cfg)
    for name in (FORMAT_FILE, SWATCH_FILE):
        os.remove(os.path.join(cfg.output_dir, name))
    return cfg.output_dir


def test_old_rgb_exports_still_sample(rgb_export, tmp_path, capsys):
    out = tmp_path / "samples"
    assert cli(["sample", "--model", rgb_export, "--num_images", "2", "--num_inference_steps", "2",
                "--output_dir", str(out)]) == 0
    assert Image.open(out / "sprites" / "0000.png").mode == "RGB"
    with pytest.raises(SystemExit) as err:
        cli(["sample", "--model", rgb_export, "--palette", "auto", "--output_dir", str(out)])
    assert err.value.code == 2 and "stores no palette" in capsys.readouterr().err
    palette = tmp_path / "mine.hex"
    palette.write_text("#000000\n#ffffff\n")
    cli(["sample", "--model", rgb_export, "--num_images", "2", "--num_inference_steps", "2", "--palette",
         str(palette), "--output_dir", str(out)])
    snapped = np.asarray(Image.open(out / "sprites" / "0000.png"))
    assert set(np.unique(snapped).tolist()) <= {0, 255}


def test_fine_tuning_across_colour_modes_is_a_clear_error(rgb_export, tiny_export, tmp_path):
    with pytest.raises(SpriteError, match="RGB model but these sprites have transparency.*--color_mode rgb"):
        train(tiny_config(tmp_path, pretrained_model_name_or_path=rgb_export))
    course = write_course_arrays(tmp_path / "course", count=8)
    with pytest.raises(SpriteError, match="4-channel images but these sprites have 3"):
        train(tiny_config(tmp_path / "ft", pretrained_model_name_or_path=tiny_export.output_dir,
                          train_data_dir=str(course)))


def test_rgba_exports_store_their_format_and_sample_snapped(tiny_export, tmp_path):
    cfg = tiny_export
    fmt = json.load(open(os.path.join(cfg.output_dir, FORMAT_FILE)))
    assert fmt["color_mode"] == "rgba" and fmt["alpha"] == "binary" and 8 <= len(fmt["palette"]) <= 256
    out = tmp_path / "samples"
    cli(["sample", "--model", cfg.output_dir, "--num_images", "4", "--num_inference_steps", "2", "--palette", "8",
         "--output_dir", str(out)])
    x = np.asarray(Image.open(out / "sprites" / "0001.png"))
    assert x.shape == (16, 16, 4) and set(np.unique(x[..., 3]).tolist()) <= {0, 255}
    assert len({tuple(p) for p in x[..., :3][x[..., 3] == 255]}) <= 8
    budgets = {}
    for budget in ("2", "none"):
        cli(["sample", "--model", cfg.output_dir, "--num_images", "4", "--num_inference_steps", "2",
             "--max_colors_per_sprite", budget, "--output_dir", str(out / budget)])
        sprites = [np.asarray(Image.open(out / budget / "sprites" / f"{i:04d}.png")) for i in range(4)]
        budgets[budget] = max(len({tuple(p) for p in x[..., :3][x[..., 3] == 255]}) for x in sprites)
    assert budgets["2"] <= 2 < budgets["none"]
    # A checkpoint carries the format too, so an export made from it has the same palette.
    export = tmp_path / "from-checkpoint"
    cli(["export", "--run_dir", cfg.run_dir, "--output_dir", str(export)])
    assert read_format(str(export)) == fmt
    shutil.rmtree(export)


def test_forcing_rgba_on_a_source_without_transparency(rgb_export, tmp_path):
    course = os.path.join(os.path.dirname(rgb_export), "course")
    with pytest.raises(SpriteError, match="--color_mode rgba needs sprites with transparency"):
        train(tiny_config(tmp_path, train_data_dir=course, color_mode="rgba"))
    assert not os.path.exists(tmp_path / "export")


def test_palette_hex_helpers():
    assert to_hex(from_hex(["#c81e1e", "1eb43c"], "x")) == ["#c81e1e", "#1eb43c"]
