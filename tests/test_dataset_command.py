"""`sprite-diffusion dataset`: report, preview, `save_to_disk` round trip into training's `--dataset_name`, and the
push of a Hub dataset repo to the loopback hub of conftest.py (exact file set, token in no file or log)."""

import io
import logging
import os
import uuid

import datasets
import huggingface_hub
import numpy as np
import pytest
import yaml
from huggingface_hub import constants
from PIL import Image

from conftest import make_sheet, random_sprite
from toolkit.cli import main
from toolkit.data import load_sprite_dataset
from toolkit.errors import SpriteError
from toolkit.hub import push_folder
from toolkit.sheets import load_sheets

TOKEN = f"hf_DaTaSeCrEt{uuid.uuid4().hex}"  # unique, so finding it anywhere is a real leak
HUB_FILES = {"README.md", "preview.png", "data/train-00000-of-00001.parquet"}


@pytest.fixture
def sheets(tmp_path):
    """Two classes of sheets with margin 1 and spacing 1: 7 sprites, one empty tile, one duplicate."""
    root = tmp_path / "sheets"
    (root / "heroes").mkdir(parents=True)
    (root / "items").mkdir()
    half_clear = random_sprite(3)
    half_clear[:, :8, 3] = 0  # transparent left half: the report's transparent share is not zero
    make_sheet(root / "heroes" / "heroes.png", [random_sprite(1), random_sprite(2), half_clear, None],
               columns=2, margin=1, spacing=1)
    make_sheet(root / "items" / "items.png", [random_sprite(4), random_sprite(5), random_sprite(6), random_sprite(1),
                                              random_sprite(7)], columns=5, margin=1, spacing=1)
    return root


def dataset_args(sheets, tmp_path, *extra):
    return ["dataset", "--train_data_dir", str(sheets), "--tile_size", "16", "--tile_margin", "1", "--tile_spacing",
            "1", "--preview", str(tmp_path / "preview.png"), *extra]


def test_report_and_preview(sheets, tmp_path, capsys):
    assert main(dataset_args(sheets, tmp_path)) == 0
    out = capsys.readouterr().out
    assert "Cut 2 sheets into 7 sprites: skipped 1 empty tiles and dropped 1 exact duplicates." in out
    assert "7 sprites in 2 classes: heroes 3, items 4" in out
    assert "exact duplicates: 0" in out and "sizes: 16x16 (7)" in out
    assert "colours per sprite: median 256 (min 128, max 256)" in out
    assert f"transparent pixels: {128 / (7 * 256):.1%}" in out
    preview = Image.open(tmp_path / "preview.png")
    # 8 columns of 16 px cells with 1 px padding, one row per class (each under 8 sprites), upscaled 4x.
    assert preview.mode == "RGB" and preview.size == ((8 * 17 + 1) * 4, (2 * 17 + 1) * 4)


def test_save_to_disk_round_trip_into_dataset_name(sheets, tmp_path, capsys):
    saved = tmp_path / "saved"
    assert main(dataset_args(sheets, tmp_path, "--save_to_disk", str(saved), "--license", "cc0-1.0")) == 0
    assert f"train on them with --dataset_name {saved}" in capsys.readouterr().out
    assert {"README.md", "preview.png", "dataset_info.json", "state.json"} <= set(os.listdir(saved))
    assert not os.path.exists(str(saved) + ".tmp-swap")
    card = (saved / "README.md").read_text()
    assert yaml.safe_load(card.split("---")[1])["license"] == "cc0-1.0"
    assert "| 0 | heroes | 3 |" in card and "| 1 | items | 4 |" in card and "load_from_disk" in card

    direct, _ = load_sheets(str(sheets), "16", 1, 1)
    ds = load_sprite_dataset(dataset_name=str(saved))  # what training's --dataset_name reads
    assert ds.features["label"].names == ["heroes", "items"] and ds["label"] == direct["label"]
    for i in range(ds.num_rows):
        assert ds[i]["image"].mode == "RGBA"
        np.testing.assert_array_equal(np.asarray(ds[i]["image"]), np.asarray(direct[i]["image"]))
    assert datasets.load_from_disk(str(saved))["source"] == direct["source"]

    # An earlier saved dataset may be replaced; anything else is never overwritten.
    assert main(dataset_args(sheets, tmp_path, "--save_to_disk", str(saved))) == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep")
    with pytest.raises(SystemExit) as exit_info:
        main(dataset_args(sheets, tmp_path, "--save_to_disk", str(mine)))
    assert exit_info.value.code == 2
    assert "already exists and is not a saved dataset" in capsys.readouterr().err
    assert os.listdir(mine) == ["notes.txt"]


def test_image_folder_source_keeps_rgba(image_folder, tmp_path):
    saved = tmp_path / "saved"
    assert main(["dataset", "--train_data_dir", str(image_folder), "--preview", str(tmp_path / "p.png"),
                 "--save_to_disk", str(saved)]) == 0
    ds = datasets.load_from_disk(str(saved))
    modes = [Image.open(io.BytesIO(item["bytes"])).mode
             for item in ds.cast_column("image", datasets.Image(decode=False))["image"]]
    assert modes.count("RGBA") == 4 and set(modes) == {"RGBA", "RGB"}  # greyscale and palette files become RGB
    original = np.asarray(Image.open(image_folder / "knights" / "knights_0.png"))
    np.testing.assert_array_equal(np.asarray(ds[0]["image"]), original)  # alpha kept exactly
    assert ds["source"][0] == "knights/knights_0.png"


def test_push_to_the_loopback_hub(hub, sheets, tmp_path, capfd, caplog, monkeypatch):
    monkeypatch.setattr(constants, "HF_DEBUG", True)  # the library's most talkative mode
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="huggingface_hub")
    assert main(dataset_args(sheets, tmp_path, "--push_to_hub", "me/sprite-sheets", "--hub_endpoint", hub.url,
                             "--hub_token", TOKEN, "--hub_private_repo", "--license", "cc-by-4.0",
                             "--provenance", "Drawn for the tests")) == 0

    files = hub.files("me/sprite-sheets")
    assert set(files) == HUB_FILES
    assert hub.repos["me/sprite-sheets"]["type"] == "dataset" and hub.repos["me/sprite-sheets"]["private"] is True
    assert all(r["path"].startswith("/api/datasets/") for r in hub.calls("preupload") + hub.calls("commit"))
    assert all(r["headers"]["authorization"] == f"Bearer {TOKEN}" for r in hub.requests)
    assert files["preview.png"] == (tmp_path / "preview.png").read_bytes()

    card = files["README.md"].decode()
    meta = yaml.safe_load(card.split("---")[1])
    assert meta["license"] == "cc-by-4.0"
    assert meta["configs"] == [{"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*"}]}]
    assert meta["dataset_info"]["features"][1]["dtype"]["class_label"]["names"] == {"0": "heroes", "1": "items"}
    assert "Drawn for the tests" in card and "| 1 | items | 4 |" in card and "(preview.png)" in card
    assert str(tmp_path) not in card  # local paths stay local

    # What was pushed is a dataset repo that `datasets` loads as it would from the Hub.
    repo = tmp_path / "pulled"
    for path, content in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(content)
    pulled = datasets.load_dataset(str(repo), split="train")
    direct, _ = load_sheets(str(sheets), "16", 1, 1)
    assert pulled.features["label"].names == ["heroes", "items"] and pulled.num_rows == 7
    np.testing.assert_array_equal(np.asarray(pulled[2]["image"]), np.asarray(direct[2]["image"]))
    assert pulled[2]["image"].mode == "RGBA"

    out, err = capfd.readouterr()
    assert "Pushed 7 sprites to" in out and caplog.records
    for text in (out, err, caplog.text):
        assert TOKEN not in text
    for content in files.values():
        assert TOKEN.encode() not in content
    for root, _, names in os.walk(tmp_path):
        for name in names:
            assert TOKEN.encode() not in open(os.path.join(root, name), "rb").read(), name


def test_failed_push_says_how_to_retry_without_the_token(hub, sheets, tmp_path, capsys):
    hub.fail("create", 503)
    with pytest.raises(SystemExit) as exit_info:
        main(dataset_args(sheets, tmp_path, "--push_to_hub", "me/sprite-sheets", "--hub_endpoint", hub.url,
                          "--hub_token", TOKEN))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "failed after 4 attempts (HTTP 503" in err
    assert f"retry later with `sprite-diffusion dataset --train_data_dir {sheets} --tile_size 16" in err
    assert "--push_to_hub me/sprite-sheets" in err and "kept at" not in err and TOKEN not in err


def test_push_without_a_token_fails_before_writing_anything(hub, sheets, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    with pytest.raises(SystemExit) as exit_info:
        main(dataset_args(sheets, tmp_path, "--push_to_hub", "me/sprite-sheets", "--hub_endpoint", hub.url,
                          "--save_to_disk", str(tmp_path / "saved")))
    assert exit_info.value.code == 2
    assert "no Hub token: run `hf auth login`, set HF_TOKEN or pass --hub_token." in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["sheets"] and not hub.requests


def test_push_folder_wants_a_dataset_folder_for_dataset_repos(hub, tmp_path):
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n")
    with pytest.raises(SpriteError, match=r"is not a Hub dataset folder \(no data/\*.parquet\)"):
        push_folder(tmp_path, "me/data", token=TOKEN, endpoint=hub.url, repo_type="dataset")
    assert not hub.requests


@pytest.mark.parametrize("args,message", [
    (["--push_to_hub", "not-an-id"], "--push_to_hub 'not-an-id' is not a valid Hub id"),
    (["--license", "CC BY"], "--license must be a Hub licence id"),
    (["--preview", "preview.jpg"], "--preview preview.jpg must be a .png path"),
    (["--tile_size", "16"], "--tile_size cuts the sprite sheets given with --train_data_dir"),
])
def test_bad_options_write_nothing(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["dataset", *args])
    assert exit_info.value.code == 2 and message in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_bad_sheet_exits_2_and_writes_nothing(tmp_path, capsys):
    sheet = make_sheet(tmp_path / "s.png", [random_sprite(i) for i in range(3)], columns=3, spacing=1)  # 50 px
    with pytest.raises(SystemExit) as exit_info:
        main(["dataset", "--train_data_dir", str(sheet), "--tile_size", "16", "--preview", str(tmp_path / "p.png"),
              "--save_to_disk", str(tmp_path / "out")])
    assert exit_info.value.code == 2
    assert "leave 2 px over; pass --tile_margin or --tile_spacing" in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["s.png"]
