"""Sample sprites from an exported pipeline: `python recipes/sample_sprites.py --model sprite-ddpm`."""

from toolkit.config import SampleConfig, parse_config
from toolkit.errors import fail_cleanly
from toolkit.commands import sample_command


@fail_cleanly
def main(args=None):
    sample_command(parse_config(SampleConfig, args, prog="sample_sprites.py"))


if __name__ == "__main__":
    main()
