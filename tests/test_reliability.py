"""Fault injection: signals, NaN losses, interrupted saves, and multi-process training on CPU."""

import errno
import hashlib
import json
import os
import signal
import shutil
import subprocess
import time

import pytest
import torch

import toolkit.training
from conftest import REPO, tiny_config
from toolkit.checkpoints import CHECKPOINT_PREFIX, list_checkpoints, resolve_resume
from toolkit.errors import SpriteError
from toolkit.training import train

TINY = ["--preset", "tiny", "--train_batch_size", "8", "--max_train_samples", "64", "--eval_batch_size", "4",
        "--preview_inference_steps", "2", "--ddpm_num_steps", "50", "--lr_warmup_steps", "0", "--logger", "none"]


def env():
    return dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_saves_a_checkpoint_and_says_how_to_resume(tmp_path, sig):
    proc = subprocess.Popen(["sprite-diffusion", "train", *TINY, "--max_train_steps", "100000",
                             "--checkpointing_steps", "100000", "--output_dir", "out"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
    deadline = time.time() + 120
    while not (tmp_path / "out-run" / "samples").exists() and time.time() < deadline:
        time.sleep(0.2)  # the samples folder appears just before the first step
    time.sleep(2)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, err[-2000:]
    line = [ln for ln in err.splitlines() if ln.startswith("error: Stopped by")][0]
    assert signal.Signals(sig).name in line and "--resume_from_checkpoint latest" in line
    (step, path), = list_checkpoints(tmp_path / "out-run")
    assert step > 0 and f"checkpoint-{step}" in line
    assert json.load(open(os.path.join(path, "trainer_state.json")))["step"] == step
    result = subprocess.run(["sprite-diffusion", "train", *TINY, "--max_train_steps", str(step + 2),
                             "--output_dir", "out", "--resume_from_checkpoint", "latest"], cwd=tmp_path,
                            capture_output=True, text=True, env=env(), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Resumed from" in result.stdout + result.stderr
    assert list_checkpoints(tmp_path / "out-run")[-1][0] == step + 2


def test_nan_loss_stops_naming_step_and_checkpoint(tmp_path, monkeypatch):
    real_loss, calls = toolkit.training.diffusion_loss, []

    def poisoned(*args, **kwargs):
        calls.append(1)
        loss = real_loss(*args, **kwargs)
        return loss * float("nan") if len(calls) == 3 else loss

    monkeypatch.setattr(toolkit.training, "diffusion_loss", poisoned)
    cfg = tiny_config(tmp_path, max_train_steps=10, checkpointing_steps=2)
    with pytest.raises(SpriteError, match=r"loss became nan at step 3; the last good checkpoint is .*checkpoint-2"):
        train(cfg)
    assert [s for s, _ in list_checkpoints(cfg.run_dir)] == [2]
    assert not os.path.exists(cfg.output_dir)  # no export of poisoned weights


def test_incomplete_checkpoints_are_never_resumed(tmp_path):
    run = tmp_path / "run"
    (run / "checkpoint-5").mkdir(parents=True)  # killed before trainer_state.json was written
    (run / ".tmp-checkpoint-7").mkdir()  # killed mid-save
    (run / "checkpoint-3").mkdir()
    (run / "checkpoint-3" / "trainer_state.json").write_text('{"step": 3}')
    assert resolve_resume(str(run), "latest") == str(run / "checkpoint-3")


@pytest.mark.parametrize("accumulation", [1, 2])
def test_exact_resume_with_and_without_accumulation(tmp_path, accumulation):
    straight = tiny_config(tmp_path / "a", max_train_steps=4, gradient_accumulation_steps=accumulation, use_ema=True)
    train(straight)
    resumed = tiny_config(tmp_path / "b", max_train_steps=4, gradient_accumulation_steps=accumulation, use_ema=True,
                          resume_from_checkpoint="latest")
    os.makedirs(resumed.run_dir)
    shutil.copytree(os.path.join(straight.run_dir, "checkpoint-2"), os.path.join(resumed.run_dir, "checkpoint-2"))
    train(resumed)
    from safetensors.torch import load_file
    for name in ("model.safetensors", "unet_ema/diffusion_pytorch_model.safetensors"):
        a = load_file(os.path.join(straight.run_dir, "checkpoint-4", name))
        b = load_file(os.path.join(resumed.run_dir, "checkpoint-4", name))
        for key in a:
            torch.testing.assert_close(a[key], b[key], rtol=0, atol=1e-6)
    # With --use_ema the export is the EMA's weights, not the last step's.
    exported = load_file(os.path.join(straight.output_dir, "unet", "diffusion_pytorch_model.safetensors"))
    ema = load_file(os.path.join(straight.run_dir, "checkpoint-4", "unet_ema", "diffusion_pytorch_model.safetensors"))
    final = load_file(os.path.join(straight.run_dir, "checkpoint-4", "model.safetensors"))
    for key in exported:
        torch.testing.assert_close(exported[key], ema[key], rtol=0, atol=0)
    assert any(not torch.equal(exported[key], final[key]) for key in exported)


def test_two_processes_on_cpu_stay_in_sync(tmp_path):
    recipe = os.path.join(REPO, "recipes", "train_sprites.py")
    # accelerate's --cpu flag starts one process unless MPI is set up; torchrun-style launching with
    # ACCELERATE_USE_CPU gives two gloo processes on a machine without GPUs.
    result = subprocess.run(["accelerate", "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
                             "--mixed_precision", "no", "--dynamo_backend", "no", recipe, *TINY,
                             "--max_train_steps", "4", "--checkpointing_steps", "2", "--output_dir", "out"],
                            cwd=tmp_path, capture_output=True, text=True, env=dict(env(), ACCELERATE_USE_CPU="true"),
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    state = json.load(open(tmp_path / "out-run" / "checkpoint-4" / "trainer_state.json"))
    assert state["num_processes"] == 2 and state["samples_seen"] == 4 * 8 * 2
    a, b = state["param_checksums"]
    assert a == b  # both ranks hold identical parameters
    assert "effective batch 16" in result.stdout
    assert sorted(os.listdir(tmp_path / "out-run" / "samples")) == ["final-step-4.png"]  # written once, by rank 0
    assert os.path.isfile(tmp_path / "out" / "model_index.json")


def test_disk_full_during_export_keeps_the_previous_export(tmp_path, monkeypatch):
    import errno

    import diffusers

    from toolkit.export import export_pipeline
    from toolkit.presets import build_scheduler, build_unet, unet_config

    unet, scheduler = build_unet(unet_config("tiny", 16)), build_scheduler(50)
    out = tmp_path / "export"
    export_pipeline(unet, scheduler, str(out))
    before = (out / "unet" / "diffusion_pytorch_model.safetensors").read_bytes()

    def full_disk(self, *args, **kwargs):
        os.makedirs(args[0], exist_ok=True)
        open(os.path.join(args[0], "partial.bin"), "wb").write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(diffusers.DDPMPipeline, "save_pretrained", full_disk)
    with pytest.raises(SpriteError, match="Could not write the export.*No space left on device.*free disk space"):
        export_pipeline(build_unet(unet_config("tiny", 16)), scheduler, str(out))
    assert (out / "unet" / "diffusion_pytorch_model.safetensors").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["export"]  # no temporary folder left behind


def tree_digest(folder):
    """{relative path: sha256} of every file under `folder`."""
    return {os.path.relpath(os.path.join(d, f), folder): hashlib.sha256(open(os.path.join(d, f), "rb").read())
            .hexdigest() for d, _, names in os.walk(folder) for f in names}


def test_crash_in_the_middle_of_a_checkpoint_save(tmp_path, monkeypatch, capsys):
    """Deterministic, unlike kill -9 timing: saving checkpoint-2 dies right after its first file (the weights) is
    written. Checkpoint-1 must stay intact (even with --checkpoints_total_limit 1), the half-written folder must
    never count as a checkpoint, and resume must pick checkpoint-1."""
    real_save, before = torch.save, {}

    def dies_in_checkpoint_2(obj, f, *args, **kwargs):
        if os.path.basename(os.path.dirname(str(f))).endswith(f"{CHECKPOINT_PREFIX}-2"):  # whatever the folder's prefix
            before.update(tree_digest(os.path.join(cfg.run_dir, f"{CHECKPOINT_PREFIX}-1")))
            raise OSError(errno.EIO, "Input/output error (injected)")
        return real_save(obj, f, *args, **kwargs)

    monkeypatch.setattr(torch, "save", dies_in_checkpoint_2)
    cfg = tiny_config(tmp_path, max_train_steps=3, checkpointing_steps=1, checkpoints_total_limit=1)
    with pytest.raises(OSError, match="injected"):
        train(cfg)
    monkeypatch.undo()
    run = tmp_path / "export-run"
    assert list(run.glob(f"*{CHECKPOINT_PREFIX}-2/model.safetensors"))  # it died mid-save, after the weights
    assert [step for step, _ in list_checkpoints(run)] == [1]
    assert before and tree_digest(run / f"{CHECKPOINT_PREFIX}-1") == before  # untouched by the failed save
    assert resolve_resume(str(run), "latest") == str(run / f"{CHECKPOINT_PREFIX}-1")

    capsys.readouterr()
    train(tiny_config(tmp_path, max_train_steps=2, checkpointing_steps=1, checkpoints_total_limit=1,
                      resume_from_checkpoint="latest"))
    assert f"Resumed from {run / f'{CHECKPOINT_PREFIX}-1'} at step 1." in capsys.readouterr().out
    assert [step for step, _ in list_checkpoints(run)] == [2]
    assert not [name for name in os.listdir(run) if name.startswith(".tmp")]  # the half-written one is gone
    assert os.path.isfile(tmp_path / "export" / "model_index.json")


def test_kill_9_during_checkpointing_never_breaks_resume(tmp_path):
    # A checkpoint every step makes it likely that some kill lands mid-save.
    args = ["sprite-diffusion", "train", *TINY, "--max_train_steps", "100000", "--checkpointing_steps", "1",
            "--checkpoints_total_limit", "2", "--output_dir", "out"]
    for delay in (1.0, 1.7):
        proc = subprocess.Popen(args + ["--resume_from_checkpoint", "latest"], cwd=tmp_path, env=env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while not list_checkpoints(tmp_path / "out-run") and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    step = list_checkpoints(tmp_path / "out-run")[-1][0]
    result = subprocess.run([*args[:args.index("100000")], str(step + 1), *args[args.index("100000") + 1:],
                             "--resume_from_checkpoint", "latest"], cwd=tmp_path, capture_output=True, text=True,
                            env=env(), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Resumed from {os.path.join('out-run', f'checkpoint-{step}')} at step {step}" in result.stdout


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_tampered_optimizer_state_is_refused_not_executed(tmp_path, monkeypatch):
    cfg = tiny_config(tmp_path, max_train_steps=2)
    train(cfg)
    ckpt = os.path.join(cfg.run_dir, "checkpoint-2")
    torch.save({"state": _Payload()}, os.path.join(ckpt, "optimizer.bin"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SpriteError, match="corrupt or holds something other than plain tensors"):
        train(tiny_config(tmp_path, max_train_steps=3, resume_from_checkpoint="latest"))
    assert not (tmp_path / "PWNED").exists()
