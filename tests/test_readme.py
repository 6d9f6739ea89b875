"""Every command the README shows parses with the real options: a renamed flag cannot leave the docs behind."""

import os
import re
import shlex

import pytest

from conftest import REPO
from toolkit.config import (DatasetConfig, EvalConfig, ExportConfig, PushConfig, SampleConfig, TrainConfig,
                            parse_config)

CONFIGS = {"train": TrainConfig, "sample": SampleConfig, "export": ExportConfig, "push": PushConfig,
           "eval": EvalConfig, "dataset": DatasetConfig}


def readme_commands():
    text = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    lines = " \n".join(blocks).replace("\\\n", " ").splitlines()
    commands = []
    for line in lines:
        line = line.split("  #")[0].strip()
        if "recipes/train_sprites.py" in line:
            args = shlex.split(line.split("recipes/train_sprites.py", 1)[1])
            commands.append(("train", args))
        elif line.startswith("sprite-diffusion "):
            words = shlex.split(line)
            commands.append((words[1], words[2:]))
    return commands


def test_readme_shows_commands():
    kinds = {kind for kind, _ in readme_commands()}
    assert {"train", "sample", "export", "push", "dataset"} <= kinds


@pytest.mark.parametrize("kind,args", readme_commands(), ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_readme_command_parses(kind, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = [a for a in args if a != "--config" and not a.endswith(".yaml")]
    parse_config(CONFIGS[kind], args)
