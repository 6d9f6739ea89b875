"""The sprite evaluator: shipped weights, each metric on sets whose answer is known, `evaluate` reruns, bad input."""

import json
import os

import numpy as np
import pytest
import torch
from PIL import Image

from toolkit import evaluation
from toolkit.cli import main
from toolkit.data import load_embedded_sprites, sprites_to_tensor
from toolkit.errors import SpriteError
from toolkit.evaluation import (class_accuracy, evaluate, features, frechet_distance, kid, load_evaluator,
                                memorisation_rate, memorisation_threshold, palette_stats, precision_recall)
from toolkit.export import export_pipeline
from toolkit.presets import build_scheduler, build_unet, unet_config

CLASSES = ["creature", "hero", "item", "food", "spell"]


def nhwc(tensor):
    return tensor.permute(0, 2, 3, 1).numpy()


@pytest.fixture(scope="module")
def sprites32():
    images, labels = sprites_to_tensor(load_embedded_sprites(32), 32)
    return nhwc(images), labels.numpy()


@pytest.fixture(scope="module")
def sprites16():
    images, labels = sprites_to_tensor(load_embedded_sprites(16), 16)
    return nhwc(images), labels.numpy()


@pytest.fixture(scope="module")
def feats32(sprites32):
    return features(sprites32[0])


@pytest.fixture(scope="module")
def noise_feats(sprites32):
    noise = np.random.default_rng(0).integers(0, 256, size=(500, 32, 32, 3), dtype=np.uint8)
    return features(noise)[0]


def test_shipped_weights_load_and_classify_the_embedded_sprites(sprites32, sprites16):
    model = load_evaluator("v1")
    assert model.classes == CLASSES and model.version == "v1"
    config = json.loads((evaluation.EVALUATOR_DIR / "config.json").read_text())
    assert config["version"] == "v1" and config["classes"] == CLASSES
    assert os.path.getsize(evaluation.weights_path("v1")) < 5e6
    rows = np.arange(0, 2007, 7)  # a fixed subset of both views, every class represented
    for images, labels in (sprites32, sprites16):
        feats, probs = features(images[rows], model)
        assert feats.shape == (len(rows), model.feature_dim) and np.allclose(probs.sum(1), 1)
        assert class_accuracy(probs, labels[rows]) > 0.8
    # Held-out sprites the classifier never trained on.
    val = np.array(config["data"]["val_rows"])
    for images, labels in (sprites32, sprites16):
        assert class_accuracy(features(images[val], model)[1], labels[val]) > 0.75


def test_frechet_distance(feats32, noise_feats):
    feats, _ = feats32
    halves = np.random.default_rng(0).permutation(len(feats))
    a, b = feats[halves[:1000]], feats[halves[1000:]]
    scale = np.trace(np.cov(feats, rowvar=False))
    assert frechet_distance(feats, feats) < 1e-8 * scale
    assert frechet_distance(a, b) == pytest.approx(frechet_distance(b, a), rel=1e-6)
    assert frechet_distance(feats, noise_feats) > 10 * frechet_distance(a, b)


def test_frechet_distance_matches_the_closed_form():
    # With diagonal covariances sqrt(Sa Sb) is elementwise: d = |ma - mb|^2 + sum (sqrt(va) - sqrt(vb))^2.
    rng = np.random.default_rng(1)
    a = _diagonal_covariance(rng.normal(size=(500, 3)))
    b = _diagonal_covariance(rng.normal(size=(500, 3)) * [2.0, 1.0, 0.5]) + [1.0, 0.0, -1.0]
    va, vb = a.var(0, ddof=1), b.var(0, ddof=1)
    assert frechet_distance(a, b) == pytest.approx(2.0 + ((np.sqrt(va) - np.sqrt(vb)) ** 2).sum(), rel=1e-9)


def _diagonal_covariance(x):
    """`x` centred and rotated onto its principal axes, so its sample covariance is diagonal."""
    x = x - x.mean(0)
    return x @ np.linalg.eigh(np.cov(x, rowvar=False))[1]


def test_kid(feats32, noise_feats):
    feats, _ = feats32
    halves = np.random.default_rng(0).permutation(len(feats))
    a, b = feats[halves[:1000]], feats[halves[1000:]]
    same, _ = kid(a, b)
    far, far_std = kid(feats, noise_feats)
    assert abs(same) < 0.01 * far and far > 3 * far_std
    assert kid(a, b, seed=3) == kid(a, b, seed=3)  # subsets are drawn from the seed


def test_precision_recall(feats32, noise_feats):
    feats, _ = feats32
    assert precision_recall(feats, feats) == (1.0, 1.0)
    precision, recall = precision_recall(feats[:500], noise_feats)
    assert precision < 0.05 and recall < 0.05


def test_memorisation_rate(sprites16):
    train = sprites16[0][::5]
    threshold = memorisation_threshold(train)
    assert threshold > 0
    assert memorisation_rate(train, train, threshold) == 1.0
    assert memorisation_rate(train[:, :, ::-1], train, threshold) == 1.0  # mirror images are copies too
    noise = np.random.default_rng(0).integers(0, 256, size=(100,) + train.shape[1:], dtype=np.uint8)
    assert memorisation_rate(noise, train, threshold) == 0.0
    assert memorisation_rate(train[:50], train) == 1.0  # threshold computed when not given


def test_palette_stats():
    images = np.zeros((3, 4, 4, 3), dtype=np.uint8)  # first: all black, 1 colour
    images[1, 0, 0] = (255, 0, 0)  # second: black + red + green = 3 colours
    images[1, 1, 1] = (0, 255, 0)
    images[2] = np.arange(16, dtype=np.uint8).reshape(4, 4, 1)  # third: 16 greys
    assert palette_stats(images) == {"mean": 20 / 3, "median": 3.0}


def test_class_accuracy():
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    assert class_accuracy(probs, [0, 1, 1, 1]) == 0.75


@pytest.fixture(scope="module")
def reference_dir(tmp_path_factory, sprites32):
    """An imagefolder of 60 embedded sprites, 12 per class, as reference data that loads in a blink."""
    root = tmp_path_factory.mktemp("reference")
    images, labels = sprites32
    for c, name in enumerate(CLASSES):
        (root / name).mkdir()
        for i in np.flatnonzero(labels == c)[:12]:
            Image.fromarray(images[i]).save(root / name / f"{i:04d}.png")
    return str(root)


def tiny_export(path, **config):
    torch.manual_seed(0)
    num_classes = config.pop("num_classes", None)
    unet = build_unet(unet_config("tiny", 16, num_classes=num_classes, **config))
    id2label = {str(i): n for i, n in enumerate(CLASSES)} if num_classes else None
    return export_pipeline(unet, build_scheduler(50), str(path), {"title": "test"}, id2label=id2label)


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    root = tmp_path_factory.mktemp("models")
    return tiny_export(root / "plain"), tiny_export(root / "cond", num_classes=5)


def test_evaluate_is_identical_on_a_rerun(tiny_models, reference_dir):
    plain, cond = tiny_models
    options = dict(train_data_dir=reference_dir, num_samples=50, num_inference_steps=3, seed=1)
    first = evaluate(plain, **options)
    assert first == evaluate(plain, **options)
    assert first["resolution"] == 16 and first["num_reference"] == 60 and first["kid_subset_size"] == 50
    assert first["class_accuracy"] is None and first["data_class_accuracy"] > 0.5
    assert first["fsd"] > 0 and 0 <= first["precision"] <= 1 and first["memorisation_rate"] == 0.0
    assert evaluate(plain, **dict(options, seed=2))["fsd"] != first["fsd"]

    result = evaluate(cond, **options)
    assert result == evaluate(cond, **options)
    assert result["conditional"] and 0 <= result["class_accuracy"] <= 1
    assert sorted(result["class_accuracy_per_class"]) == sorted(CLASSES)


def test_eval_command_prints_a_table_and_writes_json(tiny_models, reference_dir, tmp_path, capsys):
    out = tmp_path / "results" / "eval.json"
    assert main(["eval", "--model", tiny_models[0], "--train_data_dir", reference_dir, "--num_samples", "50",
                 "--num_inference_steps", "2", "--output", str(out)]) == 0
    results = json.loads(out.read_text())
    assert results["num_samples"] == 50 and results["evaluator"] == "v1"
    printed = capsys.readouterr().out
    assert "FSD" in printed and "precision / recall" in printed and str(out) in printed


@pytest.mark.parametrize("kwargs,message", [
    (dict(resolution=32), "makes 16 px sprites but the reference dataset is loaded at --resolution 32"),
    (dict(num_samples=10), "--num_samples 10 is too few"),
])
def test_evaluate_bad_input(tiny_models, reference_dir, kwargs, message):
    options = dict(train_data_dir=reference_dir, num_samples=50, num_inference_steps=2)
    with pytest.raises(SpriteError, match=message):
        evaluate(tiny_models[0], **dict(options, **kwargs))


def test_evaluate_refuses_a_model_that_is_not_rgb(tmp_path, reference_dir):
    grey = tiny_export(tmp_path / "grey", in_channels=1)
    with pytest.raises(SpriteError, match="1-channel images; the evaluator scores RGB or RGBA sprites"):
        evaluate(grey, train_data_dir=reference_dir, num_samples=50, num_inference_steps=2)


def test_evaluate_refuses_a_tiny_reference_dataset(tiny_models, course_dir):
    with pytest.raises(SpriteError, match="reference dataset has 40 sprites, too few"):
        evaluate(tiny_models[0], train_data_dir=str(course_dir), num_samples=50, num_inference_steps=2)


def test_kid_subset_larger_than_the_sets():
    feats = np.random.default_rng(0).normal(size=(60, 8))
    with pytest.raises(SpriteError, match="KID subset size 100 must be between 2 and the smaller set's size 60"):
        kid(feats, feats, subset_size=100)


def test_missing_evaluator_names_the_file_and_the_recipe(monkeypatch, tmp_path):
    monkeypatch.setattr(evaluation, "EVALUATOR_DIR", tmp_path)
    with pytest.raises(SpriteError, match=r"sprite_classifier_v7\.safetensors are missing.*train_evaluator\.py"):
        load_evaluator("v7")


def test_eval_cli_bad_input_is_one_sentence(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "--model", str(tmp_path), "--num_samples", "50"])
    assert exit_info.value.code == 2
    assert "is not an exported pipeline" in capsys.readouterr().err


def test_rgba_samples_are_composited_exactly_as_the_reference(tmp_path, monkeypatch):
    """Feeding the reference sprites back as an RGBA model's samples must score FSD 0."""
    rgba = tiny_export(tmp_path / "rgba", in_channels=4)
    reference = nhwc(sprites_to_tensor(load_embedded_sprites(16), 16, color_mode="rgba")[0])[:60]
    monkeypatch.setattr(evaluation, "sample_sprites", lambda pipe, n, *args, **kwargs: reference[:n])
    monkeypatch.setattr(evaluation, "load_sprite_dataset",
                        lambda *a, **k: load_embedded_sprites(16).select(range(60)))
    result = evaluate(rgba, num_samples=60, num_inference_steps=2, background="#204060")
    assert result["color_mode"] == "rgba" and result["fsd"] < 1e-6
    assert result["colours"]["samples"] == result["colours"]["data"]


def test_class_shares_count_each_sprites_likeliest_kind():
    from toolkit.evaluation import class_shares

    shares = class_shares(np.array([[0.9, 0.1, 0.0], [0.2, 0.8, 0.0], [0.6, 0.4, 0.0]]))
    assert shares.tolist() == pytest.approx([2 / 3, 1 / 3, 0.0])


def test_split_halves_are_disjoint_random_and_cover_every_index():
    from toolkit.evaluation import split_halves

    first, second = split_halves(11, np.random.default_rng(0))
    assert len(first) == 5 and len(second) == 6
    assert sorted(first.tolist() + second.tolist()) == list(range(11))
    assert sorted(first.tolist()) != list(range(5))  # shuffled, not the first five
    again = split_halves(11, np.random.default_rng(0))
    assert (again[0] == first).all() and (again[1] == second).all()
