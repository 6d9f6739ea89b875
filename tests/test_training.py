import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
import torch
from safetensors.torch import load_file as load_weights

from conftest import NO_TOOLKIT, tiny_config
from toolkit.checkpoints import list_checkpoints, read_state
from toolkit.errors import SpriteError
from toolkit.presets import build_scheduler
from toolkit.training import choose_mixed_precision, cpu_has_bf16, diffusion_loss, train

EXPECTED_EXPORT = {"model_index.json", "README.md", "samples.png", "loss_curve.png", "unet/config.json",
                   "unet/diffusion_pytorch_model.safetensors", "scheduler/scheduler_config.json",
                   "sprite_format.json", "palette.png"}


def files_under(folder):
    return {os.path.relpath(os.path.join(d, f), folder).replace(os.sep, "/")
            for d, _, names in os.walk(folder) for f in names}


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """One tiny run shared by the export tests: 6 steps, a checkpoint every 2, keep 2."""
    tmp = tmp_path_factory.mktemp("run")
    cfg = tiny_config(tmp, max_train_steps=6, checkpoints_total_limit=2)
    train(cfg)
    return cfg


def test_export_is_a_clean_hub_folder(trained):
    assert files_under(trained.output_dir) == EXPECTED_EXPORT
    card = open(os.path.join(trained.output_dir, "README.md")).read()
    assert card.startswith("---\nlibrary_name: diffusers\npipeline_tag: unconditional-image-generation\n")
    assert "DDIMPipeline.from_pretrained" in card and "prediction_type: sample" in card
    # The plain-diffusers snippet takes DDPM's step count from the sampler registry, as `sample` does.
    from toolkit.samplers import SAMPLERS

    assert f"num_inference_steps={SAMPLERS['ddpm'].default_steps}).images" in card


def test_the_chosen_parameterisation_reaches_the_export(trained):
    """The ablations' choices (x0 with min-SNR-5 and a floor of 1, the cosine schedule warped by 0.3) are the
    defaults, and plain diffusers reads them."""
    from diffusers import DDIMScheduler

    from toolkit.presets import DEFAULT_TIMESTEP_WARP, schedule_warp

    sched = json.load(open(os.path.join(trained.output_dir, "scheduler", "scheduler_config.json")))
    assert sched["prediction_type"] == "sample" and sched["beta_schedule"] == "squaredcos_cap_v2"
    assert (trained.snr_gamma, trained.snr_floor) == (5.0, 1.0)
    assert DEFAULT_TIMESTEP_WARP == 0.3 and schedule_warp(sched) == 0.3
    loaded = DDIMScheduler.from_pretrained(trained.output_dir, subfolder="scheduler")
    assert loaded.config.prediction_type == "sample" and schedule_warp(loaded.config) == 0.3


def test_the_timestep_scales_and_shifts_the_features_in_the_export(trained):
    """The presets' resnet_time_scale_shift="scale_shift" (BENCHMARKS.md, "scale_shift") reaches the export, and
    plain diffusers builds the same UNet from it."""
    from diffusers import UNet2DModel

    from toolkit.presets import PRESETS

    assert PRESETS["fast"]["resnet_time_scale_shift"] == "scale_shift"
    unet = UNet2DModel.from_pretrained(trained.output_dir, subfolder="unet")
    assert unet.config.resnet_time_scale_shift == "scale_shift"
    # Each resnet's time projection gives a scale and a shift per channel: twice the channels.
    block = unet.down_blocks[0].resnets[0]
    assert block.time_emb_proj.out_features == 2 * block.conv1.out_channels


def test_checkpoints_rotate_to_the_limit(trained):
    steps = [step for step, _ in list_checkpoints(trained.run_dir)]
    assert steps == [4, 6]
    state = json.load(open(os.path.join(trained.run_dir, "checkpoint-6", "trainer_state.json")))
    assert state["step"] == 6 and len(state["history"]["losses"]) == 6
    assert not [n for n in os.listdir(trained.run_dir) if n.startswith(".tmp")]


def test_the_default_export_holds_the_final_training_weights(trained):
    # No EMA by default (BENCHMARKS.md, "The last step's weights instead of the EMA"): the export is the last step's.
    assert trained.use_ema is False
    assert not os.path.exists(os.path.join(trained.run_dir, "checkpoint-6", "unet_ema"))
    final = load_weights(os.path.join(trained.run_dir, "checkpoint-6", "model.safetensors"))
    exported = load_weights(os.path.join(trained.output_dir, "unet", "diffusion_pytorch_model.safetensors"))
    assert final.keys() == exported.keys()
    for key in final:
        torch.testing.assert_close(exported[key], final[key], rtol=0, atol=0)


LOAD_WITH_PLAIN_DIFFUSERS = NO_TOOLKIT + textwrap.dedent("""
    import os, torch
    import numpy as np
    from diffusers import DDIMPipeline, DDPMPipeline
    out = sys.argv[1]
    ddim = DDIMPipeline.from_pretrained(out)
    a = ddim(batch_size=3, num_inference_steps=4, generator=torch.manual_seed(0), output_type="np").images
    b = ddim(batch_size=3, num_inference_steps=4, generator=torch.manual_seed(0), output_type="np").images
    ddpm = DDPMPipeline.from_pretrained(out)
    c = ddpm(batch_size=2, num_inference_steps=50, generator=torch.manual_seed(0), output_type="np").images
    assert a.shape == (3, 16, 16, 4) and c.shape == (2, 16, 16, 4), (a.shape, c.shape)
    assert (a == b).all() and 0.0 <= a.min() and a.max() <= 1.0
    sprites = ddpm(batch_size=2, num_inference_steps=5, generator=torch.manual_seed(0)).images
    assert sprites[0].mode == "RGBA", sprites[0].mode
    # The model card's recipe for snapping, run as a plain diffusers user would, in the export folder.
    os.chdir(out)
    exec(sys.argv[2])
    fmt_palette = {tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in fmt["palette"]}
    for sprite in sprites:
        x = np.asarray(sprite)
        assert set(np.unique(x[..., 3])) <= {0, 255}
        assert {tuple(p) for p in x[..., :3][x[..., 3] == 255]} <= fmt_palette
        assert (x[x[..., 3] == 0] == 0).all()
    assert "toolkit" not in sys.modules
    print("OK", type(ddim.scheduler).__name__, type(ddpm.scheduler).__name__)
""")


def card_snippet(folder):
    """The model card's Python block that finishes sprites (palette and alpha snapping)."""
    card = open(os.path.join(folder, "README.md")).read()
    blocks = [b for b in card.split("```python\n")[1:] if "def finish" in b]
    assert len(blocks) == 1, "the card shows one snapping recipe"
    return blocks[0].split("```")[0]


def test_export_loads_in_plain_diffusers(trained, tmp_path):
    script = tmp_path / "load.py"
    script.write_text(LOAD_WITH_PLAIN_DIFFUSERS)
    result = subprocess.run([sys.executable, str(script), os.path.abspath(trained.output_dir),
                             card_snippet(trained.output_dir)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "OK DDIMScheduler DDPMScheduler" in result.stdout


def test_export_scheduler_config_carries_sampler_settings(trained):
    import numpy as np
    from diffusers import DDPMPipeline, DPMSolverMultistepScheduler

    pipe = DDPMPipeline.from_pretrained(trained.output_dir)
    config = pipe.scheduler.config
    assert config.timestep_spacing == "trailing" and not config.clip_sample and not config.thresholding
    # A plain diffusers user swapping in DPM-Solver++ starts at the last timestep, where pure noise lies.
    dpm = DPMSolverMultistepScheduler.from_config(config)
    dpm.set_timesteps(20)
    assert int(dpm.timesteps[0]) == trained.ddpm_num_steps - 1
    # The card's fast recipe: DDPMPipeline drives the stochastic DPM-Solver++ too.
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(config, algorithm_type="sde-dpmsolver++")
    fast = pipe(batch_size=2, num_inference_steps=5, generator=torch.Generator().manual_seed(0),
                output_type="np").images
    assert fast.shape[0] == 2 and np.isfinite(fast).all()


def test_plain_ddim_keeps_estimates_consistent(trained):
    """DDIMPipeline's default call must step with the clean-sprite estimate the noise estimate came from.

    With clipping stored in the config, a UNet that overshoots [-1, 1] gets a clipped sprite estimate paired with the
    unclipped one's noise (use_clipped_model_output=False is DDIMPipeline's default), which ruins DDIM's samples.
    """
    import numpy as np
    from diffusers import DDIMPipeline

    pipe = DDIMPipeline.from_pretrained(trained.output_dir)
    with torch.no_grad():  # make the predictions overshoot [-1, 1] by far
        pipe.unet.conv_out.weight.mul_(50)
        pipe.unet.conv_out.bias.add_(3)

    def sprites(**kwargs):
        return pipe(batch_size=2, num_inference_steps=5, generator=torch.Generator().manual_seed(0),
                    output_type="np", **kwargs).images

    # Were the estimates clipped, this flag would change every step; the plain call must equal it.
    assert np.array_equal(sprites(), sprites(use_clipped_model_output=True))


def test_resume_from_missing_path(tmp_path):
    with pytest.raises(SpriteError, match="not a complete checkpoint folder"):
        train(tiny_config(tmp_path, resume_from_checkpoint=str(tmp_path / "checkpoint-9")))


def test_resume_needs_the_ema_setting_the_run_started_with(trained, tmp_path):
    checkpoint = os.path.join(trained.run_dir, "checkpoint-6")  # a default run: no EMA
    with pytest.raises(SpriteError, match="has no EMA weights; resume with --use_ema false"):
        train(tiny_config(tmp_path / "a", max_train_steps=8, use_ema=True, resume_from_checkpoint=checkpoint))
    with_ema = tmp_path / "checkpoint-6"
    shutil.copytree(checkpoint, with_ema)
    os.makedirs(with_ema / "unet_ema")  # as a run started with --use_ema true (the default before) leaves it
    with pytest.raises(SpriteError, match="holds EMA weights; resume with --use_ema true"):
        train(tiny_config(tmp_path / "b", max_train_steps=8, resume_from_checkpoint=str(with_ema)))


def test_resume_needs_the_learning_rate_schedule_the_run_started_with(trained, tmp_path):
    checkpoint = os.path.join(trained.run_dir, "checkpoint-6")  # a default run: warm-up, stable, decay by halves
    assert read_state(checkpoint)["lr_schedule_flags"] == "--lr_scheduler warmup_stable_decay --lr_decay_fraction 0.5"
    with pytest.raises(SpriteError, match="trained with --lr_scheduler warmup_stable_decay --lr_decay_fraction 0.5 "
                                          "and this run would use --lr_scheduler cosine; add --lr_scheduler "):
        train(tiny_config(tmp_path / "a", max_train_steps=8, lr_scheduler="cosine", resume_from_checkpoint=checkpoint))
    with pytest.raises(SpriteError, match="--lr_decay_fraction 0.25; add"):
        train(tiny_config(tmp_path / "b", max_train_steps=8, lr_decay_fraction=0.25, resume_from_checkpoint=checkpoint))
    # A checkpoint from before they were stored was made with cosine by default: resuming it asks for that.
    old = tmp_path / "checkpoint-6"
    shutil.copytree(checkpoint, old)
    state = read_state(str(old))
    del state["lr_schedule_flags"]
    (old / "trainer_state.json").write_text(json.dumps(state))
    with pytest.raises(SpriteError, match="before checkpoints named their learning-rate schedule, when the default "
                                          "was cosine; add --lr_scheduler cosine"):
        train(tiny_config(tmp_path / "c", max_train_steps=8, resume_from_checkpoint=str(old)))
    train(tiny_config(tmp_path / "d", max_train_steps=8, lr_scheduler="cosine", resume_from_checkpoint=str(old)))
    assert read_state(list_checkpoints(str(tmp_path / "d" / "export-run"))[-1][1])["step"] == 8


def test_resume_needs_the_flip_setting_the_run_started_with(trained, tmp_path):
    checkpoint = os.path.join(trained.run_dir, "checkpoint-6")  # a default run: no flips
    assert read_state(checkpoint)["random_flip"] is False
    with pytest.raises(SpriteError, match="trained without random flips; add --random_flip false to resume it"):
        train(tiny_config(tmp_path / "a", max_train_steps=8, random_flip=True, resume_from_checkpoint=checkpoint))
    # A checkpoint from before the setting was stored was made with flips, the default then.
    old = tmp_path / "checkpoint-6"
    shutil.copytree(checkpoint, old)
    state = read_state(str(old))
    del state["random_flip"]
    (old / "trainer_state.json").write_text(json.dumps(state))
    with pytest.raises(SpriteError, match="trained with random flips .*when flips were on.*; add --random_flip true"):
        train(tiny_config(tmp_path / "b", max_train_steps=8, resume_from_checkpoint=str(old)))
    train(tiny_config(tmp_path / "c", max_train_steps=8, random_flip=True, resume_from_checkpoint=str(old)))
    assert read_state(list_checkpoints(str(tmp_path / "c" / "export-run"))[-1][1])["random_flip"] is True


def test_resume_needs_the_unet_the_run_started_with(tmp_path):
    """A checkpoint of the fast preset from before scale_shift (or of another --preset) is refused with the fix,
    and `--model_config_name_or_path <checkpoint>` resumes it with its own UNet."""
    from toolkit.presets import PRESETS

    old_preset = dict(PRESETS["tiny"], resnet_time_scale_shift="default", _class_name="UNet2DModel")
    (tmp_path / "old.json").write_text(json.dumps(old_preset))
    train(tiny_config(tmp_path / "a", max_train_steps=2, model_config_name_or_path=str(tmp_path / "old.json")))
    checkpoint = list_checkpoints(str(tmp_path / "a" / "export-run"))[-1][1]
    with pytest.raises(SpriteError, match=r"holds a UNet built otherwise than this run's \(resnet_time_scale_shift "
                                          r"'default' there and 'scale_shift' here\); add --model_config_name_or_path "
                                          + re.escape(checkpoint)):
        train(tiny_config(tmp_path / "b", max_train_steps=4, resume_from_checkpoint=checkpoint))
    train(tiny_config(tmp_path / "c", max_train_steps=4, resume_from_checkpoint=checkpoint,
                      model_config_name_or_path=checkpoint))
    assert read_state(list_checkpoints(str(tmp_path / "c" / "export-run"))[-1][1])["step"] == 4
    exported = json.load(open(tmp_path / "c" / "export" / "unet" / "config.json"))
    assert exported["resnet_time_scale_shift"] == "default"


def test_output_dir_that_is_not_an_export_is_never_overwritten(tmp_path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "thesis.txt").write_text("precious")
    with pytest.raises(SpriteError, match="not an exported pipeline"):
        train(tiny_config(tmp_path))
    assert (tmp_path / "export" / "thesis.txt").read_text() == "precious"


@pytest.mark.parametrize("prediction_type", ["epsilon", "sample", "v_prediction"])
@pytest.mark.parametrize("snr_gamma", [None, 5.0])
def test_loss_for_each_parameterisation(prediction_type, snr_gamma):
    scheduler = build_scheduler(100, "linear", prediction_type)
    torch.manual_seed(0)
    clean, noise = torch.rand(4, 3, 8, 8) * 2 - 1, torch.randn(4, 3, 8, 8)
    t = torch.tensor([0, 10, 50, 99])
    target = {"epsilon": noise, "sample": clean,
              "v_prediction": scheduler.get_velocity(clean, noise, t)}[prediction_type]
    assert diffusion_loss(target, clean, noise, t, scheduler, snr_gamma).item() == pytest.approx(0.0, abs=1e-10)
    wrong = diffusion_loss(torch.zeros_like(clean), clean, noise, t, scheduler, snr_gamma)
    assert wrong.item() > 0 and torch.isfinite(wrong)


@pytest.mark.parametrize("prediction_type,schedule", [("v_prediction", "linear"), ("epsilon", "squaredcos_cap_v2")])
def test_other_parameterisations_train(tmp_path, prediction_type, schedule):
    cfg = tiny_config(tmp_path, prediction_type=prediction_type, ddpm_beta_schedule=schedule, max_train_steps=2,
                      use_ema=False, gradient_accumulation_steps=2, resolution=32)
    train(cfg)
    sched = json.load(open(os.path.join(cfg.output_dir, "scheduler", "scheduler_config.json")))
    assert sched["prediction_type"] == prediction_type and sched["beta_schedule"] == schedule
    assert json.load(open(os.path.join(cfg.output_dir, "unet", "config.json")))["sample_size"] == 32


@pytest.mark.parametrize("has_bf16_units", [True, False])
def test_bf16_mixed_precision_on_cpu(tmp_path, monkeypatch, capsys, has_bf16_units):
    # bf16 trains on any CPU; on one without bf16 units (AVX2 only) the user is told it will be slow, and why.
    monkeypatch.setattr("toolkit.training.cpu_has_bf16", lambda: has_bf16_units)
    cfg = tiny_config(tmp_path, mixed_precision="bf16", max_train_steps=2, use_ema=False)
    train(cfg)
    weights = load_weights(os.path.join(cfg.output_dir, "unet", "diffusion_pytorch_model.safetensors"))
    assert all(t.dtype == torch.float32 and torch.isfinite(t).all() for t in weights.values())  # fp32 master weights
    warned = "this CPU has no bf16 units" in capsys.readouterr().out
    assert warned == (not has_bf16_units)


@pytest.mark.parametrize("machine, avx512_bf16, amx, onednn, expected", [
    ("x86_64", False, False, True, False),   # Ice Lake: AVX-512 without bf16 units, though oneDNN says yes
    ("x86_64", True, False, True, True),     # AMD Zen 4 and Cooper Lake: AVX-512-BF16
    ("x86_64", False, True, True, True),     # Sapphire Rapids: AMX
    ("x86_64", False, False, False, False),  # AVX2 only
    ("aarch64", False, False, True, True),   # elsewhere oneDNN's own answer
    ("aarch64", False, False, False, False),
])
def test_cpu_bf16_units_come_from_the_instruction_set(monkeypatch, machine, avx512_bf16, amx, onednn, expected):
    monkeypatch.setattr("platform.machine", lambda: machine)
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: avx512_bf16)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: amx)
    monkeypatch.setattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported", lambda: onednn)
    assert cpu_has_bf16() is expected


def test_cpu_bf16_units_unknown_to_an_older_torch(monkeypatch):
    monkeypatch.setattr("platform.machine", lambda: "x86_64")
    monkeypatch.delattr(torch.cpu, "_is_avx512_bf16_supported")
    assert cpu_has_bf16() is None


@pytest.mark.parametrize("requested, launched, device, units, chosen", [
    (None, "no", "cpu", True, "bf16"),     # accelerate's default on a CPU with bf16 units: bf16
    (None, None, "cpu", True, "bf16"),     # not launched through accelerate: the same
    (None, "no", "cpu", False, "no"),      # AVX2 only: bf16 would be 15x slower
    (None, "no", "cpu", None, "no"),       # a torch that cannot tell: fp32
    (None, "no", "cuda", True, "no"),      # GPUs keep what accelerate says
    (None, "fp16", "cuda", True, "fp16"),
    ("no", "no", "cpu", True, "no"),       # an explicit --mixed_precision always wins
    ("bf16", "no", "cpu", False, "bf16"),
])
def test_choose_mixed_precision(requested, launched, device, units, chosen):
    assert choose_mixed_precision(requested, launched, device, units) == chosen


@pytest.mark.parametrize("has_bf16_units", [True, False])
def test_default_precision_follows_the_cpu(tmp_path, monkeypatch, capsys, has_bf16_units):
    # With no --mixed_precision and accelerate's default, a CPU with bf16 units trains in bf16 autocast and says so.
    monkeypatch.setattr("toolkit.training.cpu_has_bf16", lambda: has_bf16_units)
    monkeypatch.delenv("ACCELERATE_MIXED_PRECISION", raising=False)
    train(tiny_config(tmp_path, mixed_precision=None, max_train_steps=1, use_ema=False))
    out = capsys.readouterr().out
    if has_bf16_units:
        assert "bf16 autocast (this CPU has bf16 units; --mixed_precision no trains in fp32)" in out
    else:
        assert "effective batch 8, fp32" in out


@pytest.mark.parametrize("kind,floor,expected", [
    # x0-error weights: min(SNR, 5), or clamped to [1, 5] with the floor; each target's own MSE divided out.
    ("sample", None, [0.01, 1.0, 4.0, 5.0]),
    ("sample", 1.0, [1.0, 1.0, 4.0, 5.0]),
    ("epsilon", None, [1.0, 1.0, 1.0, 0.05]),
    ("epsilon", 1.0, [100.0, 1.0, 1.0, 0.05]),
    ("v_prediction", None, [0.01 / 1.01, 0.5, 0.8, 5 / 101]),
    ("v_prediction", 1.0, [1 / 1.01, 0.5, 0.8, 5 / 101]),
])
def test_loss_weights_against_hand_computed_values(kind, floor, expected):
    from toolkit.training import loss_weights

    snr = torch.tensor([0.01, 1.0, 4.0, 100.0], dtype=torch.float64)
    assert loss_weights(snr, kind, 5.0, floor).tolist() == pytest.approx(expected, rel=1e-9)
    assert loss_weights(snr, kind, None, floor).tolist() == [1.0] * 4
