"""Training throughput of the UNet presets (forward + backward + AdamW step), in images per second.

    python -m benchmarks.unet_throughput [--presets fast quality benchmarks/unet_configs/fast-attn.json]
                                         [--resolution 16] [--batch 64] [--channels 4] [--profile] [--append]

A "preset" is a toolkit preset name or a UNet config file (as `--model_config_name_or_path` takes). Measures fp32
and bf16 autocast (AMX or AVX-512-BF16 on recent CPUs) and, on CPU, 1 thread vs all cores; with `--levers` also
channels_last memory format and torch.compile (fp32 and bf16, all cores); a compile row also says whether its
gradients are the eager model's (toolkit.compile_check: with torch 2.13.0 on CPU they are not, and such a row times a
backward pass that skips most of the model). `--channels 4` is RGBA, what the embedded set trains; rows before
2026-11-22's fifth session were RGB. `--append` adds a row per setting to BENCHMARKS.md with the machine, commit and
command.
"""

import argparse
import datetime
import os

import torch

from benchmarks.report import append_table, git_commit, machine, seconds_per_call
from toolkit.compile_check import gradient_disagreement
from toolkit.presets import build_unet, unet_config


def measure(preset, resolution, batch, dtype, threads, device, seconds=8.0, lever=None, profile=False, channels=4):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    config_file = preset if preset.endswith(".json") else None
    config = unet_config("fast" if config_file else preset, resolution, config_file, in_channels=channels)
    unet = build_unet(config).to(device)
    opt = torch.optim.AdamW(unet.parameters(), lr=1e-4)
    x = torch.randn(batch, channels, resolution, resolution, device=device)
    t = torch.randint(0, 1000, (batch,), device=device)
    if lever == "channels_last":
        unet = unet.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    forward = torch.compile(unet) if lever == "compile" else unet

    def step():
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=dtype == "bf16"):
            out = forward(x, t).sample
        loss = (out.float() - x).pow(2).mean()
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    ips = batch / seconds_per_call(step, device, seconds)  # warm-up calls also absorb torch.compile
    if profile:  # where one step's time goes, by operator (how the bf16 fallback was found)
        with torch.profiler.profile() as prof:
            step()
        print(f"{preset} {dtype}, {threads} thread(s):")
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=6))
    return ips


def compiled_gradients(preset, resolution, batch, dtype, device, channels=4):
    """Whether torch.compile's gradients for `preset` are the eager model's, in words for a table row."""
    torch.manual_seed(0)
    config_file = preset if preset.endswith(".json") else None
    unet = build_unet(unet_config("fast" if config_file else preset, resolution, config_file,
                                  in_channels=channels)).to(device)
    x = torch.randn(batch, channels, resolution, resolution, device=device)
    t = torch.randint(0, 1000, (batch,), device=device)

    def loss_of(model):
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=dtype == "bf16"):
            out = model(x, t).sample
        return (out.float() - x).pow(2).mean()

    found = gradient_disagreement(torch.compile(unet), unet, loss_of)
    if found is None:
        return "gradients right"
    return f"gradients wrong: {len(found['lost'])} of {found['total']} weight tensors get none"


def setting(preset, args):
    name = os.path.basename(preset) if preset.endswith(".json") else preset
    return f"{name} {args.resolution}px {'RGBA' if args.channels == 4 else 'RGB'} batch {args.batch}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", nargs="+", default=["fast"])
    parser.add_argument("--resolution", type=int, default=16)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--channels", type=int, default=4, choices=[3, 4], help="3: RGB, 4: RGBA.")
    parser.add_argument("--levers", action="store_true", help="Also channels_last and torch.compile.")
    parser.add_argument("--profile", action="store_true", help="Print each setting's top operators for one step.")
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cores = os.cpu_count() or 1
    thread_options = [1, cores] if device.type == "cpu" and cores > 1 else [cores]
    commit = git_commit()
    rows = []
    for preset in args.presets:
        for dtype in ("fp32", "bf16"):
            for threads in thread_options:
                ips = measure(preset, args.resolution, args.batch, dtype, threads, device, profile=args.profile,
                              channels=args.channels)
                rows.append(f"| {datetime.date.today()} | {machine(device)} | {commit} | {setting(preset, args)} "
                            f"| {dtype} | {threads} | {ips:,.0f} |")
                print(rows[-1], flush=True)
        for lever in ("channels_last", "compile") if args.levers else ():
            for dtype in ("fp32", "bf16"):
                # Warm-up inside measure() absorbs torch.compile's first-call compilation.
                ips = measure(preset, args.resolution, args.batch, dtype, thread_options[-1], device, lever=lever,
                              channels=args.channels)
                note = ""
                if lever == "compile":
                    verdict = compiled_gradients(preset, args.resolution, args.batch, dtype, device, args.channels)
                    note = f" ({verdict})"
                rows.append(f"| {datetime.date.today()} | {machine(device)} | {commit} | {setting(preset, args)} "
                            f"| {dtype} + {lever}{note} | {thread_options[-1]} | {ips:,.0f} |")
                print(rows[-1], flush=True)
    if args.append:
        append_table(__file__, ["date", "machine", "commit", "setting", "precision", "threads", "images/s"], rows)


if __name__ == "__main__":
    main()
