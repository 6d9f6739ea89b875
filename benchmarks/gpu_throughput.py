"""Training throughput on a GPU: the toolkit's loop at large batch with the sprites resident on the device, fp32,
bf16 and bf16 + torch.compile, beside a diffusers `train_unconditional`-style loop, and the share of the device's
measured peak that each reaches.

    python -m benchmarks.gpu_throughput [--batch 1024] [--resolution 16] [--no_compile] [--append]

Every row trains the fast preset on the embedded sprites.

- peak: dense matrix multiplies (8192 x 8192 on a GPU), timed in bf16 and fp32, the faster kept: the reachable
  arithmetic rate (bf16 on a GPU; fp32 on a CPU without bf16 units).
- FLOPs per image: one forward + backward of the preset counted by `torch.utils.flop_counter` (convolutions,
  matmuls, attention), divided by the batch. Achieved TFLOP/s = images/s x that; share = achieved / peak.
- toolkit: the real `toolkit.training.train` (the data lives on the device as uint8; batches are gathered there),
  timed as the difference between a long and a short run so start-up, previews and export cancel out. compile is
  what `accelerate launch --dynamo_backend inductor` gives a user (ACCELERATE_DYNAMO_BACKEND); its row first runs the
  short length untimed, so that both timed runs find inductor's cache filled and the compile time cancels out too.
- diffusers-style: the same UNet and EMA fed as diffusers' example feeds it (per-sample PIL transforms through a
  DataLoader with the example's 0 workers, fp32), at the example's default batch 16 and at the toolkit's batch.

`--device cpu` runs the same harness on the CPU with small step counts (a smoke run; the CPU tables come from
`benchmarks.throughput` and `benchmarks.unet_throughput`).
"""

import argparse
import datetime
import os

import torch

from benchmarks.loops import PRESET, diffusers_style_images_per_second, toolkit_images_per_second
from benchmarks.report import append_table, git_commit, machine, seconds_per_call
from toolkit.presets import build_unet, unet_config


def matmul_peak(device, dtype=torch.bfloat16, seconds=3.0):
    """Measured dense matmul rate in FLOP/s: the most this device's arithmetic delivers to a real kernel."""
    n = 8192 if device.type == "cuda" else 1024
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    return 2 * n ** 3 / seconds_per_call(lambda: a @ b, device, seconds)


def flops_per_image(resolution, device, batch=8):
    """FLOPs of one training image (forward + backward) of the preset, counted by torch's flop counter."""
    from torch.utils.flop_counter import FlopCounterMode

    unet = build_unet(unet_config(PRESET, resolution)).to(device)
    x = torch.randn(batch, 3, resolution, resolution, device=device)
    t = torch.randint(0, 1000, (batch,), device=device)
    counter = FlopCounterMode(display=False)
    with counter:
        unet(x, t).sample.pow(2).mean().backward()
    return counter.get_total_flops() / batch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--resolution", type=int, default=16)
    parser.add_argument("--batch", type=int, default=None, help="Toolkit batch (default 1024 on a GPU, 64 on CPU).")
    parser.add_argument("--seconds", type=float, default=None, help="Timing window of the diffusers-style rows.")
    parser.add_argument("--steps", type=int, nargs=2, metavar=("SHORT", "LONG"), default=None,
                        help="Toolkit run lengths whose time difference is measured (default 20 420 GPU, 10 110 CPU).")
    parser.add_argument("--no_compile", action="store_true", help="Skip the torch.compile row (slow to compile).")
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    device = torch.device(args.device)
    gpu = device.type == "cuda"
    if not gpu:
        os.environ["ACCELERATE_USE_CPU"] = "true"  # train() then stays on the CPU even where a GPU exists
    batch = args.batch or (1024 if gpu else 64)
    seconds = args.seconds or (20 if gpu else 5)
    short, long = args.steps or ((20, 420) if gpu else (10, 110))

    bf16_peak, fp32_peak = matmul_peak(device, torch.bfloat16), matmul_peak(device, torch.float32)
    peak = max(bf16_peak, fp32_peak)
    per_image = flops_per_image(args.resolution, device)
    print(f"{machine(device)}: matmul peak {peak / 1e12:.3g} TFLOP/s; {per_image / 1e9:.3f} GFLOP per training "
          f"image ({PRESET} {args.resolution}px)", flush=True)
    results = []
    for b in (16, batch):
        results.append((f"diffusers-style, fp32, batch {b}" + (" (example default)" if b == 16 else ""), b,
                        diffusers_style_images_per_second(args.resolution, b, seconds, device)))
        print(results[-1], flush=True)
    settings = [("no", False), ("bf16", False)] + ([] if args.no_compile else [("bf16", True)])
    if bf16_peak < fp32_peak:
        # No bf16 units (an AVX2 CPU): bf16 falls back to reference kernels, and its rows would take many minutes.
        print(f"bf16 matmul is slower than fp32 here ({bf16_peak / 1e12:.3f} vs {fp32_peak / 1e12:.3f} TFLOP/s): "
              f"bf16 rows skipped.")
        settings = [("no", False)] + ([] if args.no_compile else [("no", True)])
    for precision, compile_ in settings:
        name = f"toolkit, {'fp32' if precision == 'no' else precision}{' + compile' if compile_ else ''}, batch {batch}"
        results.append((name, batch, toolkit_images_per_second(args.resolution, batch, short, long, precision,
                                                               compile_)))
        print(results[-1], flush=True)

    baseline = results[0][2]
    commit, today, where = git_commit(), datetime.date.today(), machine(device)
    rows = [f"| {today} | {where} | {commit} | {name} | {ips:,.0f} | {ips * per_image / 1e12:.2f} | "
            f"{ips * per_image / peak:.1%} | {ips / baseline:.1f}x |" for name, _, ips in results]
    print("\n".join(rows))
    if args.append:
        append_table(__file__, ["date", "machine", "commit", "setting", "images/s", "TFLOP/s", "share of peak",
                                "vs diffusers-style batch 16"], rows,
                     f"({PRESET} {args.resolution}px; peak {peak / 1e12:.3g} TFLOP/s, the faster of bf16 and fp32 "
                     f"matmul; "
                     f"{per_image / 1e9:.3f} GFLOP per training image)")


if __name__ == "__main__":
    main()
