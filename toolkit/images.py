"""Pictures for people: sprite grids (upscaled with NEAREST so pixels stay square) and the loss curve."""

import math

import numpy as np
import torch
from PIL import Image


def to_uint8(pixels):
    """(N, C, H, W) tensor in [-1, 1] -> (N, H, W, C) uint8 array."""
    pixels = (pixels.detach().float().clamp(-1, 1) + 1) * 127.5
    return pixels.round().to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()


def make_grid(images, ncols=None, upscale=4, padding=1, pad_colour=(40, 40, 40)):
    """A grid image from PIL images or an (N, H, W, 3) uint8 array, each cell upscaled with NEAREST."""
    if isinstance(images, np.ndarray):
        images = [Image.fromarray(a) for a in images]
    if not images:
        raise ValueError("make_grid needs at least one image")
    ncols = ncols or math.ceil(math.sqrt(len(images)))
    nrows = math.ceil(len(images) / ncols)
    w, h = images[0].size
    grid = Image.new("RGB", (ncols * (w + padding) + padding, nrows * (h + padding) + padding), pad_colour)
    for i, img in enumerate(images):
        r, c = divmod(i, ncols)
        grid.paste(img.convert("RGB"), (padding + c * (w + padding), padding + r * (h + padding)))
    return grid.resize((grid.width * upscale, grid.height * upscale), Image.NEAREST)


def save_loss_curve(steps, losses, path, title="training loss"):
    """Plot raw losses and a moving average against the step; returns the path."""
    import matplotlib

    matplotlib.use("Agg")  # no display on training machines
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5), dpi=100)
    ax.plot(steps, losses, lw=0.5, alpha=0.35, color="tab:blue", label="loss")
    if len(losses) >= 10:
        window = max(5, len(losses) // 50)
        smooth = np.convolve(losses, np.ones(window) / window, mode="valid")
        ax.plot(steps[window - 1:], smooth, color="tab:blue", label=f"mean of {window}")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss")
    ax.set_yscale("log")
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
