import pytest

from toolkit.config import SampleConfig, TrainConfig, parse_config
from toolkit.errors import SpriteError


def test_defaults_match_the_documented_demo():
    cfg = parse_config(TrainConfig, [])
    assert cfg.output_dir == "sprite-ddpm" and cfg.run_dir == "sprite-ddpm-run"
    assert cfg.preset == "fast" and cfg.resolution == 16 and cfg.dataset_name is None


def test_yaml_then_cli_override(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("learning_rate: 1e-4\nresolution: 32\npreset: quality\nuse_ema: true\n")
    cfg = parse_config(TrainConfig, ["--config", str(path), "--resolution", "16"])
    assert cfg.learning_rate == pytest.approx(1e-4)
    assert cfg.resolution == 16  # the flag wins over the file
    assert cfg.preset == "quality" and cfg.use_ema is True


def test_unknown_yaml_key_is_an_error(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("learning_rat: 1e-4\n")
    with pytest.raises(SpriteError, match="Unknown key.*learning_rat"):
        parse_config(TrainConfig, ["--config", str(path)])


def test_wrong_yaml_type_is_an_error(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("train_batch_size: [1, 2]\n")
    with pytest.raises(SpriteError, match="train_batch_size.*must be int"):
        parse_config(TrainConfig, ["--config", str(path)])


def test_unknown_flag_is_an_error():
    with pytest.raises(SpriteError, match="Unknown option.*--learning_rat"):
        parse_config(TrainConfig, ["--learning_rat", "1"])


def test_missing_config_file():
    with pytest.raises(SpriteError, match="does not exist"):
        parse_config(TrainConfig, ["--config", "nope.yaml"])


@pytest.mark.parametrize("flag,value,message", [
    ("--prediction_type", "noise", "prediction_type must be one of"),
    ("--train_batch_size", "0", "train_batch_size must be a positive"),
    ("--mixed_precision", "fp8", "mixed_precision must be one of"),
    ("--ddpm_beta_schedule", "cosine", "ddpm_beta_schedule must be one of"),
    ("--lr_scheduler", "cosin", "lr_scheduler must be one of linear, cosine"),
    ("--max_train_minutes", "0", "max_train_minutes must be a positive number of minutes"),
    ("--lr_decay_fraction", "0", r"lr_decay_fraction must be in \(0, 1\]"),
    ("--adam_beta1", "1", r"adam_beta1 must be in \[0, 1\), got 1.0"),
    ("--adam_beta2", "1.5", r"adam_beta2 must be in \[0, 1\), got 1.5"),
    ("--adam_weight_decay", "-0.01", "adam_weight_decay must be 0 or more"),
    ("--adam_epsilon", "0", "adam_epsilon must be positive"),
    ("--max_grad_norm", "-1", r"max_grad_norm must be 0 \(no clipping\) or more"),
])
def test_bad_values_are_named(flag, value, message):
    with pytest.raises(SpriteError, match=message):
        parse_config(TrainConfig, [flag, value])


def test_both_sources_rejected():
    with pytest.raises(SpriteError, match="either --dataset_name or --train_data_dir"):
        parse_config(TrainConfig, ["--dataset_name", "a/b", "--train_data_dir", "x"])


def test_sample_config():
    cfg = parse_config(SampleConfig, ["--model", "m", "--scheduler", "ddpm"])
    assert cfg.model == "m" and cfg.scheduler == "ddpm"
