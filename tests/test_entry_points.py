"""The README's two commands (`make train`, `make test`): the same ones CI and the Makefile run, and the install
helper behind them (scripts/ensure_env.py) decides right without installing anything here."""

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from toolkit.config import TrainConfig, parse_config

spec = importlib.util.spec_from_file_location("ensure_env", os.path.join(REPO, "scripts", "ensure_env.py"))
ensure_env = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ensure_env)


def read(*path):
    return open(os.path.join(REPO, *path), encoding="utf-8").read()


def commands(block):
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def quick_start():
    """The README's Quick start section: its first bash block's commands, and the section's text."""
    section = re.search(r"^## Quick start\n(.*?)(?=^## )", read("README.md"), flags=re.S | re.M).group(1)
    return commands(re.findall(r"```bash\n(.*?)```", section, flags=re.S)[0]), section


def ci_commands():
    return [c for c in commands(read(".ci", "run")) if not re.match(r"(set|cd) ", c)]


def test_readme_starts_with_two_commands_and_ci_runs_the_test_one():
    two, section = quick_start()
    assert len(two) == 2 and all(c.startswith("make ") for c in two), two
    assert ci_commands() == ["make test"] and "make test" in two
    assert "make train" in two
    targets = re.findall(r"^([\w-]+):", read("Makefile"), flags=re.M)
    assert {"train", "test"} <= set(targets)
    # the manual form follows the two commands, with the same CPU build of torch as the helper installs
    manual = section.split("```", 2)[2]
    for text in (f"pip install {ensure_env.CPU_TORCH}", 'pip install -e ".[dev,demo]"',
                 "apt-get install chromium chromium-driver", "accelerate launch recipes/train_sprites.py", "pytest"):
        assert text in manual


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_targets_install_then_run_their_job():
    def dry_run(*words):
        # As a user runs it: not inside another make (CI runs this suite under `make test`, whose MAKELEVEL and
        # MAKEFLAGS would add "Entering directory" lines).
        env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
        out = subprocess.run(["make", "--no-print-directory", "-n", *words], cwd=REPO, capture_output=True, text=True,
                             check=True, env=env).stdout
        return out.strip().splitlines()

    install, job = dry_run("train", "ARGS=--conditioning class --output_dir 'my dir'")
    assert "scripts/ensure_env.py" in install and "--browser" not in install
    assert shlex.split(job)[1:] == ["-m", "accelerate.commands.launch", "--quiet", "recipes/train_sprites.py",
                                    "--conditioning", "class", "--output_dir", "my dir"]
    install, job = dry_run("test", "ARGS=-k readme")
    # the test extras bring the demo's gradio and selenium; the browser test's chromium is on by default
    assert "scripts/ensure_env.py" in install and '"dev,demo"' in install and install.endswith("--browser chromium")
    assert shlex.split(job)[1:] == ["-m", "pytest", "-k", "readme"]
    install, _ = dry_run("test", "TEST_BROWSER=")
    assert "--browser" not in install


def test_readme_args_examples_parse():
    found = re.findall(r'make train ARGS="([^"]*)"', read("README.md"))
    assert found
    for args in found:
        parse_config(TrainConfig, shlex.split(args))


# --- scripts/ensure_env.py -------------------------------------------------------------------------------------------

COMPLETE = dict(torch="2.13.0+cpu", torch_gpu_build=None, gpu=False, from_repo=True, unsatisfied=[], pip=True,
                externally_managed=False, root=True, apt=True, browser_found=True)


def state(**changes):
    return dict(COMPLETE, **changes)


def argvs(steps):
    return [step.argv[3:] if step.argv[1:3] == ["-m", "pip"] else step.argv for step in steps]


def test_requirements_come_from_setup_cfg():
    base = ensure_env.requirements()
    assert any(r.startswith("torch") for r in base) and "pytest" not in base
    assert "pytest" in ensure_env.requirements(["dev"])
    with pytest.raises(ensure_env.Unfixable, match="no extra named 'nope'"):
        ensure_env.requirements(["nope"])


def test_nothing_to_do_when_everything_is_there():
    assert ensure_env.plan(state(), ["dev"]) == ([], [])


def test_no_gpu_no_torch_installs_the_cpu_build_first():
    steps, _ = ensure_env.plan(state(torch=None, from_repo=False, unsatisfied=["torch>=2.1", "pytest"]), ["dev"])
    assert argvs(steps) == [["install", "torch==2.13.0"], ["install", "-e", ".[dev]", "torch==2.13.0"]]


def test_gpu_no_torch_lets_pip_pick_the_default_cuda_build():
    steps, _ = ensure_env.plan(state(torch=None, gpu=True, unsatisfied=["torch>=2.1"]))
    assert argvs(steps) == [["install", "torch"]]


def test_an_installed_cuda_torch_is_held_while_the_package_installs():
    cuda = state(torch="2.5.1+cu121", torch_gpu_build="12.1", gpu=True, from_repo=False)
    steps, notes = ensure_env.plan(cuda)
    assert argvs(steps) == [["install", "-e", ".", "torch==2.5.1+cu121"]] and notes == []
    steps, _ = ensure_env.plan(state(torch="2.5.1+cu121", torch_gpu_build="12.1", unsatisfied=["flake8"]), ["dev"])
    assert argvs(steps) == [["install", "-e", ".[dev]", "torch==2.5.1+cu121"]]


def test_a_cpu_torch_on_a_gpu_machine_is_kept_with_a_note():
    steps, notes = ensure_env.plan(state(gpu=True))
    assert steps == [] and "CPU build" in notes[0]


def test_too_old_torch_is_not_replaced():
    with pytest.raises(ensure_env.Unfixable, match="not replaced automatically"):
        ensure_env.plan(state(torch="2.0.1", unsatisfied=["torch>=2.1"]))


def test_missing_pip_is_one_sentence():
    with pytest.raises(ensure_env.Unfixable, match="pip is not available"):
        ensure_env.plan(state(from_repo=False, pip=False))
    assert ensure_env.plan(state(pip=False)) == ([], [])      # not needed when nothing is missing


def test_browser_installed_by_apt_only_as_root():
    steps, _ = ensure_env.plan(state(browser_found=False), ["dev"], "chromium")
    # chromedriver comes with the browser, from Debian too: selenium then downloads no driver at test time
    assert argvs(steps) == [["apt-get", "update"],
                            ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"]]
    for cannot in (dict(root=False), dict(apt=False)):
        with pytest.raises(ensure_env.Unfixable, match=r"install Debian's `chromium` and `chromium-driver` by hand "
                                                       r"\(sudo apt-get install chromium chromium-driver\)"):
            ensure_env.plan(state(browser_found=False, **cannot), ["dev"], "chromium")
    steps, _ = ensure_env.plan(state(browser_found=False), ["dev"], "firefox")    # no driver known: the one package
    assert argvs(steps)[1][-1] == "firefox"


def test_a_failing_step_ends_with_its_sentence(capsys):
    ok = ensure_env.Step("doing nothing", [sys.executable, "-c", "pass"], "unused")
    bad = ensure_env.Step("failing", [sys.executable, "-c", "raise SystemExit(3)"], "It failed: do X.")
    never = ensure_env.Step("never run", ["no-such-command-here"], "unused")
    with pytest.raises(ensure_env.Unfixable, match="^It failed: do X.$"):
        ensure_env.run([ok, bad, never])
    assert "never run" not in capsys.readouterr().out
    with pytest.raises(ensure_env.Unfixable, match="^gone$"):
        ensure_env.run([ensure_env.Step("missing tool", ["no-such-command-here"], "gone")])


def test_gpu_build_is_read_from_torch_version_file():
    assert ensure_env.cuda_of("cuda: Optional[str] = None\nhip: Optional[str] = None\n") is None
    assert ensure_env.cuda_of("__version__ = '2.5.1+cu121'\ncuda: Optional[str] = '12.1'\n") == "12.1"
    assert ensure_env.cuda_of("cuda = None\nhip = '6.2.41133'\n") == "6.2.41133"


def test_editable_install_is_recognised_by_its_direct_url(tmp_path, monkeypatch):
    repo, other, site = tmp_path / "repo", tmp_path / "other", tmp_path / "site"
    for checkout in (repo, other):
        checkout.mkdir()
        (checkout / "setup.cfg").write_text("[metadata]\nname = fake-sprites\n")
    dist = site / "fake_sprites-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-sprites\nVersion: 0.1\n")
    monkeypatch.syspath_prepend(str(site))
    assert not ensure_env.installed_from(str(repo))
    (dist / "direct_url.json").write_text(json.dumps({"url": repo.as_uri(), "dir_info": {"editable": True}}))
    assert ensure_env.installed_from(str(repo))
    assert not ensure_env.installed_from(str(other))


def test_this_environment_needs_no_torch_step():
    """Where the tests run, torch is installed: the helper never plans to install or replace it."""
    steps, _ = ensure_env.plan(ensure_env.survey(["dev"]), ["dev"])
    assert not [step for step in steps if step.what.startswith("installing torch")]
    out = subprocess.run([sys.executable, "scripts/ensure_env.py", "--extras", "dev", "--dry-run"], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def test_a_mistake_under_the_launcher_is_one_sentence_with_quiet():
    """The README's trade-off: accelerate's launcher adds a CalledProcessError traceback after our sentence unless
    --quiet (as `make train` runs it), which exits 1; without the launcher the sentence comes alone with exit 2."""
    bad = ["recipes/train_sprites.py", "--train_data_dir", "no-such-folder"]
    runs = {name: subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300) for name, cmd in {
        "launcher": [sys.executable, "-m", "accelerate.commands.launch", *bad],
        "quiet": [sys.executable, "-m", "accelerate.commands.launch", "--quiet", *bad],
        "plain": [sys.executable, *bad]}.items()}
    for name, result in runs.items():
        assert "error: --train_data_dir no-such-folder does not exist" in result.stderr, name
    assert "CalledProcessError" in runs["launcher"].stderr
    for name in ("quiet", "plain"):
        assert "Traceback" not in runs[name].stderr, name
    assert (runs["quiet"].returncode, runs["plain"].returncode) == (1, 2)
