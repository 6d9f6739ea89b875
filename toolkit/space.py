"""`sprite-diffusion space`: a Hugging Face Space folder that serves the browser demo for one model on the Hub.

The folder holds `README.md` (the Space's metadata: `sdk: gradio`, its title, `app_file`, the model linked),
`app.py` (loads the model by its Hub id through `toolkit.demo_app.build_demo`) and `requirements.txt` (the toolkit's
dependencies, each with a lower bound). The toolkit itself reaches the Space one of two ways:

- by default its Python code is copied into the folder as `toolkit/`, so the Space needs no published package and
  runs the very version that wrote it;
- with `--toolkit_requirement LINE` that pip line (e.g. a `git+https` URL of your fork) goes into requirements.txt
  instead, and no copy is made.

`sprite-diffusion push --folder my-space --hub_model_id you/name --repo_type space` uploads it.
"""

import configparser
import importlib.metadata as metadata
import os
import shutil
from string import Template

import yaml

from . import __version__
from .errors import SpriteError
from .export import replace_folder

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(PACKAGE_DIR, "templates")
DISTRIBUTION = "sprite-diffusion-toolkit"
# What marks a folder as written by this command, so rewriting it never overwrites someone's own app.
APP_MARKER = "Written by `sprite-diffusion space"
# The demo's own extra: gradio (setup.cfg's [demo]); the Space's SDK version follows it.
DEMO_EXTRA = "demo"


def toolkit_requirements():
    """The toolkit's requirements and its demo extra's, as pip lines, read from the checkout's setup.cfg where this
    code runs from a checkout (always current), else from the installed package's metadata."""
    setup_cfg = os.path.join(os.path.dirname(PACKAGE_DIR), "setup.cfg")
    if os.path.isfile(setup_cfg):
        cfg = configparser.ConfigParser(interpolation=None)
        cfg.read(setup_cfg, encoding="utf-8")
        text = cfg.get("options", "install_requires", fallback="") + "\n" + \
            cfg.get("options.extras_require", DEMO_EXTRA, fallback="")
        return [line.split(" #")[0].strip() for line in text.splitlines()
                if line.strip() and not line.strip().startswith("#")]
    try:
        declared = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        raise SpriteError(f"Cannot tell which packages the Space needs: the toolkit is neither a checkout nor "
                          f"installed; install it with pip install -e \".[{DEMO_EXTRA}]\".") from None
    lines = []
    for line in declared:
        requirement, _, marker = line.partition(";")
        if not marker.strip() or f'extra == "{DEMO_EXTRA}"' in marker.replace("'", '"'):
            lines.append(requirement.strip())
    return lines


def with_lower_bound(requirement):
    """`requirement` as is where it has a version bound, else with `>=` the installed version: a Space built later
    gets nothing older than what wrote it."""
    from packaging.requirements import Requirement

    req = Requirement(requirement)
    if req.specifier or req.url:
        return requirement
    try:
        return f"{requirement}>={metadata.version(req.name)}"
    except metadata.PackageNotFoundError:
        raise SpriteError(f"{req.name}, which the demo needs, is not installed; install it with pip install -e "
                          f"\".[{DEMO_EXTRA}]\" and run the same command again.") from None


def requirements_txt(toolkit_requirement=None):
    """The Space's requirements.txt: the toolkit line (when given), then every dependency with a lower bound."""
    lines = [toolkit_requirement.strip()] if toolkit_requirement else []
    lines += [with_lower_bound(r) for r in toolkit_requirements()]
    return "\n".join(lines) + "\n"


def gradio_version(requirements):
    """The gradio version for the Space's `sdk_version`: the installed one (the one tested), else the lower bound."""
    try:
        return metadata.version("gradio")
    except metadata.PackageNotFoundError:
        from packaging.requirements import Requirement

        for line in requirements:
            req = Requirement(line)
            for spec in req.specifier if req.name == "gradio" else ():
                if spec.operator in (">=", "=="):
                    return spec.version
    raise SpriteError(f"Cannot tell which gradio the Space runs: it is not installed and setup.cfg's [{DEMO_EXTRA}] "
                      f"extra gives no lower bound; install it with pip install -e \".[{DEMO_EXTRA}]\".")


def readme(model, title, sdk_version, bundled):
    """README.md: the Space's YAML metadata, then a few lines for people."""
    meta = {"title": title, "emoji": "\U0001F47E", "colorFrom": "indigo", "colorTo": "purple", "sdk": "gradio",
            "sdk_version": sdk_version, "app_file": "app.py", "pinned": False, "license": "apache-2.0",
            "models": [model]}
    toolkit = (f"Its folder `toolkit/` is a copy of the toolkit's code, version {__version__} (Apache-2.0)."
               if bundled else "requirements.txt installs the toolkit.")
    body = Template(_read_template("space_README.md.tmpl")).substitute(title=title, model=model, toolkit=toolkit)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n{body}"


def check_space_dir(output_dir):
    """Refuse an --output_dir that holds anything but an earlier Space from this command, so nothing is lost."""
    if not os.path.exists(output_dir):
        return
    if not os.path.isdir(output_dir):
        raise SpriteError(f"--output_dir {output_dir} is a file; choose a new or empty folder for the Space.")
    app = os.path.join(output_dir, "app.py")
    if os.path.isfile(app):
        with open(app, encoding="utf-8", errors="replace") as f:
            if APP_MARKER in f.read():
                return
        raise SpriteError(f"--output_dir {output_dir} holds an app.py that `sprite-diffusion space` did not write; "
                          f"choose a new or empty --output_dir so your app is not overwritten.")
    if os.listdir(output_dir):
        raise SpriteError(f"--output_dir {output_dir} already exists and is not a Space folder; choose a new or empty "
                          f"--output_dir so nothing of yours is overwritten.")


def copy_toolkit(target):
    """The toolkit's Python files (no data, no caches) into `target`, a package folder the Space imports."""

    def write(tmp):
        for root, dirs, files in os.walk(PACKAGE_DIR):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    dest = os.path.join(tmp, os.path.relpath(root, PACKAGE_DIR))
                    os.makedirs(dest, exist_ok=True)
                    shutil.copy2(os.path.join(root, name), os.path.join(dest, name))

    replace_folder(target, write, "the toolkit's copy", "--output_dir")


def write_space(model, output_dir, title=None, toolkit_requirement=None):
    """Write (or rewrite) the Space folder for the Hub model `model`; returns `output_dir`.

    Files other than the ones written here (a clone's .git, say) are left as they are.
    """
    check_space_dir(output_dir)
    reqs = toolkit_requirements()
    title = title or model.split("/")[1]
    bundled = not toolkit_requirement
    files = {
        "README.md": readme(model, title, gradio_version(reqs), bundled),
        "app.py": Template(_read_template("space_app.py.tmpl")).substitute(model=model),
        "requirements.txt": requirements_txt(toolkit_requirement),
    }
    try:
        os.makedirs(output_dir, exist_ok=True)
        for name, text in files.items():
            with open(os.path.join(output_dir, name), "w", encoding="utf-8") as f:
                f.write(text)
    except OSError as err:
        raise SpriteError(f"Could not write the Space to {output_dir} ({err}); free disk space or pick another "
                          f"--output_dir.") from None
    toolkit_copy = os.path.join(output_dir, "toolkit")
    if bundled:
        copy_toolkit(toolkit_copy)
    else:
        # A copy left from an earlier run would shadow the installed toolkit, as app.py's folder comes first.
        shutil.rmtree(toolkit_copy, ignore_errors=True)
    return output_dir


def _read_template(name):
    with open(os.path.join(TEMPLATES, name), encoding="utf-8") as f:
        return f.read()
