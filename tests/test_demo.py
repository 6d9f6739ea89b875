"""The browser demo without a browser: its checks, its sampling (the `sample` command's), its downloads, its handlers'
answers to bad input, the `demo` and `space` commands, and pushing a Space to the fake Hub."""

import io
import os
import re
import socket
import subprocess
import sys
import zipfile

import numpy as np
import pytest
import yaml
from PIL import Image

from conftest import write_tiny_export
from toolkit import demo as demo_module
from toolkit.cli import main
from toolkit.config import DemoConfig, SpaceConfig, parse_config
from toolkit.demo import EVERY_CLASS, Frame, Result, Settings, SpriteDemo, check, load
from toolkit.errors import SpriteError
from toolkit.palette import from_hex, read_format
from toolkit.sampling import generate, pipeline_for

LABELS = ["creature", "hero", "item", "food", "spell"]
TOKEN = "hf_DeMoSeCrEt0123456789"


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """(conditional RGBA export with a palette, unconditional RGB export without one)."""
    root = tmp_path_factory.mktemp("demo-models")
    return (write_tiny_export(root / "cond", labels=LABELS, rgba=True, palette=True),
            write_tiny_export(root / "plain"))


@pytest.fixture(scope="module")
def app(models, tmp_path_factory):
    return SpriteDemo(models[0], upscale=4, workdir=str(tmp_path_factory.mktemp("demo-work")))


@pytest.fixture
def handlers(app):
    gr = pytest.importorskip("gradio")
    from toolkit.demo_app import DemoHandlers

    return DemoHandlers(app, gr)


def finished(app, name, **settings):
    """The Result of sampling `name` with a few steps and these settings (frames are dropped)."""
    events = list(app.run(name, Settings(**dict(dict(steps=2, num_images=4), **settings))))
    assert isinstance(events[-1], Result) and all(isinstance(e, Frame) for e in events[:-1])
    return events[-1]


# --- bad input: one sentence each ----------------------------------------------------------------------------------

@pytest.mark.parametrize("steps", [0, 1001, -3, 2.5, "many", float("nan")])
def test_steps_outside_1_to_1000(app, steps):
    settings = Settings(steps=steps, label="hero")
    with pytest.raises(SpriteError, match=r"^Steps must be a whole number from 1 to 1000, got .*; pick one in that "
                                          r"range\.$"):
        check(app.default, settings)


def test_labels_for_an_unconditional_model(app, models):
    plain = app.model(models[1])
    for settings in (Settings(label="hero"), Settings(condition="blend", blend=[1.0]), Settings(blend=[0.5])):
        with pytest.raises(SpriteError, match=r"is an unconditional model: it takes no class or blend; clear them"):
            check(plain, settings)
    assert check(plain, Settings(num_images=3)).class_labels is None


def test_a_blend_of_all_zeros(app):
    with pytest.raises(SpriteError, match=r"^A blend of all zeros asks for no class at all; raise at least one"):
        check(app.default, Settings(condition="blend", blend=[0, 0, 0, 0, 0]))
    with pytest.raises(SpriteError, match=r"one weight per class \(creature, hero, item, food, spell\): 5 numbers, "
                                          r"got 2"):
        check(app.default, Settings(condition="blend", blend=[1, 0]))
    with pytest.raises(SpriteError, match="Blend weights must be 0 or more"):
        check(app.default, Settings(condition="blend", blend=[1, -1, 0, 0, 0]))


def test_other_settings_are_checked(app):
    for settings, message in [(Settings(label="dragon"), r"Unknown class 'dragon'; pick one of creature, hero"),
                              (Settings(scheduler="euler"), "Sampler must be one of ddpm, ddim"),
                              (Settings(seed=-1), "The seed must be a whole number from 0 to 4294967295"),
                              (Settings(num_images=0), "The number of sprites must be a whole number from 1 to 64"),
                              (Settings(guidance_scale=-1), "The guidance scale must be 0 or more"),
                              (Settings(steps=51, label="hero"), "Steps must be at most 50 for .*, which was trained "
                                                                 "with 50 noise steps; pick 50 or fewer"),
                              (Settings(label=EVERY_CLASS, num_images=20), "makes 100 sprites, more than 64; lower "
                                                                           "the number of sprites to 12 or less"),
                              (Settings(label="hero", background="solid", colour="no colour"), "is not a colour")]:
        with pytest.raises(SpriteError, match=message):
            check(app.default, settings)


def test_a_model_that_does_not_load_names_itself_and_why(tmp_path, app, monkeypatch):
    (tmp_path / "notes").mkdir()
    for name, why in [(str(tmp_path / "notes"), "is not an exported pipeline"),
                      ("not-a-model", "is neither a folder nor a Hub id"),
                      ("", "No model given")]:
        with pytest.raises(SpriteError, match=why) as err:
            app.model(name)
        assert name in str(err.value)
    broken = tmp_path / "broken"
    write_tiny_export(broken)
    (broken / "unet" / "diffusion_pytorch_model.safetensors").write_bytes(b"not weights")
    with pytest.raises(SpriteError, match=rf"^Could not load (a pipeline from )?{re.escape(str(broken))} \(\w+"):
        load(str(broken))
    # whatever else fails below diffusers is named too, and the app goes on
    monkeypatch.setattr(demo_module, "load_model", lambda name: (_ for _ in ()).throw(RuntimeError("bad header\nx")))
    with pytest.raises(SpriteError, match=rf"^Could not load {re.escape(str(broken))} \(RuntimeError: bad header\); "
                                          rf"check that it is an export"):
        load(str(broken))


# --- the handlers: a sentence in the app, and the app goes on --------------------------------------------------------

def test_handlers_answer_bad_input_with_a_sentence_and_go_on(handlers, app, models):
    base = [app.default.name, "ddpm", 2, 0, 2, True, "transparent", "#000000"]
    cases = [(base[:2] + [0] + base[3:] + ["class", "hero", 2.0], "Steps must be a whole number from 1 to 1000"),
             (base[:2] + [1001] + base[3:] + ["class", "hero", 2.0], "Steps must be a whole number from 1 to 1000"),
             (base + ["blend", "hero", 2.0, 0, 0, 0, 0, 0], "A blend of all zeros"),
             ([models[1]] + base[1:] + ["class", "hero", 2.0], "is an unconditional model")]
    for args, message in cases:
        with pytest.warns(UserWarning, match=message):
            answers = list(handlers.generate(*args))
        assert len(answers) == 1 and message in answers[0][-1]
        assert all(a == {"__type__": "update"} for a in answers[0][:-1])  # the last good results stay on screen
    answers = list(handlers.generate(*base, "blend", "hero", 2.0, 0.2, 0.8, 0, 0, 0))
    animation, gallery, sheet, archive, status = answers[-1]
    assert len(gallery) == 2 and status.startswith("2 sprites of a blend (creature 0.2, hero 0.8), ddpm 2 steps")
    assert animation.endswith(".gif") and sheet.interactive and archive.interactive
    # an unconditional RGB model's controls: no class, blend or guidance, no palette to snap to
    *_, gallery, _, _, status = list(handlers.generate(models[1], "ddim", 2, 3, 3, False, "transparent", "#000000"))[-1]
    assert len(gallery) == 3 and gallery[0].size == (64, 64)
    assert status.startswith("3 sprites, ddim 2 steps, seed 3, raw colours")


def test_loading_a_model_in_the_app(handlers, models, tmp_path):
    with pytest.warns(UserWarning, match="is neither a folder nor a Hub id"):
        state, status = handlers.load("nope")
    assert state == {"__type__": "update"} and "nope is neither a folder nor a Hub id" in status
    state, status = handlers.load(models[1])
    assert state == models[1] and status.startswith(f"Loaded {models[1]}: 16x16 RGB sprites, unconditional")
    # the sampler's own step count, at most the model's 50 noise steps
    assert handlers.steps_for("dpmsolver++", models[1]) == 20 and handlers.steps_for("ddpm", models[1]) == 50
    assert 0 <= handlers.new_seed() <= demo_module.MAX_SEED


# --- sampling: the `sample` command's, streamed, with its downloads ------------------------------------------------

def test_the_demo_samples_what_sample_samples(app, models):
    result = finished(app, models[0], label="food", seed=7, guidance_scale=1.5)
    pipe, _ = pipeline_for(models[0], "ddpm")
    expected = generate(pipe, 4, 2, 7, ["food"] * 4, None, 1.5)
    assert np.array_equal(result.images, expected)


def test_frames_stream_before_the_sprites(app, monkeypatch):
    monkeypatch.setattr(demo_module, "FRAME_INTERVAL_S", 0.0)
    steps = 5
    events = list(app.run(app.default.name, Settings(steps=steps, num_images=3, label=EVERY_CLASS)))
    frames, result = events[:-1], events[-1]
    assert frames and all(isinstance(f, Frame) and f.steps == steps for f in frames)
    assert [f.step for f in frames] == sorted(f.step for f in frames)
    # one row per class, upscaled 4x: 3 sprites of 16 px plus 1 px padding each side, times 4
    assert frames[-1].image.size == ((3 * 17 + 1) * 4, (5 * 17 + 1) * 4)
    with Image.open(result.animation) as gif:
        assert gif.n_frames == steps
    assert len(result.gallery) == 15 and "of every class" in result.summary


def test_gallery_sheet_and_zip(app):
    result = finished(app, app.default.name, label="hero", num_images=5)
    assert result.images.shape == (5, 16, 16, 4)
    for big, small in zip(result.gallery, result.images):
        # NEAREST: every sprite pixel becomes a 4x4 block, nothing blended
        assert big.size == (64, 64) and np.array_equal(np.asarray(big), small.repeat(4, 0).repeat(4, 1))
    with Image.open(result.sheet) as sheet:
        assert sheet.mode == "RGBA" and sheet.size == (3 * 16, 2 * 16)
        assert np.array_equal(np.asarray(sheet)[:16, 16:32], result.images[1])
    with zipfile.ZipFile(result.archive) as zf:
        names = zf.namelist()
        assert names == [f"{i:04d}.png" for i in range(5)]
        assert np.array_equal(np.asarray(Image.open(io.BytesIO(zf.read("0004.png")))), result.images[4])


def test_palette_snapping_on_and_off(app, models):
    palette = {tuple(c) for c in from_hex(read_format(models[0])["palette"], "test")}
    snapped = finished(app, models[0], label="item", num_images=8, snap_to_palette=True).images
    raw = finished(app, models[0], label="item", num_images=8, snap_to_palette=False).images
    opaque = snapped[..., 3] == 255
    assert opaque.any() and {tuple(c) for c in snapped[..., :3][opaque]} <= palette
    assert not {tuple(c) for c in raw[..., :3][raw[..., 3] == 255]} <= palette


def test_solid_background(app):
    clear = finished(app, app.default.name, label="spell", num_images=6)
    solid = finished(app, app.default.name, label="spell", num_images=6, background="solid",
                     colour="rgba(10, 200, 30, 1)")
    assert solid.images.shape == (6, 16, 16, 3)
    see_through = clear.images[..., 3] == 0
    assert see_through.any() and (solid.images[see_through] == (10, 200, 30)).all()
    with Image.open(solid.sheet) as sheet:
        assert sheet.mode == "RGB"


def test_closing_the_stream_stops_the_sampling(app, monkeypatch):
    monkeypatch.setattr(demo_module, "FRAME_INTERVAL_S", 0.0)
    events = app.run(app.default.name, Settings(steps=50, num_images=2, label="hero"))
    assert isinstance(next(events), Frame)
    events.close()
    # the sampling lock is free again at once (the worker stops at its next step), so the next run is not held up
    assert isinstance(finished(app, app.default.name, label="hero"), Result)


# --- the commands ---------------------------------------------------------------------------------------------------

def test_demo_without_gradio_says_how_to_install_it(monkeypatch, capsys, models):
    monkeypatch.setitem(sys.modules, "gradio", None)  # import gradio now raises ImportError
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--model", models[0]])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err == ('error: The demo needs gradio, which is not installed; install it with pip install -e ".[demo]" '
                   '(or pip install "sprite-diffusion-toolkit[demo]").')


def test_demo_with_a_model_that_does_not_load_is_a_cli_error(tmp_path, capsys):
    pytest.importorskip("gradio")
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--model", str(tmp_path / "missing")])
    assert exit_info.value.code == 2
    assert f"error: {tmp_path / 'missing'} is neither a folder nor a Hub id" in capsys.readouterr().err


def test_demo_options():
    cfg = parse_config(DemoConfig, [])
    assert (cfg.host, cfg.share, cfg.port) == ("127.0.0.1", False, None)  # loopback, no public link
    for args, message in [(["--num_inference_steps", "1001"], "from 1 to 1000"), (["--num_images", "65"], "1 to 64"),
                          (["--scheduler", "euler"], "must be one of"), (["--port", "0"], "from 1 to 65535")]:
        with pytest.raises(SpriteError, match=message):
            parse_config(DemoConfig, args)


def test_the_app_starts_on_loopback_without_calling_out(models, monkeypatch):
    pytest.importorskip("gradio")
    from toolkit.demo_app import start

    calls = []
    loopback = ("127.0.0.1", "localhost", "::1", "0.0.0.0", None, "")
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in loopback:
            calls.append(address)
            raise OSError("the demo must not call out")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in loopback and not str(host).startswith("127."):
            calls.append(host)
            raise socket.gaierror("the demo must not call out")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    blocks, url = start(DemoConfig(model=models[0], port=_free_port()))
    try:
        import httpx

        assert url.startswith("http://127.0.0.1:") and blocks.share is False
        assert httpx.get(url, timeout=30).status_code == 200
    finally:
        blocks.close()
    assert calls == []


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the Space ------------------------------------------------------------------------------------------------------

def front_matter(path):
    text = open(path, encoding="utf-8").read()
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1]), text


def test_space_folder(tmp_path, capsys):
    out = tmp_path / "my-space"
    assert main(["space", "--model", "me/sprites", "--output_dir", str(out), "--title", "Sprites: a demo"]) == 0
    assert "--repo_type space" in capsys.readouterr().out
    meta, text = front_matter(out / "README.md")
    assert meta["sdk"] == "gradio" and meta["app_file"] == "app.py" and meta["models"] == ["me/sprites"]
    assert meta["title"] == "Sprites: a demo" and meta["sdk_version"]
    assert "[me/sprites](https://huggingface.co/me/sprites)" in text
    app = (out / "app.py").read_text()
    assert 'MODEL = "me/sprites"' in app and "build_demo(MODEL, model_picker=False)" in app
    compile(app, "app.py", "exec")
    requirements = (out / "requirements.txt").read_text().splitlines()
    names = [line.split(">=")[0] for line in requirements]
    assert all(">=" in line for line in requirements)  # every dependency has a lower bound
    assert {"torch", "diffusers", "gradio", "numpy"} <= set(names)
    assert os.path.isfile(out / "toolkit" / "demo_app.py") and os.path.isfile(out / "toolkit" / "__init__.py")
    assert not os.path.exists(out / "toolkit" / "sprites") and not any(
        "__pycache__" in root for root, _, _ in os.walk(out))


def test_space_with_a_toolkit_requirement_and_rewrites(tmp_path):
    out = tmp_path / "space"
    main(["space", "--model", "me/sprites", "--output_dir", str(out)])
    (out / ".git").mkdir()  # a clone of the Space: rewriting must keep it
    line = "sprite-diffusion-toolkit[demo] @ git+https://example.invalid/me/sprite-toolkit@v0.1.0"
    main(["space", "--model", "me/other", "--output_dir", str(out), "--toolkit_requirement", line])
    assert (out / "requirements.txt").read_text().splitlines()[0] == line
    assert not os.path.exists(out / "toolkit") and os.path.isdir(out / ".git")
    assert front_matter(out / "README.md")[0]["models"] == ["me/other"]


def test_space_refuses_bad_input(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "app.py").write_text("print('my own app')")
    for args, message in [([], "--model is required"), (["--model", "not a repo"], "is not a valid Hub id"),
                          (["--model", "me/x", "--output_dir", str(tmp_path / "mine")], "is not a Space folder"),
                          (["--model", "me/x", "--output_dir", str(tmp_path / "app")], "did not write"),
                          (["--model", "me/x", "--toolkit_requirement", " "], "one pip requirement line")]:
        with pytest.raises(SpriteError, match=message):
            from toolkit.commands import space_command

            space_command(parse_config(SpaceConfig, args))
    assert (tmp_path / "app" / "app.py").read_text() == "print('my own app')"


def test_the_space_runs_its_own_copy_of_the_toolkit(tmp_path):
    out = tmp_path / "space"
    main(["space", "--model", "me/sprites", "--output_dir", str(out)])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # app.py's folder comes first on sys.path, so its copy wins over any installed toolkit
    code = "import importlib.util as u; print(u.find_spec('toolkit').origin, u.find_spec('toolkit.demo_app').origin)"
    found = subprocess.run([sys.executable, "-c", code], cwd=out, env=env, capture_output=True, text=True,
                           timeout=120)
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == [str(out / "toolkit" / "__init__.py"), str(out / "toolkit" / "demo_app.py")]


def test_push_a_space(hub, tmp_path, models):
    out = tmp_path / "space"
    main(["space", "--model", "me/sprites", "--output_dir", str(out)])
    (out / "toolkit" / "__pycache__").mkdir()
    (out / "toolkit" / "__pycache__" / "demo.cpython-311.pyc").write_bytes(b"bytecode")
    assert main(["push", "--folder", str(out), "--hub_model_id", "me/sprites-demo", "--repo_type", "space",
                 "--hub_endpoint", hub.url, "--hub_token", TOKEN]) == 0
    repo = hub.repos["me/sprites-demo"]
    assert repo["type"] == "space" and repo["sdk"] == "gradio"
    files = set(hub.files("me/sprites-demo"))
    assert {"README.md", "app.py", "requirements.txt", "toolkit/demo_app.py"} <= files
    assert not [f for f in files if "__pycache__" in f or f.endswith(".pyc")]
    with pytest.raises(SpriteError, match=r"is not a Space folder \(no app\.py\); make one with `sprite-diffusion "
                                          r"space`"):
        main.__wrapped__(["push", "--folder", models[0], "--hub_model_id", "me/x", "--repo_type", "space",
                          "--hub_endpoint", hub.url, "--hub_token", TOKEN])
    with pytest.raises(SystemExit):
        main(["push", "--folder", str(out), "--hub_model_id", "me/x", "--repo_type", "notebook"])
