"""Every command the README shows, in its code blocks and inline: the toolkit's own commands parse with the real
options (a renamed flag cannot leave the docs behind), its Python blocks run against tiny exports, and every other
command is matched by SKIPPED below, which says in one line why it is not run here."""

import ast
import dataclasses
import os
import re
import shlex

import pytest
from PIL import Image

import toolkit.config
from conftest import REPO

# The recipes that take a toolkit command's options.
RECIPES = {"recipes/train_sprites.py": "train", "recipes/sample_sprites.py": "sample"}
PROGRAMS = ("python", "accelerate", "sprite-diffusion", "make", "pip", "pytest", "tensorboard", "hf", "apt-get")
# Commands the README shows that are not the toolkit's own (full match), and why this file does not run them.
SKIPPED = [
    (r"make( .*)?", "test_entry_points.py dry-runs the make targets and parses their ARGS examples"),
    (r"pip install .*", "installs packages from the network"),
    (r"apt-get install .*", "installs Debian packages"),
    (r"pytest( .*)?", "the test suite itself"),
    (r"tensorboard( .*)?", "TensorBoard's own command"),
    (r"hf auth login", "huggingface_hub's login needs the network"),
    (r"accelerate (launch|config)( --quiet)?", "accelerate's own commands, named in prose"),
    (r"(python|accelerate launch) -m benchmarks\.\w+( .*)?",
     "a benchmark trains or samples for minutes: only the script and its flags are checked"),
    (r"python recipes/(build_embedded_dataset|train_evaluator)\.py( .*)?",
     "rebuilds shipped data from a Debian package or by minutes of training: only the script and its flags are "
     "checked (test_data.py checks the embedded layout table)"),
]
# Exports the Python blocks load by name, and the shared tiny run (conftest.py) that stands in for each.
MODELS = {"sprite-ddpm": "tiny_export", "sprite-cond": "tiny_conditional_export", "my-lora": "tiny_lora"}


def readme():
    return open(os.path.join(REPO, "README.md"), encoding="utf-8").read()


def shown_commands():
    """Each line of the README's bash blocks and each inline code span that starts with a program, in order."""
    text = readme()
    found = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#"):
                found.append(" ".join(line.split()))
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`([^`]+)`", prose):
        words = re.sub(r"^([A-Z_]+=\S+\s+)+", "", " ".join(span.split()))  # FOO=1 cmd: the command is cmd
        if words.split(" ")[0] in PROGRAMS:
            found.append(" ".join(span.split()))
    return list(dict.fromkeys(found))


def toolkit_command(line):
    """(subcommand, args) when `line` runs the toolkit (console command or recipe), else None."""
    words = [w for w in shlex.split(line) if w != "..."]  # "..." stands for "the options above"
    for recipe, kind in RECIPES.items():
        if recipe in words:
            return kind, words[words.index(recipe) + 1:]
    if words[0] == "sprite-diffusion":
        return (words[1] if len(words) > 1 else None), words[2:]
    return None


def config_class(kind):
    # train -> TrainConfig, sample -> SampleConfig, ...: the console command's own naming (toolkit/cli.py).
    return getattr(toolkit.config, f"{kind.capitalize()}Config")


TOOLKIT = [(line, *toolkit_command(line)) for line in shown_commands() if toolkit_command(line)]
OTHERS = [line for line in shown_commands() if not toolkit_command(line)]


def test_readme_shows_commands():
    kinds = {kind for _, kind, _ in TOOLKIT}
    assert {"train", "sample", "export", "push", "eval", "dataset"} <= kinds
    assert OTHERS  # the parsing above still finds the other programs' commands


@pytest.mark.parametrize("line,kind,args", TOOLKIT, ids=[line for line, _, _ in TOOLKIT])
def test_readme_command_parses(line, kind, args, tmp_path, monkeypatch):
    if kind is None:  # `sprite-diffusion` named in prose
        return
    monkeypatch.chdir(tmp_path)
    if "--config" in args:  # the YAML file the command names, holding one real option
        (tmp_path / args[args.index("--config") + 1]).write_text("seed: 0\n")
    config_class(kind)  # a subcommand the README names exists
    if args or kind in ("train", "sample"):  # `sprite-diffusion dataset` in prose names the command, not a run
        toolkit.config.parse_config(config_class(kind), args)


@pytest.mark.parametrize("line", OTHERS)
def test_readme_command_not_run_here_is_skipped_for_a_reason(line):
    command = re.sub(r"^([A-Z_]+=\S+\s+)+", "", line)
    reasons = [reason for pattern, reason in SKIPPED if re.fullmatch(pattern, command)]
    assert reasons, f"the README shows `{line}`: parse it here or add it to SKIPPED with the reason"
    script = re.search(r"\brecipes/\S+\.py|-m benchmarks\.\w+", command)
    if script:  # a script or benchmark module this repository ships: it exists and takes the flags shown
        path = re.sub(r"^-m benchmarks\.(\w+)$", r"benchmarks/\1.py", script.group(0))
        source = open(os.path.join(REPO, path), encoding="utf-8").read()
        for flag in re.findall(r"(?<!\S)(--[\w-]+)", command.split(script.group(0), 1)[1]):
            assert f'"{flag}"' in source, f"{path} has no option {flag}"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", readme(), flags=re.S)


def runnable(block):
    """The block as run here: fewer sprites and steps per pipeline call (2 sprites, 4 steps), and every
    `expression  # literal` line, such as `pipe.labels  # ['creature', ...]`, turned into an assertion that the
    expression has that value."""
    block = re.sub(r"batch_size=\d+", "batch_size=2", block)
    block = re.sub(r"\]\s*\*\s*\d+", "] * 2", block)
    block = re.sub(r",\s*num_inference_steps=\d+", "", block)
    block = re.sub(r"\((batch_size|class_labels|context)=", r"(num_inference_steps=4, \1=", block)
    lines = []
    for line in block.splitlines():
        match = re.fullmatch(r"([\w.\[\]]+)\s+#\s*(.+?)\s*", line)
        if match:
            value = ast.literal_eval(match.group(2))
            line = f"assert {match.group(1)} == {value!r}, {match.group(1)}"
        lines.append(line)
    return "\n".join(lines)


def block_id(block):
    return "+".join(name for name in MODELS if f'"{name}"' in block)


@pytest.mark.parametrize("block", python_blocks(), ids=[f"{i}:{block_id(b)}" for i, b in enumerate(python_blocks(), 1)])
def test_readme_python_block_runs(block, request, tmp_path, monkeypatch):
    """Each Python block runs as shown, in a folder where the exports it names are tiny runs, and returns RGBA
    sprites (16x16 here) wherever it returns images."""
    names = block_id(block).split("+")
    assert names != [""], "a Python block that loads no known export: add it to MODELS"
    for name in names:
        os.symlink(request.getfixturevalue(MODELS[name]).output_dir, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    scope = {}
    exec(compile(runnable(block), "README.md", "exec"), scope)
    images = [img for value in scope.values() if isinstance(value, list) for img in value
              if isinstance(img, Image.Image)]
    assert images or "PeftModel" in block
    assert all(img.mode == "RGBA" and img.size == (16, 16) for img in images)


def config_defaults():
    """{option name: the set of its defaults across the toolkit's commands}, as strings."""
    found = {}
    for name in dir(toolkit.config):
        cls = getattr(toolkit.config, name)
        if name.endswith("Config") and dataclasses.is_dataclass(cls):
            for f in dataclasses.fields(cls):
                if f.default is not dataclasses.MISSING:
                    found.setdefault(f.name, set()).add(f.default)
    return found


def documented_defaults():
    """(option, default) for each option of the README's option tables whose default cell is a plain value
    (`x`, a number, on/off, none); cells in words ("the model's", "per sampler", "rank") are left to the prose."""
    rows = []
    tables = re.findall(r"^\| option \| default \|.*\n\|[-|]+\n((?:\|.*\n)+)", readme(), flags=re.M)
    for flags, cell in re.findall(r"^\| ((?:`--\w+`(?:, | / )?)+) \| ([^|]*) \|", "".join(tables), flags=re.M):
        names = re.findall(r"`--(\w+)`", flags)
        values = [v.strip() for v in re.split(r", | / ", cell.strip())]
        if len(values) != len(names):
            continue
        for name, value in zip(names, values):
            if re.fullmatch(r"`[^`\s<]+`|[\d.e+-]+|off|on|false|true|none|-", value):
                rows.append((name, value.strip("`")))
    return rows


def same_default(shown, real):
    words = {"off": False, "on": True, "false": False, "true": True, "none": None, "-": None}
    if shown.lower() in words:
        return words[shown.lower()] is real or str(real).lower() == shown.lower()
    if isinstance(real, (int, float)) and not isinstance(real, bool):
        try:
            return float(shown) == float(real)
        except ValueError:
            return False
    return shown == str(real)


def test_readme_option_tables_show_the_real_defaults():
    """A default changed in the code cannot leave the README's option tables behind (as `--scheduler`'s once did).
    An option whose code default is None ("decide at run time") may show what that decision gives."""
    defaults, rows = config_defaults(), documented_defaults()
    assert len(rows) > 20  # the tables are still found
    wrong = []
    for name, shown in rows:
        if name not in defaults:
            wrong.append(f"--{name}: documented, but no command has it")
        elif defaults[name] != {None} and not any(same_default(shown, real) for real in defaults[name]):
            wrong.append(f"--{name}: the README says {shown!r}, the code {sorted(map(str, defaults[name]))}")
    assert not wrong, "; ".join(wrong)
