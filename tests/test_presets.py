import pytest
import torch

from toolkit.errors import SpriteError
from toolkit.presets import PRESETS, build_unet, unet_config


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize("resolution", [16, 32])
def test_presets_run_at_sprite_sizes(preset, resolution):
    torch.manual_seed(0)
    unet = build_unet(unet_config(preset, resolution))
    x = torch.randn(2, 3, resolution, resolution)
    with torch.no_grad():
        out = unet(x, torch.tensor([1, 500])).sample
    assert out.shape == x.shape and torch.isfinite(out).all()


def test_presets_grow_in_size():
    sizes = [sum(p.numel() for p in build_unet(unet_config(name, 16)).parameters())
             for name in ("tiny", "fast", "quality")]
    assert sizes == sorted(sizes) and sizes[1] > 500_000


def test_too_many_down_blocks_for_the_resolution(tmp_path):
    # diffusers' example default: six blocks, which crashes at 16 px.
    config = tmp_path / "config.json"
    config.write_text('{"_class_name": "UNet2DModel", "block_out_channels": [32, 32, 64, 64, 128, 128], '
                      '"down_block_types": ["DownBlock2D", "DownBlock2D", "DownBlock2D", "DownBlock2D", '
                      '"DownBlock2D", "DownBlock2D"], "up_block_types": ["UpBlock2D", "UpBlock2D", "UpBlock2D", '
                      '"UpBlock2D", "UpBlock2D", "UpBlock2D"]}')
    with pytest.raises(SpriteError, match="Resolution 16 cannot go through the 6 down blocks.*multiple of 32"):
        unet_config(model_config_name_or_path=str(config), resolution=16)
    assert unet_config(model_config_name_or_path=str(config), resolution=32)["sample_size"] == 32


def test_odd_resolution_rejected():
    with pytest.raises(SpriteError, match="multiple of 4"):
        unet_config("fast", 18)


def test_warped_schedule_is_the_cosine_at_warped_times_and_loads_in_plain_diffusers():
    import math

    from diffusers import DDIMScheduler, DDPMScheduler

    from toolkit.presets import build_scheduler, schedule_warp

    plain = build_scheduler(1000, prediction_type="sample")
    assert plain.config.trained_betas is None and schedule_warp(plain.config) == 1.0

    warped = build_scheduler(1000, prediction_type="sample", timestep_warp=0.4)
    # Step i has the noise of cosine time ((i + 1) / T) ** 0.4, from diffusers' own cosine formula.
    f = [math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2 for t in (0.0, 0.001 ** 0.4, 0.5 ** 0.4, 1.0)]
    ab = warped.alphas_cumprod
    assert float(ab[0]) == pytest.approx(f[1] / f[0], rel=1e-4)
    assert float(ab[499]) == pytest.approx(f[2] / f[0], rel=1e-4)
    assert float(ab[999]) < 1e-6 and float(plain.alphas_cumprod[0]) > float(ab[0])
    assert schedule_warp(warped.config) == 0.4
    # Plain diffusers builds both pipelines' schedulers from the stored config alone.
    for cls in (DDPMScheduler, DDIMScheduler):
        loaded = cls.from_config(dict(warped.config))
        assert torch.allclose(loaded.alphas_cumprod, ab)
    # A user's own trained_betas are not mistaken for a warp.
    own = build_scheduler(1000).config
    assert schedule_warp(dict(own, trained_betas=[0.01] * 1000)) == 1.0


def test_warped_draws_keep_the_noise_levels_of_the_plain_schedule():
    from toolkit.presets import build_scheduler
    from toolkit.training import draw_timesteps

    plain, warped = build_scheduler(1000), build_scheduler(1000, timestep_warp=0.4)
    n = 200_000
    t_plain = draw_timesteps(n, 1000, torch.Generator().manual_seed(0), "cpu")
    t_warped = draw_timesteps(n, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=0.4)
    noise_plain = (1 - plain.alphas_cumprod[t_plain]).sqrt()
    noise_warped = (1 - warped.alphas_cumprod[t_warped]).sqrt()
    for level in (0.2, 0.5, 0.9, 0.99):
        assert float((noise_warped < level).float().mean()) == pytest.approx(
            float((noise_plain < level).float().mean()), abs=0.01)
    # Drawn uniformly instead, the warped schedule's steps would sit at high noise far more often.
    uniform = (1 - warped.alphas_cumprod[t_plain]).sqrt()
    assert float((uniform < 0.5).float().mean()) < 0.5 * float((noise_plain < 0.5).float().mean())


def one_draw_per_stretch(t, num_train_timesteps, warp):
    """Whether the k-th smallest of n timesteps can come from cosine time in [k / n, (k + 1) / n): timestep i holds
    the cosine times u in ((i / T) ** warp, ((i + 1) / T) ** warp] (training.draw_timesteps)."""
    i = t.sort().values.double()
    k = torch.arange(len(t), dtype=torch.float64)
    low, high = (i / num_train_timesteps) ** warp, ((i + 1) / num_train_timesteps) ** warp
    return bool(((low < (k + 1) / len(t) + 1e-9) & (high >= k / len(t) - 1e-9)).all())


@pytest.mark.parametrize("warp", [1.0, 0.4])
def test_stratified_draws_put_one_timestep_in_each_stretch_of_cosine_time(warp):
    from toolkit.training import draw_timesteps

    for seed in range(3):
        t = draw_timesteps(100, 1000, torch.Generator().manual_seed(seed), "cpu", timestep_warp=warp,
                           sampling="stratified")
        assert one_draw_per_stretch(t, 1000, warp)
    # Independent draws of the same size miss that almost surely.
    t = draw_timesteps(100, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=warp)
    assert not one_draw_per_stretch(t, 1000, warp)


def cosine_time_of(t, warp, num_train_timesteps=1000):
    """About the middle of the cosine times timestep i holds: ((i / T) ** warp, ((i + 1) / T) ** warp]."""
    return ((t.double() + 0.5) / num_train_timesteps) ** warp


@pytest.mark.parametrize("warp", [1.0, 0.3])
def test_logit_normal_draws_crowd_the_middle_of_cosine_time(warp):
    from toolkit.training import draw_timesteps

    def middle_share(t):
        # sigmoid(+-1) bounds the middle.
        cosine_time = cosine_time_of(t, warp)
        return float(((cosine_time > 0.2689) & (cosine_time < 0.7311)).double().mean())

    t = draw_timesteps(20000, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=warp,
                       sampling="logit_normal")
    assert middle_share(t) == pytest.approx(0.683, abs=0.02)  # a standard normal's share within one sigma
    t = draw_timesteps(20000, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=warp)
    assert middle_share(t) == pytest.approx(0.462, abs=0.02)  # uniform cosine time: 0.7311 - 0.2689


def test_within_schedule_draws_do_not_pile_onto_timestep_zero():
    from toolkit.training import draw_timesteps

    def share(t, first, last):
        return float(((t >= first) & (t <= last)).double().mean())

    uniform = draw_timesteps(50000, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=0.3)
    within = draw_timesteps(50000, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=0.3,
                            sampling="within_schedule")
    # Timestep 0 holds cosine times up to 0.001 ** 0.3 = 0.126 under uniform draws; timestep 1 up to 0.002 ** 0.3.
    assert share(uniform, 0, 0) == pytest.approx(0.126, abs=0.01)
    assert share(within, 0, 0) == pytest.approx(share(within, 1, 1), abs=0.005)
    # Above timestep 0 the draws keep the uniform draws' proportions, each level about 1 / (1 - 0.097) as often.
    for first, last in [(1, 8), (9, 99), (100, 703), (704, 999)]:
        assert share(within, first, last) == pytest.approx(share(uniform, first, last) / (1 - 0.0969), rel=0.05)
    # Without a warp there is no pile-up, and the draws are uniform over the timesteps.
    flat = draw_timesteps(50000, 1000, torch.Generator().manual_seed(0), "cpu", sampling="within_schedule")
    assert share(flat, 0, 499) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize("warp", [1.0, 0.3])
def test_noisy_tenth_draws_the_noisiest_levels_twice_as_often(warp):
    from toolkit.training import draw_timesteps

    def noisiest_share(t):
        return float((cosine_time_of(t, warp) > 0.9).double().mean())

    t = draw_timesteps(50000, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=warp,
                       sampling="noisy_tenth")
    assert noisiest_share(t) == pytest.approx(0.19, abs=0.01)
    t = draw_timesteps(50000, 1000, torch.Generator().manual_seed(0), "cpu", timestep_warp=warp)
    assert noisiest_share(t) == pytest.approx(0.10, abs=0.01)


def test_stratified_sampling_reaches_the_training_loop(tmp_path, monkeypatch):
    from conftest import tiny_config
    from toolkit import training

    seen = []
    real = training.draw_timesteps

    def spy(*args, **kwargs):
        t = real(*args, **kwargs)
        seen.append((t, args[1]))
        return t

    monkeypatch.setattr(training, "draw_timesteps", spy)
    training.train(tiny_config(tmp_path, timestep_sampling="stratified", max_train_steps=2, train_batch_size=16,
                               timestep_warp=1.0))
    assert len(seen) >= 2
    for t, num_train_timesteps in seen:
        assert one_draw_per_stretch(t, num_train_timesteps, 1.0)
    with pytest.raises(SpriteError, match="--timestep_sampling must be one of uniform, stratified"):
        tiny_config(tmp_path, timestep_sampling="sobol")


@pytest.mark.parametrize("overrides,message", [
    (dict(timestep_warp=0.0), "must be in \\(0, 1\\]"),
    (dict(timestep_warp=1.5), "must be in \\(0, 1\\]"),
])
def test_bad_timestep_warp(tmp_path, overrides, message):
    from conftest import tiny_config

    with pytest.raises(SpriteError, match=message):
        tiny_config(tmp_path, **overrides)


def test_warp_needs_the_cosine_schedule(tmp_path):
    from conftest import tiny_config

    from toolkit.presets import build_scheduler

    with pytest.raises(SpriteError, match="warps the cosine schedule"):
        tiny_config(tmp_path, ddpm_beta_schedule="linear", timestep_warp=0.5)
    with pytest.raises(ValueError, match="warps the cosine schedule"):
        build_scheduler(1000, beta_schedule="linear", timestep_warp=0.5)


def test_a_new_model_is_warped_unless_told_or_on_another_schedule(tmp_path):
    from conftest import tiny_config

    from toolkit.presets import DEFAULT_TIMESTEP_WARP
    from toolkit.training import timestep_warp_for

    assert timestep_warp_for(tiny_config(tmp_path)) == DEFAULT_TIMESTEP_WARP
    assert timestep_warp_for(tiny_config(tmp_path, timestep_warp=1.0)) == 1.0
    assert timestep_warp_for(tiny_config(tmp_path, timestep_warp=0.7)) == 0.7
    assert timestep_warp_for(tiny_config(tmp_path, ddpm_beta_schedule="linear")) == 1.0


def test_resuming_keeps_the_checkpoints_schedule_and_refuses_another(tmp_path):
    import json

    from conftest import tiny_config

    from toolkit.presets import schedule_warp
    from toolkit.training import train

    train(tiny_config(tmp_path, timestep_warp=0.5, max_train_steps=2))
    with pytest.raises(SpriteError, match="trained with --timestep_warp 0.5 .*add --timestep_warp 0.5 to resume"):
        train(tiny_config(tmp_path, timestep_warp=1.0, max_train_steps=4, resume_from_checkpoint="latest"))
    # Unset, the warp is the checkpoint's own, not the default a new model would get.
    train(tiny_config(tmp_path, max_train_steps=4, resume_from_checkpoint="latest"))
    sched = json.load(open(tmp_path / "export" / "scheduler" / "scheduler_config.json"))
    assert schedule_warp(sched) == 0.5
