"""Train a sprite diffusion model: `accelerate launch recipes/train_sprites.py [--config file.yaml] [--flags]`.

With no flags it trains the `fast` preset on the embedded sprites and exports ./sprite-ddpm.
"""

from toolkit.config import TrainConfig, parse_config
from toolkit.errors import fail_cleanly
from toolkit.training import train


@fail_cleanly
def main(args=None):
    train(parse_config(TrainConfig, args, prog="train_sprites.py"))


if __name__ == "__main__":
    main()
