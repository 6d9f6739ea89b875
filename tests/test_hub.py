"""`sprite-diffusion push` against a local fake Hub (the `hub` fixture of conftest.py): the real huggingface_hub
client, real HTTP, no internet."""

import logging
import os
import shutil
import uuid

import huggingface_hub
import pytest
from huggingface_hub import constants

from toolkit.cli import main
from toolkit.errors import SpriteError
from toolkit.hub import HUB_IGNORE_PATTERNS, push_folder

TOKEN = f"hf_SeCrEt{uuid.uuid4().hex}"  # unique, so finding it anywhere is a real leak
PIPELINE_FILES = {"model_index.json", "README.md", "scheduler/scheduler_config.json", "unet/config.json",
                  "unet/diffusion_pytorch_model.safetensors"}


@pytest.fixture(scope="module")
def pristine_export(tmp_path_factory):
    """A real (tiny) DDPMPipeline export, written once for the module."""
    from toolkit.export import export_pipeline
    from toolkit.presets import build_scheduler, build_unet, unet_config

    folder = tmp_path_factory.mktemp("export") / "sprite-ddpm"
    export_pipeline(build_unet(unet_config("tiny", 16)), build_scheduler(num_train_timesteps=50), str(folder),
                    {"title": "Test sprites"})
    return folder


@pytest.fixture
def export_dir(tmp_path, pristine_export):
    """The export plus the training state and leftovers that must never reach the Hub."""
    folder = tmp_path / "sprite-ddpm"
    shutil.copytree(pristine_export, folder)
    junk = ["checkpoint-3/model.safetensors", "checkpoint-3/optimizer.bin", "checkpoint-3/trainer_state.json",
            "checkpoint-3/unet_ema/diffusion_pytorch_model.safetensors", ".tmp-checkpoint-4/model.safetensors",
            "logs/events.out.tfevents.1.host", "optimizer.bin", "optimizer_1.bin", "scheduler.bin",
            "random_states_0.pkl", "trainer_state.json", "unet_ema/config.json", "sprite-ddpm.tmp-export/x.json",
            "unet/optimizer.bin", "unet/logs/run.txt"]
    for path in junk:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(b"training state")
    return folder


def _sent_private(body):
    # huggingface_hub >= 1.0 sends `visibility`; older releases sent a `private` boolean.
    return body["visibility"] == "private" if "visibility" in body else body.get("private")


def test_ignore_patterns_come_from_the_checkpoint_constants():
    from toolkit.checkpoints import CHECKPOINT_GLOB

    assert CHECKPOINT_GLOB in HUB_IGNORE_PATTERNS and "logs/**" in HUB_IGNORE_PATTERNS


def test_push_uploads_only_the_pipeline(hub, export_dir, pristine_export):
    url = push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)

    files = hub.files("me/sprites")
    assert set(files) == PIPELINE_FILES
    for path, content in files.items():
        assert content == (pristine_export / path).read_bytes()
    assert [c["revision"] for c in hub.commits] == ["main"]
    assert url == f"{hub.url}/me/sprites/commit/{hub.commits[0]['oid']}"
    assert _sent_private(hub.calls("create")[0]["json"]) is False
    assert hub.repos["me/sprites"]["private"] is False
    assert {r["route"] for r in hub.requests} <= {"create", "validate", "preupload", "commit"}
    assert all(r["headers"]["authorization"] == f"Bearer {TOKEN}" for r in hub.requests)
    assert not hub.sleeps


def test_private_repo_via_the_cli(hub, export_dir, capsys):
    assert main(["push", "--folder", str(export_dir), "--hub_model_id", "me/secret-sprites", "--hub_private_repo",
                 "--hub_endpoint", hub.url, "--hub_token", TOKEN, "--commit_message", "First sprites"]) == 0
    assert _sent_private(hub.calls("create")[0]["json"]) is True
    assert hub.repos["me/secret-sprites"]["private"] is True
    assert set(hub.files("me/secret-sprites")) == PIPELINE_FILES
    assert hub.commits[0]["summary"] == "First sprites"
    assert f"to {hub.url}/me/secret-sprites/commit/" in capsys.readouterr().out


def test_token_is_sent_but_never_logged_raised_or_written(hub, export_dir, capfd, caplog, monkeypatch):
    monkeypatch.setattr(constants, "HF_DEBUG", True)  # the library's most talkative mode
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="huggingface_hub")
    push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)
    hub.fail("commit", 403, echo_auth=True)  # a server that echoes the header back in its error
    with pytest.raises(SpriteError) as err:
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)

    assert "403" in str(err.value) and "may not write" in str(err.value)
    assert len(hub.calls("commit")) == 2  # a refusal is not retried
    assert all(r["headers"]["authorization"] == f"Bearer {TOKEN}" for r in hub.requests)
    out, errout = capfd.readouterr()
    assert caplog.records  # the check below looked at real log output
    for text in (out, errout, caplog.text, str(err.value), repr(err.value)):
        assert TOKEN not in text
    for root, _, names in os.walk(export_dir):
        for name in names:
            assert TOKEN.encode() not in open(os.path.join(root, name), "rb").read()


def test_token_from_hf_token_env(hub, export_dir, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN + "env")
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    push_folder(export_dir, "me/sprites")
    assert hub.calls("commit")[0]["headers"]["authorization"] == f"Bearer {TOKEN}env"


def test_missing_token(hub, export_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    with pytest.raises(SpriteError, match="no Hub token: run `hf auth login`, set HF_TOKEN or pass --hub_token"):
        push_folder(export_dir, "me/sprites", endpoint=hub.url)
    assert not hub.requests


@pytest.mark.parametrize("repo_id", ["sprites", "me/", "/sprites", "me/spr ites", "me/a--b", "me/a..b", "-me/x",
                                     "me/x-", "me/.x", "a/b/c", "me/x.git", "me/" + "a" * 97, "me/ü"])
def test_bad_repo_id(hub, export_dir, repo_id):
    with pytest.raises(SpriteError, match="is not a valid Hub id"):
        push_folder(export_dir, repo_id, token=TOKEN, endpoint=hub.url)
    assert not hub.requests


def test_folder_that_is_not_an_export(hub, tmp_path):
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(SpriteError, match="is not an exported pipeline or adapter"):
        push_folder(tmp_path, "me/sprites", token=TOKEN, endpoint=hub.url)
    with pytest.raises(SpriteError, match="does not exist"):
        push_folder(tmp_path / "missing", "me/sprites", token=TOKEN, endpoint=hub.url)
    assert not hub.requests


def test_adapter_folder_is_accepted(hub, tmp_path):
    (tmp_path / "adapter_config.json").write_text("{}")
    (tmp_path / "adapter_model.safetensors").write_bytes(b"weights")
    push_folder(tmp_path, "me/lora", token=TOKEN, endpoint=hub.url)
    assert set(hub.files("me/lora")) == {"adapter_config.json", "adapter_model.safetensors"}


def test_cli_requires_hub_model_id(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["push", "--folder", "sprite-ddpm"])
    assert exit_info.value.code == 2
    assert "error: --hub_model_id is required" in capsys.readouterr().err


def test_offline_mode_is_a_clear_error(hub, export_dir, monkeypatch):
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(SpriteError, match="HF_HUB_OFFLINE is set"):
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)
    assert not hub.requests


def test_transient_503_is_retried(hub, export_dir):
    hub.fail("create", 503, times=2)
    url = push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, retries=3)
    assert len(hub.calls("create")) == 3
    assert len(hub.sleeps) == 2 and hub.sleeps[0] < hub.sleeps[1]
    assert set(hub.files("me/sprites")) == PIPELINE_FILES and "/commit/" in url


def test_persistent_503_keeps_the_folder_and_says_how_to_retry(hub, export_dir):
    hub.fail("create", 503, echo_auth=True)
    before = sorted(p.relative_to(export_dir) for p in export_dir.rglob("*"))
    with pytest.raises(SpriteError) as err:
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, retries=2)
    message = str(err.value)
    assert "failed after 3 attempts" in message and "503" in message
    assert f"the local folder is kept at {os.path.abspath(export_dir)}" in message
    assert f"sprite-diffusion push --folder {export_dir} --hub_model_id me/sprites" in message
    assert TOKEN not in message
    assert len(hub.calls("create")) == 3 and len(hub.sleeps) == 2
    assert sorted(p.relative_to(export_dir) for p in export_dir.rglob("*")) == before


def test_unauthorized_fails_at_once(hub, export_dir):
    hub.fail("create", 401)
    with pytest.raises(SpriteError, match="rejected the token"):
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url)
    assert len(hub.calls("create")) == 1 and not hub.sleeps and not hub.commits


def test_network_error_is_retried_then_reported(hub, export_dir):
    dead = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(SpriteError, match="failed after 2 attempts"):
        push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=dead, retries=1)
    assert len(hub.sleeps) == 1


def test_revision_creates_the_branch_and_commits_to_it(hub, export_dir):
    push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, revision="dev")
    assert [r["path"] for r in hub.calls("branch")] == ["/api/models/me/sprites/branch/dev"]
    assert all(r["path"].endswith("/dev") for r in hub.calls("preupload") + hub.calls("commit"))
    assert set(hub.files("me/sprites", "dev")) == PIPELINE_FILES
    assert hub.files("me/sprites", "main") == {}

    # A second push to the existing repo and branch goes through (409s are fine).
    push_folder(export_dir, "me/sprites", token=TOKEN, endpoint=hub.url, revision="dev")
    assert [c["revision"] for c in hub.commits] == ["dev", "dev"]


def test_training_with_push_to_hub_uploads_the_export_and_never_the_token(hub, tmp_path):
    from conftest import tiny_config
    from toolkit.training import train

    token = "hf_trainingSecretToken0123456789"
    cfg = tiny_config(tmp_path, max_train_steps=2, push_to_hub=True, hub_model_id="me/sprites", hub_token=token,
                      hub_private_repo=True, hub_endpoint=hub.url, logger="tensorboard")
    train(cfg)
    assert set(hub.files("me/sprites")) == {"model_index.json", "README.md", "samples.png", "loss_curve.png",
                                            "unet/config.json", "unet/diffusion_pytorch_model.safetensors",
                                            "scheduler/scheduler_config.json", "sprite_format.json", "palette.png"}
    assert _sent_private(hub.calls("create")[0]["json"])
    for folder in (cfg.output_dir, cfg.run_dir):  # model card, tensorboard hparams, checkpoints
        for root, _, names in os.walk(folder):
            for name in names:
                assert token.encode() not in open(os.path.join(root, name), "rb").read(), name


def test_run_dir_inside_output_dir_is_refused(tmp_path):
    from conftest import tiny_config

    with pytest.raises(SpriteError, match="must not be inside --output_dir"):
        tiny_config(tmp_path, run_dir=str(tmp_path / "export" / "state"))


def test_intermediate_exports_go_to_a_branch(hub, tmp_path):
    from conftest import tiny_config
    from toolkit.training import train

    cfg = tiny_config(tmp_path, max_train_steps=16, max_train_samples=16, save_model_epochs=1, push_to_hub=True,
                      hub_model_id="me/sprites", hub_token="hf_x", hub_endpoint=hub.url,
                      hub_intermediate_revision="training")
    train(cfg)  # 16 sprites / batch 8: 2 steps an epoch, so intermediate exports at steps 2, 4, ..., 14
    assert "model_index.json" in hub.files("me/sprites", branch="training")
    assert len([c for c in hub.calls("commit") if "training" in c["path"]]) == 7
    assert "model_index.json" in hub.files("me/sprites")  # and the final export on main
