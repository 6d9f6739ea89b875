"""SpriteConditionalPipeline: class-conditional sprite sampling with classifier-free guidance and label blends.

This file is copied verbatim into every conditional export, so that in an environment with only torch and diffusers
`DiffusionPipeline.from_pretrained(folder, trust_remote_code=True)` loads it. It must import nothing but torch and
diffusers.

The UNet is a plain `UNet2DModel` with `num_class_embeds = number of classes + 1`; the last id is the "no class"
condition used for classifier-free guidance. A context vector w (one weight per class, e.g. 0.6 food + 0.4 spell)
is embedded as w @ E, E being the class embedding table: for one-hot vectors that is exactly the class embedding, and
in general it is a linear projection of the context vector, as in the course's ContextUnet.

RGBA models are trained on premultiplied alpha (an invisible pixel is (0, 0, 0, 0)). `finish_sprites` turns raw
samples into what a game uses: alpha snapped to fully opaque or fully clear (where the training data's alpha was),
colour divided back out of the alpha, and every opaque pixel snapped to the nearest colour of the data's palette
(no dithering). The pipeline applies it with the palette and alpha rule stored in its config.
"""

import inspect
from typing import Callable, Dict, List, Optional, Sequence, Union

import numpy as np
import torch
from diffusers import DiffusionPipeline, ImagePipelineOutput
from diffusers.utils.torch_utils import randn_tensor
from PIL import Image


def finish_sprites(images: np.ndarray, palette=None, binary_alpha: bool = True,
                   max_colors: Optional[int] = None) -> np.ndarray:
    """(N, H, W, C) floats in [0, 1] -> the same with alpha snapped and colours snapped to `palette`.

    palette: (K, 3) colours in 0..255 (or '#rrggbb' strings), or None to keep the colours. For 4 channels the colour
    is un-premultiplied, and with `binary_alpha` alpha becomes 0 or 1 at 0.5 and clear pixels become (0, 0, 0, 0).
    max_colors: after snapping to the palette, at most this many colours per sprite (see `limit_colors`).
    """
    images = np.array(images, dtype=np.float64)
    rgb = images[..., :3]
    if images.shape[-1] == 4:
        alpha = images[..., 3:]
        rgb = np.clip(rgb / np.maximum(alpha, 1e-3), 0, 1)
        if binary_alpha:
            alpha = (alpha >= 0.5).astype(np.float64)
        rgb = np.where(alpha > 0, rgb, 0.0)
        images[..., 3:] = alpha
    if palette is not None and len(palette):
        if isinstance(palette[0], str):
            palette = [[int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)] for c in palette]
        colours = np.asarray(palette, dtype=np.float64) / 255.0
        flat = rgb.reshape(-1, 3)
        # Nearest colour by |x - c|^2 = |x|^2 - 2 x.c + |c|^2 (|x|^2 does not change the winner).
        index = ((colours ** 2).sum(1)[None] / 2 - flat @ colours.T).argmin(1)
        snapped = colours[index].reshape(rgb.shape)
        rgb = np.where(images[..., 3:] > 0, snapped, 0.0) if images.shape[-1] == 4 else snapped
        if max_colors:
            opaque = images[..., 3] > 0 if images.shape[-1] == 4 else np.ones(rgb.shape[:-1], dtype=bool)
            rgb = limit_colors(rgb, opaque, max_colors)
    images[..., :3] = rgb
    return images


def limit_colors(rgb: np.ndarray, opaque: np.ndarray, max_colors: int) -> np.ndarray:
    """(N, H, W, 3) colours with at most `max_colors` distinct colours among each sprite's `opaque` pixels.

    A pixel artist gives each sprite a small colour budget. Snapping to the data's palette alone leaves a sample with
    more colours than its training sprites use (a palette of ~200 colours has near neighbours for every shade), so
    the sprite's own colours are merged greedily: each time, the colour whose pixels would move least in total
    (pixel count x squared distance) is replaced by its nearest remaining colour. No new colour is introduced, so
    palette-snapped sprites stay on the palette.
    """
    out = np.array(rgb, dtype=np.float64)
    for sprite, mask in zip(out, np.asarray(opaque, dtype=bool)):
        colours, inverse, counts = np.unique(sprite[mask], axis=0, return_inverse=True, return_counts=True)
        if len(colours) <= max_colors:
            continue
        inverse = inverse.reshape(-1)
        dist = ((colours[:, None] - colours[None]) ** 2).sum(-1)
        np.fill_diagonal(dist, np.inf)
        target, counts, alive = np.arange(len(colours)), counts.astype(np.float64), np.ones(len(colours), bool)
        for _ in range(len(colours) - max_colors):
            cost = counts[:, None] * dist
            cost[~alive], cost[:, ~alive] = np.inf, np.inf
            gone, kept = np.unravel_index(cost.argmin(), cost.shape)
            alive[gone], counts[kept] = False, counts[kept] + counts[gone]
            target[target == gone] = kept
        sprite[mask] = colours[target[inverse]]
    return out


class _ContextEmbedding(torch.nn.Module):
    """Embeds (B, num_class_embeds) weight vectors through an nn.Embedding's table."""

    def __init__(self, table: torch.nn.Embedding):
        super().__init__()
        self.table = table

    def forward(self, weights):
        return weights.to(self.table.weight.dtype) @ self.table.weight


class SpriteConditionalPipeline(DiffusionPipeline):
    """Sample sprites of given classes (names or ids) or blends of classes, with classifier-free guidance."""

    model_cpu_offload_seq = "unet"

    def __init__(self, unet, scheduler, id2label: Optional[Dict[str, str]] = None, palette: Optional[List[str]] = None,
                 binary_alpha: bool = True, max_colors: Optional[int] = None):
        super().__init__()
        self.register_modules(unet=unet, scheduler=scheduler)
        num_classes = (unet.config.num_class_embeds or 1) - 1
        id2label = {str(k): v for k, v in (id2label or {str(i): f"class_{i}" for i in range(num_classes)}).items()}
        # palette: '#rrggbb' colours that samples are snapped to (None: keep the raw colours); max_colors: the
        # colour budget of one sprite after snapping (None: no budget).
        self.register_to_config(id2label=id2label, palette=list(palette) if palette is not None else None,
                                binary_alpha=bool(binary_alpha), max_colors=int(max_colors) if max_colors else None)

    @property
    def conditional(self) -> bool:
        """Whether the UNet takes class conditions (an unconditional UNet can be sampled by this pipeline too)."""
        return self.unet.config.num_class_embeds is not None

    @property
    def labels(self) -> List[str]:
        """The class names, in id order."""
        return [self.config.id2label[str(i)] for i in range(len(self.config.id2label))]

    def context_vectors(self, class_labels=None, context=None, batch_size=None) -> torch.Tensor:
        """(B, num_classes) weights from names, ids or weight vectors; raises ValueError with the fix on bad input."""
        names = self.labels
        if class_labels is not None and context is not None:
            raise ValueError("Pass either class_labels or context, not both.")
        if context is not None:
            weights = torch.as_tensor(np.asarray(context, dtype=np.float32))
            if weights.ndim == 1:
                weights = weights[None]
            if weights.ndim != 2 or weights.shape[1] != len(names):
                raise ValueError(f"A context vector needs {len(names)} weights ({', '.join(names)}), got shape "
                                 f"{tuple(weights.shape)}.")
            if (weights < 0).any():
                raise ValueError("Context weights must not be negative; use e.g. 0.6 and 0.4 for a blend.")
        elif class_labels is not None:
            if isinstance(class_labels, (str, int)):
                class_labels = [class_labels]
            ids = []
            for label in class_labels:
                if isinstance(label, str) and not label.isdigit():
                    if label not in names:
                        raise ValueError(f"Unknown label {label!r}; known labels: {', '.join(names)}.")
                    ids.append(names.index(label))
                else:
                    if not 0 <= int(label) < len(names):
                        raise ValueError(f"Label id {label} is out of range 0..{len(names) - 1} ({', '.join(names)}).")
                    ids.append(int(label))
            weights = torch.nn.functional.one_hot(torch.tensor(ids), len(names)).float()
        else:
            raise ValueError(f"Pass class_labels (any of {', '.join(names)}) or context vectors.")
        if batch_size is not None and len(weights) == 1:
            weights = weights.expand(batch_size, -1)
        return weights

    @torch.no_grad()
    def __call__(
        self,
        class_labels: Optional[Union[str, int, Sequence[Union[str, int]]]] = None,
        context: Optional[Union[Sequence[float], Sequence[Sequence[float]], torch.Tensor]] = None,
        guidance_scale: float = 2.0,
        num_inference_steps: int = 50,
        generator: Optional[torch.Generator] = None,
        batch_size: Optional[int] = None,
        output_type: str = "pil",
        return_dict: bool = True,
        callback: Optional[Callable[[int, int, torch.Tensor], None]] = None,
        snap_to_palette: bool = True,
    ):
        """Sample one sprite per label or context row (or `batch_size` of a single one).

        guidance_scale: 0 ignores the labels, 1 is plain conditional sampling, larger follows the label more closely.
        callback(step, timestep, sample) is called after every denoising step (e.g. to record a trajectory).
        snap_to_palette: snap colours to the palette in this pipeline's config, within its per-sprite colour budget
        (alpha is finished either way).
        """
        if guidance_scale < 0:
            raise ValueError(f"guidance_scale must be 0 or more, got {guidance_scale}.")
        if self.conditional:
            weights = self.context_vectors(class_labels, context, batch_size)
            n = len(weights)
            cond = torch.cat([weights, torch.zeros(n, 1)], dim=1)  # the last slot is the null class
            null = torch.zeros_like(cond)
            null[:, -1] = 1.0
        elif class_labels is not None or context is not None:
            raise ValueError("This model is unconditional: it takes no class_labels or context; pass batch_size.")
        else:
            n = batch_size or 1
        device = self._execution_device
        res = self.unet.config.sample_size
        shape = (n, self.unet.config.in_channels, res, res)
        image = randn_tensor(shape, generator=generator, device=torch.device("cpu"), dtype=self.unet.dtype).to(device)
        self.scheduler.set_timesteps(num_inference_steps, device=device)
        image = image * self.scheduler.init_noise_sigma
        use_cfg = self.conditional and guidance_scale != 1.0
        contexts = None
        if self.conditional:
            contexts = (torch.cat([null, cond]) if use_cfg else cond).to(device)
        step_kwargs = {"generator": generator} if "generator" in inspect.signature(self.scheduler.step).parameters \
            else {}

        original = self.unet.class_embedding
        if self.conditional:
            self.unet.class_embedding = _ContextEmbedding(original)
        try:
            for i, t in enumerate(self.progress_bar(self.scheduler.timesteps)):
                model_in = torch.cat([image, image]) if use_cfg else image
                model_in = self.scheduler.scale_model_input(model_in, t)
                out = self.unet(model_in, t, class_labels=contexts).sample
                if use_cfg:
                    uncond, conditional = out.chunk(2)
                    out = uncond + guidance_scale * (conditional - uncond)
                image = self.scheduler.step(out, t, image, **step_kwargs).prev_sample
                if callback is not None:
                    callback(i, int(t), image)
        finally:
            self.unet.class_embedding = original

        image = (image / 2 + 0.5).clamp(0, 1).cpu().permute(0, 2, 3, 1).float().numpy()
        palette = getattr(self.config, "palette", None) if snap_to_palette else None
        image = finish_sprites(image, palette, getattr(self.config, "binary_alpha", True),
                               getattr(self.config, "max_colors", None)).astype(np.float32)
        if output_type == "pil":
            image = [Image.fromarray((x * 255).round().astype("uint8")) for x in image]
        if not return_dict:
            return (image,)
        return ImagePipelineOutput(images=image)
