"""The parts of a diffusers `train_unconditional`-style loop that the throughput and time-to-quality benchmarks
share: per-sample PIL transforms through a `datasets` transform, and the example's training step."""

import numpy as np
import torch
import torch.nn.functional as F


def per_sample_dataset(ds, resolution, seed=0):
    """`ds` with a transform that resizes (BILINEAR, as the example does), flips and tensorises one image at a time."""
    from PIL import Image

    rng = np.random.default_rng(seed)

    def transform(batch):
        pixels = []
        for img in batch["image"]:
            img = img.convert("RGB").resize((resolution, resolution), Image.BILINEAR)
            if rng.random() < 0.5:
                img = img.transpose(Image.FLIP_LEFT_RIGHT)
            x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255).permute(2, 0, 1)
            pixels.append((x - 0.5) / 0.5)
        return {"input": pixels}

    ds.set_transform(transform)
    return ds


def example_step(model, scheduler, optimizer, ema, clean, backward=None, clip=None, lr_scheduler=None):
    """One step of the example: epsilon MSE, gradient clipping at 1.0, optimizer, LR and EMA updates.

    `backward` and `clip` default to plain torch; pass accelerate's to run it through an Accelerator.
    """
    noise = torch.randn_like(clean)
    t = torch.randint(0, scheduler.config.num_train_timesteps, (clean.shape[0],), device=clean.device)
    loss = F.mse_loss(model(scheduler.add_noise(clean, noise, t), t).sample, noise)
    (backward or torch.Tensor.backward)(loss)
    (clip or torch.nn.utils.clip_grad_norm_)(model.parameters(), 1.0)
    optimizer.step()
    if lr_scheduler is not None:
        lr_scheduler.step()
    optimizer.zero_grad()
    ema.step(model.parameters())
    return clean.shape[0]
