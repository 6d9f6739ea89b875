"""The two training loops the throughput benchmarks time: the toolkit's real `train` and a diffusers
`train_unconditional`-style loop, both on the fast preset and the embedded sprites."""

import os
import tempfile
import time

import torch

from benchmarks.diffusers_style import example_step, per_sample_dataset
from benchmarks.report import synchronize
from toolkit.config import TrainConfig
from toolkit.data import load_embedded_sprites
from toolkit.presets import build_scheduler, build_unet, unet_config

PRESET = "fast"


def toolkit_images_per_second(resolution, batch, short, long, precision=None, compile_=False):
    """Images/s of `toolkit.training.train`, from the time difference between a `long`- and a `short`-step run.

    Start-up, previews and export cancel out. A compiled model first runs `short` steps untimed: compiling happens
    before the first step (the trainer's gradient check), and without the warm-up the first timed run alone would
    pay it from an empty cache (on an H100 that hid a 1.6x faster compiled loop behind a 0.89x row). `precision`
    None keeps what accelerate was launched with.
    """
    from toolkit.training import train

    if compile_:
        os.environ["ACCELERATE_DYNAMO_BACKEND"] = "inductor"

    def run(steps):
        with tempfile.TemporaryDirectory() as tmp:
            # Epoch-end previews and exports are pushed past the run: at this batch an epoch is one or two steps.
            cfg = TrainConfig(output_dir=os.path.join(tmp, "out"), resolution=resolution, max_train_steps=steps,
                              train_batch_size=batch, mixed_precision=precision, logger="none",
                              checkpointing_steps=10**6, save_images_epochs=10**6, save_model_epochs=10**6,
                              eval_batch_size=4, preview_inference_steps=2)
            start = time.perf_counter()
            train(cfg)
            return time.perf_counter() - start

    try:
        if compile_:
            run(short)
        t_long = run(long)
        t_short = run(short)
    finally:
        os.environ.pop("ACCELERATE_DYNAMO_BACKEND", None)
    return (long - short) * batch / (t_long - t_short)


def diffusers_style_images_per_second(resolution, batch, seconds, device=torch.device("cpu"), threads=None):
    """Images/s of the example's loop: per-sample PIL transforms, DataLoader with 0 workers, fp32, EMA.

    Deliberately re-implemented, not `toolkit.training.train`: it is the diffusers example the toolkit is compared with.

    `threads` sets torch's CPU threads by hand; None keeps what the process was launched with, as the example does.
    """
    from accelerate import Accelerator
    from accelerate.state import AcceleratorState
    from diffusers import UNet2DModel
    from diffusers.training_utils import EMAModel

    AcceleratorState._reset_state(reset_partial_state=False)
    ds = per_sample_dataset(load_embedded_sprites(resolution if resolution == 16 else None), resolution)
    loader = torch.utils.data.DataLoader(ds, batch_size=batch, shuffle=True, num_workers=0, drop_last=True)
    accelerator = Accelerator(mixed_precision="no", cpu=device.type == "cpu")
    if threads:
        torch.set_num_threads(threads)
    model = build_unet(unet_config(PRESET, resolution))
    scheduler = build_scheduler()
    ema = EMAModel(model.parameters(), decay=0.9999, use_ema_warmup=True, model_cls=UNet2DModel,
                   model_config=model.config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    model, optimizer, loader = accelerator.prepare(model, optimizer, loader)
    ema.to(accelerator.device)
    steps, images, start = 0, 0, None
    while True:
        for batch_ in loader:
            count = example_step(model, scheduler, optimizer, ema, batch_["input"], accelerator.backward,
                                 accelerator.clip_grad_norm_)
            steps += 1
            if steps == 3:  # warm-up done: cuDNN autotuning, allocator
                synchronize(accelerator.device)
                start = time.perf_counter()
            elif steps > 3:
                images += count
                if time.perf_counter() - start > seconds:
                    synchronize(accelerator.device)
                    return images / (time.perf_counter() - start)
