"""Appending a benchmark's table to BENCHMARKS.md, headed by the date and the exact command that produced it."""

import datetime
import os
import subprocess
import sys

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "BENCHMARKS.md")


def git_commit():
    """The short hash of the checked-out commit, so a row says which code it measured."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()


def append_table(script, columns, rows, note=""):
    """Append `rows` (Markdown table lines) with a header of `columns` to BENCHMARKS.md."""
    command = " ".join(["python", f"benchmarks/{os.path.basename(script)}", *sys.argv[1:]])
    with open(BENCHMARKS, "a") as f:
        f.write(f"\n{datetime.date.today()}: `{command}`{' ' + note if note else ''}\n\n")
        f.write("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n")
        f.write("\n".join(rows) + "\n")
