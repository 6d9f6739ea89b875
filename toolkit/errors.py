"""Exceptions for outcomes a user acts on, so entry points print one sentence and exit non-zero, never a traceback."""

import functools
import sys


class SpriteError(Exception):
    """A problem with the user's input: the message names the problem and the fix, in one sentence."""

    exit_code = 2


class TrainingInterrupted(SpriteError):
    """Training stopped on SIGTERM/SIGINT after saving a checkpoint; exits 128 + the signal number, as shells do."""

    def __init__(self, message, signum):
        super().__init__(message)
        self.exit_code = 128 + signum


def fail_cleanly(func):
    """Run `func` as a command-line entry point: a SpriteError becomes one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SpriteError as err:
            print(f"error: {err}", file=sys.stderr)
            sys.exit(err.exit_code)

    return wrapper
