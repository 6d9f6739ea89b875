"""One exception type for mistakes a user can fix, so entry points can print one sentence and exit non-zero."""


class SpriteError(Exception):
    """A problem with the user's input: the message names the problem and the fix, in one sentence."""


def fail_cleanly(func):
    """Run ``func`` as a command-line entry point: a SpriteError becomes one line on stderr and exit code 2."""
    import functools
    import sys

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SpriteError as err:
            print(f"error: {err}", file=sys.stderr)
            sys.exit(2)

    return wrapper
