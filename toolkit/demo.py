"""The browser demo's work, without the browser: load a model, check what the app's controls ask for, sample with the
functions `sprite-diffusion sample` uses while the denoising streams out, and write the downloads.

`toolkit/demo_app.py` lays this out as a Gradio app. Nothing here imports gradio, so the checks and the sampling are
tested without it, and the toolkit does not need gradio unless the app runs.
"""

import atexit
import math
import os
import queue
import shutil
import tempfile
import threading
import time
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import List, Optional, Sequence

import numpy as np
from PIL import Image, ImageColor

from .config import DEMO_MAX_IMAGES, DEMO_MAX_STEPS
from .errors import SpriteError
from .images import composite, make_grid, to_uint8
from .palette import choose_color_budget, choose_palette
from .samplers import SAMPLERS
from .models import load_format, load_model
from .sampling import build_pipeline, generate, save_sprites

CONDITIONS = ("class", "blend")
EVERY_CLASS = "every class (a row each)"
BACKGROUNDS = ("transparent", "solid")
# Seeds the browser can hold exactly (JavaScript numbers lose whole numbers above 2**53; 2**32 is plenty).
MAX_SEED = 2 ** 32 - 1
# The animation is refreshed at most this often: a browser shows no more, and every frame costs a PNG.
FRAME_INTERVAL_S = 0.15
# Denoising frames kept for the animation (every k-th step), so 1000 steps of 64 sprites stay a few MB.
MAX_FRAMES = 100
# Result folders kept on disk; the app has copied older ones' files into its own cache by the time they go.
KEEP_RUNS = 8
# Models loaded through the app's model box that stay in memory besides the one the app started with.
KEEP_MODELS = 2


@dataclass
class LoadedModel:
    """A model as `sprite-diffusion sample` loads it: its UNet, scheduler config, labels and sprite format."""

    name: str
    unet: object
    scheduler_config: dict
    id2label: Optional[dict]
    fmt: Optional[dict]

    @property
    def conditional(self):
        return self.unet.config.num_class_embeds is not None

    @cached_property
    def labels(self):
        """Class names in id order ([] for an unconditional model), named as the pipeline names them."""
        if not self.conditional:
            return []
        return build_pipeline(self.unet, self.scheduler_config, "ddpm", self.id2label).labels

    @property
    def palette(self):
        """The model's own palette as (K, 3) uint8, or None where it stores none."""
        return choose_palette(None, self.fmt, self.name)

    def color_budget(self, palette):
        """Colours a sprite may keep after snapping to `palette`: the model's budget, as `sample` applies it."""
        return choose_color_budget(None, self.fmt, palette)

    @property
    def trained_steps(self):
        """The noise steps of training: no sampler takes more."""
        return self.scheduler_config.get("num_train_timesteps", DEMO_MAX_STEPS)

    @property
    def binary_alpha(self):
        return not self.fmt or self.fmt.get("alpha") != "smooth"

    @property
    def rgba(self):
        return self.unet.config.in_channels == 4

    def describe(self):
        """One line for the app: what the model makes."""
        size = self.unet.config.sample_size
        kind = f"{len(self.labels)} classes ({', '.join(self.labels)})" if self.conditional else "unconditional"
        palette = self.palette
        colours = f"a palette of {len(palette)} colours" if palette is not None else "no palette"
        return f"{self.name}: {size}x{size} {'RGBA' if self.rgba else 'RGB'} sprites, {kind}, {colours}."


def load(name):
    """The LoadedModel of an export folder, Hub id, checkpoint folder or LoRA adapter; a SpriteError says why not."""
    name = (name or "").strip()
    if not name:
        raise SpriteError("No model given; enter an export folder, a Hub id (owner/name), a checkpoint folder or a "
                          "LoRA adapter folder.")
    try:
        unet, scheduler_config, id2label = load_model(name)
        fmt = load_format(name)
    except SpriteError:
        raise
    except Exception as err:  # noqa: BLE001 - a half-written or foreign folder can fail anywhere below diffusers
        reason = str(err).strip().splitlines()[0] if str(err).strip() else "no details"
        raise SpriteError(f"Could not load {name} ({type(err).__name__}: {reason}); check that it is an export, "
                          f"a Hub id, a checkpoint or a LoRA adapter folder.") from None
    return LoadedModel(name, unet.eval(), scheduler_config, id2label, fmt)


def default_steps(scheduler, model=None):
    """The step count `sample` uses for a sampler, at most the noise steps `model` was trained with."""
    steps = SAMPLERS[scheduler].default_steps if scheduler in SAMPLERS else None
    return min(steps, model.trained_steps) if steps and model is not None else steps


@dataclass
class Settings:
    """What the app's controls say, as the browser sends it; `check` turns it into a Plan or one clear sentence."""

    scheduler: str = "ddpm"
    steps: object = None  # None: the sampler's own
    seed: object = 0
    num_images: object = 16
    condition: Optional[str] = None  # "class" or "blend"; conditional models only
    label: Optional[str] = None  # a class name or EVERY_CLASS, with condition "class"
    blend: Optional[Sequence[float]] = None  # one weight per class, with condition "blend"
    guidance_scale: object = 2.0
    snap_to_palette: bool = True
    background: str = "transparent"
    colour: str = "#000000"  # the solid background


@dataclass
class Plan:
    """Checked settings: exactly what `generate` and the downloads are called with."""

    scheduler: str
    steps: int
    seed: int
    num_images: int
    class_labels: Optional[List[str]]
    context: Optional[List[List[float]]]
    ncols: Optional[int]
    guidance_scale: float
    palette: Optional[np.ndarray]
    max_colors: Optional[int]  # per sprite, after snapping to the palette
    background: Optional[tuple]  # an RGB colour to composite onto, or None to keep transparency


def whole_number(value, name, low, high):
    """`value` as an int from `low` to `high`, or a SpriteError naming the control and the range."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not math.isfinite(number) or not number.is_integer() or not low <= number <= high:
        shown = f"{value:g}" if isinstance(value, (int, float)) else repr(value)
        raise SpriteError(f"{name} must be a whole number from {low} to {high}, got {shown}; pick one in that range.")
    return int(number)


def parse_colour(text):
    """An RGB tuple from '#rrggbb', a colour name, or the rgb()/rgba() text colour pickers send."""
    try:
        rgb = ImageColor.getrgb(str(text).strip())
    except ValueError:
        rgb = None
        inside = str(text).strip()
        if inside.startswith(("rgb(", "rgba(")) and inside.endswith(")"):
            try:
                rgb = tuple(round(float(v)) for v in inside[inside.index("(") + 1:-1].split(",")[:3])
            except ValueError:
                rgb = None
    if rgb is None or len(rgb) < 3 or not all(0 <= v <= 255 for v in rgb[:3]):
        raise SpriteError(f"{text!r} is not a colour; pick one with the colour picker or write it as #rrggbb.")
    return tuple(int(v) for v in rgb[:3])


def check(model, settings):
    """The Plan for `settings` on `model`; a SpriteError with one sentence for anything the model cannot do."""
    s = settings
    if s.scheduler not in SAMPLERS:
        raise SpriteError(f"Sampler must be one of {', '.join(SAMPLERS)}, got {s.scheduler!r}.")
    steps = default_steps(s.scheduler, model) if s.steps is None else s.steps
    steps = whole_number(steps, "Steps", 1, DEMO_MAX_STEPS)
    trained = model.trained_steps
    if steps > trained:
        raise SpriteError(f"Steps must be at most {trained} for {model.name}, which was trained with {trained} noise "
                          f"steps; pick {trained} or fewer.")
    seed = whole_number(s.seed, "The seed", 0, MAX_SEED)
    count = whole_number(s.num_images, "The number of sprites", 1, DEMO_MAX_IMAGES)
    try:
        guidance = float(s.guidance_scale)
    except (TypeError, ValueError):
        guidance = -1.0
    if not math.isfinite(guidance) or guidance < 0:
        raise SpriteError(f"The guidance scale must be 0 or more, got {s.guidance_scale!r}.")
    class_labels, context, ncols = _conditions(model, s, count)
    total = len(class_labels or context or []) or count
    if total > DEMO_MAX_IMAGES:
        raise SpriteError(f"Every class at {count} sprites each makes {total} sprites, more than {DEMO_MAX_IMAGES}; "
                          f"lower the number of sprites to {DEMO_MAX_IMAGES // len(model.labels)} or less.")
    if s.background not in BACKGROUNDS:
        raise SpriteError(f"The background must be transparent or solid, got {s.background!r}.")
    background = parse_colour(s.colour) if s.background == "solid" else None
    palette = model.palette if s.snap_to_palette else None
    return Plan(s.scheduler, steps, seed, count, class_labels, context, ncols, guidance, palette,
                model.color_budget(palette), background)


def _conditions(model, s, count):
    """(class_labels, context, grid columns) for the class or blend the settings ask for, checked against the model."""
    if not model.conditional:
        if s.condition == "blend" or s.label or s.blend is not None:
            raise SpriteError(f"{model.name} is an unconditional model: it takes no class or blend; clear them and "
                              f"sample it as it is.")
        return None, None, None
    names = model.labels
    condition = s.condition or ("blend" if s.blend is not None else "class")
    if condition not in CONDITIONS:
        raise SpriteError(f"The condition must be class or blend, got {condition!r}.")
    if condition == "class":
        label = s.label or EVERY_CLASS
        if label == EVERY_CLASS:
            return [name for name in names for _ in range(count)], None, count
        if label not in names:
            raise SpriteError(f"Unknown class {label!r}; pick one of {', '.join(names)}.")
        return [label] * count, None, None
    try:
        weights = [float(w) for w in (s.blend if s.blend is not None else [])]
    except (TypeError, ValueError):
        raise SpriteError(f"A blend takes one number per class ({', '.join(names)}), got {list(s.blend)!r}.") from None
    if len(weights) != len(names):
        raise SpriteError(f"A blend takes one weight per class ({', '.join(names)}): {len(names)} numbers, got "
                          f"{len(weights)}.")
    if not all(math.isfinite(w) and w >= 0 for w in weights):
        raise SpriteError("Blend weights must be 0 or more; set each class's slider from 0 up.")
    if sum(weights) == 0:
        raise SpriteError("A blend of all zeros asks for no class at all; raise at least one class's slider above 0.")
    return None, [weights] * count, None


@dataclass
class Frame:
    """The denoising so far, as a grid upscaled with NEAREST: the animation's next picture."""

    image: Image.Image
    step: int
    steps: int


@dataclass
class Result:
    """The finished sprites and the files the app offers."""

    images: np.ndarray  # (N, H, W, C) uint8 as downloaded: RGBA with transparency, or composited RGB
    gallery: List[Image.Image]  # each sprite upscaled with NEAREST
    sheet: str  # sheet.png: every sprite at native size, no padding
    archive: str  # a zip of one PNG per sprite
    animation: Optional[str]  # the denoising as a GIF
    summary: str


class _Stopped(Exception):
    """Raised inside the sampling loop when the app stops listening (the browser left or pressed stop)."""


class SpriteDemo:
    """The models the app samples and the folder its downloads are written to.

    `default` is loaded when the app starts (a model that does not load is then a command-line error); the app's model
    box can load others, a few of which stay in memory. One sampling runs at a time: the pipeline swaps the UNet's
    class embedding while it runs, and two at once would only share the same cores.
    """

    def __init__(self, model, upscale=8, workdir=None):
        self.upscale = upscale
        if workdir is None:
            workdir = tempfile.mkdtemp(prefix="sprite-demo-")
            atexit.register(shutil.rmtree, workdir, ignore_errors=True)
        self.workdir = workdir
        self._models = OrderedDict()
        self._runs = []
        self._load_lock = threading.Lock()
        self._sample_lock = threading.Lock()
        self.default = self.model(model)

    def model(self, name):
        """The LoadedModel called `name`, loaded on first use; a SpriteError says which model and why not."""
        name = (name or "").strip()
        with self._load_lock:
            if name in self._models:
                self._models.move_to_end(name)
                return self._models[name]
        loaded = load(name)
        with self._load_lock:
            self._models[loaded.name] = loaded
            default = getattr(self, "default", loaded)
            others = [n for n in self._models if n != default.name]
            for old in others[:-KEEP_MODELS]:
                del self._models[old]
        return loaded

    def run(self, name, settings):
        """Sample `name` as `settings` say: yields a Frame every so often while it samples, then one Result.

        Bad settings raise a SpriteError before anything runs. Closing the generator stops the sampling at its next
        step.
        """
        model = self.model(name)
        plan = check(model, settings)
        pipe = build_pipeline(model.unet, model.scheduler_config, plan.scheduler, model.id2label, plan.palette,
                              model.binary_alpha, max_colors=plan.max_colors)
        stride = max(1, math.ceil(plan.steps / MAX_FRAMES))
        frames, updates, stop = [], queue.Queue(), threading.Event()

        def record(step, timestep, sample):
            if stop.is_set():
                raise _Stopped()
            if step % stride == 0 or step == plan.steps - 1:
                frame = make_grid(to_uint8(sample), ncols=plan.ncols, upscale=self.upscale)
                frames.append(frame)
                updates.put(Frame(frame, step + 1, plan.steps))

        def work():
            try:
                with self._sample_lock:
                    images = generate(pipe, plan.num_images, plan.steps, plan.seed, plan.class_labels, plan.context,
                                      plan.guidance_scale, callback=record)
                updates.put(images)
            except BaseException as err:  # noqa: BLE001 - handed to the generator, which raises it in the app
                updates.put(err)

        started = time.monotonic()
        worker = threading.Thread(target=work, name="sprite-demo-sampling", daemon=True)
        worker.start()
        try:
            outcome = yield from _frames_until_done(updates)
        finally:
            stop.set()
        if isinstance(outcome, _Stopped):
            return
        if isinstance(outcome, BaseException):
            raise outcome
        yield self._result(outcome, frames, plan, model, time.monotonic() - started)

    def _result(self, images, frames, plan, model, seconds):
        if plan.background is not None and images.shape[-1] == 4:
            images = composite(images, plan.background)
        folder = self._new_run_folder()
        tag = f"seed{plan.seed}"
        ncols = plan.ncols or math.ceil(math.sqrt(len(images)))
        sheet = os.path.join(folder, f"sheet-{tag}.png")
        make_grid(images, ncols=ncols, upscale=1, padding=0).save(sheet)
        save_sprites(images, os.path.join(folder, "sprites"))
        archive = os.path.join(folder, f"sprites-{tag}.zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(os.listdir(os.path.join(folder, "sprites"))):
                zf.write(os.path.join(folder, "sprites", name), name)
        animation = None
        if frames:
            animation = os.path.join(folder, f"denoising-{tag}.gif")
            # The finished sprites stay up a while before the loop starts over from noise.
            durations = [80] * (len(frames) - 1) + [2000]
            frames[0].save(animation, save_all=True, append_images=frames[1:], duration=durations, loop=0)
        gallery = [Image.fromarray(a).resize((a.shape[1] * self.upscale, a.shape[0] * self.upscale), Image.NEAREST)
                   for a in images]
        colours = f"palette of {len(plan.palette)} colours" if plan.palette is not None else "raw colours"
        if plan.max_colors:
            colours += f", at most {plan.max_colors} a sprite"
        summary = (f"{len(images)} sprites{_condition_text(plan, model)}, {plan.scheduler} {plan.steps} steps, "
                   f"seed {plan.seed}, {colours}, in {seconds:.1f} s.")
        return Result(images, gallery, sheet, archive, animation, summary)

    def _new_run_folder(self):
        folder = tempfile.mkdtemp(prefix="run-", dir=self.workdir)
        self._runs.append(folder)
        while len(self._runs) > KEEP_RUNS:
            shutil.rmtree(self._runs.pop(0), ignore_errors=True)
        return folder


def _condition_text(plan, model):
    """' of food', ' of every class', ' of a blend (food 0.6, spell 0.4)', or '' for unconditional sampling."""
    if plan.context:
        parts = [f"{name} {w:g}" for name, w in zip(model.labels, plan.context[0]) if w]
        return f" of a blend ({', '.join(parts)})"
    if plan.class_labels:
        return " of every class" if plan.ncols else f" of {plan.class_labels[0]}"
    return ""


def _frames_until_done(updates):
    """Yields the newest Frame at most every FRAME_INTERVAL_S; returns what ended the sampling (images or an error)."""
    last = 0.0
    while True:
        item = updates.get()
        newest = None
        while isinstance(item, Frame):
            newest = item
            try:
                item = updates.get_nowait()
            except queue.Empty:
                item = None
        if newest is not None and time.monotonic() - last >= FRAME_INTERVAL_S:
            last = time.monotonic()
            yield newest
        if item is not None:
            return item
