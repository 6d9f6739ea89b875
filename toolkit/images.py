"""Pictures for people: sprite grids (upscaled with NEAREST so pixels stay square, transparent sprites over a
checkerboard) and the loss curve; and compositing transparent sprites onto a colour."""

import math

import numpy as np
import torch
from PIL import Image


# Two greys in squares of CHECKER native pixels behind transparent sprites, as image editors show transparency.
CHECKER = 4
CHECKER_GREYS = (150, 110)


def to_uint8(pixels):
    """(N, C, H, W) tensor in [-1, 1] -> (N, H, W, C) uint8 array."""
    pixels = (pixels.detach().float().clamp(-1, 1) + 1) * 127.5
    return pixels.round().to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()


def composite(images, background=(0, 0, 0), premultiplied=False):
    """(N, H, W, 4) uint8 sprites -> (N, H, W, 3) uint8 over `background`; 3-channel input comes back as it is.

    Samples (straight alpha) and training tensors (premultiplied) go through this one rule, so the evaluator sees
    both composited the same way.
    """
    images = np.asarray(images)
    if images.shape[-1] == 3:
        return images
    rgb, alpha = images[..., :3].astype(np.float64), images[..., 3:].astype(np.float64) / 255
    colour = rgb if premultiplied else rgb * alpha
    return (colour + np.asarray(background, dtype=np.float64) * (1 - alpha)).round().clip(0, 255).astype(np.uint8)


def checkerboard(width, height):
    """An RGBA checkerboard of CHECKER-pixel squares in CHECKER_GREYS."""
    y, x = np.mgrid[:height, :width]
    grey = np.where((y // CHECKER + x // CHECKER) % 2, *CHECKER_GREYS).astype(np.uint8)
    return Image.fromarray(np.dstack([grey, grey, grey, np.full_like(grey, 255)]), "RGBA")


def make_grid(images, ncols=None, upscale=4, padding=1, pad_colour=(40, 40, 40)):
    """A grid image from PIL images or an (N, H, W, C) uint8 array, each cell upscaled with NEAREST.

    Transparent sprites (RGBA) are shown over a checkerboard. With `padding=0` and RGBA input the result keeps the
    alpha instead: a sprite sheet.
    """
    if isinstance(images, np.ndarray):
        images = [Image.fromarray(a) for a in images]
    if not images:
        raise ValueError("make_grid needs at least one image")
    ncols = ncols or math.ceil(math.sqrt(len(images)))
    nrows = math.ceil(len(images) / ncols)
    w, h = images[0].size
    size = (ncols * (w + padding) + padding, nrows * (h + padding) + padding)
    sheet = padding == 0 and images[0].mode == "RGBA"
    grid = Image.new("RGBA" if sheet else "RGB", size, (0, 0, 0, 0) if sheet else pad_colour)
    behind = checkerboard(w, h)
    for i, img in enumerate(images):
        r, c = divmod(i, ncols)
        if img.mode == "RGBA" and not sheet:
            img = Image.alpha_composite(behind, img).convert("RGB")
        grid.paste(img, (padding + c * (w + padding), padding + r * (h + padding)))
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
