"""Benchmarks of the toolkit; each writes a table and, with `--append`, adds it to BENCHMARKS.md. Run one from the
repository root as `python -m benchmarks.NAME [--help]` (throughput: `accelerate launch -m benchmarks.throughput`).

Benchmarks, and what each measures:

- ablation: FSD (DDPM-100, DDIM-50) and training minutes of training variants (parameterisation, schedule, UNet).
- build_second_set: not a measurement; builds a second sprite set (Angband 16x16 tiles) to test defaults on.
- compare_samplers: seconds, mean value and oversaturation per sampler on one model, plus a grid of each.
- ddim_diagnosis: raw FSD and class shares of DDIM and DDPM with and without clipping, on other timestep grids, and with
  noise added above or below a timestep, on one x0 model.
- dpmsolver_settings: FSD and speed-up of DPM-Solver++ settings against DDPM-1000 on one model.
- gpu_throughput: training images/s and share of the measured matmul peak on a GPU, toolkit vs diffusers-style.
- headline: a model's FSD, precision, recall and colours for DDPM-100/DDIM-50, palette-snapped and raw.
- load_course_arrays: seconds and peak memory to load a course-sized array set into the training tensor.
- sampler_picture: not a measurement; draws the README's side-by-side sampler picture.
- mirror_floor: FSD of the data against itself with random horizontal flips: whether a set has a facing.
- samplers_fsd: seconds and FSD of each of the toolkit's samplers on one model.
- step_overheads: milliseconds of the AdamW and EMA updates beside a training step's forward + backward.
- stored_sampler_settings: FSD of plain diffusers `from_config` schedulers, export config as before vs as now.
- throughput: CPU training images/s, toolkit vs diffusers-style loop vs the course recipe.
- time_to_quality: FSD against training wall-clock, toolkit vs diffusers-style loop vs the course recipe.
- unet_throughput: UNet preset training images/s by precision, threads and levers (channels_last, compile).

Shared by them (no command of their own): report (timing, machine label, appending to BENCHMARKS.md), loops (the
throughput benchmarks' two training loops), diffusers_style (the diffusers example's data transform and step),
course_recipe (the DeepLearning.AI course's model, schedule and step).
"""
