"""The browser demo: a Gradio Blocks app around `toolkit.demo`, started by `sprite-diffusion demo` and by Spaces.

    from toolkit.demo_app import build_demo
    build_demo("you/sprites").launch()

Every event calls a method of `DemoHandlers`, which tests call directly. Sampling goes through `toolkit.demo`, which
uses the `sample` command's loaders and `generate`, so the app has no sampling loop of its own.
"""

import os
import random

from .config import DEMO_MAX_IMAGES, DEMO_MAX_STEPS
from .samplers import DEFAULT_SAMPLER, SAMPLER_NAMES
from .demo import BACKGROUNDS, EVERY_CLASS, MAX_SEED, Frame, Settings, SpriteDemo, default_steps
from .errors import SpriteError

INSTALL_HINT = 'pip install -e ".[demo]"'
# Browsers smooth images they scale to fit a box; sprites must keep square pixels at any size. Put in the page itself
# (not launch(css=...)), so a Space's plain `demo.launch()` gets it too.
PIXEL_ART_CSS = "<style>#gallery img, #animation img { image-rendering: pixelated; }</style>"


def import_gradio():
    """The gradio module, set to make no call beyond this machine; a SpriteError says how to install it."""
    # Gradio reports usage and looks for a newer release when it starts unless told not to.
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        import gradio
    except ImportError:
        raise SpriteError(f"The demo needs gradio, which is not installed; install it with {INSTALL_HINT} (or pip "
                          f"install \"sprite-diffusion-toolkit[demo]\").") from None
    return gradio


class DemoHandlers:
    """What the app's events do. Bad input ends as one sentence in the status box and a warning toast; the app goes
    on running."""

    def __init__(self, demo, gr):
        self.demo, self.gr = demo, gr

    def load(self, name):
        """The model box's Load button: (the model the app now samples, the status line)."""
        try:
            model = self.demo.model(name)
        except SpriteError as err:
            self.gr.Warning(str(err))
            return self.gr.skip(), str(err)
        return model.name, f"Loaded {model.describe()}"

    def steps_for(self, scheduler, name):
        """The sampler box: the step count `sample` uses for the chosen sampler (at most the model's noise steps)."""
        try:
            return default_steps(scheduler, self.demo.model(name))
        except SpriteError:
            return default_steps(scheduler)

    @staticmethod
    def new_seed():
        return random.randint(0, MAX_SEED)

    def generate(self, name, scheduler, steps, seed, num_images, snap, background, colour, condition=None,
                 label=None, guidance_scale=2.0, *weights):
        """The Generate button: yields (animation, gallery, sheet download, zip download, status), first the
        denoising as it goes, then the sprites."""
        gr = self.gr
        settings = Settings(scheduler=scheduler, steps=steps, seed=seed, num_images=num_images, condition=condition,
                            label=label, blend=list(weights) if condition == "blend" else None,
                            guidance_scale=guidance_scale, snap_to_palette=bool(snap), background=background,
                            colour=colour)
        try:
            for event in self.demo.run(name, settings):
                if isinstance(event, Frame):
                    yield (event.image, gr.skip(), gr.skip(), gr.skip(),
                           f"Denoising: step {event.step} of {event.steps}...")
                else:
                    yield (event.animation, event.gallery,
                           gr.DownloadButton(value=event.sheet, interactive=True),
                           gr.DownloadButton(value=event.archive, interactive=True), event.summary)
        except SpriteError as err:
            gr.Warning(str(err))
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), str(err)


def build_demo(model, scheduler=DEFAULT_SAMPLER, num_inference_steps=None, num_images=16, seed=0, guidance_scale=2.0,
               upscale=8, model_picker=True):
    """The app as a gradio Blocks for `model` (an export folder, Hub id, checkpoint or LoRA adapter folder).

    The model is loaded here, so one that does not load is a SpriteError before anything is served. With
    `model_picker`, a box in the app loads other models.
    """
    gr = import_gradio()
    demo = SpriteDemo(model, upscale=upscale)
    handlers = DemoHandlers(demo, gr)
    first = dict(scheduler=scheduler, steps=num_inference_steps, seed=seed, num_images=num_images,
                 guidance_scale=guidance_scale)
    with gr.Blocks(title="Sprite diffusion", analytics_enabled=False, delete_cache=(3600, 3600)) as blocks:
        current = gr.State(demo.default.name)
        gr.HTML(PIXEL_ART_CSS, padding=False)
        gr.Markdown("# Sprite diffusion\nSample pixel-art sprites, watch them denoise, and download them.")
        with gr.Row(visible=model_picker):
            model_box = gr.Textbox(demo.default.name, label="Model", scale=4, elem_id="model",
                                   info="An export folder, a Hub id (owner/name), a checkpoint or a LoRA adapter "
                                        "folder.")
            load_button = gr.Button("Load", scale=1, elem_id="load")
        status = gr.Textbox("Ready: press Generate.", label="Status", interactive=False, elem_id="status")
        with gr.Row():
            with gr.Column(scale=1, min_width=320):
                @gr.render(inputs=current)
                def controls(name):
                    _controls(gr, handlers, demo.model(name), first, current, outputs)
            with gr.Column(scale=2):
                with gr.Row():
                    animation = gr.Image(label="Denoising", format="png", interactive=False, scale=1,
                                         elem_id="animation")
                    gallery = gr.Gallery(label="Sprites", format="png", columns=4, object_fit="contain", scale=2,
                                         elem_id="gallery")
                with gr.Row():
                    sheet = gr.DownloadButton("Sprite sheet (PNG)", interactive=False, elem_id="sheet-download")
                    archive = gr.DownloadButton("Single PNGs (zip)", interactive=False, elem_id="zip-download")
        outputs = [animation, gallery, sheet, archive, status]
        load_button.click(handlers.load, model_box, [current, status])
    return blocks


def _controls(gr, handlers, model, first, current, outputs):
    """The controls for one model: conditional models get a class picker, blend sliders and the guidance scale."""
    gr.Markdown(model.describe())
    generate = gr.Button("Generate", variant="primary", elem_id="generate")
    sampler = gr.Dropdown(list(SAMPLER_NAMES), value=first["scheduler"], label="Sampler", interactive=True,
                          elem_id="sampler")
    most = min(DEMO_MAX_STEPS, model.trained_steps)
    steps = gr.Number(first["steps"] or default_steps(first["scheduler"], model), precision=0,
                      label=f"Steps (1 to {most})", interactive=True, elem_id="steps")
    sampler.change(handlers.steps_for, [sampler, current], steps)
    with gr.Row():
        seed = gr.Number(first["seed"], precision=0, label="Seed", scale=3, interactive=True, elem_id="seed")
        new_seed = gr.Button("New seed", scale=1, elem_id="new-seed")
    new_seed.click(handlers.new_seed, None, seed)
    count = gr.Slider(1, DEMO_MAX_IMAGES, value=first["num_images"], step=1, label="Sprites", interactive=True,
                      info="per class with 'every class'", elem_id="count")
    palette = model.palette
    snap = gr.Checkbox(palette is not None, interactive=palette is not None, elem_id="snap",
                       label=f"Snap to the model's palette ({len(palette)} colours)" if palette is not None
                       else "Snap to a palette (this model stores none)")
    if model.rgba:
        with gr.Row():
            background = gr.Radio(list(BACKGROUNDS), value="transparent", label="Background", interactive=True,
                                  elem_id="background")
            colour = gr.ColorPicker("#000000", label="Solid colour", interactive=True, elem_id="colour")
    else:  # RGB sprites are opaque already
        background, colour = gr.State("transparent"), gr.State("#000000")
    conditional = []
    if model.conditional:
        labels = model.labels
        with gr.Row():
            condition = gr.Radio(["class", "blend"], value="class", label="Condition", interactive=True,
                                 elem_id="condition")
            label = gr.Dropdown([EVERY_CLASS] + labels, value=labels[0], label="Class", interactive=True,
                                elem_id="class")
        with gr.Accordion("Blend: a weight per class (with condition blend)", open=True):
            weights = [gr.Slider(0, 1, value=1.0 if i == 0 else 0.0, step=0.05, label=name, interactive=True,
                                 elem_id=f"blend-{i}") for i, name in enumerate(labels)]
        guidance = gr.Slider(0, 10, value=first["guidance_scale"], step=0.5, label="Guidance scale", interactive=True,
                             info="0 ignores the class, 1 is plain conditional, more follows it closer.",
                             elem_id="guidance")
        conditional = [condition, label, guidance] + weights
    generate.click(handlers.generate, [current, sampler, steps, seed, count, snap, background, colour] + conditional,
                   outputs, concurrency_limit=1, concurrency_id="sample", show_progress="minimal")


def start(cfg):
    """Build the app for a DemoConfig and serve it from a background thread; returns (blocks, local URL)."""
    blocks = build_demo(cfg.model, cfg.scheduler, cfg.num_inference_steps, cfg.num_images, cfg.seed,
                        cfg.guidance_scale, cfg.upscale, cfg.model_picker)
    blocks.queue(default_concurrency_limit=1)
    blocks.launch(server_name=cfg.host, server_port=cfg.port, share=cfg.share, inbrowser=False,
                  prevent_thread_lock=True, quiet=True)
    return blocks, blocks.local_url
