"""Sample sprites in the browser: `python recipes/demo.py --model sprite-ddpm` (needs pip install -e ".[demo]")."""

from toolkit.config import DemoConfig, parse_config
from toolkit.commands import demo_command
from toolkit.errors import fail_cleanly


@fail_cleanly
def main(args=None):
    demo_command(parse_config(DemoConfig, args, prog="demo.py"))


if __name__ == "__main__":
    main()
