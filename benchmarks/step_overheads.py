"""What a training step spends outside the UNet: the AdamW update and the EMA update, per implementation, beside the
forward + backward they follow.

    python -m benchmarks.step_overheads [--resolution 16] [--batch 64] [--append]

AdamW as torch builds it by default (a loop over tensors on CPU), `foreach` and `fused`; diffusers' EMAModel with
its default loop and with `foreach=True`. Milliseconds per call on the fast preset's ~150 parameter tensors.
"""

import argparse
import datetime
import os

import torch

from benchmarks.report import append_table, git_commit, machine, seconds_per_call
from toolkit.presets import build_unet, unet_config


def milliseconds(fn, device):
    return 1000 * seconds_per_call(fn, device, seconds=3.0, warmup=5)


def main():
    from diffusers.training_utils import EMAModel

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--resolution", type=int, default=16)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    device = torch.device(args.device)
    if device.type == "cpu":
        torch.set_num_threads(os.cpu_count() or 1)  # as the trainer does
    torch.manual_seed(0)
    unet = build_unet(unet_config("fast", args.resolution)).to(device)
    x = torch.randn(args.batch, 3, args.resolution, args.resolution, device=device)
    t = torch.randint(0, 1000, (args.batch,), device=device)

    def forward_backward():
        unet.zero_grad(set_to_none=True)
        unet(x, t).sample.pow(2).mean().backward()

    results = [(f"forward + backward, batch {args.batch}", milliseconds(forward_backward, device))]
    for name, kwargs in (("AdamW step, default", {}), ("AdamW step, foreach", {"foreach": True}),
                         ("AdamW step, fused", {"fused": True})):
        optimizer = torch.optim.AdamW(unet.parameters(), lr=1e-4, **kwargs)
        results.append((name, milliseconds(optimizer.step, device)))
    for name, foreach in (("EMA step, default loop", False), ("EMA step, foreach", True)):
        ema = EMAModel(unet.parameters(), decay=0.9999, use_ema_warmup=True, foreach=foreach)
        ema.to(device)
        results.append((name, milliseconds(lambda: ema.step(unet.parameters()), device)))

    step = results[0][1]
    commit, today, where = git_commit(), datetime.date.today(), machine(device)
    rows = [f"| {today} | {where} | {commit} | {name} | {ms:.2f} | {ms / step:.1%} |" for name, ms in results]
    print("\n".join(rows))
    if args.append:
        append_table(__file__, ["date", "machine", "commit", "part of a step", "ms", "of forward + backward"], rows,
                     f"(fast {args.resolution}px)")


if __name__ == "__main__":
    main()
