#!/usr/bin/env python3
"""Install what `make train` or `make test` needs and is missing from this Python environment, then stop.

    python scripts/ensure_env.py [--extras dev] [--browser chromium] [--dry-run]

Quick when everything is there: it reads package metadata and setup.cfg, and runs neither torch nor pip's resolver.
In order:
1. torch. An installed torch is never replaced (a CUDA build stays). Where it is missing and no NVIDIA GPU is found,
   torch's CPU build comes first (CPU_TORCH): pip resolving plain `torch` would download gigabytes of CUDA packages.
2. This checkout, installed in editable mode, with every requirement of setup.cfg and of the asked extras satisfied;
   otherwise `pip install -e ".[extras]"`, with torch held at the installed (or just chosen) version.
3. With --browser PACKAGE: the command PACKAGE (and, for chromium, chromedriver, which drives it), else Debian's
   packages for them through apt-get (root only).
A step that cannot be done, or fails, ends the run with one sentence on stderr and exit code 1.
"""

import argparse
import configparser
import importlib.metadata as metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import unquote, urlparse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CPU_TORCH = "torch==2.13.0"
# The commands a --browser needs and Debian's package for each. Selenium drives Chromium through chromedriver; with
# Debian's, nothing downloads a driver or a browser of its own at test time.
BROWSER_COMMANDS = {"chromium": {"chromium": "chromium", "chromedriver": "chromium-driver"}}


def browser_packages(browser):
    """{command: Debian package} that --browser `browser` needs: its own command, plus a driver where it has one."""
    return BROWSER_COMMANDS.get(browser, {browser: browser})


class Unfixable(Exception):
    """One sentence saying what is wrong and what to do about it."""


class Step:
    """A command to run, what it does (printed before), and the sentence to end with if it fails."""

    def __init__(self, what, argv, failure):
        self.what, self.argv, self.failure = what, argv, failure

    def __repr__(self):
        return f"Step({self.what!r}, {self.argv!r})"


# --- what is there --------------------------------------------------------------------------------------------------

def setup_cfg(repo=REPO):
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(os.path.join(repo, "setup.cfg"), encoding="utf-8")
    return cfg


def requirements(extras=(), repo=REPO):
    """setup.cfg's install_requires plus the requirements of each extra, as strings."""
    cfg = setup_cfg(repo)

    def lines(value):
        return [line.split(" #")[0].strip() for line in value.splitlines()
                if line.strip() and not line.strip().startswith("#")]

    reqs = lines(cfg.get("options", "install_requires", fallback=""))
    for extra in extras:
        if not cfg.has_option("options.extras_require", extra):
            raise Unfixable(f"setup.cfg defines no extra named {extra!r} (its extras: "
                            f"{', '.join(cfg.options('options.extras_require')) or 'none'}).")
        reqs += lines(cfg.get("options.extras_require", extra))
    return reqs


def installed_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def unsatisfied(reqs):
    """The requirements (strings) that are not installed, or installed at a version they exclude."""
    try:
        from packaging.requirements import Requirement
    except ImportError:     # before anything is installed: presence is all that can be checked
        Requirement = None
    missing = []
    for text in reqs:
        if Requirement is None:
            name, specifier = re.split(r"[\s\[<>=!~;]", text, maxsplit=1)[0], None
        else:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate():
                continue
            name, specifier = req.name, req.specifier
        version = installed_version(name)
        if version is None or (specifier is not None and not specifier.contains(version, prereleases=True)):
            missing.append(text)
    return missing


def installed_from(repo=REPO):
    """True when `repo` is installed in editable mode: pip's direct_url.json of the distribution points at it."""
    name = setup_cfg(repo).get("metadata", "name")
    for dist in metadata.distributions(name=name):
        try:
            info = json.loads(dist.read_text("direct_url.json") or "{}")
        except ValueError:
            continue
        url = urlparse(info.get("url", ""))
        if (info.get("dir_info", {}).get("editable") and url.scheme == "file"
                and os.path.realpath(unquote(url.path)) == os.path.realpath(repo)):
            return True
    return False


def cuda_of(version_py):
    """The CUDA (or ROCm) version in the text of torch/version.py, None for a CPU build."""
    found = re.findall(r"^(?:cuda|hip)\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", version_py, flags=re.M)
    return found[0] if found else None


def torch_gpu_build():
    """cuda_of() the installed torch, read without importing torch."""
    spec = importlib.util.find_spec("torch")
    try:
        return cuda_of(open(os.path.join(spec.submodule_search_locations[0], "version.py"), encoding="utf-8").read())
    except (AttributeError, TypeError, IndexError, OSError):
        return None


def has_gpu():
    """An NVIDIA GPU the driver sees: `nvidia-smi -L` lists one."""
    if shutil.which("nvidia-smi") is None:
        return False
    try:
        out = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and "GPU" in out.stdout


def externally_managed():
    """True for a system Python whose pip refuses to install (PEP 668), outside any virtual environment."""
    import sysconfig
    return sys.prefix == sys.base_prefix and os.path.exists(os.path.join(sysconfig.get_path("stdlib"),
                                                                         "EXTERNALLY-MANAGED"))


def survey(extras=(), browser=None):
    """Everything plan() decides on, gathered from this environment."""
    torch = installed_version("torch")
    gpu_build = torch_gpu_build() if torch else None
    return dict(torch=torch, torch_gpu_build=gpu_build, gpu=bool(gpu_build) or has_gpu(),
                from_repo=installed_from(), unsatisfied=unsatisfied(requirements(extras)),
                pip=importlib.util.find_spec("pip") is not None, externally_managed=externally_managed(),
                root=hasattr(os, "geteuid") and os.geteuid() == 0, apt=shutil.which("apt-get") is not None,
                browser_found=browser is None or all(shutil.which(c) for c in browser_packages(browser)))


# --- what to do ------------------------------------------------------------------------------------------------------

def plan(state, extras=(), browser=None, python=sys.executable):
    """The steps that complete the environment ([] when nothing is missing), and notes to print.

    Raises Unfixable when something is missing that this script must not or cannot install.
    """
    steps, notes = [], []
    pip = [python, "-m", "pip", "install"]
    again = "fix that and run the same command again"
    if state["externally_managed"]:
        again = "this Python is managed by the system, so use a virtual environment (python3 -m venv .venv && " \
                ". .venv/bin/activate), then run the same command again"
    torch = state["torch"]
    too_old = [s for s in state["unsatisfied"] if re.match(r"torch\b", s)] if torch else []
    if too_old:
        raise Unfixable(f"The installed torch {torch} is older than the toolkit needs ({too_old[0]}) and is not "
                        f"replaced automatically: upgrade it with the build for your machine "
                        f"(pip install {CPU_TORCH} for the CPU build), then run the same command again.")
    if torch and state["gpu"] and not state["torch_gpu_build"]:
        notes.append(f"a GPU is present but torch {torch} is a CPU build, so training runs on the CPU; it is not "
                     f"replaced automatically: install torch's CUDA build to use the GPU.")
    if torch is None:
        req, why = ("torch", "its default build, the CUDA one on Linux (an NVIDIA GPU was found)") if state["gpu"] \
            else (CPU_TORCH, "the CPU build (no NVIDIA GPU found)")
        steps.append(Step(f"installing {req}, {why}", pip + [req],
                          f"Installing {req} with pip failed (its message is above): {again}."))
        torch = CPU_TORCH.split("==")[1] if req == CPU_TORCH else None
    missing = [s for s in state["unsatisfied"] if not re.match(r"torch\b", s)]
    if not state["from_repo"] or missing:
        target = "." + (f"[{','.join(extras)}]" if extras else "")
        why = f"missing: {', '.join(missing)}" if state["from_repo"] else "this checkout is not installed yet"
        pin = [f"torch=={torch}"] if torch else []      # holds the installed torch: a CUDA build is never replaced
        steps.append(Step(f"installing this checkout with pip install -e \"{target}\" ({why})",
                          pip + ["-e", target] + pin,
                          f"Installing this checkout with pip install -e \"{target}\" failed (pip's message is "
                          f"above): {again}."))
    if steps and not state["pip"]:
        raise Unfixable(f"pip is not available for {python}: install it (python3 -m ensurepip, or Debian's "
                        f"python3-pip package), then run the same command again.")
    if not state["browser_found"]:
        commands, packages = list(browser_packages(browser)), list(browser_packages(browser).values())
        named = " and ".join(f"`{p}`" for p in packages)
        by_hand = (f"install Debian's {named} by hand (sudo apt-get install {' '.join(packages)}), then run the same "
                   f"command again")
        if not (state["root"] and state["apt"]):
            raise Unfixable(f"The browser tests need {' and '.join(f'`{c}`' for c in commands)}, not all installed, "
                            f"which this script can only install as root with apt-get: {by_hand}.")
        failure = f"apt-get could not install {named} (its message is above): {by_hand}."
        steps.append(Step("updating apt-get's package lists", ["apt-get", "update"], failure))
        steps.append(Step(f"installing Debian's {named} for the browser tests",
                          ["apt-get", "install", "-y", "--no-install-recommends", *packages], failure))
    return steps, notes


def run(steps, cwd=REPO):
    """Runs the steps in order, with no stdin; the first that fails ends the run with its sentence."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in steps:
        print(f"ensure_env: {step.what}", flush=True)
        try:
            code = subprocess.run(step.argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL).returncode
        except OSError:
            code = 127
        if code != 0:
            raise Unfixable(step.failure)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extras", default="", help="comma-separated extras of setup.cfg, e.g. dev")
    parser.add_argument("--browser", default=None, help="a Debian package whose command the tests need, e.g. chromium")
    parser.add_argument("--dry-run", action="store_true", help="print what would be installed, install nothing")
    args = parser.parse_args(argv)
    extras = [e.strip() for e in args.extras.split(",") if e.strip()]
    try:
        if sys.version_info < (3, 9):
            raise Unfixable(f"Python {sys.version.split()[0]} is too old: the toolkit needs Python 3.9 or newer.")
        steps, notes = plan(survey(extras, args.browser), extras, args.browser)
        for note in notes:
            print(f"ensure_env: {note}", file=sys.stderr)
        if args.dry_run:
            print("\n".join(f"{s.what}: {' '.join(s.argv)}" for s in steps) or "nothing to install")
        else:
            run(steps)
    except Unfixable as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
