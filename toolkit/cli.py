"""`sprite-diffusion train|sample|export|push|eval|dataset|demo|space`: the console command, reusing the recipes'
library functions.

`train` here runs in this process; for several processes or GPUs use `accelerate launch recipes/train_sprites.py`.
"""

import sys

from .config import ExportConfig, SampleConfig, TrainConfig, parse_config
from .errors import SpriteError, fail_cleanly

USAGE = """usage: sprite-diffusion {train,sample,export,push,eval,dataset,demo,space} [--config file.yaml] [options]

  train   train a sprite DDPM and export it (same options as recipes/train_sprites.py)
  sample  sample sprites from an export into a grid and single PNGs
  export  turn a training checkpoint into a pipeline folder
  push    upload an exported folder to a model repo on the Hugging Face Hub (pipeline files only), or a dataset
          or Space folder with --repo_type dataset|space
  eval    sample a model and score the sprites against its data (FSD, KID, precision/recall, ...)
  dataset turn sprite sheets or any other source into a dataset: report, preview, save_to_disk, push to the Hub
  demo    a browser app on this machine: sample, blend and download sprites (needs pip install -e ".[demo]")
  space   write a Hugging Face Space folder that serves that app for a model on the Hub

Run `sprite-diffusion COMMAND --help` for the options of a command."""


def export_command(cfg):
    """Export a checkpoint's EMA weights, or a LoRA adapter merged into its base, as a plain pipeline folder."""
    from .checkpoints import list_checkpoints, load_checkpoint_for_export
    from .export import export_pipeline
    from .sampling import load_format, load_model

    if cfg.merge_lora:
        unet, scheduler_config, id2label = load_model(cfg.adapter)
        from diffusers import DDPMScheduler

        export_pipeline(unet, DDPMScheduler.from_config(scheduler_config), cfg.output_dir,
                        {"title": f"{cfg.adapter} merged into its base"}, id2label=id2label,
                        sprite_format=load_format(cfg.adapter))
        print(f"Merged {cfg.adapter} into its base and exported {cfg.output_dir}")
        return
    path = cfg.checkpoint
    if path == "latest":
        found = list_checkpoints(cfg.run_dir)
        if not found:
            raise SpriteError(f"No complete checkpoint in {cfg.run_dir}; pass --run_dir or --checkpoint PATH.")
        path = found[-1][1]
    unet, scheduler, id2label = load_checkpoint_for_export(path)
    export_pipeline(unet, scheduler, cfg.output_dir, {"title": f"Exported from {path}"}, id2label=id2label,
                    sprite_format=load_format(path))
    print(f"Exported {path} to {cfg.output_dir}")


@fail_cleanly
def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    prog = f"sprite-diffusion {command}"
    if command == "train":
        from .training import train

        train(parse_config(TrainConfig, rest, prog=prog))
    elif command == "sample":
        from .sampling import sample_command

        sample_command(parse_config(SampleConfig, rest, prog=prog))
    elif command == "export":
        export_command(parse_config(ExportConfig, rest, prog=prog))
    elif command == "push":
        from .config import PushConfig
        from .hub import push_command

        push_command(parse_config(PushConfig, rest, prog=prog))
    elif command == "eval":
        from .config import EvalConfig
        from .evaluation import eval_command

        eval_command(parse_config(EvalConfig, rest, prog=prog))
    elif command == "dataset":
        from .config import DatasetConfig
        from .publish_dataset import dataset_command

        dataset_command(parse_config(DatasetConfig, rest, prog=prog))
    elif command == "demo":
        from .config import DemoConfig
        from .demo_app import demo_command

        demo_command(parse_config(DemoConfig, rest, prog=prog))
    elif command == "space":
        from .config import SpaceConfig
        from .space import space_command

        space_command(parse_config(SpaceConfig, rest, prog=prog))
    else:
        raise SpriteError(f"Unknown command {command!r}; use one of train, sample, export, push, eval, dataset, demo, "
                          f"space.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
