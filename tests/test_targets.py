"""--target_reference_size: posterior-mean training targets over reference sprites (the stable target field)."""

import pytest
import torch

from conftest import tiny_config
from toolkit.data import SpriteBatches
from toolkit.errors import SpriteError
from toolkit.presets import build_scheduler
from toolkit.training import make_accelerator, posterior_mean_targets, setup_run, training_batch


def _scheduler():
    return build_scheduler(num_train_timesteps=1000, prediction_type="sample", timestep_warp=0.3)


def _constant_sprites(*values):
    return torch.stack([torch.full((4, 2, 2), float(v)) for v in values])


def test_the_target_is_the_likelihood_weighted_mean_of_the_references():
    scheduler = _scheduler()
    reference = _constant_sprites(-1.0, 0.0, 0.5)
    noisy = torch.tensor([0.3, -0.8, 0.1])[:, None, None, None].expand(3, 4, 2, 2).clone()
    timesteps = torch.tensor([500, 700, 900])
    clean, noise = posterior_mean_targets(noisy, timesteps, scheduler, reference)
    for row in range(3):
        a_bar = scheduler.alphas_cumprod[timesteps[row]]
        # Written out the long way: the Gaussian likelihood of each reference having been noised into this sprite.
        log_lik = torch.stack([-((noisy[row] - a_bar.sqrt() * r) ** 2).sum() / (2 * (1 - a_bar)) for r in reference])
        weights = log_lik.softmax(0)
        expected = (weights[:, None, None, None] * reference).sum(0)
        assert torch.allclose(clean[row], expected, atol=1e-5)
        assert torch.allclose(noise[row], (noisy[row] - a_bar.sqrt() * expected) / (1 - a_bar).sqrt(), atol=1e-4)


def test_low_noise_keeps_the_own_sprite_and_pure_noise_gives_the_mean():
    scheduler = _scheduler()
    gen = torch.Generator().manual_seed(0)
    reference = torch.rand(50, 4, 8, 8, generator=gen) * 2 - 1
    clean = reference[:10]
    noise = torch.randn(clean.shape, generator=gen)
    low, high = torch.full((10,), 0), torch.full((10,), 999)
    target, target_noise = posterior_mean_targets(scheduler.add_noise(clean, noise, low), low, scheduler, reference)
    assert torch.allclose(target, clean, atol=1e-4) and torch.allclose(target_noise, noise, atol=1e-3)
    target, _ = posterior_mean_targets(scheduler.add_noise(clean, noise, high), high, scheduler, reference)
    assert torch.allclose(target, reference.mean(0).expand_as(target), atol=1e-3)
    # Either way the targets noise back into exactly the noisy sprites the UNet sees.
    for t in (low, torch.full((10,), 600)):
        noisy = scheduler.add_noise(clean, noise, t)
        target, target_noise = posterior_mean_targets(noisy, t, scheduler, reference)
        assert torch.allclose(scheduler.add_noise(target, target_noise, t), noisy, atol=1e-4)


def test_a_class_label_keeps_the_mean_to_its_own_class_and_a_dropped_one_takes_all():
    scheduler = _scheduler()
    reference = _constant_sprites(-1.0, -0.5, 0.5, 1.0)
    reference_labels = torch.tensor([0, 0, 1, 1])
    noisy = torch.zeros(3, 4, 2, 2)
    timesteps = torch.full((3,), 999)  # almost pure noise: every allowed reference weighs the same
    clean, _ = posterior_mean_targets(noisy, timesteps, scheduler, reference, reference_labels,
                                      class_labels=torch.tensor([0, 1, 2]), null_class=2)
    assert clean[:, 0, 0, 0].tolist() == pytest.approx([-0.75, 0.75, 0.0], abs=1e-4)


def test_the_reference_is_every_sprite_when_they_fit_and_a_draw_around_the_batch_otherwise():
    images = torch.arange(10, dtype=torch.uint8)[:, None, None, None].expand(10, 4, 2, 2).contiguous() * 20
    images[:, :, :, 1] += 1  # left and right differ, so mirrored copies can be told apart
    labels = torch.arange(10) % 3
    batches = SpriteBatches(images, labels, batch_size=4, seed=0)
    pixels, batch_labels = batches.get(0)
    ref, ref_labels = batches.reference(10, torch.Generator().manual_seed(0), pixels, batch_labels)
    assert torch.equal(ref, images.float() / 127.5 - 1) and torch.equal(ref_labels, labels)
    flipping = SpriteBatches(images, labels, batch_size=4, seed=0, random_flip=True)
    ref, _ = flipping.reference(20, torch.Generator().manual_seed(0), pixels, batch_labels)
    assert len(ref) == 20 and torch.equal(ref[10:], ref[:10].flip(-1))
    drawn = [batches.reference(7, torch.Generator().manual_seed(1), pixels, batch_labels) for _ in range(2)]
    ref, ref_labels = drawn[0]
    assert len(ref) == 7 and torch.equal(ref[:4], pixels) and torch.equal(ref_labels[:4], batch_labels)
    assert torch.equal(drawn[0][0], drawn[1][0])  # a function of the generator: a resumed run draws the same
    own = images.float() / 127.5 - 1
    assert all(any(torch.equal(r, s) for s in own) for r in ref[4:])


def test_the_training_batch_carries_the_posterior_mean_targets(tmp_path):
    cfg = tiny_config(tmp_path, timestep_warp=1.0)
    run = setup_run(cfg, make_accelerator(cfg))
    plain_clean, noisy, plain_noise, timesteps, _ = training_batch(run, 0)
    run.cfg.target_reference_size = 4096
    clean, noisy_again, noise, timesteps_again, _ = training_batch(run, 0)
    assert torch.equal(noisy, noisy_again) and torch.equal(timesteps, timesteps_again)  # the same draws
    everything = run.batches.images.float() / 127.5 - 1
    expected, expected_noise = posterior_mean_targets(noisy, timesteps, run.noise_scheduler, everything)
    assert torch.allclose(clean, expected) and torch.allclose(noise, expected_noise)
    assert not torch.allclose(clean, plain_clean, atol=1e-2)  # the tiny schedule's noisiest draws moved


@pytest.mark.parametrize("overrides,message", [
    (dict(target_reference_size=-1), "--target_reference_size must be 0"),
    (dict(target_reference_size=64, input_perturbation=0.1), "cannot be combined"),
])
def test_bad_reference_options(tmp_path, overrides, message):
    with pytest.raises(SpriteError, match=message):
        tiny_config(tmp_path, **overrides)
