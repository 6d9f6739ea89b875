"""Which parameterisation, noise schedule and loss weighting: train each variant at the same budget, score DDPM-100
and DDIM-50 with the sprite evaluator.

    python -m benchmarks.ablation [--max_train_steps 3100] [--num_samples 500] [--variants eps-min5 v-min5 ...]
                                  [--work_dir /tmp/ablation] [--append] [-- extra training flags]

Each variant is a `sprite-diffusion train` run in its own process (the machine to itself: run nothing else), with
previews and intermediate exports off so only training is timed. Every variant trains on the same data with the
same seed; flags after `--` go to every run (e.g. `-- --train_data_dir my_tiles/`).
"""

import argparse
import json
import os
import subprocess
import sys
import time

from benchmarks.report import append_table, git_commit, machine
from toolkit.evaluation import evaluate

UNET_CONFIGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unet_configs")

# name -> the training flags that differ from the defaults of the commit under test. The x0 weights these give:
# eps/v/x0 with min-SNR-5: min(SNR, 5), 0 at high noise; "floor1": at least 1 there; "plain" v: SNR + 1.
VARIANTS = {
    "eps-min5": ["--prediction_type", "epsilon", "--snr_gamma", "5"],
    "v-min5": ["--prediction_type", "v_prediction", "--snr_gamma", "5"],
    "v-min5-floor1": ["--prediction_type", "v_prediction", "--snr_gamma", "5", "--snr_floor", "1"],
    "x0-min5-floor1": ["--prediction_type", "sample", "--snr_gamma", "5", "--snr_floor", "1"],
    "x0-min5": ["--prediction_type", "sample", "--snr_gamma", "5"],
    "v-plain": ["--prediction_type", "v_prediction", "--snr_gamma", "0"],
    "v-min5-floor1-linear": ["--prediction_type", "v_prediction", "--snr_gamma", "5", "--snr_floor", "1",
                             "--ddpm_beta_schedule", "linear"],
    "v-min5-floor1-zsnr": ["--prediction_type", "v_prediction", "--snr_gamma", "5", "--snr_floor", "1",
                           "--rescale_betas_zero_snr"],
    "x0-plain": ["--prediction_type", "sample", "--snr_gamma", "0"],
    "x0-min5-floor1-linear": ["--prediction_type", "sample", "--snr_gamma", "5", "--snr_floor", "1",
                              "--ddpm_beta_schedule", "linear"],
    "eps-min5-linear": ["--prediction_type", "epsilon", "--snr_gamma", "5", "--ddpm_beta_schedule", "linear"],
    # Training levers on top of the defaults (x0, min-SNR-5, floor 1). The UNet variants are data files beside
    # this script: the fast preset with attention at 8x8 and 4x4 or at 4x4 only, twice the width, 128 channels at
    # 4x4 only, or two layers per block.
    "default": [],
    "ema-long": ["--ema_power", "1.0", "--ema_max_decay", "0.9995"],
    "lr-2e-3": ["--learning_rate", "2e-3"],
    "attn-8-4": ["--model_config_name_or_path", os.path.join(UNET_CONFIGS, "fast-attn.json")],
    "wide": ["--model_config_name_or_path", os.path.join(UNET_CONFIGS, "fast-wide.json")],
    "deep": ["--model_config_name_or_path", os.path.join(UNET_CONFIGS, "fast-deep.json")],
    "attn-4": ["--model_config_name_or_path", os.path.join(UNET_CONFIGS, "fast-attn4.json")],
    "bottom-128": ["--model_config_name_or_path", os.path.join(UNET_CONFIGS, "fast-bottom128.json")],
    "batch-32": ["--train_batch_size", "32"],
    "batch-128": ["--train_batch_size", "128"],
}
SAMPLERS = [("ddpm", 100), ("ddim", 50)]


def run_variant(name, flags, args, extra):
    out = os.path.join(args.work_dir, name)
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "toolkit.cli", "train", *flags, "--output_dir", out,
           "--max_train_steps", str(args.max_train_steps), "--logger", "none", "--save_images_epochs", "100000",
           "--save_model_epochs", "100000", "--checkpointing_steps", "100000", *extra]
    subprocess.run(cmd, check=True, env=dict(os.environ, TQDM_DISABLE="1"))
    seconds = time.perf_counter() - start
    scores = {}
    for sampler, steps in SAMPLERS:
        result = evaluate(out, dataset_name=args.dataset_name, train_data_dir=args.train_data_dir,
                          num_samples=args.num_samples, scheduler=sampler, num_inference_steps=steps, seed=args.seed)
        scores[f"{sampler}-{steps}"] = result
    return seconds, scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--max_train_steps", type=int, default=3100)
    parser.add_argument("--num_samples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work_dir", default="/tmp/ablation")
    parser.add_argument("--dataset_name")
    parser.add_argument("--train_data_dir")
    parser.add_argument("--append", action="store_true")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    if args.train_data_dir:
        extra += ["--train_data_dir", args.train_data_dir]
    if args.dataset_name:
        extra += ["--dataset_name", args.dataset_name]
    os.makedirs(args.work_dir, exist_ok=True)
    rows = []
    for name in args.variants:
        seconds, scores = run_variant(name, VARIANTS[name], args, extra)
        ddpm, ddim = scores["ddpm-100"], scores["ddim-50"]
        row = (f"| {name} | {seconds / 60:.1f} | {ddpm['fsd']:.2f} | {ddim['fsd']:.2f} | "
               f"{ddim['fsd'] / ddpm['fsd']:.2f} | {ddpm['colours']['samples']['mean']:.0f} | "
               f"{ddim['colours']['samples']['mean']:.0f} | {ddpm['colours']['data']['mean']:.0f} |")
        rows.append(row)
        print(row, flush=True)
        with open(os.path.join(args.work_dir, "results.jsonl"), "a") as f:
            f.write(json.dumps({"variant": name, "flags": VARIANTS[name], "extra": extra, "seconds": seconds,
                                "steps": args.max_train_steps, "scores": scores}) + "\n")
    if args.append:
        append_table(__file__, ["variant", "train min", "FSD DDPM-100", "FSD DDIM-50", "DDIM/DDPM",
                                "colours DDPM", "colours DDIM", "colours data"], rows,
                     f"({args.max_train_steps} steps, {args.num_samples} samples, seed {args.seed}, "
                     f"{machine()}, commit {git_commit()})")


if __name__ == "__main__":
    main()
