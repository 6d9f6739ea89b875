"""`sprite-diffusion train|sample|export|push|eval|dataset|demo|space`: the console command.

It parses a command's options (a dataclass of `config.py`, YAML `--config` plus flags) and calls that command's
function in `commands.py`; the recipes call the same functions. `train` here runs in this process; for several
processes or GPUs use `accelerate launch recipes/train_sprites.py`.
"""

import sys

from .config import (DatasetConfig, DemoConfig, EvalConfig, ExportConfig, PushConfig, SampleConfig, SpaceConfig,
                     TrainConfig, parse_config)
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


# command -> (its options, its function in commands.py)
COMMANDS = {"train": (TrainConfig, "train_command"), "sample": (SampleConfig, "sample_command"),
            "export": (ExportConfig, "export_command"), "push": (PushConfig, "push_command"),
            "eval": (EvalConfig, "eval_command"), "dataset": (DatasetConfig, "dataset_command"),
            "demo": (DemoConfig, "demo_command"), "space": (SpaceConfig, "space_command")}


@fail_cleanly
def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        raise SpriteError(f"Unknown command {command!r}; use one of {', '.join(COMMANDS)}.")
    config_cls, function = COMMANDS[command]
    cfg = parse_config(config_cls, rest, prog=f"sprite-diffusion {command}")
    # Here, not at the top: the library loads torch and diffusers (seconds), which neither the usage nor a command's
    # --help nor a mistake in its options needs.
    from . import commands

    getattr(commands, function)(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
