import importlib.util
import os
from collections import Counter

import numpy as np
import pytest
import torch
from datasets import ClassLabel, Dataset, Features
from datasets import Image as ImageFeature
from PIL import Image

from conftest import REPO
from toolkit.data import (SpriteBatches, composite, load_course_arrays, load_embedded_sprites, load_sprite_dataset,
                          prepare_image, sprites_to_tensor)
from toolkit.config import TrainConfig
from toolkit.errors import SpriteError


def build_script():
    """recipes/build_embedded_dataset.py as a module (it rebuilds the embedded set from a Debian package)."""
    spec = importlib.util.spec_from_file_location("build_embedded_dataset",
                                                  os.path.join(REPO, "recipes", "build_embedded_dataset.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_embedded_set_is_real_sprites_with_labels():
    ds = load_embedded_sprites()
    assert ds.num_rows >= 2000
    assert isinstance(ds.features["label"], ClassLabel) and 4 <= ds.features["label"].num_classes <= 6
    img = ds[0]["image"]
    assert img.size == (32, 32) and img.mode == "RGBA"
    counts = np.bincount(ds["label"], minlength=ds.features["label"].num_classes)
    assert counts.min() > 0  # every class is present


def test_embedded_16px_view_takes_each_pixel_from_its_2x2_block():
    full = np.asarray(load_embedded_sprites()[5]["image"].convert("RGBA"))
    small = load_embedded_sprites(resolution=16)[5]["image"]
    assert small.size == (16, 16) and small.mode == "RGBA"
    small = np.asarray(small)
    blocks = full.reshape(16, 2, 16, 2, 4).transpose(0, 2, 1, 3, 4).reshape(16, 16, 4, 4)
    opaque = blocks[..., 3] >= 128
    assert np.array_equal(small[..., 3] == 255, opaque.sum(-1) >= 2) and set(np.unique(small[..., 3])) <= {0, 255}
    for y, x in zip(*np.nonzero(small[..., 3])):
        assert small[y, x, :3].tolist() in blocks[y, x][opaque[y, x], :3].tolist()  # one of the block's own colours


def test_embedded_layout_table_is_the_shipped_sprites():
    """The build script's data file (recipes/embedded_layout.tsv) parses into the rows it cuts, and those rows are
    exactly the shipped sprites: same sources, same classes, in the order the build writes them."""
    build = build_script()
    rows = build.read_layout()
    assert len(rows) == 2007 and all(tuple(row) == build.COLUMNS for row in rows)
    assert Counter(row["label"] for row in rows) == {"creature": 851, "hero": 167, "item": 666, "food": 30,
                                                     "spell": 293}
    assert Counter(row["sheet"] for row in rows) == {"player": 995, "main": 696, "gui": 316}
    assert rows[0] == dict(label="creature", sheet="player", x=64, y=646, w=32, h=32, ox=0, oy=0, cw=32, ch=32,
                           path="mon/unique/mlioglotl")
    assert rows[-1] == dict(label="spell", sheet="gui", x=510, y=540, w=30, h=31, ox=1, oy=0, cw=32, ch=32,
                            path="gui/invocations/zin_donate")
    for row in rows:  # every trimmed box fits its canvas, and every canvas fits a 32x32 sprite
        assert row["ox"] + row["w"] <= row["cw"] <= 32 and row["oy"] + row["h"] <= row["ch"] <= 32, row
    shipped = load_embedded_sprites()
    by_class = sorted(rows, key=lambda row: build.CLASS_NAMES.index(row["label"]))  # the build's stable order
    assert [build.tile_source(row) for row in by_class] == shipped["source"]
    assert [build.CLASS_NAMES.index(row["label"]) for row in by_class] == shipped["label"]
    assert shipped.features["label"].names == build.CLASS_NAMES


HEADER = "label\tsheet\tx\ty\tw\th\tox\toy\tcw\tch\tpath\n"


@pytest.mark.parametrize("text,message", [
    ("", "must start with the header row"),
    ("# a comment\nlabel\tsheet\n", "must start with the header row"),
    (HEADER + "food\tmain\t1\n", "line 2 has 3 fields, not 11"),
    (HEADER + "food\tmain\t1\t2\t3\t4\t0\t0\t32\tx\titem/food/apple\n", "line 2 has a non-integer"),
    (HEADER + "dragon\tmain\t1\t2\t3\t4\t0\t0\t32\t32\tmon/dragon\n", "unknown class or sheet"),
], ids=["empty", "no header", "short row", "non-integer", "unknown class"])
def test_embedded_layout_table_errors_are_sprite_errors(text, message):
    with pytest.raises(SpriteError, match=message):
        build_script().parse_layout(text)


def test_embedded_rejects_other_resolutions():
    with pytest.raises(SpriteError, match="16 or 32"):
        load_embedded_sprites(resolution=24)


def test_alpha_is_composited_onto_the_background():
    rgba = np.zeros((2, 2, 4), dtype=np.uint8)
    rgba[0, 0] = (255, 0, 0, 255)  # opaque red stays red
    rgba[1, 1] = (0, 0, 255, 0)  # fully transparent becomes the background
    out = np.asarray(composite(Image.fromarray(rgba, "RGBA"), (9, 8, 7)))
    assert tuple(out[0, 0]) == (255, 0, 0) and tuple(out[1, 1]) == (9, 8, 7)


def test_resize_is_nearest_and_padding_keeps_pixels():
    arr = np.random.default_rng(0).integers(0, 256, (4, 4, 3), dtype=np.uint8)
    big = np.asarray(prepare_image(Image.fromarray(arr), 16, (0, 0, 0)))
    assert big.shape == (16, 16, 3)
    np.testing.assert_array_equal(big[::4, ::4], arr)  # every source pixel became a crisp 4x4 block
    wide = prepare_image(Image.fromarray(np.full((2, 4, 3), 200, np.uint8)), 4, (0, 0, 0))
    assert np.asarray(wide)[0, 0].tolist() == [0, 0, 0] and np.asarray(wide)[1, 0].tolist() == [200, 200, 200]


def test_image_folder_classes_and_modes(image_folder):
    ds = load_sprite_dataset(train_data_dir=str(image_folder))
    assert ds.features["label"].names == ["knights", "potions"]
    assert sorted(set(ds["label"])) == [0, 1] and ds.num_rows == 12
    images, labels = sprites_to_tensor(ds, 16)
    assert images.shape == (12, 3, 16, 16) and images.dtype == torch.uint8
    assert labels.tolist() == ds["label"]


def test_flat_image_folder_is_one_class(tmp_path):
    for i in range(3):
        Image.new("RGB", (8, 8), (i, i, i)).save(tmp_path / f"{i}.png")
    ds = load_sprite_dataset(train_data_dir=str(tmp_path))
    assert ds.features["label"].names == ["sprite"] and ds.num_rows == 3


def test_corrupt_image_is_named(image_folder):
    bad = image_folder / "knights" / "broken.png"
    bad.write_bytes(b"not a png at all")
    ds = load_sprite_dataset(train_data_dir=str(image_folder))
    with pytest.raises(SpriteError, match="broken.png.*corrupt"):
        sprites_to_tensor(ds, 16)


def test_missing_and_empty_folders(tmp_path):
    with pytest.raises(SpriteError, match="does not exist"):
        load_sprite_dataset(train_data_dir=str(tmp_path / "nope"))
    with pytest.raises(SpriteError, match="contains no images"):
        load_sprite_dataset(train_data_dir=str(tmp_path))


def test_course_arrays(course_dir):
    ds = load_sprite_dataset(train_data_dir=str(course_dir))
    assert ds.features["label"].names == ["hero", "non-hero", "food", "spell", "side-facing"]
    assert ds["label"][:6] == [0, 1, 2, 3, 4, 0]
    images, _ = sprites_to_tensor(ds, 16)
    expected = np.load(course_dir / "sprites_40_16x16.npy")
    np.testing.assert_array_equal(images.permute(0, 2, 3, 1).numpy(), expected)  # lossless


def test_course_arrays_length_mismatch(course_dir):
    np.save(course_dir / "sprite_labels_nc_40_16x16.npy", np.eye(5)[np.arange(39) % 5])
    with pytest.raises(SpriteError, match=r"\(39, 5\).*40 sprites"):
        load_sprite_dataset(train_data_dir=str(course_dir))


def test_course_arrays_bad_shape(tmp_path):
    np.save(tmp_path / "sprites.npy", np.zeros((4, 16, 16), np.uint8))
    np.save(tmp_path / "labels.npy", np.zeros((4, 5)))
    with pytest.raises(SpriteError, match=r"expected \(N, H, W, 3\) uint8"):
        load_course_arrays(str(tmp_path / "sprites.npy"), str(tmp_path / "labels.npy"))


def test_save_to_disk_folder_round_trip(tmp_path):
    features = Features({"img": ImageFeature(), "kind": ClassLabel(names=["a", "b"])})
    imgs = [Image.new("RGBA", (16, 16), (i * 40, 0, 0, 255)) for i in range(4)]
    Dataset.from_dict({"img": imgs, "kind": [0, 1, 0, 1]}, features=features).save_to_disk(tmp_path / "saved")
    ds = load_sprite_dataset(dataset_name=str(tmp_path / "saved"), image_column="img", label_column="kind")
    assert ds.column_names == ["image", "label"] and ds.features["label"].names == ["a", "b"]
    with pytest.raises(SpriteError, match="no column 'image'"):
        load_sprite_dataset(dataset_name=str(tmp_path / "saved"))


def test_hub_id_offline_gives_a_clear_error():
    with pytest.raises(SpriteError, match="Could not load dataset 'nobody/no-such-sprites'"):
        load_sprite_dataset(dataset_name="nobody/no-such-sprites")


def test_batches_are_reproducible_sharded_and_flipped():
    images = torch.arange(20, dtype=torch.uint8).repeat_interleave(3 * 4 * 4).reshape(20, 3, 4, 4)
    images[:, :, :, 0] = 255  # a marked left column shows flips
    labels = torch.arange(20)
    a = SpriteBatches(images, labels, 4, seed=3, random_flip=True)
    b = SpriteBatches(images, labels, 4, seed=3, random_flip=True)
    for i in range(12):
        xa, ya = a.get(i)
        xb, yb = b.get(i)
        assert torch.equal(xa, xb) and torch.equal(ya, yb)
    assert xa.min() >= -1 and xa.max() <= 1
    epoch = torch.cat([a.get(i)[1] for i in range(len(a))])
    assert len(set(epoch.tolist())) == len(epoch) == 20  # one epoch visits each sprite once
    flipped = torch.cat([(a.get(i)[0][:, 0, 0, -1] == 1).float() for i in range(20)])
    assert 0.2 < flipped.mean() < 0.8  # some sprites flipped, not all
    plain = SpriteBatches(images, labels, 4, seed=3, random_flip=TrainConfig().random_flip)  # the default: no flips
    assert all((plain.get(i)[0][:, 0, 0, 0] == 1).all() for i in range(20))
    ranks = [SpriteBatches(images, labels, 2, seed=3, num_processes=2, process_index=r) for r in range(2)]
    r0, r1 = ranks[0].get(1)[1], ranks[1].get(1)[1]
    assert not set(r0.tolist()) & set(r1.tolist())  # the two processes see disjoint halves
    assert sorted(torch.cat([r0, r1]).tolist()) == sorted(a.get(1)[1].tolist())


def test_batch_larger_than_dataset():
    with pytest.raises(SpriteError, match="fewer than one batch"):
        SpriteBatches(torch.zeros(3, 3, 4, 4, dtype=torch.uint8), torch.zeros(3), 4)
